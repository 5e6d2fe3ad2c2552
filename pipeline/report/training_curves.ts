import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { readMetrics } from '../../train/metrics_log.js';

/** A `sieve train` run whose out_dir sits under the pipeline run's `train/` folder. */
export interface TrainingCurve {
  name: string;
  loss: { step: number; value: number }[];
  valLoss: { step: number; value: number }[];
  /** The loss a context-free (unigram) model gets, where the run recorded it. */
  unigramEntropy?: number;
  unigramValLoss?: number;
}

export function trainingCurves(runDir: string): TrainingCurve[] {
  const root = path.join(runDir, 'train');
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(root, d.name, 'metrics.jsonl')))
    .map((d) => {
      const records = readMetrics(path.join(root, d.name, 'metrics.jsonl'));
      const start = records.find((r) => r.event === 'start');
      const series = (key: string) => records.filter((r) => key in r).map((r) => ({ step: Number(r.step), value: Number(r[key]) }));
      return {
        name: `train/${d.name}`,
        loss: series('loss'),
        valLoss: series('val_loss'),
        unigramEntropy: start ? Number(start.unigram_entropy) : undefined,
        unigramValLoss: start ? Number(start.unigram_val_loss) : undefined,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
