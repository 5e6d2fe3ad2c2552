import type { OptimConfig } from './train_config.js';

/** Learning rate for update `step` (0-based): linear warm-up to `lr`, then cosine decay to `min_lr` (lr/10 unless set). */
export function learningRate(o: Pick<OptimConfig, 'lr' | 'min_lr' | 'warmup_steps' | 'steps'>, step: number): number {
  const minLr = o.min_lr ?? o.lr / 10;
  if (step < o.warmup_steps) return (o.lr * (step + 1)) / o.warmup_steps;
  const progress = o.steps > o.warmup_steps + 1 ? (step - o.warmup_steps) / (o.steps - o.warmup_steps - 1) : 1;
  return minLr + 0.5 * (o.lr - minLr) * (1 + Math.cos(Math.PI * Math.min(progress, 1)));
}
