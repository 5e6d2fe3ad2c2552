import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useBackend, type BackendName } from '../../../train/backend/select_backend.js';
import { installNodeWebGpu } from '../../../train/backend/webgpu_node.js';
import { gptLoss } from '../../../train/model/gpt_forward.js';
import { gptParamSpecs, initialWeights, type GptShape } from '../../../train/model/gpt_params.js';
import { causalMask } from '../../../train/model/ops.js';
import { SeededRandom } from '../../../pipeline/seeded_random.js';

const shape: GptShape = {
  vocab_size: 97,
  context_length: 12,
  d_model: 32,
  n_layers: 2,
  n_heads: 4,
  dropout: 0,
  vocab: 'full',
  vocab_min_count: 1,
};

function batch() {
  const rng = new SeededRandom(7);
  const n = 3 * shape.context_length;
  // Repeated ids inside the batch exercise the summed scatter in the embedding's gradient.
  const inputs = Int32Array.from({ length: n }, () => rng.below(20));
  const targets = Int32Array.from({ length: n }, () => rng.below(shape.vocab_size));
  return { inputs, targets, batchSize: 3, contextLength: shape.context_length };
}

/** Loss and every parameter's gradient of the full model, from the same seeded weights, on `backend`. */
async function gradients(backend: BackendName): Promise<{ loss: number; grads: Map<string, Float32Array> }> {
  await useBackend(backend);
  const specs = gptParamSpecs(shape);
  const weights = initialWeights(specs, 3);
  const params = new Map(specs.map((s) => [s.name, tf.variable(tf.tensor(weights.get(s.name)!, s.shape))]));
  const mask = causalMask(shape.context_length);
  const { value, grads } = tf.variableGrads(() => gptLoss(shape, params, mask, batch(), 0, 0), [...params.values()]);
  const out = new Map<string, Float32Array>();
  for (const [name, p] of params) out.set(name, (await grads[p.name]!.data()) as Float32Array);
  const loss = (await value.data())[0]!;
  tf.dispose([value, ...Object.values(grads), ...params.values(), mask]);
  return { loss, grads: out };
}

/** Largest difference relative to the gradient's own scale, over all parameters. */
function worstRelativeError(a: Map<string, Float32Array>, b: Map<string, Float32Array>): { name: string; error: number } {
  let worst = { name: '', error: 0 };
  for (const [name, ga] of a) {
    const gb = b.get(name)!;
    let scale = 1e-6;
    let diff = 0;
    for (let i = 0; i < ga.length; i++) {
      scale = Math.max(scale, Math.abs(ga[i]!));
      diff = Math.max(diff, Math.abs(ga[i]! - gb[i]!));
    }
    if (diff / scale > worst.error) worst = { name, error: diff / scale };
  }
  return worst;
}

describe('GPT gradients across backends', () => {
  it('wasm (with the patched transposed BatchMatMul and scatter gradient) matches the plain JS cpu backend', async () => {
    const cpu = await gradients('cpu');
    const wasm = await gradients('wasm');
    expect(Math.abs(cpu.loss - wasm.loss)).toBeLessThan(1e-5);
    expect([...cpu.grads.keys()]).toHaveLength(gptParamSpecs(shape).length);
    expect(worstRelativeError(cpu.grads, wasm.grads).error).toBeLessThan(1e-4);
    // Gradients are not trivially zero: every parameter moves.
    for (const [name, g] of cpu.grads)
      expect(
        g.some((x) => x !== 0),
        name,
      ).toBe(true);
  });

  it("webgpu matches wasm (on Mesa's software renderer where no GPU is present)", async (ctx) => {
    const adapter = await installNodeWebGpu();
    if (!adapter) ctx.skip('no WebGPU adapter: install Mesa (libegl1 libegl-mesa0 libgles2 libgl1-mesa-dri) for the software renderer');
    const wasm = await gradients('wasm');
    const webgpu = await gradients('webgpu');
    expect(Math.abs(wasm.loss - webgpu.loss)).toBeLessThan(1e-4);
    expect(worstRelativeError(wasm.grads, webgpu.grads).error).toBeLessThan(1e-3);
  });
});
