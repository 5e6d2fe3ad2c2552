import type { Ledger } from '../../run/ledger.js';
import type { TaskStatus } from './run_status.js';

/**
 * Indexes what Slurm tasks left in the run dir into the ledger: tasks on other nodes only write
 * result files, so the command that submits or follows the run (`run`, `run --wait`) records them, once each.
 */
export function ingestResults(ledger: Ledger, tasks: TaskStatus[]): void {
  const known = new Map(ledger.tasks().map((t) => [`${t.phase}/${t.rank}`, t.status]));
  for (const task of tasks) {
    const was = known.get(`${task.phase}/${task.rank}`);
    if (task.state === 'done' && was !== 'done') ledger.recordResult(task.result!, 1);
    else if (task.state === 'failed' && was === undefined)
      ledger.recordFailure(
        { phase: task.phase, rank: task.rank, at: new Date().toISOString(), error: task.error ?? task.slurmState ?? 'failed' },
        1,
      );
  }
}
