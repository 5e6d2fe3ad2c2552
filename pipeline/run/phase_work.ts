import type { Phase, StreamPhase } from '../plan/plan.js';
import type { StageCounters } from '../stats.js';
import { completedResult } from '../task/task_state.js';
import type { LiveCounters, TaskResult } from '../task/task_result.js';
import type { RunManifest } from './manifest.js';

/**
 * What a phase's progress is measured in: the bytes of the source's inputs read (when every input
 * is a local file of known size), else the inputs read; docs of the handoff shards read, for a
 * phase after a barrier; tasks done, for a reduce step, which streams no docs.
 */
export type WorkUnit = 'bytes' | 'inputs' | 'docs' | 'tasks';

export interface PhaseWork {
  unit: WorkUnit;
  done: number;
  total: number;
  /** Docs that entered the phase (completed tasks and the live counters of running ones); null for a reduce step. */
  docs: number | null;
}

/** A task as the executor sees it: complete, with its result; running, with its last flushed counters; or neither. */
export type TaskView = TaskResult | LiveCounters | undefined;

/**
 * Measures how much of `phase` is done, given a view of each task. What is fixed for the phase
 * (input sizes, the rows of the handoff shards it reads) is read once, here.
 */
export function phaseWorkMeter(runDir: string, manifest: RunManifest, phase: Phase): (task: (rank: number) => TaskView) => PhaseWork {
  if (phase.kind === 'reduce') {
    return (task) => {
      let done = 0;
      for (let rank = 0; rank < phase.tasks; rank++) if (isResult(task(rank))) done++;
      return { unit: 'tasks', done, total: phase.tasks, docs: null };
    };
  }
  return phase.input.from === 'source' ? sourceMeter(manifest, phase) : handoffMeter(runDir, phase, phase.input.phase);
}

function sourceMeter(manifest: RunManifest, phase: StreamPhase): (task: (rank: number) => TaskView) => PhaseWork {
  const { inputs, inputBytes } = manifest.plan;
  // A run dir planned before sizes were recorded, or inputs at URLs: count whole inputs.
  const sizes = inputBytes?.every((b) => b !== null) ? (inputBytes as number[]) : undefined;
  const weight = (i: number) => (sizes ? sizes[i]! : 1);
  const mine = Array.from({ length: phase.tasks }, (_, rank) => inputs.flatMap((_, i) => (i % phase.tasks === rank ? [i] : [])));
  const total = inputs.reduce((n, _, i) => n + weight(i), 0);
  const source = manifest.input.id;
  return (task) => {
    let done = 0;
    let docs = 0;
    for (const [rank, files] of mine.entries()) {
      const view = task(rank);
      if (!view) continue;
      docs += view.stages[source]?.docsOut ?? 0;
      if (isResult(view)) {
        done += files.reduce((n, i) => n + weight(i), 0);
        continue;
      }
      const at = view.read ?? { inputs: 0, bytes: 0 };
      done += files.slice(0, at.inputs).reduce((n, i) => n + weight(i), 0);
      const current = files[at.inputs];
      if (sizes && current !== undefined) done += Math.min(at.bytes, sizes[current]!);
    }
    return { unit: sizes ? 'bytes' : 'inputs', done, total, docs };
  };
}

/** Task `rank` reads the handoff shard of upstream task `rank`: its rows, recorded upstream, are the task's work. */
function handoffMeter(runDir: string, phase: StreamPhase, upstream: string): (task: (rank: number) => TaskView) => PhaseWork {
  const rows = Array.from({ length: phase.tasks }, (_, rank) =>
    (completedResult(runDir, upstream, rank)?.outputs ?? []).filter((o) => o.kind === 'intermediate').reduce((n, o) => n + o.rows, 0),
  );
  const total = rows.reduce((a, b) => a + b, 0);
  const first = phase.steps[0]!.stage;
  return (task) => {
    let done = 0;
    for (let rank = 0; rank < phase.tasks; rank++) {
      const counters: StageCounters | undefined = task(rank)?.stages[first];
      done += Math.min(counters?.docsIn ?? 0, rows[rank]!);
    }
    return { unit: 'docs', done, total, docs: done };
  };
}

const isResult = (view: TaskView): view is TaskResult => view !== undefined && 'status' in view;
