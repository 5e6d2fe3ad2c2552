import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { outcome, REPO, sieve, startSieve } from '../../helpers/cli.js';
import { doneTasks, isAlive, taskAttempts, waitFor } from '../../helpers/run_dir.js';
import { fingerprints, readShardDir } from '../../helpers/shards.js';
import { groupsKilledAfterEach } from '../../helpers/process_groups.js';

const SAMPLE = path.join(REPO, 'test', 'e2e', 'engine.yaml');
const groups = groupsKilledAfterEach();

describe('worker heartbeats', () => {
  it('a stopped (SIGSTOP) worker is killed after the heartbeat timeout and its task retried: the run completes with the same docs', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sieve-heartbeat-'));
    const config = path.join(dir, 'engine.yaml');
    // Retries to spare: the stopped worker's task needs one.
    writeFileSync(
      config,
      readFileSync(SAMPLE, 'utf8').replace(/^ {2}local: .*$/m, '  local: { tasks: 10, workers: 1, retries: 4, heartbeat_timeout: 5 }'),
    );
    const clean = path.join(dir, 'clean');
    expect((await sieve(['run', config, '--run-dir', clean])).code).toBe(0);

    const runDir = path.join(dir, 'run');
    const child = startSieve(['run', config, '--run-dir', runDir]);
    groups.push(child.pid!);
    const ended = outcome(child);
    await waitFor(() => doneTasks(runDir, 'p0') >= 2);
    const worker = taskAttempts(runDir).at(-1)!.pid;
    const stoppedAt = Date.now();
    process.kill(worker, 'SIGSTOP');
    const result = await ended;
    expect(result.stderr).not.toMatch(/sieve:/);
    expect(result.code).toBe(0);
    expect((Date.now() - stoppedAt) / 1000).toBeLessThan(30);
    expect(isAlive(worker)).toBe(false);
    const workersLog = readFileSync(path.join(runDir, 'logs', 'workers.log'), 'utf8');
    expect(workersLog).toMatch(new RegExp(`worker ${worker} sent no heartbeat for 5 s \\(stopped or frozen\\): killed`));
    expect(fingerprints(await readShardDir(path.join(runDir, 'docs')))).toEqual(fingerprints(await readShardDir(path.join(clean, 'docs'))));
  });

  it('keep coming while the worker process computes on its main thread', async () => {
    // A process that starts the heartbeat, then blocks its event loop for 1.5 s, as a long synchronous step does.
    const script = `
      const { startHeartbeat } = await import(${JSON.stringify(path.join(REPO, 'dist', 'pipeline', 'executor', 'heartbeat.js'))});
      startHeartbeat();
      await new Promise((r) => setTimeout(r, 100));
      process.stderr.write('busy\\n');
      const until = Date.now() + 1500;
      while (Date.now() < until);
      process.exit(0);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'pipe', 'ignore', 'pipe'] });
    let busy = false;
    let beatsWhileBusy = 0;
    child.stderr!.on('data', () => (busy = true));
    child.stdio[4]!.on('data', (d: Buffer) => {
      if (busy) beatsWhileBusy += d.length;
    });
    await new Promise((resolve) => child.once('close', resolve));
    expect(beatsWhileBusy).toBeGreaterThanOrEqual(3);
  });
});
