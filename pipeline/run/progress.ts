/** Where one phase stands, as the executor sees it. */
export interface PhaseProgress {
  phase: string;
  label: string;
  tasksDone: number;
  tasksTotal: number;
  /** Docs that entered the phase so far (completed tasks plus live counters of running ones). */
  docs: number;
  elapsedMs: number;
}

const NON_TTY_INTERVAL_MS = 5000;
const BAR_WIDTH = 24;

/** A live bar on a terminal; one line every few seconds when the output is a file or a pipe. */
export class ProgressDisplay {
  private lastLineAt = 0;
  private readonly tty: boolean;

  constructor(private readonly out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number } = process.stderr) {
    this.tty = Boolean(out.isTTY);
  }

  update(p: PhaseProgress): void {
    if (this.tty) {
      this.out.write(`\r${this.fit(this.line(p, true))}\x1b[K`);
    } else if (Date.now() - this.lastLineAt >= NON_TTY_INTERVAL_MS) {
      this.out.write(`${this.line(p, false)}\n`);
      this.lastLineAt = Date.now();
    }
  }

  finish(p: PhaseProgress): void {
    this.out.write(this.tty ? `\r${this.fit(this.line(p, true))}\x1b[K\n` : `${this.line(p, false)}\n`);
    this.lastLineAt = 0;
  }

  /** One terminal row: a wrapped line would break the in-place redraw. */
  private fit(line: string): string {
    return line.slice(0, (this.out.columns ?? 100) - 1);
  }

  private line(p: PhaseProgress, bar: boolean): string {
    const seconds = p.elapsedMs / 1000;
    const rate = seconds > 0 ? Math.round(p.docs / seconds) : 0;
    const filled = p.tasksTotal > 0 ? Math.round((p.tasksDone / p.tasksTotal) * BAR_WIDTH) : 0;
    const meter = bar ? `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ` : '';
    // The label goes last: on a narrow terminal it is what gets cut.
    return `${p.phase} ${meter}${p.tasksDone}/${p.tasksTotal} tasks  ${p.docs} docs  ${rate} docs/s  ${formatElapsed(seconds)}  ${p.label}`;
  }
}

export function formatElapsed(seconds: number): string {
  const s = Math.floor(seconds);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
