import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { outcome, REPO, sieve, startSieve } from '../../helpers/cli.js';
import { doneTasks, waitFor } from '../../helpers/run_dir.js';
import { fingerprints, readShardDir } from '../../helpers/shards.js';
import { groupsKilledAfterEach } from '../../helpers/process_groups.js';

const SAMPLE = path.join(REPO, 'test', 'e2e', 'engine.yaml');
const ARGS = ['--tasks', '10', '--workers', '1'];
const tmp = () => mkdtempSync(path.join(tmpdir(), 'sieve-lock-'));
const groups = groupsKilledAfterEach();

/** Every file under a folder with its size and modification time: what "touching nothing" leaves equal. */
function snapshot(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).sort().map((f) => {
    const s = statSync(path.join(dir, f));
    return `${f} ${s.isDirectory() ? 'dir' : s.size} ${s.mtimeMs}`;
  });
}

let clean: Map<string, string>;

beforeAll(async () => {
  const runDir = path.join(tmp(), 'clean');
  expect((await sieve(['run', SAMPLE, '--run-dir', runDir, ...ARGS])).code).toBe(0);
  clean = fingerprints(await readShardDir(path.join(runDir, 'docs')));
});

describe('one sieve run at a time on a run dir', () => {
  it('refuses a second run while the first holds the run dir, naming the holder and touching nothing; the first completes', async () => {
    const runDir = path.join(tmp(), 'run');
    const first = startSieve(['run', SAMPLE, '--run-dir', runDir, ...ARGS]);
    groups.push(first.pid!);
    const firstEnded = outcome(first);
    await waitFor(() => doneTasks(runDir, 'p0') >= 1);
    // Freeze the first run (coordinator and workers) mid-phase, so the second surely meets it and nothing moves meanwhile.
    process.kill(-first.pid!, 'SIGSTOP');
    const before = snapshot(runDir);
    const second = await sieve(['run', SAMPLE, '--run-dir', runDir, ...ARGS]);
    const after = snapshot(runDir);
    process.kill(-first.pid!, 'SIGCONT');
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(
      new RegExp(`^sieve: ${runDir} is in use by sieve run \\(pid ${first.pid} on this host \\(${hostname()}\\) since \\S+\\)`),
    );
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    expect(after).toEqual(before);

    const done = await firstEnded;
    expect(done.stderr).not.toMatch(/sieve:/);
    expect(done.code).toBe(0);
    expect(fingerprints(await readShardDir(path.join(runDir, 'docs')))).toEqual(clean);
    expect(existsSync(path.join(runDir, 'sieve.lock'))).toBe(false);
  });

  it('takes over the lock of a run that was killed (SIGKILL): its process is gone, and the resumed run completes', async () => {
    const runDir = path.join(tmp(), 'run');
    const child = startSieve(['run', SAMPLE, '--run-dir', runDir, ...ARGS]);
    groups.push(child.pid!);
    const ended = outcome(child);
    await waitFor(() => doneTasks(runDir, 'p0') >= 2);
    process.kill(-child.pid!, 'SIGKILL');
    await ended;
    const lock = path.join(runDir, 'sieve.lock');
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: child.pid, host: hostname() });

    const resumed = await sieve(['run', SAMPLE, '--run-dir', runDir, ...ARGS]);
    expect(resumed.stderr).not.toMatch(/sieve:/);
    expect(resumed.code).toBe(0);
    expect(fingerprints(await readShardDir(path.join(runDir, 'docs')))).toEqual(clean);
    expect(existsSync(lock)).toBe(false);
  });

  it('refuses a run dir locked from another host, saying how to clear the lock if that run is over', async () => {
    const runDir = path.join(tmp(), 'run');
    expect((await sieve(['run', SAMPLE, '--run-dir', runDir, '--tasks', '2'])).code).toBe(0);
    const lock = path.join(runDir, 'sieve.lock');
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: 'login-node-7', since: '2024-05-01T10:00:00.000Z' }));
    const before = snapshot(runDir);
    const refused = await sieve(['run', SAMPLE, '--run-dir', runDir, '--tasks', '2']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is in use by sieve run \(pid \d+ on host login-node-7 since 2024-05-01T10:00:00.000Z\)/);
    expect(refused.stderr).toContain(`delete ${lock}`);
    expect(snapshot(runDir)).toEqual(before);
  });
});
