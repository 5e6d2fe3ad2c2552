import type { ShardRow } from '../run/ledger.js';
import type { RunManifest } from '../run/manifest.js';
import { emptyCounters, mergeCounters, type StageCounters } from '../stats.js';
import type { OutputKind } from '../task/outputs.js';
import type { TaskResult } from '../task/task_result.js';
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
  /** Tasks whose result file is in place with its outputs intact, by phase then rank. */
  results: TaskResult[];
  phases: PhaseTasks[];
  /** Counters of unfinished tasks, per phase and stage id, from their `.live.json` files. */
  live: Map<string, Map<string, StageCounters>>;
  complete: boolean;
}

/**
 * Where a run stands, read from its task files alone: result files (what the ledger indexes),
 * live counters and error files. Nothing is written, so `stats`, `status` and `inspect` work on a
 * run made on a cluster, copied here, killed before its coordinator indexed everything, or lying
 * on a read-only or full file system. Tasks without a result contribute their last flushed live
 * counters, kept apart so they are marked.
 */
export function readRunState(runDir: string, manifest: RunManifest): RunState {
  const results: TaskResult[] = [];
  const phases: PhaseTasks[] = [];
  const live = new Map<string, Map<string, StageCounters>>();
  for (const phase of manifest.plan.phases) {
    const row: PhaseTasks = { phase: phase.id, tasks: phase.tasks, done: 0, unfinished: 0, failed: 0 };
    for (let rank = 0; rank < phase.tasks; rank++) {
      const result = completedResult(runDir, phase.id, rank);
      if (result) {
        results.push(result);
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
  return { results, phases, live, complete: phases.every((p) => p.done === p.tasks) };
}

/** The shard catalog of the completed tasks, as the ledger lists it: by path. */
export function completedShards(state: RunState, kind: OutputKind): ShardRow[] {
  return state.results
    .flatMap((r) => r.outputs.filter((o) => o.kind === kind).map((o) => ({ ...o, tokens: o.tokens ?? null, phase: r.phase, rank: r.rank })))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
