import { rm } from 'node:fs/promises';
import path from 'node:path';
import { readDocShard } from '../arrow/doc_shard_reader.js';
import type { DocFileWriter } from '../doc_files/doc_file_format.js';
import { openTaskShard } from '../doc_files/task_doc_file.js';
import type { Doc } from '../doc.js';
import { buildStages } from '../plan/build_stages.js';
import type { PlannedStages } from '../plan/make_plan.js';
import { metaBefore, metaThrough } from '../plan/meta_flow.js';
import type { Phase, ReducePhase, StreamPhase } from '../plan/plan.js';
import { writeJsonAtomic } from '../run/atomic.js';
import { layout } from '../run/layout.js';
import { readManifest, type RunManifest } from '../run/manifest.js';
import type { BarrierStage, Logger, SourceStage, StageContext, StreamStage } from '../stage.js';
import { addTo, emptyCounters, totalDropped, type StageCounters } from '../stats.js';
import { FileTaskOutputs } from './file_outputs.js';
import { completedResult } from './task_state.js';
import type { InputPosition, LiveCounters, TaskFailure, TaskResult } from './task_result.js';

const LIVE_FLUSH_MS = 2000;

/**
 * Runs task `rank` of `phaseId`: the unit the executors schedule. Its outputs appear under their
 * final names and its result file is written only after every output is validated.
 */
export async function runTask(runDir: string, phaseId: string, rank: number, log: Logger = consoleLogger): Promise<TaskResult> {
  const manifest = readManifest(runDir);
  const phase = manifest.plan.phases.find((p) => p.id === phaseId);
  if (!phase)
    throw new Error(`phase ${phaseId} is not in the plan of ${runDir} (phases: ${manifest.plan.phases.map((p) => p.id).join(', ')})`);
  if (!Number.isInteger(rank) || rank < 0 || rank >= phase.tasks)
    throw new Error(`phase ${phaseId} has tasks 0..${phase.tasks - 1}, not ${rank}`);

  const task = new TaskRun(runDir, manifest, phase, rank, log);
  try {
    return await task.run();
  } catch (e) {
    await task.outputs.discard();
    const code = (e as { code?: unknown }).code;
    const failure: TaskFailure = {
      phase: phaseId,
      rank,
      at: new Date().toISOString(),
      error: (e as Error).message,
      ...(typeof code === 'string' ? { code } : {}),
      stack: (e as Error).stack,
    };
    // On a full disk this may fail too: the task's own error is the one to report.
    await writeJsonAtomic(layout.error(runDir, phaseId, rank), failure).catch(() => {});
    throw e;
  }
}

const consoleLogger: Logger = {
  info: (m) => console.log(m),
  warn: (m) => console.warn(m),
};

class TaskRun {
  readonly outputs: FileTaskOutputs;
  private readonly stages: PlannedStages;
  private readonly counters = new Map<string, StageCounters>();
  private readonly rejectSinks = new Map<string, Promise<DocFileWriter>>();
  private rejectWrites: Promise<void> = Promise.resolve();
  private readonly abort = new AbortController();
  /** Set while the task reads the source. */
  private position: InputPosition | undefined;

  constructor(
    private readonly runDir: string,
    private readonly manifest: RunManifest,
    private readonly phase: Phase,
    private readonly rank: number,
    private readonly log: Logger,
  ) {
    this.outputs = new FileTaskOutputs(runDir);
    this.stages = buildStages({ ...manifest, runDir });
  }

  async run(): Promise<TaskResult> {
    const startedAt = new Date();
    // At once, so a coordinator never takes the counters an earlier attempt left for this one's.
    await this.flushLive();
    const flush = setInterval(() => void this.flushLive(), LIVE_FLUSH_MS);
    try {
      if (this.phase.kind === 'stream') await this.runStream(this.phase);
      else await this.runReduce(this.phase);
      await this.closeRejects();
    } finally {
      clearInterval(flush);
    }
    const outputs = await this.outputs.commit();
    const finishedAt = new Date();
    const result: TaskResult = {
      phase: this.phase.id,
      rank: this.rank,
      status: 'done',
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      seconds: (finishedAt.getTime() - startedAt.getTime()) / 1000,
      stages: Object.fromEntries(this.counters),
      outputs,
    };
    await writeJsonAtomic(layout.result(this.runDir, this.phase.id, this.rank), result);
    await rm(layout.live(this.runDir, this.phase.id, this.rank), { force: true });
    await rm(layout.error(this.runDir, this.phase.id, this.rank), { force: true });
    return result;
  }

  private async runStream(phase: StreamPhase): Promise<void> {
    let docs: AsyncIterable<Doc> = phase.input.from === 'source' ? this.readSource(phase) : this.readHandoff(phase.input.phase);
    for (const step of phase.steps) {
      const stage = this.stages.byId.get(step.stage)!;
      const ctx = this.context(step.stage);
      const counters = ctx.counters;
      const input = countIn(docs, counters);
      if (step.part === 'run') docs = (stage as StreamStage).run(input, ctx);
      else if (step.part === 'collect') docs = (stage as BarrierStage).collect(input, ctx);
      else docs = (stage as BarrierStage).apply(input, ctx);
      docs = countOut(docs, counters);
    }
    if (!phase.handoff) {
      for await (const _ of docs);
      return;
    }
    const last = phase.steps[phase.steps.length - 1]!.stage;
    const shard = await openTaskShard(this.outputs, layout.intermediate(phase.id, this.rank), 'intermediate', {
      meta: metaThrough(this.stages, this.manifest.plan, last),
      html: true,
      reason: false,
    });
    for await (const doc of docs) await shard.write(doc);
    await shard.close();
  }

  private async *readSource(phase: StreamPhase): AsyncGenerator<Doc> {
    const id = this.stages.source;
    const source = this.stages.byId.get(id) as SourceStage;
    const ctx = this.context(id);
    const mine = this.manifest.plan.inputs.filter((_, i) => i % phase.tasks === this.rank);
    const position: InputPosition = { inputs: 0, bytes: 0 };
    this.position = position;
    for (const input of mine) {
      for await (const doc of source.read(input, ctx, (bytes) => (position.bytes += bytes))) {
        ctx.counters.docsOut++;
        ctx.counters.bytesOut += docBytes(doc);
        yield doc;
      }
      position.inputs++;
      position.bytes = 0;
    }
    ctx.counters.docsIn = ctx.counters.docsOut + totalDropped(ctx.counters);
  }

  /**
   * Task `rank` continues where upstream task `rank` stopped: it reads that task's handoff shard,
   * checked first against the size and sha256 the upstream task recorded, so a shard damaged
   * since is a ShardError, never different docs.
   */
  private async *readHandoff(upstream: string): AsyncGenerator<Doc> {
    const relPath = layout.intermediate(upstream, this.rank);
    const recorded = completedResult(this.runDir, upstream, this.rank)?.outputs.find((o) => o.path === relPath);
    if (!recorded) throw new Error(`upstream task ${upstream}/${this.rank} has not completed: its ${relPath} is missing`);
    yield* readDocShard(path.join(this.runDir, relPath), recorded);
  }

  private async runReduce(phase: ReducePhase): Promise<void> {
    const barrier = this.stages.byId.get(phase.stage) as BarrierStage;
    const { drop: _, ...ctx } = this.context(phase.stage);
    await barrier.reduce[phase.step]!.run({ ...ctx, upstreamTasks: phase.upstreamTasks });
  }

  private context(stageId: string): StageContext {
    const counters = emptyCounters();
    this.counters.set(stageId, counters);
    const keepRejects = this.manifest.rejects.includes(stageId);
    return {
      runDir: this.runDir,
      phase: this.phase.id,
      rank: this.rank,
      worldSize: this.phase.tasks,
      stage: stageId,
      workDir: layout.barrier(stageId),
      metaIn: stageId === this.stages.source ? {} : metaBefore(this.stages, this.manifest.plan, stageId),
      counters,
      log: this.log,
      signal: this.abort.signal,
      outputs: this.outputs,
      drop: (doc, reason) => {
        addTo(counters.dropped, reason);
        if (keepRejects) this.reject(stageId, doc, reason);
      },
      skip: (reason, n = 1) => addTo(counters.dropped, reason, n),
    };
  }

  /** Drops are counted synchronously; the rejects shard is written behind, in order. */
  private reject(stageId: string, doc: Doc, reason: string): void {
    let sink = this.rejectSinks.get(stageId);
    if (!sink) {
      sink = openTaskShard(this.outputs, layout.rejects(stageId, this.phase.id, this.rank), 'rejects', {
        meta: metaThrough(this.stages, this.manifest.plan, stageId),
        html: true,
        reason: true,
      });
      this.rejectSinks.set(stageId, sink);
    }
    const pending = sink;
    this.rejectWrites = this.rejectWrites.then(async () => (await pending).write(doc, reason));
  }

  private async closeRejects(): Promise<void> {
    await this.rejectWrites;
    for (const sink of this.rejectSinks.values()) await (await sink).close();
  }

  private async flushLive(): Promise<void> {
    const live: LiveCounters = {
      phase: this.phase.id,
      rank: this.rank,
      updatedAt: new Date().toISOString(),
      stages: Object.fromEntries(this.counters),
      ...(this.position ? { read: { ...this.position } } : {}),
    };
    await writeJsonAtomic(layout.live(this.runDir, this.phase.id, this.rank), live).catch(() => {});
  }
}

async function* countIn(docs: AsyncIterable<Doc>, c: StageCounters): AsyncGenerator<Doc> {
  for await (const doc of docs) {
    c.docsIn++;
    c.bytesIn += docBytes(doc);
    yield doc;
  }
}

async function* countOut(docs: AsyncIterable<Doc>, c: StageCounters): AsyncGenerator<Doc> {
  for await (const doc of docs) {
    c.docsOut++;
    c.bytesOut += docBytes(doc);
    yield doc;
  }
}

/** Bytes of what the doc carries now: its text, or the page while it is not extracted yet. */
function docBytes(doc: Doc): number {
  return Buffer.byteLength(doc.text || doc.html || '');
}
