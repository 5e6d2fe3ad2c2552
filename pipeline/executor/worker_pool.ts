import { fork, type ChildProcess } from 'node:child_process';
import { appendFileSync, createWriteStream, mkdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { layout } from '../run/layout.js';
import { cliEntry } from './cli_entry.js';
import { HEARTBEAT_FD } from './heartbeat.js';

/** What the executor asks a worker process to do, and what it answers. */
export interface TaskRequest {
  phase: string;
  rank: number;
}
export interface TaskReply extends TaskRequest {
  ok: boolean;
}

/** How a task sent to the pool ended. */
export interface TaskEnd {
  ok: boolean;
  /** Why its worker process ended under it, when it did. */
  died?: string;
}

interface Worker {
  child: ChildProcess;
  busy?: { request: TaskRequest; resolve: (end: TaskEnd) => void };
  lastBeat: number;
  /** Set when the pool kills the worker for its silence. */
  silenced?: string;
  exited: Promise<void>;
}

/**
 * Long-lived `sieve worker` processes that run tasks one after another. A task process costs
 * about 0.55 s of module loading (cheerio, apache-arrow, zod...), paid here once per worker rather
 * than once per task. A worker that dies mid-task fails that task and is replaced; one that sends
 * no heartbeat for `heartbeatTimeoutMs` (stopped, frozen) is killed, which fails its task.
 */
export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  private readonly entry = cliEntry();
  private readonly logFile: string;
  private stopped = false;
  private readonly watch: NodeJS.Timeout;
  private lastWatch = Date.now();
  // However the coordinator ends, a second Ctrl-C's process.exit included, its workers end with it.
  private readonly killAll = () => {
    for (const w of this.all) w.child.kill('SIGKILL');
  };

  constructor(
    private readonly runDir: string,
    private readonly heartbeatTimeoutMs: number,
  ) {
    this.logFile = path.join(runDir, 'logs', 'workers.log');
    this.watch = setInterval(() => this.checkHeartbeats(), heartbeatTimeoutMs / 10).unref();
    process.on('exit', this.killAll);
  }

  async run(request: TaskRequest): Promise<TaskEnd> {
    const worker = this.idle.pop() ?? (await this.start());
    if (!worker) return { ok: false };
    return new Promise((resolve) => {
      worker.busy = { request, resolve };
      worker.child.send(request);
    });
  }

  /**
   * Ends every worker and resolves once they are gone. SIGKILL: a task's files are temporary until
   * it commits, so no moment is unsafe, and a stopped worker ends too.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.watch);
    const exits = [...this.all].map((w) => w.exited);
    this.killAll();
    await Promise.all(exits);
    process.off('exit', this.killAll);
  }

  private async start(): Promise<Worker | undefined> {
    await mkdir(path.dirname(this.logFile), { recursive: true });
    const log = createWriteStream(this.logFile, { flags: 'a' });
    await new Promise((resolve) => log.once('open', resolve));
    if (this.stopped) {
      log.end();
      return undefined;
    }
    const child = fork(this.entry, ['worker', this.runDir], { stdio: ['ignore', log, log, 'ipc', 'pipe'] });
    let exited!: () => void;
    const worker: Worker = { child, lastBeat: Date.now(), exited: new Promise((resolve) => (exited = resolve)) };
    this.all.add(worker);
    child.stdio[HEARTBEAT_FD]!.on('data', () => (worker.lastBeat = Date.now()));
    child.on('message', (reply: TaskReply) => {
      const busy = worker.busy;
      worker.busy = undefined;
      this.idle.push(worker);
      busy?.resolve({ ok: reply.ok });
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      // A task sent to a worker that has just died: its 'exit' fails the task.
      if (e.code !== 'ERR_IPC_CHANNEL_CLOSED') throw e;
    });
    child.once('exit', (code, signal) => {
      this.all.delete(worker);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      log.end();
      const busy = worker.busy;
      if (busy) {
        const died = worker.silenced ?? `its worker process ${child.pid} ended (${signal ?? `exit code ${code}`})`;
        // The task's log stops where its worker did: say why.
        if (!this.stopped) {
          const taskLog = layout.log(this.runDir, busy.request.phase, busy.request.rank);
          mkdirSync(path.dirname(taskLog), { recursive: true });
          appendFileSync(taskLog, `--- ${new Date().toISOString()} ${died}\n`);
        }
        busy.resolve({ ok: false, died });
      }
      exited();
    });
    return worker;
  }

  private checkHeartbeats(): void {
    const now = Date.now();
    // A coordinator that was frozen itself (a suspended machine, a stopped process group) heard nothing for reasons of its own.
    const frozen = now - this.lastWatch > this.heartbeatTimeoutMs / 2;
    this.lastWatch = now;
    for (const w of this.all) {
      if (frozen) w.lastBeat = now;
      if (now - w.lastBeat <= this.heartbeatTimeoutMs || w.silenced) continue;
      const seconds = this.heartbeatTimeoutMs / 1000;
      w.silenced = `its worker process ${w.child.pid} sent no heartbeat for ${seconds} s (stopped or frozen) and was killed`;
      const task = w.busy ? `, it was running task ${w.busy.request.phase}/${w.busy.request.rank}` : '';
      appendFileSync(
        this.logFile,
        `${new Date().toISOString()} worker ${w.child.pid} sent no heartbeat for ${seconds} s (stopped or frozen): killed${task}\n`,
      );
      w.child.kill('SIGKILL');
    }
  }
}
