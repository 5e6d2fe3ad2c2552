import * as tf from '@tensorflow/tfjs';
import { SeededRandom } from '../../pipeline/seeded_random.js';
import type { ModelShape } from '../train_config.js';

/** The model's shape, with the vocabulary its embedding table covers. */
export interface GptShape extends ModelShape {
  vocab_size: number;
}

/** One named weight: its shape, and whether AdamW decays it (matrices do; biases, gains and norms don't). */
export interface ParamSpec {
  name: string;
  shape: number[];
  decay: boolean;
  init: { normal: number } | { constant: number };
}

/** GPT-2's parameters in nanoGPT's naming; the order is fixed, so checkpoints and gradients line up. */
export function gptParamSpecs(s: GptShape): ParamSpec[] {
  const d = s.d_model;
  const std = 0.02;
  // GPT-2 scales the init of the projections into the residual stream by 1/sqrt(2 × layers).
  const residual = std / Math.sqrt(2 * s.n_layers);
  const matrix = (name: string, shape: number[], normal = std): ParamSpec => ({ name, shape, decay: true, init: { normal } });
  const vector = (name: string, size: number, constant: number): ParamSpec => ({ name, shape: [size], decay: false, init: { constant } });
  const specs: ParamSpec[] = [matrix('wte', [s.vocab_size, d]), matrix('wpe', [s.context_length, d])];
  for (let i = 0; i < s.n_layers; i++) {
    const h = `h.${i}`;
    specs.push(
      vector(`${h}.ln_1.weight`, d, 1),
      vector(`${h}.ln_1.bias`, d, 0),
      matrix(`${h}.attn.c_attn.weight`, [d, 3 * d]),
      vector(`${h}.attn.c_attn.bias`, 3 * d, 0),
      matrix(`${h}.attn.c_proj.weight`, [d, d], residual),
      vector(`${h}.attn.c_proj.bias`, d, 0),
      vector(`${h}.ln_2.weight`, d, 1),
      vector(`${h}.ln_2.bias`, d, 0),
      matrix(`${h}.mlp.c_fc.weight`, [d, 4 * d]),
      vector(`${h}.mlp.c_fc.bias`, 4 * d, 0),
      matrix(`${h}.mlp.c_proj.weight`, [4 * d, d], residual),
      vector(`${h}.mlp.c_proj.bias`, d, 0),
    );
  }
  specs.push(vector('ln_f.weight', d, 1), vector('ln_f.bias', d, 0));
  return specs;
}

export const parameterCount = (specs: ParamSpec[]) => specs.reduce((n, p) => n + p.shape.reduce((a, b) => a * b, 1), 0);

/**
 * Initial weights drawn in JavaScript from a seeded generator, not by the backend, so every
 * backend starts from bit-identical weights (the gradient tests compare backends this way).
 */
export function initialWeights(specs: ParamSpec[], seed: number): Map<string, Float32Array> {
  const rng = new SeededRandom(seed);
  const weights = new Map<string, Float32Array>();
  for (const spec of specs) {
    const values = new Float32Array(spec.shape.reduce((a, b) => a * b, 1));
    if ('constant' in spec.init) values.fill(spec.init.constant);
    else {
      const std = spec.init.normal;
      for (let i = 0; i < values.length; i += 2) {
        // Box–Muller: two normal draws from two uniforms.
        const r = Math.sqrt(-2 * Math.log(1 - rng.next())) * std;
        const theta = 2 * Math.PI * rng.next();
        values[i] = r * Math.cos(theta);
        if (i + 1 < values.length) values[i + 1] = r * Math.sin(theta);
      }
    }
    weights.set(spec.name, values);
  }
  return weights;
}

export type Params = Map<string, tf.Variable>;
