import { describe, expect, it } from 'vitest';
import { duplicateNGramChars, topNGramChars } from '../../../stages/quality/gopher_repetition.js';
import { ARTICLE, SENTENCES, doc } from './docs.js';
import { verdict } from './run_stage.js';

const NAMES = ['anna_k', 'mtorres', 'j.becker', 'ola', 'sam_r', 'lee', 'nina', 'pavel'];
const DISCLAIMER =
  'Disclaimer: the opinions expressed in this article are those of the author and do not necessarily reflect the views of the publisher, its editors or its advertisers, who accept no liability for them.';
const CITIES = [
  'Berlin',
  'Hamburg',
  'Munich',
  'Cologne',
  'Frankfurt',
  'Stuttgart',
  'Leipzig',
  'Dresden',
  'Bremen',
  'Hanover',
  'Essen',
  'Dortmund',
];

describe('gopher_repetition', () => {
  it('keeps a plain article and records its repetition scores', async () => {
    const d = doc(ARTICLE);
    expect(await verdict('gopher_repetition', d)).toBe('kept');
    expect(d.meta).toMatchObject({ gopher_dup_para_frac: 0, gopher_dup_line_frac: 0 });
  });

  it('drops a comment thread whose paragraphs are mostly the same "Reply" link', async () => {
    const text = SENTENCES.map((s, i) => `Comment by ${NAMES[i]}:\n${s}\n\nReply`).join('\n\n');
    expect(await verdict('gopher_repetition', doc(text))).toBe('gopher_repetition:dup_para_frac');
  });

  it('drops a page whose long disclaimer paragraph is repeated', async () => {
    const text = [...SENTENCES.slice(0, 3), DISCLAIMER, ...SENTENCES.slice(3, 6), DISCLAIMER, DISCLAIMER].join('\n\n');
    expect(await verdict('gopher_repetition', doc(text))).toBe('gopher_repetition:dup_para_char_frac');
  });

  it('drops a page where a short line keeps coming back', async () => {
    const text = SENTENCES.flatMap((s) => [s, 'Read more']).join('\n');
    expect(await verdict('gopher_repetition', doc(text))).toBe('gopher_repetition:dup_line_frac');
  });

  it('drops a page where one long line is a large share of the text', async () => {
    const text = [...SENTENCES, DISCLAIMER, DISCLAIMER, DISCLAIMER].join('\n');
    expect(await verdict('gopher_repetition', doc(text))).toBe('gopher_repetition:dup_line_char_frac');
  });

  it('drops keyword spam where one bigram dominates', async () => {
    const text = CITIES.map((c) => `Buy shoes in ${c} at the best price.`).join('\n');
    expect(await verdict('gopher_repetition', doc(text))).toBe('gopher_repetition:top_2_gram');
  });

  it('drops a services page where one three-word phrase dominates', async () => {
    const rooms = ['Kitchen', 'Bathroom', 'Garden', 'Garage'];
    const text = [...SENTENCES.slice(0, 4), ...rooms.map((r) => `${r} renovation specialists nationwide`)].join('\n');
    expect(await verdict('gopher_repetition', doc(text))).toBe('gopher_repetition:top_3_gram');
  });

  it('drops a services page where one four-word phrase dominates', async () => {
    const rooms = ['Kitchen', 'Bathroom', 'Garden'];
    const text = [...SENTENCES.slice(0, 4), ...rooms.map((r) => `${r} interior design consultations here`)].join('\n');
    expect(await verdict('gopher_repetition', doc(text))).toBe('gopher_repetition:top_4_gram');
  });

  it('drops a page that repeats its sentences under new prefixes', async () => {
    const text = [...SENTENCES, ...SENTENCES.slice(0, 5).map((s, i) => `Update ${i + 1}: ${s}`)].join('\n');
    expect(await verdict('gopher_repetition', doc(text))).toBe('gopher_repetition:duplicated_5_n_grams');
  });

  // A recap line quoting part of an earlier sentence: how much it quotes decides which n-gram rule trips first.
  it.each([
    { n: 6, base: 3, sentence: 1, from: 0, words: 13 },
    { n: 7, base: 4, sentence: 2, from: 0, words: 14 },
    { n: 8, base: 3, sentence: 1, from: 3, words: 8 },
    { n: 9, base: 3, sentence: 0, from: 1, words: 14 },
    { n: 10, base: 4, sentence: 0, from: 2, words: 14 },
  ])('drops a recap that repeats $words words of a sentence as duplicated_$n_n_grams', async ({ n, base, sentence, from, words }) => {
    const quote = SENTENCES[sentence]!.replace(/\.$/, '')
      .split(' ')
      .slice(from, from + words)
      .join(' ');
    const text = [...SENTENCES.slice(0, base), `As reported before: ${quote.toLowerCase()}.`].join('\n');
    expect(await verdict('gopher_repetition', doc(text))).toBe(`gopher_repetition:duplicated_${n}_n_grams`);
  });

  it('takes the n-gram thresholds as options', async () => {
    const text = CITIES.map((c) => `Buy shoes in ${c} at the best price.`).join('\n');
    expect(await verdict('gopher_repetition', doc(text), { top_n_grams: { 2: 0.5, 3: 0.5, 4: 0.5 }, dup_n_grams: {} })).toBe('kept');
  });

  it('counts the most frequent n-gram, and repeated n-grams without overlap', () => {
    expect(topNGramChars(['a', 'b', 'a', 'b', 'a', 'b'], 2)).toBe(3 * 3); // "a b" ×3
    expect(topNGramChars(['one', 'short', 'sentence'], 2)).toBe(0); // nothing repeats
    expect(duplicateNGramChars(['x', 'y', 'x', 'y', 'x', 'y'], 2)).toBe(4); // "xy" seen again twice
  });
});
