import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { slurmExecutorSchema } from '../../pipeline/config/pipeline_config.js';
import { arraySpec } from '../../pipeline/executor/slurm/array_spec.js';
import { sbatchScript, submitLine } from '../../pipeline/executor/slurm/sbatch_script.js';
import { REPO, sieve } from '../helpers/cli.js';

describe('sbatch scripts', () => {
  it('writes array ranges compactly, with the parallelism limit', () => {
    expect(arraySpec([0, 1, 2, 3], 2)).toBe('0-3%2');
    expect(arraySpec([512, 3, 17])).toBe('3,17,512');
    expect(arraySpec([0, 1, 2, 5, 7, 8, 9, 11])).toBe('0-2,5,7-9,11');
  });

  it('turns every option into the directive an HPC user would write', () => {
    const options = slurmExecutorSchema.parse({
      tasks: 1000,
      max_parallel: 50,
      partition: 'cpu',
      time: '2:00:00',
      cpus_per_task: 2,
      mem: '4G',
      qos: 'normal',
      account: 'proj42',
      sbatch_args: ['--constraint=skylake'],
      env_setup: ['module load nodejs/20'],
    });
    const script = sbatchScript({
      pipeline: 'fineweb',
      runDir: '/scratch/runs/fw',
      baseDir: '/home/me/sieve',
      phase: 'p0',
      label: 'warc → html_to_text',
      tasks: 1000,
      ranks: [3, 17, 512],
      logDir: '/scratch/logs',
      sieve: '/opt/sieve/bin/sieve.js',
      options,
    });
    const lines = script.split('\n');
    expect(lines[0]).toBe('#!/bin/bash');
    expect(lines.filter((l) => l.startsWith('#SBATCH'))).toEqual([
      '#SBATCH --job-name=sieve-fineweb-p0',
      '#SBATCH --array=3,17,512%50',
      '#SBATCH --partition=cpu',
      '#SBATCH --qos=normal',
      '#SBATCH --account=proj42',
      '#SBATCH --time=2:00:00',
      '#SBATCH --ntasks=1',
      '#SBATCH --cpus-per-task=2',
      '#SBATCH --mem=4G',
      '#SBATCH --chdir=/home/me/sieve',
      '#SBATCH --output=/scratch/logs/p0/%5a.log',
      '#SBATCH --open-mode=append',
      '#SBATCH --constraint=skylake',
    ]);
    expect(script).toMatch(/3 of 1000 tasks/);
    // Set-up lines run before the task, which is the last thing the script does.
    expect(lines.indexOf('module load nodejs/20')).toBeLessThan(lines.findIndex((l) => l.startsWith('exec ')));
    expect(script).toMatch(/\nexec node \/opt\/sieve\/bin\/sieve\.js task \/scratch\/runs\/fw p0 "\$SLURM_ARRAY_TASK_ID"\n$/);
    expect(submitLine('p2', ['p1'], '/scratch/runs/fw/slurm/p2.sbatch')).toBe(
      'P2=$(sbatch --parsable --dependency=afterok:$P1 /scratch/runs/fw/slurm/p2.sbatch)',
    );
  });

  it('rejects a malformed time limit in the config', () => {
    expect(slurmExecutorSchema.safeParse({ time: '2 hours' }).success).toBe(false);
    expect(slurmExecutorSchema.safeParse({ sbatch_args: ['#SBATCH --exclusive'] }).success).toBe(false);
  });

  it('`sieve plan --executor slurm` prints the chained submissions and one script per phase', async () => {
    const plan = await sieve(['plan', path.join(REPO, 'test', 'e2e', 'engine.yaml'), '--executor', 'slurm', '--tasks', '3']);
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/^P0=\$\(sbatch --parsable \S+\/slurm\/p0\.sbatch\)$/m);
    expect(plan.stdout).toMatch(/^P1=\$\(sbatch --parsable --dependency=afterok:\$P0 \S+\/slurm\/p1\.sbatch\)$/m);
    expect(plan.stdout.match(/^#!\/bin\/bash$/gm)?.length).toBe(plan.stdout.match(/^P\d+=/gm)?.length);
    expect(plan.stdout).toMatch(/^#SBATCH --array=0-2$/m);
    expect(plan.stdout).toContain(`exec node ${path.join(REPO, 'bin', 'sieve.js')} task `);
  });
});
