import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { outcome, startSieve } from '../helpers/cli.js';
import { waitFor } from '../helpers/run_dir.js';
import { writeShard } from '../helpers/shards.js';
import { groupsKilledAfterEach } from '../helpers/process_groups.js';

const groups = groupsKilledAfterEach();

/** Stand-ins for sbatch, squeue and scancel: every job gets id 4242 and its tasks run for ever; scancel leaves a mark. */
function fakeSlurm(dir: string): string {
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  const script = (name: string, body: string) => {
    writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(path.join(bin, name), 0o755);
  };
  script('sbatch', 'echo 4242');
  script('squeue', 'echo "4242|0|RUNNING|None"; echo "4242|1|RUNNING|None"');
  script('scancel', `touch ${path.join(dir, 'scancel-called')}`);
  return bin;
}

describe('sieve run --executor slurm --wait', () => {
  it('a signal stops following the jobs, says they keep running and how to cancel them, and exits 130', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sieve-slurm-wait-'));
    await writeShard(path.join(dir, 'in-0.arrow'), [{ id: 'a', text: 'alpha', meta: {} }]);
    await writeShard(path.join(dir, 'in-1.arrow'), [{ id: 'b', text: 'beta', meta: {} }]);
    const runDir = path.join(dir, 'run');
    const config = path.join(dir, 'p.yaml');
    writeFileSync(
      config,
      `name: wait\nrun_dir: ${runDir}\ninput:\n  arrow: { paths: ["${dir}/in-*.arrow"], meta: {} }\nstages:\n  - write: {}\nexecutor: { slurm: { tasks: 2 } }\n`,
    );
    const env = { ...process.env, PATH: `${fakeSlurm(dir)}${path.delimiter}${process.env.PATH}` };
    const child = startSieve(['run', config, '--wait'], { env });
    groups.push(child.pid!);
    const ended = outcome(child);
    await waitFor(() => existsSync(path.join(runDir, 'slurm', 'jobs.json')));
    await new Promise((r) => setTimeout(r, 300));
    process.kill(-child.pid!, 'SIGINT');
    const result = await ended;
    expect(result.code).toBe(130);
    expect(result.stderr.trim().split('\n').at(-1)).toBe(
      `sieve: stopped by SIGINT; the submitted Slurm jobs keep running (follow them with "sieve status ${runDir}", cancel them with "scancel 4242")`,
    );
    expect(existsSync(path.join(dir, 'scancel-called'))).toBe(false);
  });
});
