import type { PipelineConfig, StageSpec } from '../config/pipeline_config.js';
import { stageDefinition } from '../registry.js';
import type { Stage } from '../stage.js';
import type { PlannedStages } from './make_plan.js';

/** Instantiates every configured stage through its registered factory. */
export function buildStages(config: Pick<PipelineConfig, 'input' | 'stages' | 'baseDir' | 'runDir'>): PlannedStages {
  const env = { baseDir: config.baseDir, runDir: config.runDir };
  const byId = new Map<string, Stage>();
  const build = (spec: StageSpec) => {
    const def = stageDefinition(spec.name);
    if (!def) throw new Error(`stage "${spec.name}" is not registered`);
    byId.set(spec.id, def.create(spec.options, env));
  };
  build(config.input);
  config.stages.forEach(build);
  return { source: config.input.id, order: [config.input.id, ...config.stages.map((s) => s.id)], byId };
}
