import type { MetaSchema } from '../doc.js';
import type { PlannedStages } from './make_plan.js';
import type { Plan } from './plan.js';

/** The meta keys docs may carry once they have passed the given stage (the source's included). */
export function metaThrough(stages: PlannedStages, plan: Plan, stageId: string): MetaSchema {
  const meta: Record<string, MetaSchema[string]> = { ...plan.sourceMeta };
  for (const id of stages.order) {
    const stage = stages.byId.get(id)!;
    if (stage.kind !== 'source') Object.assign(meta, stage.meta ?? {});
    if (id === stageId) return meta;
  }
  throw new Error(`stage ${stageId} is not in the pipeline`);
}

/** The meta keys docs carry as they enter the given stage. */
export function metaBefore(stages: PlannedStages, plan: Plan, stageId: string): MetaSchema {
  const index = stages.order.indexOf(stageId);
  return metaThrough(stages, plan, stages.order[index - 1]!);
}
