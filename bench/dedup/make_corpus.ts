// Builds a dedup benchmark corpus from real extracted text (the docs of a `sieve run` of
// configs/sample.yaml) with near-duplicates planted at known Jaccard similarities.
//
//   npx tsx bench/dedup/make_corpus.ts quality <sample docs dir> <out dir>
//       every base doc (real lines, ≥ 120 words) gets at most one variant, at a target similarity
//       of 0.50, 0.55, ..., 0.95, so pairs are independent trials of the S-curve.
//   npx tsx bench/dedup/make_corpus.ts scale <sample docs dir> <out dir> <docs>
//       <docs> docs of real lines drawn at random, 10% of them variants: for memory at size.
//
// Writes <out>/input/*.arrow (Sieve's input), <out>/corpus.jsonl ({id, text, norm}: what
// datasketch reads) and <out>/truth.json (the planted pairs with their true 5-gram Jaccard).
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DocShardWriter } from '../../pipeline/arrow/doc_shard_writer.js';
import { readDocShard } from '../../pipeline/arrow/doc_shard_reader.js';
import type { Doc } from '../../pipeline/doc.js';
import { normalizedWords } from '../../stages/minhash_dedup/shingles.js';
import { seededRandom as rng } from '../../pipeline/seeded_random.js';
import { jaccard, ngramSet } from './corpus_text.js';

const BASE_WORDS = 120;
const LEVELS = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];
const FILES = 8;

export interface PlantedPair {
  base: string;
  variant: string;
  level: number;
  jaccard: number;
}

const [mode, docsDir, out, sizeArg] = process.argv.slice(2);
if ((mode !== 'quality' && mode !== 'scale') || !docsDir || !out)
  throw new Error('usage: make_corpus.ts quality|scale <docs dir> <out dir> [docs]');
const random = rng(20261123);
const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;

// Distinct real lines of at least 4 words, shuffled; the first 300 are the boilerplate pool.
const seen = new Set<string>();
const lines: string[] = [];
for (const file of readdirSync(docsDir)
  .filter((f) => f.endsWith('.arrow'))
  .sort())
  for await (const doc of readDocShard(path.join(docsDir, file)))
    for (const raw of doc.text.split('\n')) {
      const line = raw.trim();
      const words = normalizedWords(line);
      const key = words.join(' ');
      if (words.length < 4 || seen.has(key)) continue;
      seen.add(key);
      lines.push(line);
    }
for (let i = lines.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [lines[i], lines[j]] = [lines[j]!, lines[i]!];
}
const boilerplate = lines.splice(0, 300);
const vocabulary = lines.slice(0, 2000).flatMap((l) => l.split(/\s+/));

/** Lines joined until the doc has BASE_WORDS words; `next` yields lines (in order, or at random). */
function baseDoc(next: () => string | undefined): string | undefined {
  const doc: string[] = [];
  let words = 0;
  while (words < BASE_WORDS) {
    const line = next();
    if (line === undefined) return undefined;
    doc.push(line);
    words += line.split(/\s+/).length;
  }
  return doc.join('\n');
}

/**
 * Edits a copy of `base` (word substitutions, insertions, deletions, a changed header or footer
 * line, words added at the ends) until its 5-gram Jaccard with the base is within 0.02 of `target`;
 * undefined when 50 tries miss (a base of repeated lines can jump past the window).
 */
function variantOf(base: string, target: number): { text: string; jaccard: number } | undefined {
  const baseSet = ngramSet(base);
  for (let attempt = 0; ; attempt++) {
    const docLines = base.split('\n').map((l) => l.split(/\s+/));
    let j = 1;
    while (j > target + 0.02) {
      const far = j - target > 0.1;
      const edit = random();
      const line = pick(docLines);
      const at = Math.floor(random() * line.length);
      if (far && edit < 0.1) {
        const extra = pick(boilerplate).split(/\s+/);
        if (random() < 0.5) docLines.unshift(extra);
        else docLines.push(extra);
      } else if (!far && edit < 0.4) {
        // A word more at either end of the doc touches one 5-gram: the fine steps near the target.
        if (random() < 0.5) docLines[0]!.unshift(pick(vocabulary));
        else docLines[docLines.length - 1]!.push(pick(vocabulary));
      } else if (edit < 0.55) line[at] = pick(vocabulary);
      else if (edit < 0.8) line.splice(at, 0, pick(vocabulary));
      else if (line.length > 1) line.splice(at, 1);
      const text = docLines.map((l) => l.join(' ')).join('\n');
      j = jaccard(baseSet, ngramSet(text));
      if (j >= target - 0.02 && j <= target + 0.02) return { text, jaccard: j };
    }
    if (attempt > 50) return undefined;
  }
}

const docs: Doc[] = [];
const truth: PlantedPair[] = [];
const add = (text: string) => {
  const id = `doc-${String(docs.length).padStart(7, '0')}`;
  docs.push({ id, text, url: `https://bench.example/${id}`, meta: {} });
  return id;
};
if (mode === 'quality') {
  let cursor = 0;
  const bases: string[] = [];
  for (let doc = baseDoc(() => lines[cursor++]); doc; doc = baseDoc(() => lines[cursor++])) bases.push(doc);
  const perLevel = Math.floor((bases.length * 0.7) / LEVELS.length);
  bases.forEach((text, i) => {
    const base = add(text);
    const level = LEVELS[Math.floor(i / perLevel)];
    if (level === undefined) return;
    const variant = variantOf(text, level);
    if (!variant) throw new Error(`cannot plant a variant at ${level}`);
    truth.push({ base, variant: add(variant.text), level, jaccard: variant.jaccard });
  });
} else {
  const size = Number(sizeArg);
  while (docs.length < size) {
    if (docs.length > 0 && random() < 0.1) {
      const base = pick(docs);
      const level = pick(LEVELS);
      const variant = variantOf(base.text, level);
      // A base made of repeated lines may not reach the level: plant elsewhere.
      if (variant) truth.push({ base: base.id, variant: add(variant.text), level, jaccard: variant.jaccard });
    } else add(baseDoc(() => pick(lines))!);
  }
}

// Shuffled into files, so that pairs span collect tasks.
const order = docs.map((_, i) => i);
for (let i = order.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [order[i], order[j]] = [order[j]!, order[i]!];
}
mkdirSync(path.join(out, 'input'), { recursive: true });
for (let f = 0; f < FILES; f++) {
  const writer = await DocShardWriter.create(path.join(out, 'input', `in-${f}.arrow`), { meta: {}, html: false, reason: false });
  for (let k = f; k < order.length; k += FILES) await writer.write(docs[order[k]!]!);
  await writer.close();
}
writeFileSync(
  path.join(out, 'corpus.jsonl'),
  docs.map((d) => JSON.stringify({ id: d.id, text: d.text, norm: normalizedWords(d.text).join(' ') })).join('\n') + '\n',
);
writeFileSync(path.join(out, 'truth.json'), JSON.stringify(truth));
console.log(`${mode}: ${docs.length} docs, ${truth.length} planted pairs (${lines.length} distinct real lines) → ${out}`);
