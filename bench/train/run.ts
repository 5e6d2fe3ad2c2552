/**
 * Training speed: tokens/s of one GPT training step (forward, backward, clipping, AdamW) in Sieve's
 * engine (one process, and data-parallel over 2) and in PyTorch (1 and 2 threads), same shape, same batch, same machine, taking turns for ROUNDS rounds; the
 * table gives medians and the median of the per-round ratios (the machine is shared and noisy).
 * PyTorch comes from PyPI into bench/.venv-train, which this script makes.
 *
 *   npx tsx bench/train/run.ts [--rounds 3] [--backend wasm] [--shapes small,large]
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    backend: { type: 'string', default: 'wasm' },
    shapes: { type: 'string', default: 'small,large' },
  },
});
const VENV = path.resolve('bench', '.venv-train');
const PYTHON = path.join(VENV, 'bin', 'python');
if (!existsSync(PYTHON)) {
  execFileSync('python3', ['-m', 'venv', VENV], { stdio: 'inherit' });
  execFileSync(path.join(VENV, 'bin', 'pip'), ['install', '-q', 'torch', 'numpy'], { stdio: 'inherit' });
}

const SHAPES = {
  small: { vocab: 4096, context: 128, 'd-model': 128, layers: 4, heads: 4, batch: 8, steps: 5 },
  large: { vocab: 4096, context: 256, 'd-model': 256, layers: 6, heads: 8, batch: 8, steps: 2 },
} as const;

const flags = (shape: Record<string, number>) => Object.entries(shape).flatMap(([k, v]) => [`--${k}`, String(v)]);
const json = (out: string) => JSON.parse(out.trim().split('\n').at(-1)!) as { tokens_per_s: number };
const sieve = (shape: Record<string, number>, processes: number) =>
  json(
    execFileSync(
      'npx',
      ['tsx', 'bench/train/sieve_steps.ts', ...flags(shape), '--backend', values.backend, '--processes', String(processes)],
      {
        encoding: 'utf8',
      },
    ),
  ).tokens_per_s;
const torch = (shape: Record<string, number>, threads: number) =>
  json(execFileSync(PYTHON, ['bench/train/torch_steps.py', ...flags(shape), '--threads', String(threads)], { encoding: 'utf8' }))
    .tokens_per_s;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ratio = (a: number[], b: number[]) => median(a.map((x, i) => x / b[i]!)).toFixed(2);

const rows: string[] = [];
for (const name of values.shapes.split(',') as (keyof typeof SHAPES)[]) {
  const shape = SHAPES[name];
  const runs = { sieve1: [] as number[], torch1: [] as number[], sieve2: [] as number[], torch2: [] as number[] };
  for (let r = 0; r < Number(values.rounds); r++) {
    runs.sieve1.push(sieve(shape, 1));
    runs.torch1.push(torch(shape, 1));
    runs.sieve2.push(sieve(shape, 2));
    runs.torch2.push(torch(shape, 2));
    const last = (xs: number[]) => xs.at(-1)!.toFixed(0);
    process.stderr.write(
      `${name} round ${r + 1}: sieve ${last(runs.sieve1)}, 2 processes ${last(runs.sieve2)}; torch ${last(runs.torch1)}, 2 threads ${last(runs.torch2)} tok/s\n`,
    );
  }
  const m = (xs: number[]) => median(xs).toFixed(0);
  const { batch, context, layers, heads, vocab } = shape;
  rows.push(
    `| ${name}: V ${vocab}, T ${context}, d ${shape['d-model']}, L ${layers}, H ${heads}, B ${batch} | ${m(runs.sieve1)} | ${m(runs.torch1)} | ` +
      `${ratio(runs.sieve1, runs.torch1)} | ${m(runs.sieve2)} | ${m(runs.torch2)} | ${ratio(runs.sieve2, runs.torch2)} |`,
  );
}
process.stdout.write(
  `| shape | Sieve ${values.backend}, 1 process | PyTorch CPU, 1 thread | ratio | Sieve, 2 processes | PyTorch, 2 threads | ratio |\n|---|---|---|---|---|---|---|\n${rows.join('\n')}\n`,
);
