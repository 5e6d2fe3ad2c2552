import { describe, expect, it } from 'vitest';
import '../../stages/index.js';
import { ConfigError } from '../../pipeline/config/config_error.js';
import { parseConfig } from '../../pipeline/config/load_config.js';

const head = `name: t\nrun_dir: runs/t\ninput:\n  warc: { paths: [x.warc.gz] }\nstages:\n  - write: {}\n`;

describe('the slurm executor config', () => {
  it('makes slurm the executor when the config names it, with the local defaults still at hand', () => {
    const { config } = parseConfig(`${head}executor:\n  slurm: { partition: cpu, tasks: 1000, max_parallel: 100, mem: 4G }\n`, 'p.yaml');
    expect(config.executor.declared).toEqual(['slurm']);
    expect(config.executor.slurm).toMatchObject({ partition: 'cpu', tasks: 1000, max_parallel: 100, mem: '4G', cpus_per_task: 1 });
    expect(config.executor.local.retries).toBe(2);
    expect(parseConfig(head, 'p.yaml').config.executor.declared).toEqual([]);
  });

  it('names the line of a bad slurm option', () => {
    let message = '';
    try {
      parseConfig(`${head}executor:\n  slurm:\n    partition: cpu\n    time: two hours\n`, 'p.yaml');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      message = (e as Error).message;
    }
    expect(message).toMatch(/^p\.yaml:10:\d+: .*Slurm time limit/);
  });
});
