import type { BarrierStage, SourceListing, Stage } from '../stage.js';
import type { Phase, PhaseStep, Plan, StreamPhase } from './plan.js';

/** Stage instances by id, in pipeline order (the source first). */
export interface PlannedStages {
  source: string;
  order: string[];
  byId: Map<string, Stage>;
}

/**
 * Compiles the linear stage list into phases, cutting at each barrier: the barrier's collect ends
 * a streaming phase, each reduce step is a phase of its own, and its apply starts the next one.
 */
export function makePlan(stages: PlannedStages, listing: SourceListing, inputBytes: (number | null)[], requestedTasks: number): Plan {
  const { inputs, meta: sourceMeta } = listing;
  const tasks = Math.max(1, Math.min(requestedTasks, inputs.length));
  const phases: Phase[] = [];
  let current: StreamPhase = { kind: 'stream', id: 'p0', tasks, dependsOn: [], input: { from: 'source' }, steps: [], handoff: false };
  const nextId = () => `p${phases.length}`;

  for (const id of stages.order) {
    const stage = stages.byId.get(id)!;
    if (stage.kind === 'source') continue;
    if (stage.kind !== 'barrier') {
      current.steps.push({ stage: id, part: 'run' });
      continue;
    }
    current.steps.push({ stage: id, part: 'collect' });
    current.handoff = true;
    phases.push(current);
    const upstream = current;
    let last: string = upstream.id;
    (stage as BarrierStage).reduce.forEach((step, index) => {
      const reduceId = nextId();
      phases.push({
        kind: 'reduce',
        id: reduceId,
        tasks: Math.max(1, step.tasks(upstream.tasks)),
        dependsOn: [last],
        stage: id,
        step: index,
        stepName: step.name,
        upstreamTasks: upstream.tasks,
      });
      last = reduceId;
    });
    const apply: PhaseStep = { stage: id, part: 'apply' };
    current = {
      kind: 'stream',
      id: nextId(),
      tasks,
      dependsOn: [last],
      input: { from: 'phase', phase: upstream.id },
      steps: [apply],
      handoff: false,
    };
  }
  phases.push(current);
  return { phases, inputs, inputBytes, sourceMeta };
}
