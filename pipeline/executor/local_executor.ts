import type { LocalExecutorConfig } from '../config/pipeline_config.js';
import { phaseLabel } from '../plan/describe_plan.js';
import type { Phase } from '../plan/plan.js';
import { layout } from '../run/layout.js';
import { DiskFullError, isDiskFull } from '../run/disk_full.js';
import type { Ledger } from '../run/ledger.js';
import type { RunManifest } from '../run/manifest.js';
import { phaseWorkMeter } from '../run/phase_work.js';
import { ProgressDisplay, type PhaseProgress } from '../run/progress.js';
import { RunStoppedError } from '../run/stop_signals.js';
import { completedResult, lastFailure, liveCounters } from '../task/task_state.js';
import type { TaskResult } from '../task/task_result.js';
import { WorkerPool, type TaskEnd } from './worker_pool.js';

export class TaskFailedError extends Error {
  override name = 'TaskFailedError';
  constructor(
    readonly phase: string,
    readonly rank: number,
    readonly attempts: number,
    readonly reason: string,
    readonly logFile: string,
  ) {
    super(`task ${rank} of phase ${phase} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${reason}\n  log: ${logFile}`);
  }
}

export interface LocalRunSummary {
  /** Tasks that ran now, by phase; completed tasks of an earlier run are skipped. */
  ran: Record<string, number>;
  skipped: Record<string, number>;
  seconds: number;
}

/**
 * Runs the plan's phases in order on this machine: tasks go to a pool of `workers` worker
 * processes, a failed task is retried, and completed tasks of an earlier run are skipped. When
 * `stop` aborts (a signal), scheduling stops, the workers are ended and RunStoppedError is thrown.
 */
export async function runLocal(
  runDir: string,
  manifest: RunManifest,
  ledger: Ledger,
  options: LocalExecutorConfig,
  stop: AbortSignal,
  display = new ProgressDisplay(),
): Promise<LocalRunSummary> {
  const started = Date.now();
  const summary: LocalRunSummary = { ran: {}, skipped: {}, seconds: 0 };
  const pool = new WorkerPool(runDir, options.heartbeat_timeout * 1000);
  const endWorkers = () => void pool.stop();
  stop.addEventListener('abort', endWorkers);
  try {
    for (const phase of manifest.plan.phases) {
      if (stop.aborted) break;
      const pending: number[] = [];
      for (let rank = 0; rank < phase.tasks; rank++) if (!completedResult(runDir, phase.id, rank)) pending.push(rank);
      summary.skipped[phase.id] = phase.tasks - pending.length;
      summary.ran[phase.id] = pending.length;
      await runPhase(runDir, manifest, phase, pending, ledger, options, display, stop, (rank) => pool.run({ phase: phase.id, rank }));
    }
  } finally {
    stop.removeEventListener('abort', endWorkers);
    await pool.stop();
  }
  if (stop.aborted) {
    const tasks = manifest.plan.phases.flatMap((p) => Array.from({ length: p.tasks }, (_, rank) => ({ phase: p.id, rank })));
    const done = tasks.filter((t) => completedResult(runDir, t.phase, t.rank)).length;
    throw new RunStoppedError(
      stop.reason as NodeJS.Signals,
      `stopped by ${stop.reason}: ${done} of ${tasks.length} tasks complete; run the same "sieve run" command again to resume`,
    );
  }
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}

async function runPhase(
  runDir: string,
  manifest: RunManifest,
  phase: Phase,
  pending: number[],
  ledger: Ledger,
  options: LocalExecutorConfig,
  display: ProgressDisplay,
  stop: AbortSignal,
  start: (rank: number) => Promise<TaskEnd>,
): Promise<void> {
  const began = Date.now();
  const running = new Set<number>();
  const done = new Map<number, TaskResult>();
  for (let rank = 0; rank < phase.tasks; rank++) if (!pending.includes(rank)) done.set(rank, completedResult(runDir, phase.id, rank)!);
  const meter = phaseWorkMeter(runDir, manifest, phase);
  const work = () => meter((rank) => done.get(rank) ?? (running.has(rank) ? liveCounters(runDir, phase.id, rank) : undefined));
  const atStart = work();
  const before = { tasks: done.size, done: atStart.done, docs: atStart.docs ?? 0 };
  const progress = (): PhaseProgress => ({
    phase: phase.id,
    label: phaseLabel(phase, manifest.input.id),
    tasksDone: done.size,
    tasksTotal: phase.tasks,
    work: work(),
    before,
    elapsedMs: Date.now() - began,
  });
  const ticker = setInterval(() => display.update(progress()), 500);
  let failure: TaskFailedError | DiskFullError | undefined;
  const queue = [...pending];
  const worker = async () => {
    for (let rank = queue.shift(); rank !== undefined && !stop.aborted; rank = queue.shift()) {
      running.add(rank);
      for (let attempt = 1; ; attempt++) {
        const end = await start(rank);
        const result = end.ok ? completedResult(runDir, phase.id, rank) : undefined;
        if (result) {
          ledger.recordResult(result, attempt);
          done.set(rank, result);
          break;
        }
        // A task ended by the stop neither failed nor is retried: the next run does it.
        if (stop.aborted) break;
        const why = lastFailure(runDir, phase.id, rank);
        // Retrying on a full disk fails again: stop, so space can be freed and the run resumed.
        if (isDiskFull(why)) {
          ledger.recordFailure(why!, attempt);
          failure ??= new DiskFullError(runDir, `task ${phase.id}/${rank}: ${why!.error}`);
          break;
        }
        if (attempt > options.retries) {
          const cause = end.died ?? why?.error ?? 'see its log';
          ledger.recordFailure({ phase: phase.id, rank, at: new Date().toISOString(), error: cause }, attempt);
          failure ??= new TaskFailedError(phase.id, rank, attempt, cause, layout.log(runDir, phase.id, rank));
          break;
        }
      }
      running.delete(rank);
    }
  };
  try {
    // A failed task does not stop the others: the phase runs to its end so a re-run has only the failures left to do.
    await Promise.all(Array.from({ length: Math.min(options.workers, Math.max(1, pending.length)) }, worker));
  } finally {
    clearInterval(ticker);
  }
  display.finish(progress());
  if (failure && !stop.aborted) throw failure;
}
