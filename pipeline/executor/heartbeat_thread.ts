import { writeSync } from 'node:fs';
import { workerData } from 'node:worker_threads';

/** The heartbeat thread of a worker process: one byte every `ms` to the pool's pipe. */
const { fd, ms } = workerData as { fd: number; ms: number };

function beat(): void {
  try {
    writeSync(fd, '.');
  } catch {
    // No pool listens (a worker started by hand), or it is gone: the worker exits on the IPC disconnect.
  }
}

beat();
setInterval(beat, ms);
