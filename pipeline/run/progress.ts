import { BYTE_UNITS, int } from '../report/text_table.js';
import type { PhaseWork } from './phase_work.js';

/** Where one phase stands, as the executor sees it. */
export interface PhaseProgress {
  phase: string;
  label: string;
  tasksDone: number;
  tasksTotal: number;
  work: PhaseWork;
  /**
   * Where the phase stood when this run took it up: tasks an earlier run completed count as done,
   * but not in the rates or the ETA, which are of the work done now.
   */
  before: { tasks: number; done: number; docs: number };
  /** Since this run took the phase up. */
  elapsedMs: number;
}

const NON_TTY_INTERVAL_MS = 5000;
const BAR_WIDTH = 24;

/**
 * A live bar on a terminal; a line every few seconds of a phase when the output is a file or a
 * pipe (none for a phase that ends sooner), and one line as each phase ends.
 */
export class ProgressDisplay {
  private nextLineAt = NON_TTY_INTERVAL_MS;
  private readonly tty: boolean;

  constructor(private readonly out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number } = process.stderr) {
    this.tty = Boolean(out.isTTY);
  }

  update(p: PhaseProgress): void {
    if (this.tty) {
      this.out.write(`\r${this.fit(progressLine(p, true))}\x1b[K`);
    } else if (p.elapsedMs >= this.nextLineAt) {
      this.out.write(`${progressLine(p, false)}\n`);
      this.nextLineAt = p.elapsedMs + NON_TTY_INTERVAL_MS;
    }
  }

  finish(p: PhaseProgress): void {
    this.out.write(this.tty ? `\r${this.fit(progressLine(p, true, true))}\x1b[K\n` : `${progressLine(p, false, true)}\n`);
    this.nextLineAt = NON_TTY_INTERVAL_MS;
  }

  /** One terminal row: a wrapped line would break the in-place redraw. */
  private fit(line: string): string {
    return line.slice(0, (this.out.columns ?? 100) - 1);
  }
}

/**
 * `p0 [███░░░]  42%  1.6/3.9 MiB  1/4 tasks  120 docs  91 docs/s  00:02  ETA 00:03  warc → …`:
 * the rates and ETA count only the work done in this run; a finished phase shows no ETA, one an
 * earlier run completed says so.
 */
export function progressLine(p: PhaseProgress, bar: boolean, finished = false): string {
  const { work, before } = p;
  const share = work.total > 0 ? Math.min(1, work.done / work.total) : p.tasksTotal > 0 ? p.tasksDone / p.tasksTotal : 1;
  const seconds = p.elapsedMs / 1000;
  const filled = Math.round(share * BAR_WIDTH);
  const parts = [
    bar ? `${p.phase} [${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}]` : p.phase,
    `${Math.floor(share * 100)}%`.padStart(4),
  ];
  if (work.unit !== 'tasks') parts.push(amount(work));
  parts.push(`${p.tasksDone}/${p.tasksTotal} tasks`);
  if (work.docs !== null && work.unit !== 'docs') parts.push(`${int(work.docs)} docs`);
  if (finished && before.tasks === p.tasksTotal) {
    parts.push('done by an earlier run');
  } else {
    if (work.docs !== null) parts.push(`${int(seconds > 0 ? (work.docs - before.docs) / seconds : 0)} docs/s`);
    parts.push(formatElapsed(seconds));
    // The ETA assumes the rest goes at the pace of this run so far.
    const pace = seconds > 0 ? (work.done - before.done) / seconds : 0;
    if (!finished && pace > 0) parts.push(`ETA ${formatElapsed(Math.max(0, work.total - work.done) / pace)}`);
  }
  // The label goes last: on a narrow terminal it is what gets cut.
  return [...parts, p.label].join('  ');
}

/** `1.6/3.9 MiB`, `3/11 inputs`, `20/66 docs`. */
function amount(work: PhaseWork): string {
  if (work.unit !== 'bytes') return `${int(work.done)}/${int(work.total)} ${work.unit}`;
  // Both in the unit of the total, so they compare at a glance.
  const k = work.total >= 1024 ? Math.min(BYTE_UNITS.length - 1, Math.floor(Math.log2(work.total) / 10)) : 0;
  const figure = (n: number) => (n / 1024 ** k).toFixed(k === 0 ? 0 : 1);
  return `${figure(work.done)}/${figure(work.total)} ${BYTE_UNITS[k]}`;
}

/** `mm:ss`, or `h:mm:ss` from an hour on. */
export function formatElapsed(seconds: number): string {
  const s = Math.floor(seconds);
  const mmss = `${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mmss}` : mmss;
}
