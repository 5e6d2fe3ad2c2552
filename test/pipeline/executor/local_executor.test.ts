import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../../pipeline/run/ledger.js';
import { sieve } from '../../helpers/cli.js';
import { writeShard } from '../../helpers/shards.js';

describe('local executor', () => {
  it('retries a failing task, then fails the run naming the task and its error, keeping the others’ output', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sieve-retry-'));
    for (const [i, text] of ['alpha', 'beta', 'gamma'].entries())
      await writeShard(path.join(dir, `in-${i}.arrow`), [{ id: text, text, meta: {} }]);
    const runDir = path.join(dir, 'run');
    const config = path.join(dir, 'p.yaml');
    writeFileSync(
      config,
      `name: retry\nrun_dir: ${runDir}\ninput:\n  arrow: { paths: ["${dir}/in-*.arrow"], meta: {} }\nstages:\n  - exact_dedup: {}\n  - write: {}\nexecutor: { local: { tasks: 3, workers: 2, retries: 1 } }\n`,
    );
    expect((await sieve(['run', config])).code).toBe(0);
    // Task 1 of the last phase will find its upstream shard damaged: it fails however often it is tried.
    const handoff = path.join(runDir, 'intermediate', 'p0', '00001.arrow');
    const bytes = readFileSync(handoff);
    bytes[bytes.indexOf('beta')]! ^= 0x20;
    writeFileSync(handoff, bytes);
    rmSync(path.join(runDir, 'tasks', 'p2'), { recursive: true });
    rmSync(path.join(runDir, 'docs'), { recursive: true });
    rmSync(path.join(runDir, 'ledger.sqlite'));

    const result = await sieve(['run', config]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/task 1 of phase p2 failed after 2 attempts: .*corrupt Arrow shard/);
    expect(result.stderr).toContain(path.join(runDir, 'logs', 'p2', '00001.log'));
    const log = readFileSync(path.join(runDir, 'logs', 'p2', '00001.log'), 'utf8');
    expect(log.match(/^--- .* task p2\/1 \(worker \d+\)$/gm)).toHaveLength(3);
    expect(existsSync(path.join(runDir, 'docs', '00000.arrow'))).toBe(true);
    expect(existsSync(path.join(runDir, 'docs', '00002.arrow'))).toBe(true);
    expect(existsSync(path.join(runDir, 'docs', '00001.arrow'))).toBe(false);
    const ledger = Ledger.open(runDir);
    expect(ledger.tasks('p2').map((t) => [t.rank, t.status, t.attempts])).toEqual([
      [0, 'done', 1],
      [1, 'failed', 2],
      [2, 'done', 1],
    ]);
    ledger.close();
  });
});
