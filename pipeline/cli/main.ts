import { parseArgs } from 'node:util';
import '../../stages/index.js';
import { ConfigError } from '../config/config_error.js';
import { TaskFailedError } from '../executor/local_executor.js';
import { RunDirError } from '../run/manifest.js';
import { planCommand } from './plan_command.js';
import { runCommand } from './run_command.js';
import { taskCommand } from './task_command.js';
import { workerCommand } from './worker_command.js';

const USAGE = `sieve — curate web data into training shards

  sieve run <config.yaml> [--run-dir DIR] [--workers N] [--tasks N]   run a pipeline (resumes a run dir)
  sieve plan <config.yaml> [--tasks N]                                 print the phases without running
  sieve task <run_dir> <phase> <rank>                                  run one task (used by executors)
`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'run-dir': { type: 'string' },
      workers: { type: 'string' },
      tasks: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  const int = (v: string | undefined, name: string) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} takes a whole number ≥ 1, not "${v}"`);
    return n;
  };
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return command || values.help ? 0 : 2;
  }
  switch (command) {
    case 'run':
      return runCommand(need(rest, 1, 'sieve run <config.yaml>')[0]!, {
        runDir: values['run-dir'],
        workers: int(values.workers, 'workers'),
        tasks: int(values.tasks, 'tasks'),
      });
    case 'plan':
      return planCommand(need(rest, 1, 'sieve plan <config.yaml>')[0]!, { tasks: int(values.tasks, 'tasks') });
    case 'worker':
      return workerCommand(need(rest, 1, 'sieve worker <run_dir>')[0]!);
    case 'task': {
      const [runDir, phase, rank] = need(rest, 3, 'sieve task <run_dir> <phase> <rank>');
      return taskCommand(runDir!, phase!, Number(rank));
    }
    default:
      throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
  }
}

class UsageError extends Error {}

function need(args: string[], n: number, usage: string): string[] {
  if (args.length !== n) throw new UsageError(`usage: ${usage}`);
  return args;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const known = e instanceof ConfigError || e instanceof RunDirError || e instanceof TaskFailedError || e instanceof UsageError;
    process.stderr.write(`sieve: ${known ? (e as Error).message : ((e as Error).stack ?? String(e))}\n`);
    process.exitCode = e instanceof ConfigError || e instanceof UsageError ? 2 : 1;
  },
);
