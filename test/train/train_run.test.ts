import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSafetensors } from '../../train/checkpoint/safetensors.js';
import { readMetrics } from '../../train/metrics_log.js';
import { sieve } from '../helpers/cli.js';
import { gpt2Identity, writeTokenShards } from '../helpers/token_shards.js';

const config = (dir: string, overrides = '') => `name: test-tiny
out_dir: ${path.join(dir, 'out')}
seed: 4
backend: wasm
data:
  shards: ["${path.join(dir, 'shards', '*.arrow')}"]
  tokenizer: gpt2
  val: { fraction: 0.2 }
model: { context_length: 16, d_model: 32, n_layers: 2, n_heads: 4, dropout: 0.1, vocab: compact }
optim: { steps: 12, batch_size: 4, grad_accum: 2, lr: 1.0e-2, warmup_steps: 2 }
eval: { every: 4, batches: 2 }
checkpoint: { every: 4, keep: 5 }
${overrides}`;

/** Step records without the wall-clock fields, which differ between any two runs. */
const curve = (file: string) => readMetrics(file).map(({ tokens_per_s: _t, elapsed_s: _e, ...rest }) => rest);

describe('sieve train', () => {
  let dir: string;
  let cfg: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sieve-train-'));
    await writeTokenShards(path.join(dir, 'shards'), await gpt2Identity(), { shards: 2, docs: 20, docLength: 99, alphabet: 30, seed: 3 });
    cfg = path.join(dir, 'train.yaml');
    writeFileSync(cfg, config(dir));
  });

  it('trains, logs loss per step and validation loss, and checkpoints', async () => {
    const run = await sieve(['train', cfg, '--out-dir', path.join(dir, 'whole')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^backend: wasm/m);
    expect(run.stdout).toMatch(/^step 12\/12 {2}loss \d+\.\d{4} {2}lr .* tok\/s {2}ETA 00:00$/m);
    const records = readMetrics(path.join(dir, 'whole', 'metrics.jsonl'));
    const steps = records.filter((r) => 'loss' in r);
    const vals = records.filter((r) => 'val_loss' in r);
    expect(steps.map((r) => r.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(vals.map((r) => r.step)).toEqual([4, 8, 12]);
    // The cyclic token pattern is learnable: loss falls well below its start.
    expect(Number(steps.at(-1)!.loss)).toBeLessThan(Number(steps[0]!.loss) - 1);
    const start = records.find((r) => r.event === 'start')!;
    expect(Number(vals.at(-1)!.val_loss)).toBeLessThan(Number(start.unigram_val_loss));
  });

  it('resumes from a checkpoint to exactly the loss curve and weights of the uninterrupted run', async () => {
    const out = path.join(dir, 'resumed');
    const first = await sieve(['train', cfg, '--out-dir', out, '--stop-at', '6']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/checkpoint: .*step-000006\.safetensors/);
    const refused = await sieve(['train', cfg, '--out-dir', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already holds step-000006\.safetensors: pass --resume/);
    const second = await sieve(['train', cfg, '--out-dir', out, '--resume']);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/resuming at step 6 from step-000006\.safetensors/);

    const whole = curve(path.join(dir, 'whole', 'metrics.jsonl'));
    const resumed = curve(path.join(out, 'metrics.jsonl'));
    // Every training step's loss, lr and gradient norm, bit for bit; validation at the same steps too
    // (the stopped run also validated at its stop, step 6).
    expect(resumed.filter((r) => 'loss' in r)).toEqual(whole.filter((r) => 'loss' in r));
    expect(resumed.filter((r) => 'val_loss' in r && r.step !== 6)).toEqual(whole.filter((r) => 'val_loss' in r));
    const a = await readSafetensors(path.join(dir, 'whole', 'checkpoints', 'step-000012.safetensors'));
    const b = await readSafetensors(path.join(out, 'checkpoints', 'step-000012.safetensors'));
    expect([...b.tensors.keys()]).toEqual([...a.tensors.keys()]);
    for (const [name, t] of a.tensors)
      expect(Buffer.from(b.tensors.get(name)!.data.buffer).equals(Buffer.from(t.data.buffer)), name).toBe(true);
  });

  it('splits each batch over 2 data-parallel processes with the single-process loss curve, up to float rounding', async () => {
    const runs = [];
    for (const processes of [1, 2]) {
      const file = path.join(dir, `p${processes}.yaml`);
      writeFileSync(file, config(dir, `processes: ${processes}\n`).replace('dropout: 0.1', 'dropout: 0').replace('steps: 12', 'steps: 4'));
      const run = await sieve(['train', file, '--out-dir', path.join(dir, `p${processes}`)]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(processes === 2 ? '2 processes, data parallel' : '1 process;');
      runs.push(readMetrics(path.join(dir, `p${processes}`, 'metrics.jsonl')).filter((r) => 'loss' in r));
    }
    const [single, parallel] = runs as [Record<string, unknown>[], Record<string, unknown>[]];
    expect(parallel).toHaveLength(4);
    parallel.forEach((r, i) => {
      expect(Number(r.loss)).toBeCloseTo(Number(single[i]!.loss), 4);
      expect(Number(r.grad_norm)).toBeCloseTo(Number(single[i]!.grad_norm), 3);
    });
  });

  it('samples text from a checkpoint, the same text for the same seed', async () => {
    const args = ['sample', path.join(dir, 'whole'), '--prompt', 'Hello', '--tokens', '12', '--seed', '3'];
    const one = await sieve(args);
    const two = await sieve(args);
    expect(one.code).toBe(0);
    expect(one.stdout.startsWith('Hello')).toBe(true);
    expect(one.stdout.length).toBeGreaterThan('Hello\n'.length);
    expect(two.stdout).toBe(one.stdout);
  });

  it('refuses shards of another tokenizer, and points config mistakes at their YAML line', async () => {
    const other = path.join(dir, 'cl100k.yaml');
    writeFileSync(other, config(dir).replace('tokenizer: gpt2', 'tokenizer: cl100k_base'));
    const mismatch = await sieve(['train', other, '--out-dir', path.join(dir, 'mismatch')]);
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toMatch(/was written by tokenizer "gpt2".*config trains with "cl100k_base"/);

    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, config(dir).replace('n_heads: 4', 'n_heads: 5').replace('steps: 12', 'stepz: 12'));
    const invalid = await sieve(['train', bad]);
    expect(invalid.code).toBe(2);
    const lines = readFileSync(bad, 'utf8').split('\n');
    const optimLine = lines.findIndex((l) => l.startsWith('optim:')) + 1;
    expect(invalid.stderr).toContain(`bad.yaml:${optimLine}:`);
    expect(invalid.stderr).toMatch(/unknown option "stepz"/);
  });
});
