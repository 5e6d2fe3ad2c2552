/**
 * Sieve side of bench/train: the same GPT shape as torch_steps.py on Sieve's training engine
 * (the one `sieve train` uses), random tokens, AdamW with clipping. Prints one JSON line: tokens
 * per second over the timed steps, after warm-up steps.
 *
 *   npx tsx bench/train/sieve_steps.ts --vocab 4096 --context 128 --d-model 128 --layers 4 --heads 4 --batch 8 --steps 5 --backend wasm [--processes 2]
 */
import { parseArgs } from 'node:util';
import { SeededRandom } from '../../pipeline/seeded_random.js';
import { useBackend, type BackendName } from '../../train/backend/select_backend.js';
import { DataParallelEngine } from '../../train/model/data_parallel_engine.js';
import { TfjsGptEngine } from '../../train/model/tfjs_gpt_engine.js';

const { values } = parseArgs({
  options: Object.fromEntries(
    ['vocab', 'context', 'd-model', 'layers', 'heads', 'batch', 'steps', 'backend', 'processes'].map((k) => [
      k,
      { type: 'string' as const },
    ]),
  ),
});
const n = (k: string) => Number(values[k]);
const backend = await useBackend((values.backend ?? 'wasm') as BackendName);
const shape = {
  vocab_size: n('vocab'),
  context_length: n('context'),
  d_model: n('d-model'),
  n_layers: n('layers'),
  n_heads: n('heads'),
  dropout: 0,
  vocab: 'full' as const,
  vocab_min_count: 1,
};
const optim = { beta1: 0.9, beta2: 0.95, eps: 1e-8, weight_decay: 0.1, grad_clip: 1 } as Parameters<typeof DataParallelEngine.start>[1];
const processes = Number(values.processes ?? 1);
// The same engines `sieve train` uses: one process, or data-parallel replicas over the cores.
const engine =
  processes > 1 ? await DataParallelEngine.start(shape, optim, 1, backend.name, processes) : new TfjsGptEngine(shape, optim, 1);
const rng = new SeededRandom(1);
const size = n('batch') * n('context');
const batch = {
  inputs: Int32Array.from({ length: size }, () => rng.below(shape.vocab_size)),
  targets: Int32Array.from({ length: size }, () => rng.below(shape.vocab_size)),
  batchSize: n('batch'),
  contextLength: n('context'),
};
for (let i = 0; i < 2; i++) await engine.step([batch], 1e-3);
const start = performance.now();
let loss = 0;
for (let i = 0; i < n('steps'); i++) loss = (await engine.step([batch], 1e-3)).loss;
const seconds = (performance.now() - start) / 1000;
if (!Number.isFinite(loss)) throw new Error(`loss ${loss}`);
process.stdout.write(`${JSON.stringify({ tokens_per_s: (n('steps') * size) / seconds, backend: backend.name, processes })}\n`);
engine.dispose();
