import * as tf from '@tensorflow/tfjs';
import type { Batch } from '../data/batch.js';
import type { OptimConfig } from '../train_config.js';
import { AdamW } from './adamw.js';
import { gptLogits, gptLoss } from './gpt_forward.js';
import { gptParamSpecs, initialWeights, parameterCount, type GptShape, type Params } from './gpt_params.js';
import { causalMask } from './ops.js';
import type { EngineState, NamedArrays, StepResult, TrainEngine } from './train_engine.js';

/** The GPT on tfjs, on whichever backend tfjs has set. */
export class TfjsGptEngine implements TrainEngine {
  readonly parameters: number;
  private readonly params: Params = new Map();
  private readonly optimizer: AdamW;
  private readonly mask: tf.Tensor2D;

  constructor(
    private readonly shape: GptShape,
    private readonly optim: Pick<OptimConfig, 'beta1' | 'beta2' | 'eps' | 'weight_decay' | 'grad_clip'>,
    private readonly seed: number,
  ) {
    const specs = gptParamSpecs(shape);
    this.parameters = parameterCount(specs);
    const weights = initialWeights(specs, seed);
    for (const spec of specs) this.params.set(spec.name, tf.variable(tf.tensor(weights.get(spec.name)!, spec.shape), true));
    this.optimizer = new AdamW(this.params, new Set(specs.filter((s) => s.decay).map((s) => s.name)), optim);
    this.mask = causalMask(shape.context_length);
  }

  async step(microbatches: Batch[], lr: number): Promise<StepResult> {
    const { sums, loss } = this.accumulate(microbatches.map((batch, k) => ({ batch, part: k })));
    return this.update(sums, loss, microbatches.length, lr);
  }

  /**
   * Gradient and loss sums over `parts` as plain arrays, for a data-parallel replica to send. `part`
   * numbers the part within the update, so every replica's dropout masks differ and repeat on resume.
   */
  async gradientSums(parts: { batch: Batch; part: number }[]): Promise<{ grads: Map<string, Float32Array>; loss: number }> {
    const { sums, loss } = this.accumulate(parts);
    const grads = new Map<string, Float32Array>();
    for (const [name, g] of sums) grads.set(name, (await g.data()) as Float32Array);
    const value = (await loss.data())[0]!;
    tf.dispose([...sums.values(), loss]);
    return { grads, loss: value };
  }

  /** Applies gradient sums over `count` parts that every replica received alike, so all stay identical. */
  applyGradientSums(grads: Map<string, Float32Array>, loss: number, count: number, lr: number): Promise<StepResult> {
    const sums = new Map([...this.params].map(([name, p]) => [name, tf.tensor(grads.get(name)!, p.shape)]));
    return this.update(sums, tf.scalar(loss), count, lr);
  }

  private accumulate(parts: { batch: Batch; part: number }[]): { sums: Map<string, tf.Tensor>; loss: tf.Scalar } {
    const sums = new Map<string, tf.Tensor>();
    let loss: tf.Scalar = tf.scalar(0);
    const vars = [...this.params.values()];
    for (const { batch, part } of parts) {
      // Dropout masks depend on the update and the part only, so a resumed run repeats them.
      const seed = this.seed + this.optimizer.updates * 1009 + part;
      const { value, grads } = tf.variableGrads(() => this.loss(batch, this.shape.dropout, seed), vars);
      const total = tf.add(loss, value) as tf.Scalar;
      tf.dispose([loss, value]);
      loss = total;
      for (const [name, p] of this.params) {
        const g = grads[p.name]!;
        const sum = sums.get(name);
        sums.set(name, sum ? tf.tidy(() => tf.add(sum, g)) : g);
        if (sum) {
          sum.dispose();
          g.dispose();
        }
      }
    }
    return { sums, loss };
  }

  /** Clips the mean gradient (sums over `count` parts) by global norm and takes one AdamW step; disposes its inputs. */
  private async update(sums: Map<string, tf.Tensor>, lossSum: tf.Scalar, count: number, lr: number): Promise<StepResult> {
    // Global norm of the mean gradient, and the factor that clips it: both stay on the device.
    const { norm, scale, loss } = tf.tidy(() => {
      let squares: tf.Tensor = tf.scalar(0);
      // A chain of adds, not tf.addN: WebGPU's addN with over 8 inputs silently builds a wrong pipeline.
      for (const g of sums.values()) squares = tf.add(squares, tf.sum(tf.square(g)));
      const norm = tf.div(tf.sqrt(squares), count) as tf.Scalar;
      const clip = this.optim.grad_clip > 0 ? tf.minimum(1, tf.div(this.optim.grad_clip, tf.add(norm, 1e-6))) : tf.scalar(1);
      return { norm, scale: tf.div(clip, count) as tf.Scalar, loss: tf.div(lossSum, count) as tf.Scalar };
    });
    this.optimizer.apply(sums, scale, lr);
    const [lossValue, normValue] = await Promise.all([loss.data(), norm.data()]);
    tf.dispose([...sums.values(), lossSum, norm, scale, loss]);
    return { loss: lossValue[0]!, gradNorm: normValue[0]! };
  }

  async evaluate(batch: Batch): Promise<number> {
    const loss = tf.tidy(() => this.loss(batch, 0, 0));
    const value = (await loss.data())[0]!;
    loss.dispose();
    return value;
  }

  async nextTokenLogits(context: Int32Array): Promise<Float32Array> {
    const length = context.length;
    const last = tf.tidy(() => {
      const ids = tf.tensor2d(context, [1, length], 'int32');
      const logits = gptLogits(this.shape, this.params, this.mask, { ids, dropout: 0, seed: 0 });
      return tf.slice(logits, [length - 1, 0], [1, this.shape.vocab_size]);
    });
    const values = (await last.data()) as Float32Array;
    last.dispose();
    return values;
  }

  async save(): Promise<EngineState> {
    const tensors: NamedArrays = new Map();
    const put = async (name: string, t: tf.Variable) => tensors.set(name, { shape: t.shape, data: (await t.data()) as Float32Array });
    for (const [name, p] of this.params) await put(name, p);
    for (const [name, m] of this.optimizer.m) await put(`adamw.m.${name}`, m);
    for (const [name, v] of this.optimizer.v) await put(`adamw.v.${name}`, v);
    return { tensors, updates: this.optimizer.updates };
  }

  load(state: EngineState): void {
    const set = (name: string, t: tf.Variable) => {
      const saved = state.tensors.get(name);
      if (!saved) throw new Error(`the checkpoint has no tensor "${name}"`);
      if (saved.shape.join() !== t.shape.join())
        throw new Error(`checkpoint tensor "${name}" is [${saved.shape}], the model's is [${t.shape}]`);
      tf.tidy(() => t.assign(tf.tensor(saved.data, saved.shape)));
    };
    for (const [name, p] of this.params) set(name, p);
    for (const [name, m] of this.optimizer.m) set(`adamw.m.${name}`, m);
    for (const [name, v] of this.optimizer.v) set(`adamw.v.${name}`, v);
    this.optimizer.updates = state.updates;
  }

  dispose(): void {
    tf.dispose([...this.params.values(), this.mask]);
    this.optimizer.dispose();
  }

  private loss(batch: Batch, dropout: number, seed: number): tf.Scalar {
    return gptLoss(this.shape, this.params, this.mask, batch, dropout, seed);
  }
}
