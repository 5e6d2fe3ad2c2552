import * as tf from '@tensorflow/tfjs';

/**
 * Row lookup in an embedding table. Its gradient is built with scatterND (which sums the rows of
 * repeated ids) because the wasm backend lacks UnsortedSegmentSum, the kernel tf.gather's own
 * gradient needs.
 */
export function embed(table: tf.Tensor2D, ids: tf.Tensor1D): tf.Tensor2D {
  const [vocab, width] = table.shape;
  // customGrad keeps only what `save` is given for the backward pass.
  const lookup = tf.customGrad((t, save) => {
    (save as tf.GradSaveFunc)([ids]);
    return {
      value: tf.gather(t as tf.Tensor2D, ids),
      gradFunc: (dy, [savedIds]) => tf.scatterND(tf.reshape(savedIds!, [-1, 1]), dy as tf.Tensor2D, [vocab, width]),
    };
  });
  return lookup(table) as tf.Tensor2D;
}

/** Layer normalisation over the last axis, with a learned gain and bias. */
export function layerNorm(x: tf.Tensor, gain: tf.Tensor1D, bias: tf.Tensor1D, eps = 1e-5): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps))), gain), bias);
}

/** GELU, GPT-2's tanh approximation. */
export function gelu(x: tf.Tensor): tf.Tensor {
  const inner = tf.mul(tf.add(x, tf.mul(tf.mul(tf.mul(x, x), x), 0.044715)), Math.sqrt(2 / Math.PI));
  return tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(inner), 1));
}

/**
 * Mean negative log-likelihood of `targets` under `logits` [N, V]. The gradient is written out
 * (softmax minus one-hot, over N) rather than derived through a gather, which wasm cannot differentiate.
 */
export function crossEntropy(logits: tf.Tensor2D, targets: tf.Tensor1D): tf.Scalar {
  const [n, vocab] = logits.shape;
  const loss = tf.customGrad((l, save) => {
    const x = l as tf.Tensor2D;
    (save as tf.GradSaveFunc)([x, targets]);
    const logZ = tf.logSumExp(x, 1);
    const picked = tf.gatherND(x, tf.stack([tf.range(0, n, 1, 'int32'), targets], 1));
    return {
      value: tf.mean(tf.sub(logZ, picked)) as tf.Scalar,
      gradFunc: (dy, [savedLogits, savedTargets]) =>
        tf.mul(tf.sub(tf.softmax(savedLogits!), tf.oneHot(savedTargets as tf.Tensor1D, vocab)), tf.div(dy, n)),
    };
  });
  return loss(logits) as tf.Scalar;
}

/** [T, T] additive mask: 0 where a position may attend (itself and earlier), a large negative number after. */
export function causalMask(length: number): tf.Tensor2D {
  const mask = new Float32Array(length * length);
  for (let i = 0; i < length; i++) for (let j = i + 1; j < length; j++) mask[i * length + j] = -1e9;
  return tf.tensor2d(mask, [length, length]);
}
