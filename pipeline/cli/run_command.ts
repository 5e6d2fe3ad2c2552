import type { ExecutorKind } from '../config/pipeline_config.js';
import { runLocal } from '../executor/local_executor.js';
import { runOnSlurm } from '../executor/slurm/run_on_slurm.js';
import { Ledger } from '../run/ledger.js';
import { claimRunDir, makeManifest } from '../run/manifest.js';
import { readRunState } from '../report/run_state.js';
import { stoppableBySignals } from '../run/stop_signals.js';
import { prepareRun } from './prepare_run.js';

export async function runCommand(
  configFile: string,
  overrides: { runDir?: string; workers?: number; tasks?: number; executor?: ExecutorKind; wait?: boolean },
): Promise<number> {
  const { config, plan, executor } = await prepareRun(configFile, overrides);
  const manifest = makeManifest(config, plan);
  // Held while this command runs: on Slurm while it submits (and follows), so two submissions never race.
  const lock = await claimRunDir(config.runDir, manifest);
  const ledger = Ledger.open(config.runDir);
  try {
    // Tasks that completed while no coordinator was indexing (a run stopped by a full disk, one copied here).
    ledger.indexMissing(readRunState(config.runDir, manifest).results);
    return await stoppableBySignals(async (stop) => {
      if (executor === 'slurm') return runOnSlurm(config.runDir, manifest, ledger, config.executor.slurm, overrides.wait ?? false, stop);
      const options = { ...config.executor.local, workers: overrides.workers ?? config.executor.local.workers };
      const summary = await runLocal(config.runDir, manifest, ledger, options, stop);
      const skipped = Object.values(summary.skipped).reduce((a, b) => a + b, 0);
      const docs = ledger.shards('docs');
      const rows = docs.reduce((n, s) => n + s.rows, 0);
      process.stdout.write(
        `done in ${summary.seconds.toFixed(1)} s${skipped > 0 ? ` (${skipped} tasks already complete, skipped)` : ''}: ` +
          `${rows} docs in ${docs.length} shards under ${config.runDir}\n`,
      );
      return 0;
    });
  } finally {
    ledger.close();
    lock.release();
  }
}
