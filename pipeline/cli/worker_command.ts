import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { startHeartbeat } from '../executor/heartbeat.js';
import type { TaskReply, TaskRequest } from '../executor/worker_pool.js';
import { layout } from '../run/layout.js';
import type { Logger } from '../stage.js';
import { runTask } from '../task/run_task.js';

/**
 * Serves the local executor: runs the tasks it sends over IPC, one at a time, each logging to its
 * own file. Never returns: the process ends when its coordinator kills it or goes away.
 */
export function workerCommand(runDir: string): Promise<never> {
  startHeartbeat();
  // Ctrl-C signals the whole process group: the coordinator, which gets it too, decides, and ends its workers.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => {});
  // Without its coordinator no one records the task, and it would race the next run for its files.
  process.once('disconnect', () => process.exit(0));
  let queue = Promise.resolve();
  process.on('message', (request: TaskRequest) => {
    queue = queue.then(async () => {
      const logFile = layout.log(runDir, request.phase, request.rank);
      mkdirSync(path.dirname(logFile), { recursive: true });
      const write = (line: string) => appendFileSync(logFile, `${line}\n`);
      const log: Logger = { info: write, warn: (m) => write(`warn: ${m}`) };
      write(`--- ${new Date().toISOString()} task ${request.phase}/${request.rank} (worker ${process.pid})`);
      let ok = true;
      try {
        const result = await runTask(runDir, request.phase, request.rank, log);
        write(`done in ${result.seconds.toFixed(1)} s, ${result.outputs.length} outputs`);
      } catch (e) {
        ok = false;
        write(`failed: ${(e as Error).stack ?? String(e)}`);
      }
      process.send!({ ...request, ok } satisfies TaskReply);
    });
  });
  return new Promise(() => {});
}
