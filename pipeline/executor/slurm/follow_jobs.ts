import { setTimeout } from 'node:timers/promises';
import { phaseLabel } from '../../plan/describe_plan.js';
import type { Phase } from '../../plan/plan.js';
import type { Ledger } from '../../run/ledger.js';
import type { RunManifest } from '../../run/manifest.js';
import { phaseWorkMeter, type PhaseWork, type TaskView } from '../../run/phase_work.js';
import { ProgressDisplay, type PhaseProgress } from '../../run/progress.js';
import { liveCounters } from '../../task/task_state.js';
import { ingestResults } from './ingest_results.js';
import { runStatus, type TaskStatus } from './run_status.js';

/** The phase on show: measured from when following reached it, so rates count only what was done since. */
interface Shown {
  phase: Phase;
  meter: (task: (rank: number) => TaskView) => PhaseWork;
  before: PhaseProgress['before'];
  since: number;
}

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
  const finished = new Set<string>();
  let shown: Shown | undefined;
  for (;;) {
    const tasks = await runStatus(runDir, manifest);
    ingestResults(ledger, tasks);
    for (const phase of manifest.plan.phases) {
      if (finished.has(phase.id)) continue;
      const mine = tasks.filter((t) => t.phase === phase.id);
      const byRank = new Map(mine.map((t) => [t.rank, t]));
      const view = (rank: number): TaskView => {
        const t = byRank.get(rank);
        return t?.result ?? (t?.state === 'running' ? liveCounters(runDir, t.phase, t.rank) : undefined);
      };
      const tasksDone = mine.filter((t) => t.state === 'done').length;
      if (shown?.phase.id !== phase.id) {
        const meter = phaseWorkMeter(runDir, manifest, phase);
        const start = meter(view);
        shown = { phase, meter, before: { tasks: tasksDone, done: start.done, docs: start.docs ?? 0 }, since: Date.now() };
      }
      const progress: PhaseProgress = {
        phase: phase.id,
        label: phaseLabel(phase, manifest.input.id),
        tasksDone,
        tasksTotal: phase.tasks,
        work: shown.meter(view),
        before: shown.before,
        elapsedMs: Date.now() - shown.since,
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
      finished.add(phase.id);
    }
    if (!tasks.some((t) => t.state === 'running' || t.state === 'pending')) return tasks;
    await setTimeout(pollMs, undefined, { signal: stop }).catch(() => {});
  }
}
