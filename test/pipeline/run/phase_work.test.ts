import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import '../../../stages/index.js';
import { prepareRun } from '../../../pipeline/cli/prepare_run.js';
import type { Phase, ReducePhase, StreamPhase } from '../../../pipeline/plan/plan.js';
import type { RunManifest } from '../../../pipeline/run/manifest.js';
import type { SourceStage } from '../../../pipeline/stage.js';
import { phaseWorkMeter, type TaskView } from '../../../pipeline/run/phase_work.js';
import { emptyCounters, type StageCounters } from '../../../pipeline/stats.js';
import type { LiveCounters, TaskResult } from '../../../pipeline/task/task_result.js';
import { warcSource } from '../../../stages/sources/warc/warc_source.js';
import { REPO } from '../../helpers/cli.js';
import { testContext } from '../../helpers/context.js';

const source: StreamPhase = { kind: 'stream', id: 'p0', tasks: 2, dependsOn: [], input: { from: 'source' }, steps: [], handoff: true };
const apply: StreamPhase = {
  kind: 'stream',
  id: 'p2',
  tasks: 2,
  dependsOn: ['p1'],
  input: { from: 'phase', phase: 'p0' },
  steps: [{ stage: 'exact_dedup', part: 'apply' }],
  handoff: false,
};
const reduce: ReducePhase = {
  kind: 'reduce',
  id: 'p1',
  tasks: 3,
  dependsOn: ['p0'],
  stage: 'exact_dedup',
  step: 0,
  stepName: 'find',
  upstreamTasks: 2,
};

function manifest(inputBytes: (number | null)[]): RunManifest {
  const inputs = inputBytes.map((_, i) => `in-${i}.warc.gz`);
  return { input: { id: 'warc' }, plan: { phases: [source, reduce, apply], inputs, inputBytes, sourceMeta: {} } } as unknown as RunManifest;
}

const counters = (stage: string, c: Partial<StageCounters>) => ({ [stage]: { ...emptyCounters(), ...c } });

function result(phase: Phase, rank: number, stages: Record<string, StageCounters>, outputs: TaskResult['outputs'] = []): TaskResult {
  return { phase: phase.id, rank, status: 'done', startedAt: '', finishedAt: '', seconds: 1, stages, outputs };
}

function live(phase: Phase, rank: number, stages: Record<string, StageCounters>, read?: LiveCounters['read']): LiveCounters {
  return { phase: phase.id, rank, updatedAt: '', stages, ...(read ? { read } : {}) };
}

describe('phase work', () => {
  it("measures a source phase in input bytes: a completed task's whole inputs, a running one's read position", () => {
    // Task 0 reads inputs 0, 2, 4 (100 + 300 + 500 bytes), task 1 inputs 1, 3 (200 + 400).
    const meter = phaseWorkMeter('/nowhere', manifest([100, 200, 300, 400, 500]), source);
    const views: TaskView[] = [
      result(source, 0, counters('warc', { docsOut: 10 })),
      live(source, 1, counters('warc', { docsOut: 4 }), { inputs: 1, bytes: 150 }),
    ];
    expect(meter((rank) => views[rank])).toEqual({ unit: 'bytes', done: 900 + 200 + 150, total: 1500, docs: 14 });
    // Nothing started yet; a read position past an input's planned size counts no more than the input.
    expect(meter(() => undefined)).toEqual({ unit: 'bytes', done: 0, total: 1500, docs: 0 });
    const over = live(source, 1, counters('warc', {}), { inputs: 1, bytes: 10_000 });
    expect(meter((rank) => (rank === 1 ? over : undefined)).done).toBe(200 + 400);
    // A task that has not flushed its position yet is at its start.
    expect(meter((rank) => (rank === 1 ? live(source, 1, {}) : undefined)).done).toBe(0);
  });

  it('counts whole inputs when a size is unknown (an input at a URL)', () => {
    const meter = phaseWorkMeter('/nowhere', manifest([100, null, 300]), source);
    const views: TaskView[] = [live(source, 0, {}, { inputs: 1, bytes: 50 }), result(source, 1, {})];
    expect(meter((rank) => views[rank])).toEqual({ unit: 'inputs', done: 2, total: 3, docs: 0 });
  });

  it('measures a phase after a barrier in docs of the handoff shards it reads, and a reduce step in tasks', () => {
    const runDir = mkdtempSync(path.join(tmpdir(), 'sieve-work-'));
    // The upstream tasks completed with handoff shards of 30 and 12 docs.
    for (const [rank, rows] of [30, 12].entries()) {
      const shard = `intermediate/p0/0000${rank}.arrow`;
      mkdirSync(path.join(runDir, 'intermediate', 'p0'), { recursive: true });
      mkdirSync(path.join(runDir, 'tasks', 'p0'), { recursive: true });
      writeFileSync(path.join(runDir, shard), 'x'.repeat(rows));
      const output = { path: shard, kind: 'intermediate' as const, rows, bytes: rows, sha256: '' };
      writeFileSync(path.join(runDir, 'tasks', 'p0', `0000${rank}.json`), JSON.stringify(result(source, rank, {}, [output])));
    }
    const meter = phaseWorkMeter(runDir, manifest([1, 1]), apply);
    const views: TaskView[] = [live(apply, 0, counters('exact_dedup', { docsIn: 7 })), undefined];
    expect(meter((rank) => views[rank])).toEqual({ unit: 'docs', done: 7, total: 42, docs: 7 });

    const steps = phaseWorkMeter(runDir, manifest([1, 1]), reduce);
    const done: TaskView[] = [result(reduce, 0, {}), live(reduce, 1, {}), result(reduce, 2, {})];
    expect(steps((rank) => done[rank])).toEqual({ unit: 'tasks', done: 2, total: 3, docs: null });
  });

  it('plans with the size of each local input, and none for one at a URL', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sieve-sizes-'));
    const config = path.join(dir, 'p.yaml');
    const sample = path.join(REPO, 'datasets', 'sample', 'jwarc_cc.warc.gz');
    writeFileSync(
      config,
      `name: sizes\nrun_dir: ${dir}/run\ninput:\n  warc: { paths: ["${sample}", "https://example.org/a.warc.gz"] }\nstages:\n  - write: {}\n`,
    );
    const { plan } = await prepareRun(config);
    expect(plan.inputs).toEqual([sample, 'https://example.org/a.warc.gz']);
    expect(plan.inputBytes).toEqual([statSync(sample).size, null]);
  });

  it('hears from the warc source every byte of its file as it is read', async () => {
    const file = path.join(REPO, 'datasets', 'sample', 'dolma_wget_2024_sample-0000.warc.gz');
    const told: number[] = [];
    let docs = 0;
    const warc = warcSource.create(warcSource.options.parse({ paths: [file] }), { baseDir: REPO, runDir: REPO }) as SourceStage;
    for await (const _ of warc.read(file, testContext(), (bytes) => told.push(bytes))) docs++;
    expect(docs).toBeGreaterThan(0);
    expect(told.reduce((a, b) => a + b, 0)).toBe(statSync(file).size);
  });
});
