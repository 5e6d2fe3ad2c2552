import { describePlan } from '../plan/describe_plan.js';
import { prepareRun } from './prepare_run.js';

export async function planCommand(configFile: string, overrides: { tasks?: number }): Promise<number> {
  const { config, plan } = await prepareRun(configFile, overrides);
  process.stdout.write(`pipeline ${config.name} → ${config.runDir}\n${describePlan(plan, config.input.id)}\n`);
  return 0;
}
