import path from 'node:path';
import { parseArgs } from 'node:util';
import '../../stages/index.js';
import { ShardError } from '../arrow/shard_error.js';
import { ConfigError } from '../config/config_error.js';
import { TaskFailedError } from '../executor/local_executor.js';
import { SlurmError } from '../executor/slurm/slurm_commands.js';
import { DiskFullError, isDiskFull } from '../run/disk_full.js';
import { RunDirError } from '../run/manifest.js';
import { RunStoppedError } from '../run/stop_signals.js';
import { ReportError } from '../report/report_error.js';
import { terminalText } from '../report/terminal_text.js';
import { planCommand } from './plan_command.js';
import { runCommand } from './run_command.js';
import { statusCommand } from './status_command.js';
import { statsCommand } from './stats_command.js';
import { inspectCommand } from './inspect_command.js';
import { taskCommand } from './task_command.js';
import { TOKENIZER_USAGE, tokenizerCommand } from './tokenizer_command.js';
import { blocklistUpdateCommand } from '../../stages/url_filter/ut1_update.js';
import { workerCommand } from './worker_command.js';
import { TRAIN_USAGE } from './train_usage.js';
import { UsageError } from './usage_error.js';
import { TrainDataError } from '../../train/data/train_data_error.js';
import { BackendError } from '../../train/backend/backend_error.js';

const USAGE = `sieve — curate web data into training shards, and pretrain a GPT on them

  sieve run <config.yaml> [--run-dir DIR] [--workers N] [--tasks N]   run a pipeline (resumes a run dir)
      [--executor local|slurm] [--wait]                                on Slurm: submit the incomplete tasks; --wait follows them
  sieve plan <config.yaml> [--tasks N] [--executor local|slurm]        print the phases (and sbatch scripts) without running
  sieve status <run_dir>                                               tasks done / running / failed per phase
  sieve task <run_dir> <phase> <rank>                                  run one task (used by executors)
  sieve stats <run_dir> [--json] [--width N]                           what each stage kept and dropped
      [--html report.html [--seed S]]                                  a report page; --seed draws its sample docs
  sieve inspect <shard.arrow | run_dir> [--where key=value]... [--sample N] [--seed S]
                [--rejects STAGE | --tokens [--tokenizer T]] [--json]  print documents with their meta
  sieve blocklist update [--url URL] [--dir DIR]                       download the current UT1 lists for url_filter
${TOKENIZER_USAGE}${TRAIN_USAGE}`;

async function main(argv: string[]): Promise<number> {
  // The tokenizer subcommands parse their own flags.
  if (argv[0] === 'tokenizer') return tokenizerCommand(argv.slice(1));
  // Training loads tfjs (a third of a second): only the commands that train import it.
  if (argv[0] === 'train') return (await import('./train_command.js')).trainCommand(argv.slice(1));
  if (argv[0] === 'sample') return (await import('./sample_command.js')).sampleCommand(argv.slice(1));
  if (argv[0] === 'train-replica') return (await import('./train_replica_command.js')).trainReplicaCommand();
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'run-dir': { type: 'string' },
      workers: { type: 'string' },
      tasks: { type: 'string' },
      executor: { type: 'string' },
      wait: { type: 'boolean' },
      url: { type: 'string' },
      dir: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      json: { type: 'boolean' },
      html: { type: 'string' },
      width: { type: 'string' },
      where: { type: 'string', multiple: true },
      sample: { type: 'string' },
      seed: { type: 'string' },
      rejects: { type: 'string' },
      tokens: { type: 'boolean' },
      tokenizer: { type: 'string' },
    },
  });
  const [command, ...rest] = positionals;
  const int = (v: string | undefined, name: string) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} takes a whole number ≥ 1, not "${v}"`);
    return n;
  };
  const executor = values.executor;
  if (executor !== undefined && executor !== 'local' && executor !== 'slurm')
    throw new UsageError(`--executor takes local or slurm, not "${executor}"`);
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
        executor,
        wait: values.wait,
      });
    case 'plan':
      return planCommand(need(rest, 1, 'sieve plan <config.yaml>')[0]!, { tasks: int(values.tasks, 'tasks'), executor });
    case 'status':
      return statusCommand(path.resolve(need(rest, 1, 'sieve status <run_dir>')[0]!));
    case 'worker':
      return workerCommand(need(rest, 1, 'sieve worker <run_dir>')[0]!);
    case 'task': {
      const [runDir, phase, rank] = need(rest, 3, 'sieve task <run_dir> <phase> <rank>');
      return taskCommand(runDir!, phase!, Number(rank));
    }
    case 'blocklist':
      need(rest, 1, 'sieve blocklist update [--url URL] [--dir DIR]');
      if (rest[0] !== 'update') throw new UsageError('usage: sieve blocklist update [--url URL] [--dir DIR]');
      return blocklistUpdateCommand({ url: values.url, dir: values.dir });
    case 'stats':
      return statsCommand(need(rest, 1, 'sieve stats <run_dir>')[0]!, {
        json: values.json,
        html: values.html,
        seed: int(values.seed, 'seed'),
        width: int(values.width, 'width'),
      });
    case 'inspect':
      return inspectCommand(need(rest, 1, 'sieve inspect <shard.arrow | run_dir>')[0]!, {
        where: values.where ?? [],
        sample: int(values.sample, 'sample'),
        seed: int(values.seed, 'seed'),
        rejects: values.rejects,
        tokens: values.tokens,
        tokenizer: values.tokenizer,
        json: values.json,
      });
    default:
      throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
  }
}

function need(args: string[], n: number, usage: string): string[] {
  if (args.length !== n) throw new UsageError(`usage: ${usage}`);
  return args;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (thrown: unknown) => {
    // A full disk met outside the places that name it (the run dir's manifest, a log) is still one line.
    const e =
      isDiskFull(thrown) && !(thrown instanceof DiskFullError) ? new DiskFullError(diskOf(thrown), (thrown as Error).message) : thrown;
    // node:util's parseArgs rejects unknown or malformed flags with these codes.
    const badFlags = /^ERR_PARSE_ARGS_/.test((e as { code?: string }).code ?? '');
    const known =
      badFlags ||
      e instanceof ConfigError ||
      e instanceof RunDirError ||
      e instanceof RunStoppedError ||
      e instanceof TaskFailedError ||
      e instanceof SlurmError ||
      e instanceof UsageError ||
      e instanceof ReportError ||
      e instanceof ShardError ||
      e instanceof DiskFullError ||
      e instanceof TrainDataError ||
      e instanceof BackendError;
    // Messages may quote the crawl (a URL, a header): shown, never sent to the terminal raw.
    process.stderr.write(`sieve: ${terminalText(known ? (e as Error).message : ((e as Error).stack ?? String(e)))}\n`);
    if (e instanceof RunStoppedError) process.exitCode = e.exitCode;
    else process.exitCode = badFlags || e instanceof ConfigError || e instanceof UsageError || e instanceof ReportError ? 2 : 1;
  },
);

/** Where a file system error happened: its path, else the working directory. */
function diskOf(e: unknown): string {
  const at = (e as { path?: unknown }).path;
  return typeof at === 'string' ? at : process.cwd();
}
