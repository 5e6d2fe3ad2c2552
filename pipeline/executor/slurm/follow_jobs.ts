import { setTimeout } from 'node:timers/promises';
import { phaseLabel } from '../../plan/describe_plan.js';
import type { Ledger } from '../../run/ledger.js';
import type { RunManifest } from '../../run/manifest.js';
import { ProgressDisplay } from '../../run/progress.js';
import { liveCounters } from '../../task/task_state.js';
import { phaseDocs } from '../local_executor.js';
import { ingestResults } from './ingest_results.js';
import { runStatus, type TaskStatus } from './run_status.js';

/**
 * Follows a run's Slurm jobs until none of its tasks is queued or running, or until `stop` aborts,
 * showing the progress of the phase under way and indexing finished tasks into the ledger. Returns
 * where every task ended (or stood, when stopped).
 */
export async function followJobs(
  runDir: string,
  manifest: RunManifest,
  ledger: Ledger,
  stop: AbortSignal,
  pollMs = 1000,
  display = new ProgressDisplay(),
): Promise<TaskStatus[]> {
  const shown = new Set<string>();
  let phaseStart = Date.now();
  for (;;) {
    const tasks = await runStatus(runDir, manifest);
    ingestResults(ledger, tasks);
    for (const phase of manifest.plan.phases) {
      if (shown.has(phase.id)) continue;
      const mine = tasks.filter((t) => t.phase === phase.id);
      const docs = mine.reduce((n, t) => {
        const stages = t.result?.stages ?? (t.state === 'running' ? liveCounters(runDir, t.phase, t.rank)?.stages : undefined);
        return n + (stages ? phaseDocs(phase, manifest, stages) : 0);
      }, 0);
      const progress = {
        phase: phase.id,
        label: phaseLabel(phase, manifest.input.id),
        tasksDone: mine.filter((t) => t.state === 'done').length,
        tasksTotal: phase.tasks,
        docs,
        elapsedMs: Date.now() - phaseStart,
      };
      if (stop.aborted) {
        display.finish(progress);
        return tasks;
      }
      if (mine.some((t) => t.state === 'running' || t.state === 'pending')) {
        display.update(progress);
        break;
      }
      display.finish(progress);
      shown.add(phase.id);
      phaseStart = Date.now();
    }
    if (!tasks.some((t) => t.state === 'running' || t.state === 'pending')) return tasks;
    await setTimeout(pollMs, undefined, { signal: stop }).catch(() => {});
  }
}
