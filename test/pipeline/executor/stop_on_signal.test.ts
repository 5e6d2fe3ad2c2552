import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { outcome, REPO, sieve, startSieve } from '../../helpers/cli.js';
import { doneTasks, isAlive, taskAttempts, waitFor } from '../../helpers/run_dir.js';
import { fingerprints, readShardDir } from '../../helpers/shards.js';
import { groupsKilledAfterEach } from '../../helpers/process_groups.js';

const SAMPLE = path.join(REPO, 'test', 'e2e', 'engine.yaml');
// One worker runs ten tasks one by one: a signal after the second lands mid-phase.
const ARGS = ['--tasks', '10', '--workers', '1'];
const groups = groupsKilledAfterEach();

/** Starts a run, sends `signal` once two tasks are done (to the group, as a terminal's Ctrl-C does, or to the coordinator alone), and waits for its end. */
async function interrupt(runDir: string, signal: NodeJS.Signals, to: 'group' | 'coordinator', before?: (workerPid: number) => void) {
  const child = startSieve(['run', SAMPLE, '--run-dir', runDir, ...ARGS]);
  groups.push(child.pid!);
  const ended = outcome(child);
  await waitFor(() => doneTasks(runDir, 'p0') >= 2);
  before?.(taskAttempts(runDir)[0]!.pid);
  const attemptsBefore = taskAttempts(runDir).length;
  const sentAt = Date.now();
  process.kill(to === 'group' ? -child.pid! : child.pid!, signal);
  const result = await ended;
  return { ...result, seconds: (Date.now() - sentAt) / 1000, attemptsBefore };
}

let clean: Map<string, string>;

beforeAll(async () => {
  const runDir = path.join(mkdtempSync(path.join(tmpdir(), 'sieve-clean-')), 'run');
  expect((await sieve(['run', SAMPLE, '--run-dir', runDir, ...ARGS])).code).toBe(0);
  clean = fingerprints(await readShardDir(path.join(runDir, 'docs')));
});

/** The same command again skips what completed and ends with the documents of an uninterrupted run. */
async function expectResumesToCleanOutput(runDir: string): Promise<void> {
  const done = doneTasks(runDir, 'p0');
  const resumed = await sieve(['run', SAMPLE, '--run-dir', runDir, ...ARGS]);
  expect(resumed.stderr).not.toMatch(/sieve:/);
  expect(resumed.code).toBe(0);
  expect(resumed.stdout).toMatch(new RegExp(`\\(${done} tasks already complete, skipped\\)`));
  expect(fingerprints(await readShardDir(path.join(runDir, 'docs')))).toEqual(clean);
}

describe('a run stopped by a signal', () => {
  it('SIGTERM to the coordinator stops the run promptly with status 143, retries no task, and the run resumes', async () => {
    const runDir = path.join(mkdtempSync(path.join(tmpdir(), 'sieve-sigterm-')), 'run');
    const stopped = await interrupt(runDir, 'SIGTERM', 'coordinator');
    expect(stopped.code).toBe(143);
    expect(stopped.seconds).toBeLessThan(5);
    expect(stopped.stderr.trim().split('\n').at(-1)).toMatch(
      /^sieve: stopped by SIGTERM: \d+ of \d+ tasks complete; run the same "sieve run" command again to resume$/,
    );
    expect(doneTasks(runDir, 'p0')).toBeLessThan(10);
    // The task under way when the signal came was ended, not tried again, and no worker outlives the run;
    // at most the one being handed out as the signal came was started after the count.
    const attempts = taskAttempts(runDir);
    expect(attempts.length).toBeLessThanOrEqual(stopped.attemptsBefore + 1);
    expect(new Set(attempts.map((a) => a.task)).size).toBe(attempts.length);
    expect(attempts.filter((a) => isAlive(a.pid))).toEqual([]);
    await expectResumesToCleanOutput(runDir);
  });

  it('Ctrl-C (SIGINT to the whole process group) stops the run with status 130: a worker ended by it is not a failure to retry', async () => {
    const runDir = path.join(mkdtempSync(path.join(tmpdir(), 'sieve-sigint-')), 'run');
    const stopped = await interrupt(runDir, 'SIGINT', 'group');
    expect(stopped.code).toBe(130);
    expect(stopped.seconds).toBeLessThan(5);
    expect(stopped.stderr.trim().split('\n').at(-1)).toMatch(/^sieve: stopped by SIGINT: .* to resume$/);
    // No task tried again; at most the one being handed out as the signal came was started after the count.
    const attempts = taskAttempts(runDir);
    expect(attempts.length).toBeLessThanOrEqual(stopped.attemptsBefore + 1);
    expect(new Set(attempts.map((a) => a.task)).size).toBe(attempts.length);
    expect(attempts.filter((a) => isAlive(a.pid))).toEqual([]);
    await expectResumesToCleanOutput(runDir);
  });

  it('a stopped (SIGSTOP) worker does not hold up the end of a run stopped by SIGTERM', async () => {
    const runDir = path.join(mkdtempSync(path.join(tmpdir(), 'sieve-sigstop-term-')), 'run');
    let worker = 0;
    const stopped = await interrupt(runDir, 'SIGTERM', 'coordinator', (pid) => process.kill((worker = pid), 'SIGSTOP'));
    expect(stopped.code).toBe(143);
    expect(stopped.seconds).toBeLessThan(5);
    expect(isAlive(worker)).toBe(false);
    await expectResumesToCleanOutput(runDir);
  }, 30_000);
});
