// Docs/s of the sample pipeline with 1 and 2 workers, same input, same run.
// Usage: npx tsx bench/throughput/sample_workers.ts [config] [tasks] [repeats]
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ledger } from '../../pipeline/run/ledger.js';
import { readManifest } from '../../pipeline/run/manifest.js';

const [config = 'configs/sample.yaml', tasks = '4', repeats = '3'] = process.argv.slice(2);
const rows: { workers: number; seconds: number; docs: number }[] = [];
for (let r = 0; r < Number(repeats); r++) {
  for (const workers of [1, 2]) {
    const runDir = path.join(mkdtempSync(path.join(tmpdir(), 'sieve-bench-')), 'run');
    const start = process.hrtime.bigint();
    execFileSync(process.execPath, ['bin/sieve.js', 'run', config, '--run-dir', runDir, '--tasks', tasks, '--workers', String(workers)], {
      stdio: 'ignore',
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const ledger = Ledger.open(runDir);
    const docs = ledger.stageTotals()[readManifest(runDir).input.id]!.docsOut;
    ledger.close();
    rows.push({ workers, seconds, docs });
  }
}
console.log(`${config}, ${tasks} tasks, ${repeats} runs each (wall time of the whole run, process start-up included)`);
console.log('workers  docs read  best s  median s  docs/s (best)');
for (const workers of [1, 2]) {
  const mine = rows
    .filter((r) => r.workers === workers)
    .map((r) => r.seconds)
    .sort((a, b) => a - b);
  const docs = rows.find((r) => r.workers === workers)!.docs;
  console.log(
    `${String(workers).padStart(7)}  ${String(docs).padStart(9)}  ${mine[0]!.toFixed(2).padStart(6)}  ${mine[Math.floor(mine.length / 2)]!.toFixed(2).padStart(8)}  ${(docs / mine[0]!).toFixed(0).padStart(13)}`,
  );
}
