import { fork, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { cliEntry } from './cli_entry.js';

/** What the executor asks a worker process to do, and what it answers. */
export interface TaskRequest {
  phase: string;
  rank: number;
}
export interface TaskReply extends TaskRequest {
  ok: boolean;
}

interface Worker {
  child: ChildProcess;
  busy?: { request: TaskRequest; resolve: (ok: boolean) => void };
}

/**
 * Long-lived `sieve worker` processes that run tasks one after another. A task process costs
 * about 0.55 s of module loading (cheerio, apache-arrow, zod...), paid here once per worker rather
 * than once per task. A worker that dies mid-task fails that task and is replaced.
 */
export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  private readonly entry = cliEntry();

  constructor(private readonly runDir: string) {}

  async run(request: TaskRequest): Promise<boolean> {
    const worker = this.idle.pop() ?? (await this.start());
    return new Promise((resolve) => {
      worker.busy = { request, resolve };
      worker.child.send(request);
    });
  }

  stop(signal: NodeJS.Signals = 'SIGTERM'): void {
    for (const w of this.all) w.child.kill(signal);
    this.all.clear();
    this.idle.length = 0;
  }

  private async start(): Promise<Worker> {
    const logFile = path.join(this.runDir, 'logs', 'workers.log');
    await mkdir(path.dirname(logFile), { recursive: true });
    const log = createWriteStream(logFile, { flags: 'a' });
    await new Promise((resolve) => log.once('open', resolve));
    const child = fork(this.entry, ['worker', this.runDir], { stdio: ['ignore', log, log, 'ipc'] });
    const worker: Worker = { child };
    this.all.add(worker);
    child.on('message', (reply: TaskReply) => {
      const busy = worker.busy;
      worker.busy = undefined;
      this.idle.push(worker);
      busy?.resolve(reply.ok);
    });
    child.once('exit', () => {
      this.all.delete(worker);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      log.end();
      worker.busy?.resolve(false);
    });
    return worker;
  }
}
