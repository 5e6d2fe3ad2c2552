import { runTask } from '../task/run_task.js';

export async function taskCommand(runDir: string, phase: string, rank: number): Promise<number> {
  const result = await runTask(runDir, phase, rank);
  process.stdout.write(`task ${phase}/${rank} done in ${result.seconds.toFixed(1)} s, ${result.outputs.length} outputs\n`);
  return 0;
}
