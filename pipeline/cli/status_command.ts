import { describeStatus } from '../executor/slurm/describe_status.js';
import { ingestResults } from '../executor/slurm/ingest_results.js';
import { runStatus } from '../executor/slurm/run_status.js';
import { Ledger } from '../run/ledger.js';
import { readManifest } from '../run/manifest.js';

/** Where each phase of a run dir stands; also indexes tasks finished since anyone last looked into the ledger. */
export async function statusCommand(runDir: string): Promise<number> {
  const manifest = readManifest(runDir);
  const tasks = await runStatus(runDir, manifest);
  const ledger = Ledger.open(runDir);
  try {
    ingestResults(ledger, tasks);
  } finally {
    ledger.close();
  }
  process.stdout.write(`run ${manifest.name} in ${runDir}\n${describeStatus(manifest, tasks)}\n`);
  return 0;
}
