import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ledger, type ShardRow } from '../../pipeline/run/ledger.js';
import { REPO, sieve } from '../helpers/cli.js';

async function runSample(runDir: string): Promise<ShardRow[]> {
  const run = await sieve(['run', path.join(REPO, 'configs', 'sample.yaml'), '--run-dir', runDir]);
  expect(run.stderr).not.toMatch(/sieve:/);
  expect(run.code).toBe(0);
  const ledger = Ledger.open(runDir);
  const shards = ledger.shards();
  ledger.close();
  return shards;
}

describe('output under machine load', () => {
  it('writes byte-identical shards for the sample on an idle machine and beside two busy loops', async () => {
    const base = mkdtempSync(path.join(tmpdir(), 'sieve-load-'));
    const idleDir = path.join(base, 'idle');
    const busyDir = path.join(base, 'busy');
    const idle = await runSample(idleDir);
    const loops = [0, 1].map(() => spawn(process.execPath, ['-e', 'for (;;);'], { stdio: 'ignore' }));
    let busy: ShardRow[];
    try {
      busy = await runSample(busyDir);
    } finally {
      for (const loop of loops) loop.kill('SIGKILL');
    }
    // Every output the ledger catalogs: doc and token shards, intermediates, barrier files, rejects.
    const entries = (shards: ShardRow[]) => shards.map(({ path, kind, rows, bytes, sha256 }) => ({ path, kind, rows, bytes, sha256 }));
    expect(entries(busy)).toEqual(entries(idle));
    expect(idle.filter((s) => s.kind === 'docs').length).toBeGreaterThan(0);
    expect(idle.filter((s) => s.kind === 'tokens').length).toBeGreaterThan(0);
    for (const shard of idle) {
      const same = readFileSync(path.join(busyDir, shard.path)).equals(readFileSync(path.join(idleDir, shard.path)));
      expect(same, shard.path).toBe(true);
    }
  });
});
