import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../../pipeline/run/ledger.js';
import { sieve } from '../../helpers/cli.js';
import { writeShard } from '../../helpers/shards.js';

describe('local executor', () => {
  it('retries a failing task, then fails the run naming the task and its error, keeping the others’ output', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sieve-retry-'));
    await writeShard(path.join(dir, 'in-0.arrow'), [{ id: 'a', text: 'alpha', meta: {} }]);
    writeFileSync(path.join(dir, 'in-1.arrow'), 'this is not an Arrow file');
    await writeShard(path.join(dir, 'in-2.arrow'), [{ id: 'c', text: 'gamma', meta: {} }]);
    const runDir = path.join(dir, 'run');
    const config = path.join(dir, 'p.yaml');
    writeFileSync(
      config,
      `name: retry\nrun_dir: ${runDir}\ninput:\n  arrow: { paths: ["${dir}/in-*.arrow"], meta: {} }\nstages:\n  - write: {}\nexecutor: { local: { tasks: 3, workers: 2, retries: 1 } }\n`,
    );
    const result = await sieve(['run', config]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/task 1 of phase p0 failed after 2 attempts: /);
    expect(result.stderr).toContain(path.join(runDir, 'logs', 'p0', '00001.log'));
    const log = readFileSync(path.join(runDir, 'logs', 'p0', '00001.log'), 'utf8');
    expect(log.match(/^--- .* task p0\/1 \(worker \d+\)$/gm)).toHaveLength(2);
    expect(existsSync(path.join(runDir, 'docs', '00000.arrow'))).toBe(true);
    expect(existsSync(path.join(runDir, 'docs', '00002.arrow'))).toBe(true);
    expect(existsSync(path.join(runDir, 'docs', '00001.arrow'))).toBe(false);
    const ledger = Ledger.open(runDir);
    expect(ledger.tasks('p0').map((t) => [t.rank, t.status, t.attempts])).toEqual([
      [0, 'done', 1],
      [1, 'failed', 2],
      [2, 'done', 1],
    ]);
    ledger.close();
  });
});
