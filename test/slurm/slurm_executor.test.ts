import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../pipeline/run/ledger.js';
import { REPO, sieve } from '../helpers/cli.js';
import { fingerprints, readShardDir } from '../helpers/shards.js';
import { activeTasks, slurmUnavailable } from './slurm_cluster.js';

// The engine's fixed pipeline over the bundled sample, whatever configs/sample.yaml becomes.
const SAMPLE = path.join(REPO, 'test', 'e2e', 'engine.yaml');
const unavailable = slurmUnavailable();
if (unavailable) console.warn(`slurm executor tests skipped: ${unavailable}`);

describe.skipIf(unavailable !== undefined)(`the slurm executor on a real cluster${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sieve-slurm-'));
  let expected: Map<string, string>;

  beforeAll(async () => {
    const local = await sieve(['run', SAMPLE, '--run-dir', path.join(dir, 'local'), '--tasks', '3']);
    expect(local.code).toBe(0);
    expected = fingerprints(await readShardDir(path.join(dir, 'local', 'docs')));
  });

  it('runs the sample pipeline as chained array jobs and writes what the local executor writes', async () => {
    const runDir = path.join(dir, 'slurm');
    const run = await sieve(['run', SAMPLE, '--executor', 'slurm', '--wait', '--run-dir', runDir, '--tasks', '3']);
    expect(run.stderr).not.toMatch(/sieve:/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^p0 {2}job \d+ {2}--array=0-2 {2}\(3 of 3 tasks\)/m);
    expect(run.stdout).toMatch(/^p2 {2}job \d+ {2}--array=0-2 {2}\(3 of 3 tasks\)/m);
    expect(run.stdout).toMatch(/^done in /m);

    const docs = await readShardDir(path.join(runDir, 'docs'));
    expect(docs.length).toBeGreaterThan(200);
    expect(fingerprints(docs)).toEqual(expected);
    // --wait indexed every task's result file, shards included.
    const ledger = Ledger.open(runDir);
    expect(ledger.tasks().filter((t) => t.status === 'done')).toHaveLength(9);
    expect(ledger.shards('docs').reduce((n, s) => n + s.rows, 0)).toBe(docs.length);
    ledger.close();
    // Each task logged through Slurm under its rank.
    expect(readFileSync(path.join(runDir, 'logs', 'p0', '00002.log'), 'utf8')).toMatch(/^--- .* task p0\/2 \(job \d+_2 on .*\)$/m);
  });

  it('after scancel of one array task, resubmits only that task and completes the output', async () => {
    const runDir = path.join(dir, 'cancelled');
    const marker = path.join(dir, 'p0-2-started');
    // Task p0/2 holds still the first time, so it can be cancelled while it runs.
    const config = path.join(dir, 'slurm.yaml');
    writeFileSync(
      config,
      readFileSync(SAMPLE, 'utf8').replace(
        /^executor:\n(  .*\n)+/m,
        `executor:\n  slurm:\n    tasks: 3\n    max_parallel: 3\n    env_setup:\n      - 'if [ "$SLURM_ARRAY_TASK_ID" = 2 ] && [ ! -e ${marker} ]; then touch ${marker}; sleep 300; fi'\n`,
      ),
    );
    const submit = await sieve(['run', config, '--run-dir', runDir]);
    expect(submit.code).toBe(0);
    const jobs = [...submit.stdout.matchAll(/^(p\d+) {2}job (\d+) /gm)].map((m) => ({ phase: m[1]!, id: m[2]! }));
    expect(jobs.map((j) => j.phase)).toEqual(['p0', 'p1', 'p2']);

    await waitFor(() => existsSync(marker));
    // While a task of the run is queued or running, submitting again would run it twice.
    const early = await sieve(['run', config, '--run-dir', runDir]);
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/still has tasks queued or running \(jobs \d+/);
    execFileSync('scancel', [`${jobs[0]!.id}_2`]);
    await waitFor(() => activeTasks(jobs.map((j) => j.id)).length === 0);

    const status = await sieve(['status', runDir]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^p0 +3 +2 +0 +0 +1 +0 /m);
    expect(status.stdout).toMatch(/^p1 +3 +0 +0 +0 +0 +3 /m);
    expect(status.stdout).toContain(`p0/2 job ${jobs[0]!.id}_2 CANCELLED: `);
    expect(status.stdout).toContain(`log: ${path.join(runDir, 'logs', 'p0', '00002.log')}`);
    const before = [0, 1].map((r) => readFileSync(path.join(runDir, 'tasks', 'p0', `0000${r}.json`), 'utf8'));

    const resubmit = await sieve(['run', config, '--run-dir', runDir, '--wait']);
    expect(resubmit.stderr).not.toMatch(/sieve:/);
    expect(resubmit.code).toBe(0);
    expect(resubmit.stdout).toMatch(/^p0 {2}job \d+ {2}--array=2%3 {2}\(1 of 3 tasks\)/m);
    expect(resubmit.stdout).toMatch(/^p1 {2}job \d+ {2}--array=0-2%3 {2}\(3 of 3 tasks\)/m);
    // The two tasks that had finished did not run again; the cancelled one ran twice.
    expect([0, 1].map((r) => readFileSync(path.join(runDir, 'tasks', 'p0', `0000${r}.json`), 'utf8'))).toEqual(before);
    for (const r of [0, 1]) expect(headers(path.join(runDir, 'logs', 'p0', `0000${r}.log`))).toBe(1);
    expect(headers(path.join(runDir, 'logs', 'p0', '00002.log'))).toBe(2);
    expect(fingerprints(await readShardDir(path.join(runDir, 'docs')))).toEqual(expected);
  });
});

/** How many times a task started, by the header line its batch script writes. */
function headers(log: string): number {
  return readFileSync(log, 'utf8').match(/^--- .* task p\d+\/\d+ /gm)?.length ?? 0;
}

async function waitFor(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 200));
  }
}
