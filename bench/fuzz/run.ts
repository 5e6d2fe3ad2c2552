import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { fuzzCase } from '../../test/fuzz/mutate.js';
import type { CaseReply, CaseRequest } from './case_worker.js';

/**
 * Fuzzes Sieve's input readers: every target under test/fuzz/targets, N mutated cases each, one
 * case at a time in a worker thread with a watchdog, so a crash, a hang and a runaway allocation
 * are each caught and named with the case that caused it. `npm test` runs a few hundred cases per
 * target with a fixed seed (test/fuzz/fuzz.test.ts); a long run is
 *
 *   npx tsx bench/fuzz/run.ts --cases 5000 [--seed 1] [--targets warc,arrow] [--save bench/out/fuzz]
 *
 * and `--case K` replays one case of one target.
 */
const { values } = parseArgs({
  options: {
    targets: { type: 'string' },
    cases: { type: 'string', default: '500' },
    seed: { type: 'string', default: '1' },
    case: { type: 'string' },
    'timeout-ms': { type: 'string', default: '20000' },
    'heap-mb': { type: 'string', default: '2048' },
    save: { type: 'string' },
    json: { type: 'boolean' },
  },
});

const TARGET_DIR = path.resolve(import.meta.dirname, '..', '..', 'test', 'fuzz', 'targets');
const available = readdirSync(TARGET_DIR)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();
const targets = values.targets ? values.targets.split(',') : available;
for (const t of targets) if (!available.includes(t)) throw new Error(`no fuzz target "${t}" (targets: ${available.join(', ')})`);

const seed = Number(values.seed);
const timeoutMs = Number(values['timeout-ms']);
const heapMb = Number(values['heap-mb']);

export interface TargetReport {
  target: string;
  cases: number;
  clean: number;
  bad: number;
  crashes: { case: number; error: string }[];
  hangs: { case: number }[];
  /** Named reasons the bad cases were counted under, with how many cases gave each. */
  reasons: Record<string, number>;
  seconds: number;
}

/** A worker serving one target; replaced after a hang or a crash that takes it down. */
class CaseRunner {
  private worker!: Worker;
  private ready!: Promise<void>;

  constructor(private readonly target: string) {
    this.start();
  }

  private start(): void {
    // Workers do not inherit tsx's loader hooks: a two-line entry registers them, then imports the TypeScript.
    const entry = new URL('./case_worker.ts', import.meta.url).href;
    this.worker = new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`, {
      eval: true,
      workerData: { module: path.join(TARGET_DIR, `${this.target}.ts`), seed },
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
      stdout: true,
      stderr: true,
    });
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('message', () => resolve());
      this.worker.once('error', reject);
    });
  }

  async run(index: number): Promise<CaseReply | { hang: true } | { died: string }> {
    await this.ready;
    const worker = this.worker;
    return new Promise((resolve) => {
      const done = (r: CaseReply | { hang: true } | { died: string }) => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (!('outcome' in r) && !('error' in r)) {
          void worker.terminate();
          this.start();
        }
        resolve(r);
      };
      const onMessage = (r: CaseReply) => done(r);
      const onError = (e: Error) => done({ died: firstLine(e) });
      const onExit = (code: number) => done({ died: `worker exited with code ${code}` });
      const timer = setTimeout(() => done({ hang: true }), timeoutMs);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage({ index } satisfies CaseRequest);
    });
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).split('\n')[0]!.slice(0, 300);
}

async function fuzzTarget(target: string): Promise<TargetReport> {
  const started = performance.now();
  const report: TargetReport = { target, cases: 0, clean: 0, bad: 0, crashes: [], hangs: [], reasons: {}, seconds: 0 };
  const runner = new CaseRunner(target);
  const indexes = values.case !== undefined ? [Number(values.case)] : Array.from({ length: Number(values.cases) }, (_, i) => i);
  for (const index of indexes) {
    const r = await runner.run(index);
    report.cases++;
    if ('hang' in r) report.hangs.push({ case: index });
    else if ('died' in r) report.crashes.push({ case: index, error: r.died });
    else if ('error' in r) report.crashes.push({ case: index, error: r.error });
    else if (r.outcome === 'clean') report.clean++;
    else {
      report.bad++;
      for (const reason of new Set(r.reasons)) report.reasons[reason] = (report.reasons[reason] ?? 0) + 1;
    }
    if (values.save && ('hang' in r || 'died' in r || 'error' in r)) await saveCase(target, index);
  }
  await runner.stop();
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

async function saveCase(target: string, index: number): Promise<void> {
  const mod = (await import(path.join(TARGET_DIR, `${target}.ts`))) as { target: import('../../test/fuzz/fuzz_target.js').FuzzTarget };
  const input = fuzzCase(await mod.target.seeds(), mod.target.dictionary ?? [], seed, index);
  mkdirSync(values.save!, { recursive: true });
  writeFileSync(path.join(values.save!, `${target}-seed${seed}-case${index}.bin`), input);
}

const reports: TargetReport[] = [];
for (const target of targets) reports.push(await fuzzTarget(target));
const peakRssMb = process.resourceUsage().maxRSS / 1024;

if (values.json) {
  process.stdout.write(`${JSON.stringify({ seed, peakRssMb, reports })}\n`);
} else {
  const rows = reports.map((r) => [r.target, r.cases, r.clean, r.bad, r.crashes.length, r.hangs.length, r.seconds.toFixed(1)].map(String));
  const head = ['target', 'cases', 'clean', 'counted as bad', 'crashes', 'hangs', 'seconds'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  process.stdout.write(`fuzz seed ${seed}, watchdog ${timeoutMs} ms a case, heap cap ${heapMb} MB\n`);
  process.stdout.write([line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n');
  process.stdout.write(`peak RSS of the whole run: ${peakRssMb.toFixed(0)} MB\n`);
  for (const r of reports) {
    const top = Object.entries(r.reasons)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([k, v]) => `${k} ${v}`);
    if (top.length) process.stdout.write(`${r.target} reasons: ${top.join(', ')}\n`);
    for (const c of r.crashes) process.stdout.write(`${r.target} CRASH case ${c.case}: ${c.error}\n`);
    for (const h of r.hangs) process.stdout.write(`${r.target} HANG case ${h.case}\n`);
  }
}
process.exitCode = reports.some((r) => r.crashes.length + r.hangs.length > 0) ? 1 : 0;
