import * as tf from '@tensorflow/tfjs';
import type { GptShape, Params } from './gpt_params.js';
import type { Batch } from '../data/batch.js';
import { crossEntropy, embed, gelu, layerNorm } from './ops.js';

/** What a forward pass needs besides the weights: the token ids, and dropout's rate and seed. */
export interface ForwardInput {
  ids: tf.Tensor2D;
  /** 0 at evaluation and sampling. */
  dropout: number;
  /** Seeds this pass's dropout masks, so a step is reproducible. */
  seed: number;
}

/** Logits [B×T, V] of a decoder-only GPT: embeddings, pre-LayerNorm blocks, final norm, tied LM head. */
export function gptLogits(shape: GptShape, p: Params, mask: tf.Tensor2D, input: ForwardInput): tf.Tensor2D {
  const [batch, length] = input.ids.shape;
  const d = shape.d_model;
  const heads = shape.n_heads;
  const headSize = d / heads;
  const w = (name: string) => p.get(name)! as tf.Tensor;
  let dropSeed = input.seed;
  const drop = (x: tf.Tensor) => (input.dropout > 0 ? tf.dropout(x, input.dropout, undefined, dropSeed++) : x);

  const tokens = embed(w('wte') as tf.Tensor2D, tf.reshape(input.ids, [-1]) as tf.Tensor1D);
  const positions = tf.slice(w('wpe'), [0, 0], [length, d]);
  let x = drop(tf.add(tf.reshape(tokens, [batch, length, d]), positions)) as tf.Tensor;
  const causal = length === mask.shape[0] ? mask : tf.slice(mask, [0, 0], [length, length]);

  for (let i = 0; i < shape.n_layers; i++) {
    const h = `h.${i}`;
    const dense = (v: tf.Tensor, name: string) =>
      tf.add(
        tf.matMul(tf.reshape(v, [-1, v.shape[v.shape.length - 1]!]) as tf.Tensor2D, w(`${name}.weight`) as tf.Tensor2D),
        w(`${name}.bias`),
      );

    // Causal self-attention: heads split out of one [d, 3d] projection.
    const a = layerNorm(x, w(`${h}.ln_1.weight`) as tf.Tensor1D, w(`${h}.ln_1.bias`) as tf.Tensor1D);
    // Rank-4 transposes: wasm's rank-5 transpose is 30x slower (38 ms vs 1.2 ms for this size).
    const [q, k, v] = tf
      .split(dense(a, `${h}.attn.c_attn`), 3, 1)
      .map((t) =>
        tf.reshape(tf.transpose(tf.reshape(t, [batch, length, heads, headSize]), [0, 2, 1, 3]), [batch * heads, length, headSize]),
      ) as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
    const scores = tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(headSize)), causal);
    const attended = tf.matMul(drop(tf.softmax(scores)) as tf.Tensor3D, v);
    const merged = tf.reshape(tf.transpose(tf.reshape(attended, [batch, heads, length, headSize]), [0, 2, 1, 3]), [batch, length, d]);
    x = tf.add(x, drop(tf.reshape(dense(merged, `${h}.attn.c_proj`), [batch, length, d])));

    // MLP: d → 4d → d with GELU.
    const m = layerNorm(x, w(`${h}.ln_2.weight`) as tf.Tensor1D, w(`${h}.ln_2.bias`) as tf.Tensor1D);
    const hidden = gelu(dense(m, `${h}.mlp.c_fc`));
    x = tf.add(x, drop(tf.reshape(dense(hidden, `${h}.mlp.c_proj`), [batch, length, d])));
  }
  const out = layerNorm(x, w('ln_f.weight') as tf.Tensor1D, w('ln_f.bias') as tf.Tensor1D);
  // Tied head: the token embedding, transposed, maps states back to the vocabulary. Transposing the
  // [V, d] table explicitly keeps the backward pass from transposing the [B×T, V] logits' gradient
  // (47 ms for V = 4096 on wasm, and it grows with V).
  return tf.matMul(tf.reshape(out, [batch * length, d]) as tf.Tensor2D, tf.transpose(w('wte')) as tf.Tensor2D);
}

/** Mean next-token loss of `batch`: what training minimises and evaluation reports. */
export function gptLoss(shape: GptShape, p: Params, mask: tf.Tensor2D, batch: Batch, dropout: number, seed: number): tf.Scalar {
  const ids = tf.tensor2d(batch.inputs, [batch.batchSize, batch.contextLength], 'int32');
  const targets = tf.tensor1d(batch.targets, 'int32');
  return crossEntropy(gptLogits(shape, p, mask, { ids, dropout, seed }), targets);
}
