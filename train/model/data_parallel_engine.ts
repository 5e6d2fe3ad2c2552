import { fork, type ChildProcess } from 'node:child_process';
import { cliEntry } from '../../pipeline/executor/cli_entry.js';
import type { BackendName } from '../backend/select_backend.js';
import type { Batch } from '../data/batch.js';
import type { OptimConfig } from '../train_config.js';
import type { GptShape } from './gpt_params.js';
import type { ReplicaReply, ReplicaRequest } from './replica_protocol.js';
import { TfjsGptEngine } from './tfjs_gpt_engine.js';
import type { EngineState, StepResult, TrainEngine } from './train_engine.js';

/**
 * Data parallelism over processes on one machine: the wasm backend runs one thread, so each extra
 * core gets a replica process with the same initial weights. Every micro-batch is split by rows
 * across the replicas; the coordinator sums their gradient sums in a fixed order and sends the
 * total back, and every replica applies the same update, so the weights stay identical without
 * ever being sent.
 */
export class DataParallelEngine implements TrainEngine {
  readonly parameters: number;

  private constructor(
    private readonly local: TfjsGptEngine,
    private readonly replicas: Replica[],
  ) {
    this.parameters = local.parameters;
  }

  static async start(
    shape: GptShape,
    optim: OptimConfig,
    seed: number,
    backend: BackendName,
    processes: number,
  ): Promise<DataParallelEngine> {
    const replicas = Array.from({ length: processes - 1 }, () => new Replica());
    await Promise.all(replicas.map((r) => r.call({ kind: 'init', shape, optim, seed, backend }, 'ready')));
    return new DataParallelEngine(new TfjsGptEngine(shape, optim, seed), replicas);
  }

  get processes(): number {
    return this.replicas.length + 1;
  }

  async step(microbatches: Batch[], lr: number): Promise<StepResult> {
    const n = this.processes;
    const parts = Array.from({ length: n }, () => [] as { batch: Batch; part: number }[]);
    microbatches.forEach((batch, k) => splitRows(batch, n).forEach((slice, p) => parts[p]!.push({ batch: slice, part: k * n + p })));
    const remote = this.replicas.map((r, i) => r.call({ kind: 'grads', parts: parts[i + 1]! }, 'grads'));
    const own = await this.local.gradientSums(parts[0]!);
    const others = await Promise.all(remote);
    let loss = own.loss;
    for (const o of others) {
      loss += o.loss;
      for (const [name, g] of own.grads) {
        const add = o.grads.get(name)!;
        for (let i = 0; i < g.length; i++) g[i]! += add[i]!;
      }
    }
    const count = microbatches.length * n;
    const applied = this.replicas.map((r) => r.call({ kind: 'apply', grads: own.grads, loss, count, lr }, 'applied'));
    const result = await this.local.applyGradientSums(own.grads, loss, count, lr);
    await Promise.all(applied);
    return result;
  }

  evaluate(batch: Batch): Promise<number> {
    return this.local.evaluate(batch);
  }

  nextTokenLogits(context: Int32Array): Promise<Float32Array> {
    return this.local.nextTokenLogits(context);
  }

  save(): Promise<EngineState> {
    return this.local.save();
  }

  load(state: EngineState): void {
    this.local.load(state);
    for (const r of this.replicas) r.send({ kind: 'load', state });
  }

  dispose(): void {
    this.local.dispose();
    for (const r of this.replicas) r.stop();
  }
}

/** Rows [p·B/n, (p+1)·B/n) of a batch for each of n replicas (B is a multiple of n). */
function splitRows(batch: Batch, n: number): Batch[] {
  const rows = batch.batchSize / n;
  const width = rows * batch.contextLength;
  return Array.from({ length: n }, (_, p) => ({
    inputs: batch.inputs.slice(p * width, (p + 1) * width),
    targets: batch.targets.slice(p * width, (p + 1) * width),
    batchSize: rows,
    contextLength: batch.contextLength,
  }));
}

/** A replica process and its in-order replies. */
class Replica {
  private readonly child: ChildProcess;
  private readonly waiting: { kind: ReplicaReply['kind']; resolve: (r: ReplicaReply) => void; reject: (e: Error) => void }[] = [];

  constructor() {
    // Advanced serialization sends typed arrays and Maps as they are, not as JSON.
    this.child = fork(cliEntry(), ['train-replica'], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (reply: ReplicaReply) => {
      const next = this.waiting.shift();
      if (!next) return;
      if (reply.kind === 'error') next.reject(new Error(`a training replica failed: ${reply.message}`));
      else if (reply.kind !== next.kind) next.reject(new Error(`a training replica answered ${reply.kind}, expected ${next.kind}`));
      else next.resolve(reply);
    });
    this.child.once('exit', (code) => {
      for (const w of this.waiting.splice(0)) w.reject(new Error(`a training replica exited (code ${code})`));
    });
  }

  send(request: ReplicaRequest): void {
    this.child.send(request);
  }

  call<K extends ReplicaReply['kind']>(request: ReplicaRequest, kind: K): Promise<Extract<ReplicaReply, { kind: K }>> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ kind, resolve: resolve as (r: ReplicaReply) => void, reject });
      this.send(request);
    });
  }

  stop(): void {
    if (this.child.connected) this.child.disconnect();
  }
}
