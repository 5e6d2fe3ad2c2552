import { describe, expect, it } from 'vitest';
import { ChunkCounter, addCounts, formatCounts } from '../../../stages/tokenize/train/chunk_counts.js';
import { learnMerges } from '../../../stages/tokenize/train/learn_merges.js';
import { trainTokenizer } from '../../../stages/tokenize/train/train_tokenizer.js';
import { Tokenizer } from '../../../stages/tokenize/tokenizer.js';
import { parseTiktoken } from '../../../stages/tokenize/vocabulary.js';
import { fixture } from './fixture.js';

/** The textbook trainer: recount every pair of every word before each merge. */
function naiveMerges(chunks: Map<string, number>, merges: number): string[] {
  const words = [...chunks].map(([chunk, count]) => ({
    symbols: [...Buffer.from(chunk, 'utf8')].map((b) => String.fromCharCode(b)),
    count,
  }));
  const learned: string[] = [];
  for (let m = 0; m < merges; m++) {
    const counts = new Map<string, { count: number; pair: [string, string] }>();
    for (const { symbols, count } of words)
      for (let i = 0; i + 1 < symbols.length; i++) {
        const key = JSON.stringify([symbols[i], symbols[i + 1]]);
        const entry = counts.get(key) ?? { count: 0, pair: [symbols[i]!, symbols[i + 1]!] };
        entry.count += count;
        counts.set(key, entry);
      }
    if (counts.size === 0) break;
    const ids = (s: string) => (learned.indexOf(s) >= 0 ? 256 + learned.indexOf(s) : s.charCodeAt(0));
    // Same order as the heap: highest count, then the smaller (left id, right id).
    const best = [...counts.values()].sort(
      (x, y) => y.count - x.count || ids(x.pair[0]) - ids(y.pair[0]) || ids(x.pair[1]) - ids(y.pair[1]),
    )[0]!;
    const merged = best.pair[0] + best.pair[1];
    if (!learned.includes(merged)) learned.push(merged);
    for (const word of words) {
      const out: string[] = [];
      for (let i = 0; i < word.symbols.length; i++) {
        if (i + 1 < word.symbols.length && word.symbols[i] === best.pair[0] && word.symbols[i + 1] === best.pair[1])
          (out.push(merged), i++);
        else out.push(word.symbols[i]!);
      }
      word.symbols = out;
    }
  }
  return learned;
}

const sampleCounts = () => {
  const counter = new ChunkCounter('cl100k');
  for (const doc of fixture.docs.slice(0, 40)) counter.add(doc.text);
  return counter.counts;
};

describe('BPE training', () => {
  it('learns the same merges incrementally as a full recount per merge', () => {
    const chunks = new Map([...sampleCounts()].slice(0, 400));
    chunks.set(' aaaaaaa', 5); // overlapping pairs
    chunks.set('abababab', 3);
    const tokens = learnMerges(chunks, 150)
      .slice(256)
      .map((t) => Buffer.from(t).toString('latin1'));
    expect(tokens).toEqual(naiveMerges(chunks, 150));
  });

  it('ranks merges by frequency', () => {
    const tokens = learnMerges(
      new Map([
        ['hug', 10],
        ['pug', 5],
        ['pun', 12],
        ['bun', 4],
        ['hugs', 5],
      ]),
      3,
    ).slice(256);
    expect(tokens.map((t) => Buffer.from(t).toString())).toEqual(['ug', 'un', 'hug']);
  });

  it('stops early when no pair is left', () => {
    expect(learnMerges(new Map([['ab', 2]]), 10)).toHaveLength(257);
  });

  it('gives a tokenizer that round-trips every sample doc and survives its rank file', () => {
    const tokenizer = trainTokenizer(sampleCounts(), { name: 't', pattern: 'cl100k', vocabSize: 2000, specialTokens: [] });
    expect(tokenizer.nVocab).toBe(2000);
    expect(tokenizer.specialTokens).toEqual({ '<|endoftext|>': 1999 });
    const reloaded = new Tokenizer({
      name: 't',
      pattern: 'cl100k',
      vocab: parseTiktoken(tokenizer.vocab.toTiktoken()),
      specialTokens: tokenizer.specialTokens,
    });
    for (const doc of fixture.docs) {
      const ids = tokenizer.encodeOrdinary(doc.text);
      expect(tokenizer.decode(ids)).toBe(doc.text);
      expect(reloaded.encodeOrdinary(doc.text)).toEqual(ids);
    }
    expect(tokenizer.encode('a<|endoftext|>b', 'all')).toContain(1999);
  });

  it('keeps chunk counts through their file format, tabs and newlines included', () => {
    const counts = new Map([
      ['a\tb', 2],
      ['\n\n', 3],
      ['\ud800', 1],
    ]);
    const into = new Map([['\n\n', 1]]);
    expect(addCounts(into, formatCounts(counts))).toBe(3);
    expect(into).toEqual(
      new Map([
        ['\n\n', 4],
        ['a\tb', 2],
        ['\ud800', 1],
      ]),
    );
  });
});
