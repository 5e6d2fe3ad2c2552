import { phaseLabel } from '../../plan/describe_plan.js';
import { terminalLine } from '../../report/terminal_text.js';
import type { RunManifest } from '../../run/manifest.js';
import type { TaskState, TaskStatus } from './run_status.js';

const STATES: TaskState[] = ['done', 'running', 'pending', 'failed', 'not run'];
const MAX_LISTED = 20;

/** Per phase, how many tasks are in each state; then each failed task with its last error and log. */
export function describeStatus(manifest: RunManifest, tasks: TaskStatus[]): string {
  const head = ['phase', 'tasks', ...STATES];
  const rows = manifest.plan.phases.map((phase) => {
    const mine = tasks.filter((t) => t.phase === phase.id);
    return {
      cells: [phase.id, String(phase.tasks), ...STATES.map((s) => String(mine.filter((t) => t.state === s).length))],
      label: phaseLabel(phase, manifest.input.id),
    };
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r.cells[i]!.length)));
  const line = (cells: string[], label = '') =>
    [...cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))), label].join('  ').trimEnd();
  const out = [line(head), ...rows.map((r) => line(r.cells, r.label))];

  const failed = tasks.filter((t) => t.state === 'failed');
  if (failed.length > 0) {
    out.push('', `failed tasks (${failed.length}):`);
    for (const t of failed.slice(0, MAX_LISTED)) {
      const job = t.job ? ` job ${t.job}${t.slurmState ? ` ${t.slurmState}` : ''}` : '';
      out.push(`  ${t.phase}/${t.rank}${job}: ${terminalLine(t.error ?? 'ended without a result')}`, `    log: ${t.log}`);
    }
    if (failed.length > MAX_LISTED) out.push(`  ... and ${failed.length - MAX_LISTED} more`);
  }
  return out.join('\n');
}
