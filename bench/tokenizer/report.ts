// Prints the tokenizer bench tables from <out>/encode.jsonl and <out>/train.jsonl (see run.sh).
//   npx tsx bench/tokenizer/report.ts <out dir>
import { readFileSync } from 'node:fs';
import path from 'node:path';

const out = process.argv[2];
if (!out) throw new Error('usage: report.ts <out dir>');
const lines = <T>(file: string) =>
  readFileSync(path.join(out, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const group = <T extends { tool: string }>(rows: T[], key: (r: T) => string = (r) => r.tool) => {
  const by = new Map<string, T[]>();
  for (const r of rows) by.set(key(r), [...(by.get(key(r)) ?? []), r]);
  return by;
};

interface EncodeRow {
  tool: string;
  mb: number;
  tokens: number;
  mb_per_s: number[];
}
// A process's speed is its best rep (the first warms the JIT); rounds pair tools run back to back.
const encode = group(lines<EncodeRow>('encode.jsonl'));
const python = encode.get('tiktoken-python')!.map((r) => Math.max(...r.mb_per_s));
const first = encode.values().next().value![0]!;
console.log(`\nEncode, cl100k_base, ordinary text, one thread: ${first.mb.toFixed(1)} MB in ${python.length} rounds\n`);
console.log('| tokenizer | MB/s (median) | × Python tiktoken (median per round) | tokens |');
console.log('|---|---:|---:|---:|');
for (const [tool, rows] of encode) {
  const speeds = rows.map((r) => Math.max(...r.mb_per_s));
  const ratios = speeds.map((s, i) => s / python[i]!);
  console.log(`| ${tool} | ${median(speeds).toFixed(2)} | ${median(ratios).toFixed(2)} | ${rows[0]!.tokens} |`);
}

interface TrainRow {
  tool: string;
  threads?: string;
  vocab: number;
  seconds: number;
}
const train = group(lines<TrainRow>('train.jsonl'), (r) =>
  r.threads ? `${r.tool} (${r.threads === '1' ? '1 thread' : 'all cores'})` : `${r.tool} (1 thread)`,
);
const sieveSeconds = train.get('sieve (1 thread)')!.map((r) => r.seconds);
console.log('\nTraining a 32k vocabulary on the same text (pre-tokenization included)\n');
console.log('| trainer | vocab | seconds (median) | × Sieve (median per round) |');
console.log('|---|---:|---:|---:|');
for (const [tool, rows] of train) {
  const seconds = rows.map((r) => r.seconds);
  console.log(
    `| ${tool} | ${rows[0]!.vocab} | ${median(seconds).toFixed(2)} | ${median(seconds.map((s, i) => s / sieveSeconds[i]!)).toFixed(2)} |`,
  );
}
