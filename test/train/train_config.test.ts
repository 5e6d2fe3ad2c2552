import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../pipeline/config/config_error.js';
import { loadTrainConfig, parseTrainConfig } from '../../train/train_config.js';

const base = `name: t
out_dir: out
data: { shards: ["x/*.arrow"], tokenizer: gpt2 }
model: { context_length: 16, d_model: 32, n_layers: 2, n_heads: 4 }
optim: { steps: 10, batch_size: 2, lr: 1.0e-3 }
`;

describe('training config', () => {
  it('fills in the defaults a nanoGPT user expects', () => {
    const c = parseTrainConfig(base, 't.yaml');
    expect(c.backend).toBe('auto');
    expect(c.data.val).toEqual({ fraction: 0.1 });
    expect(c.optim).toMatchObject({ grad_accum: 1, weight_decay: 0.1, beta1: 0.9, beta2: 0.95, grad_clip: 1, warmup_steps: 0 });
    expect(c.model).toMatchObject({ dropout: 0, vocab: 'full' });
  });

  it('points each mistake at its YAML line', () => {
    const bad = base.replace('n_heads: 4', 'n_heads: 5').replace('lr: 1.0e-3', 'lr: fast');
    let error: ConfigError | undefined;
    try {
      parseTrainConfig(bad, 't.yaml');
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.message).toMatch(/^t\.yaml:5:\d+: "optim.lr" /m);
    expect(error!.message).toMatch(/^t\.yaml:4:\d+: "model.n_heads" d_model must be a multiple of n_heads$/m);
  });

  it('accepts the shipped training configs', () => {
    expect(loadTrainConfig('configs/train-tiny.yaml').model.vocab).toBe('compact');
    expect(loadTrainConfig('configs/train-gpt2-124m.yaml').model).toMatchObject({
      context_length: 1024,
      d_model: 768,
      n_layers: 12,
      n_heads: 12,
    });
  });
});
