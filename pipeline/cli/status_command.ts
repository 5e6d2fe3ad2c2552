import { describeStatus } from '../executor/slurm/describe_status.js';
import { runStatus } from '../executor/slurm/run_status.js';
import { readManifest } from '../run/manifest.js';

/**
 * Where each phase of a run dir stands, from its task files and the Slurm queue. It writes
 * nothing (the ledger is the running coordinator's), so it answers on a read-only or full disk.
 */
export async function statusCommand(runDir: string): Promise<number> {
  const manifest = readManifest(runDir);
  const tasks = await runStatus(runDir, manifest);
  process.stdout.write(`run ${manifest.name} in ${runDir}\n${describeStatus(manifest, tasks)}\n`);
  return 0;
}
