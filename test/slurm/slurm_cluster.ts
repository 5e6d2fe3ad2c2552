import { execFileSync } from 'node:child_process';

/**
 * Why the Slurm tests cannot run here, or undefined when a node answers. The cluster itself is
 * started by test/slurm/start_cluster.sh (which .ci/run calls), not by the tests.
 */
export function slurmUnavailable(): string | undefined {
  let states: string;
  try {
    states = execFileSync('sinfo', ['--noheader', '--Node', '--format=%T'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 10_000,
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    const why = err.code === 'ENOENT' ? 'sinfo not found' : (err.stderr ?? err.message).trim().split('\n')[0];
    return `no Slurm cluster (${why}); start one with test/slurm/start_cluster.sh as root`;
  }
  const usable = states.split('\n').some((s) => /^(idle|mixed|allocated)/.test(s.trim()));
  return usable ? undefined : `Slurm answers but no node is usable (states: ${states.trim().replace(/\n/g, ', ') || 'none'})`;
}

/** Array tasks of the given jobs that are still queued or running. */
export function activeTasks(jobIds: string[]): string[] {
  const out = execFileSync('squeue', ['--noheader', '--array', '--states=PD,R,CG,CF', `--jobs=${jobIds.join(',')}`, '--format=%i'], {
    encoding: 'utf8',
  });
  return out.split('\n').filter((l) => l.trim() !== '');
}
