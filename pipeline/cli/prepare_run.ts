import { ConfigError, OptionError } from '../config/config_error.js';
import { loadConfig } from '../config/load_config.js';
import type { ExecutorKind, PipelineConfig } from '../config/pipeline_config.js';
import { buildStages } from '../plan/build_stages.js';
import { inputSizes } from '../plan/input_sizes.js';
import { makePlan } from '../plan/make_plan.js';
import { metaBefore } from '../plan/meta_flow.js';
import type { Plan } from '../plan/plan.js';
import type { SourceListing, SourceStage, Stage } from '../stage.js';

export interface PreparedRun {
  config: PipelineConfig;
  plan: Plan;
  executor: ExecutorKind;
}

/** Config → stages → inputs → plan, every check done before any work starts. */
export async function prepareRun(
  configFile: string,
  overrides: { runDir?: string; tasks?: number; executor?: ExecutorKind } = {},
): Promise<PreparedRun> {
  const { config, locate } = loadConfig(configFile, overrides);
  const { declared } = config.executor;
  if (!overrides.executor && declared.length > 1)
    throw new ConfigError(configFile, [
      locate(['executor'], `executor sets up both ${declared.join(' and ')}: choose one with --executor`),
    ]);
  const executor = overrides.executor ?? declared[0] ?? 'local';
  const stages = buildStages(config);
  const source = stages.byId.get(stages.source) as SourceStage;
  let listing: SourceListing;
  try {
    listing = await source.listInputs();
  } catch (e) {
    const at = e instanceof OptionError ? [...config.input.yamlPath, ...e.path] : config.input.yamlPath;
    throw new ConfigError(configFile, [locate(at, `${config.input.name}: ${(e as Error).message}`)]);
  }
  if (listing.inputs.length === 0)
    throw new ConfigError(configFile, [locate(config.input.yamlPath, `${config.input.name}: no input files`)]);
  const tasks = overrides.tasks ?? config.executor[executor].tasks;
  const plan = makePlan(stages, listing, inputSizes(listing.inputs), tasks);
  for (const spec of config.stages) {
    const stage: Stage = stages.byId.get(spec.id)!;
    if (stage.kind !== 'stream' || !stage.checkMeta) continue;
    try {
      stage.checkMeta(metaBefore(stages, plan, spec.id));
    } catch (e) {
      if (!(e instanceof OptionError)) throw e;
      throw new ConfigError(configFile, [locate([...spec.yamlPath, ...e.path], `${spec.name}: ${e.message}`)]);
    }
  }
  return { config, plan, executor };
}
