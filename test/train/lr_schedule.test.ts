import { describe, expect, it } from 'vitest';
import { learningRate } from '../../train/lr_schedule.js';

describe('learning-rate schedule', () => {
  const o = { lr: 1e-3, min_lr: 1e-4, warmup_steps: 10, steps: 110 };

  it('warms up linearly to the peak, then decays along a cosine to the floor at the last step', () => {
    expect(learningRate(o, 0)).toBeCloseTo(1e-4, 12);
    expect(learningRate(o, 4)).toBeCloseTo(5e-4, 12);
    expect(learningRate(o, 9)).toBeCloseTo(1e-3, 12);
    expect(learningRate(o, 10)).toBeCloseTo(1e-3, 12);
    // Halfway through the decay the cosine is at the mean of peak and floor.
    expect(learningRate(o, 10 + 99 / 2)).toBeCloseTo(5.5e-4, 12);
    expect(learningRate(o, 109)).toBeCloseTo(1e-4, 12);
  });

  it('decays to a tenth of the peak when no floor is set', () => {
    expect(learningRate({ lr: 2e-3, warmup_steps: 0, steps: 50 }, 49)).toBeCloseTo(2e-4, 12);
  });
});
