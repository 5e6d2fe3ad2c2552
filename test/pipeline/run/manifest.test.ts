import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, sieve } from '../../helpers/cli.js';

const SAMPLE = path.join(REPO, 'test', 'e2e', 'engine.yaml');

describe('the run dir a run claims', () => {
  it('refuses a non-empty folder that is not a Sieve run dir, writing nothing into it', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'sieve-notes-'));
    writeFileSync(path.join(folder, 'notes.txt'), 'my own files\n');
    mkdirSync(path.join(folder, 'photos'));
    const result = await sieve(['run', SAMPLE, '--run-dir', folder, '--tasks', '2']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^sieve: ${folder} is not empty and is not a Sieve run dir \\(no sieve.json\\)`));
    expect(readdirSync(folder).sort()).toEqual(['notes.txt', 'photos']);
  });

  it('takes an empty folder as a new run dir', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'sieve-empty-'));
    const result = await sieve(['run', SAMPLE, '--run-dir', folder, '--tasks', '2']);
    expect(result.code).toBe(0);
    expect(readdirSync(folder)).toContain('sieve.json');
  });
});
