import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiskFullError } from '../../../pipeline/run/disk_full.js';
import { Ledger } from '../../../pipeline/run/ledger.js';
import { mountTmpfs, unmountTmpfs } from '../../helpers/tmpfs.js';

const disk = path.join(mkdtempSync(path.join(tmpdir(), 'sieve-ledger-')), 'disk');
const cannotMount = mountTmpfs(disk, '256k');

afterAll(() => {
  if (!cannotMount) unmountTmpfs(disk);
});

describe.skipIf(cannotMount)(`the ledger on a full disk${cannotMount ? ` (skipped: ${cannotMount})` : ''}`, () => {
  it('a full disk while writing the ledger is one DiskFullError naming the file system, not a SqliteError', () => {
    // Fill the file system, then let the ledger try to write its first pages.
    try {
      writeFileSync(path.join(disk, 'filler'), Buffer.alloc(512 * 1024));
    } catch {
      // ENOSPC once it is full: what the test wants.
    }
    expect(() => Ledger.open(disk)).toThrow(DiskFullError);
    expect(() => Ledger.open(disk)).toThrow(
      new RegExp(`^no space left on the file system at ${disk} \\(writing ${disk}/ledger\\.sqlite: .*\\): free space there`),
    );
  });
});
