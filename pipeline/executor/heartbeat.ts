import { Worker } from 'node:worker_threads';

/** The file descriptor a worker process beats on: its index in the pool's `stdio` for it. */
export const HEARTBEAT_FD = 4;
export const HEARTBEAT_MS = 250;

/**
 * Beats from a thread of the worker process's own, not from its event loop: a worker busy in a
 * long synchronous step (a giant page, a reduce) still beats, a stopped or frozen process cannot.
 */
export function startHeartbeat(): void {
  // Not the process's own Node flags (--input-type, --inspect...): the thread needs none.
  const thread = new Worker(new URL('./heartbeat_thread.js', import.meta.url), {
    workerData: { fd: HEARTBEAT_FD, ms: HEARTBEAT_MS },
    execArgv: [],
  });
  thread.unref();
}
