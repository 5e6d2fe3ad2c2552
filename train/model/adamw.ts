import * as tf from '@tensorflow/tfjs';
import type { OptimConfig } from '../train_config.js';

/**
 * AdamW (Loshchilov & Hutter): Adam's moment estimates with bias correction, and weight decay
 * applied to the weights directly (decoupled), only to the parameters marked for decay.
 */
export class AdamW {
  readonly m = new Map<string, tf.Variable>();
  readonly v = new Map<string, tf.Variable>();
  updates = 0;

  constructor(
    private readonly params: Map<string, tf.Variable>,
    private readonly decays: Set<string>,
    private readonly opts: Pick<OptimConfig, 'beta1' | 'beta2' | 'eps' | 'weight_decay'>,
  ) {
    for (const [name, p] of params) {
      this.m.set(name, tf.variable(tf.zerosLike(p), false));
      this.v.set(name, tf.variable(tf.zerosLike(p), false));
    }
  }

  /** Applies `grads` scaled by `scale` (a scalar tensor: clipping and micro-batch averaging). */
  apply(grads: Map<string, tf.Tensor>, scale: tf.Scalar, lr: number): void {
    this.updates++;
    const { beta1, beta2, eps, weight_decay } = this.opts;
    const c1 = 1 - beta1 ** this.updates;
    const c2 = 1 - beta2 ** this.updates;
    for (const [name, p] of this.params) {
      tf.tidy(() => {
        const g = tf.mul(grads.get(name)!, scale);
        const m = this.m.get(name)!;
        const v = this.v.get(name)!;
        m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
        v.assign(tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2)));
        const update = tf.div(tf.div(m, c1), tf.add(tf.sqrt(tf.div(v, c2)), eps));
        const decayed = this.decays.has(name) && weight_decay > 0 ? tf.mul(p, 1 - lr * weight_decay) : p;
        p.assign(tf.sub(decayed, tf.mul(update, lr)));
      });
    }
  }

  dispose(): void {
    for (const t of [...this.m.values(), ...this.v.values()]) t.dispose();
  }
}
