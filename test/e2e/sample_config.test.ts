import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../pipeline/run/ledger.js';
import { REPO, sieve } from '../helpers/cli.js';
import { readShardDir } from '../helpers/shards.js';

describe('configs/sample.yaml, the README’s main job', () => {
  it('runs to the end on the bundled data and writes the doc shards the ledger lists', async () => {
    const runDir = path.join(mkdtempSync(path.join(tmpdir(), 'sieve-sample-')), 'run');
    const run = await sieve(['run', path.join(REPO, 'configs', 'sample.yaml'), '--run-dir', runDir]);
    expect(run.stderr).not.toMatch(/sieve:/);
    expect(run.code).toBe(0);
    const docs = await readShardDir(path.join(runDir, 'docs'));
    const ledger = Ledger.open(runDir);
    const rows = ledger.shards('docs').reduce((n, s) => n + s.rows, 0);
    ledger.close();
    expect(docs.length).toBeGreaterThan(0);
    expect(rows).toBe(docs.length);
  });
});
