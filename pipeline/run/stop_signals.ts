import { constants } from 'node:os';

/** What a shell reports for a process a signal ended: 130 for SIGINT, 143 for SIGTERM. */
export const signalExitCode = (signal: NodeJS.Signals): number => 128 + constants.signals[signal];

/** A run stopped by SIGINT or SIGTERM: what completed is kept, and the same command resumes. */
export class RunStoppedError extends Error {
  override name = 'RunStoppedError';
  readonly exitCode: number;
  constructor(signal: NodeJS.Signals, message: string) {
    super(message);
    this.exitCode = signalExitCode(signal);
  }
}

/**
 * Runs `work` with a signal that the first SIGINT (Ctrl-C) or SIGTERM aborts, its reason the
 * signal's name: the work stops scheduling, ends what it started and throws RunStoppedError. A
 * second signal ends the process at once; 'exit' handlers still end the workers and release the run dir.
 */
export async function stoppableBySignals<T>(work: (stop: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (!controller.signal.aborted) return controller.abort(signal);
    process.stderr.write(`\nsieve: ${signal} again: stopped at once\n`);
    process.exit(signalExitCode(signal));
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
}
