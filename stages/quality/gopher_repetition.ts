import { z } from 'zod';
import type { MetaSchema } from '../../pipeline/doc.js';
import { defineStage } from '../../pipeline/registry.js';
import { filter } from '../../pipeline/stage.js';
import { duplicates, ratio, wordSplitOptions, wordSplitter } from './words.js';

/** A fraction threshold; `null` switches the rule off. */
const threshold = (value: number) => z.number().min(0).max(1).nullable().default(value);
/** n → maximum character fraction, n written as a YAML key (`{ 2: 0.2 }`). */
const nGramTable = (defaults: Record<string, number>) =>
  z.record(z.string().regex(/^[1-9]\d*$/, 'n-gram size must be a positive integer'), z.number().min(0).max(1)).default(defaults);

// Gopher's Table A1 (Rae et al. 2021), the values FineWeb ran with.
const options = z
  .object({
    dup_para_frac: threshold(0.3),
    dup_para_char_frac: threshold(0.2),
    dup_line_frac: threshold(0.3),
    dup_line_char_frac: threshold(0.2),
    /** Characters covered by the most frequent n-gram, as a fraction of the text. */
    top_n_grams: nGramTable({ 2: 0.2, 3: 0.18, 4: 0.16 }),
    /** Characters in n-grams that occur more than once, as a fraction of the text. */
    dup_n_grams: nGramTable({ 5: 0.15, 6: 0.14, 7: 0.13, 8: 0.12, 9: 0.11, 10: 0.1 }),
    ...wordSplitOptions,
  })
  .strict();

const LINE_RULES = ['dup_para_frac', 'dup_para_char_frac', 'dup_line_frac', 'dup_line_char_frac'] as const;

/**
 * Drops repetitive docs (Gopher): repeated paragraphs and lines, one n-gram dominating the text,
 * much of the text in repeated n-grams. The paragraph and line scores go to meta; the n-gram
 * rules stop at the first one that trips, so their scores are not all known and stay out of meta.
 */
export const gopherRepetition = defineStage({
  name: 'gopher_repetition',
  kind: 'stream',
  summary: 'drop docs with repeated lines, paragraphs or n-grams (Gopher, FineWeb defaults)',
  options,
  create: (opts) => {
    const split = wordSplitter(opts);
    const top = sortedTable(opts.top_n_grams);
    const dup = sortedTable(opts.dup_n_grams);
    const meta: MetaSchema = Object.fromEntries(LINE_RULES.map((rule) => [`gopher_${rule}`, 'float64']));
    return filter((doc) => {
      const text = doc.text;
      const paragraphs = text.trim().split(/\n{2,}/);
      const para = duplicates(paragraphs);
      const lines = text.split(/\n+/);
      const line = duplicates(lines);
      const scores = {
        dup_para_frac: ratio(para.count, paragraphs.length),
        dup_para_char_frac: ratio(para.chars, text.length),
        dup_line_frac: ratio(line.count, lines.length),
        dup_line_char_frac: ratio(line.chars, text.length),
      };
      for (const rule of LINE_RULES) doc.meta[`gopher_${rule}`] = scores[rule];
      for (const rule of LINE_RULES) {
        const max = opts[rule];
        if (max !== null && scores[rule] > max) return `gopher_repetition:${rule}`;
      }
      const words = split(doc);
      for (const [n, max] of top) {
        if (ratio(topNGramChars(words, n), text.length) > max) return `gopher_repetition:top_${n}_gram`;
      }
      for (const [n, max] of dup) {
        if (ratio(duplicateNGramChars(words, n), text.length) > max) return `gopher_repetition:duplicated_${n}_n_grams`;
      }
      return true;
    }, meta);
  },
});

const sortedTable = (table: Record<string, number>): [number, number][] =>
  Object.entries(table)
    .map(([n, max]): [number, number] => [Number(n), max])
    .sort((a, b) => a[0] - b[0]);

/**
 * Characters covered by the most frequent n-gram (its length, spaces included, times its count),
 * 0 when no n-gram repeats. datatrove scores a once-seen n-gram too, which drops short docs
 * without any repetition (one 16-word sentence trips top_4_gram); that is the short-doc rule's job.
 */
export function topNGramChars(words: readonly string[], n: number): number {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= words.length; i++) {
    const gram = words.slice(i, i + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  // The most frequent gram (the first seen among equals) scores, not the one covering most characters.
  let top = '';
  let topCount = 0;
  for (const [gram, count] of counts) {
    if (count > topCount) [top, topCount] = [gram, count];
  }
  return topCount > 1 ? top.length * topCount : 0;
}

/**
 * Characters (without separators) in n-grams seen earlier in the doc. After a repeat the scan jumps
 * past it, so overlapping repeats are not counted twice.
 */
export function duplicateNGramChars(words: readonly string[], n: number): number {
  const seen = new Set<string>();
  let chars = 0;
  for (let i = 0; i + n <= words.length;) {
    const gram = words.slice(i, i + n).join('');
    if (seen.has(gram)) {
      chars += gram.length;
      i += n;
    } else {
      seen.add(gram);
      i++;
    }
  }
  return chars;
}
