import { Ledger } from '../run/ledger.js';
import type { RunManifest } from '../run/manifest.js';
import { emptyCounters, mergeCounters, type StageCounters } from '../stats.js';
import { completedResult, lastFailure, liveCounters } from '../task/task_state.js';

export interface PhaseTasks {
  phase: string;
  tasks: number;
  done: number;
  /** Tasks with live counters but no result: running now, or killed while running. */
  unfinished: number;
  failed: number;
}

export interface RunState {
  ledger: Ledger;
  phases: PhaseTasks[];
  /** Counters of unfinished tasks, per phase and stage id, from their `.live.json` files. */
  live: Map<string, Map<string, StageCounters>>;
  /**
   * Whether a task's result file is in place with its outputs intact. The ledger may still call a
   * task done whose outputs were since removed (it will rerun); such tasks must not count.
   */
  isDone(phase: string, rank: number): boolean;
  complete: boolean;
}

/**
 * Brings the ledger up to date with the task result files before reading it: a run made on a
 * cluster, copied here, or killed before its coordinator indexed everything still reports in full.
 * Tasks without a result contribute their last flushed live counters, kept apart so they are marked.
 */
export function syncRun(runDir: string, manifest: RunManifest): RunState {
  const ledger = Ledger.open(runDir);
  const phases: PhaseTasks[] = [];
  const live = new Map<string, Map<string, StageCounters>>();
  const done = new Set<string>();
  // Tasks the ledger already indexed need no write; only results it never saw are recorded.
  const indexed = new Set(
    ledger
      .tasks()
      .filter((t) => t.status === 'done')
      .map((t) => `${t.phase}\t${t.rank}`),
  );
  for (const phase of manifest.plan.phases) {
    const row: PhaseTasks = { phase: phase.id, tasks: phase.tasks, done: 0, unfinished: 0, failed: 0 };
    for (let rank = 0; rank < phase.tasks; rank++) {
      const result = completedResult(runDir, phase.id, rank);
      if (result) {
        const key = `${phase.id}\t${rank}`;
        if (!indexed.has(key)) ledger.recordResult(result, 0);
        done.add(key);
        row.done++;
        continue;
      }
      const counters = liveCounters(runDir, phase.id, rank);
      if (counters) {
        row.unfinished++;
        const byStage = live.get(phase.id) ?? new Map<string, StageCounters>();
        live.set(phase.id, byStage);
        for (const [stage, c] of Object.entries(counters.stages)) {
          mergeCounters(byStage.get(stage) ?? byStage.set(stage, emptyCounters()).get(stage)!, c);
        }
      }
      if (lastFailure(runDir, phase.id, rank)) row.failed++;
    }
    phases.push(row);
  }
  return {
    ledger,
    phases,
    live,
    isDone: (phase, rank) => done.has(`${phase}\t${rank}`),
    complete: phases.every((p) => p.done === p.tasks),
  };
}
