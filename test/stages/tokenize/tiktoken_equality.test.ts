import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadPretrained } from '../../../stages/tokenize/pretrained.js';
import { fixture } from './fixture.js';

const digest = (ids: number[]) => createHash('sha256').update(ids.join(',')).digest('hex');

describe.each(['gpt2', 'cl100k_base', 'o200k_base'] as const)('%s encodes exactly like Python tiktoken', (name) => {
  const expected = fixture.encodings[name];

  it('on the adversarial strings', async () => {
    const tokenizer = await loadPretrained(name);
    fixture.adversarial.forEach((text, i) => expect(tokenizer.encodeOrdinary(text), JSON.stringify(text)).toEqual(expected.adversarial[i]));
  });

  it('with special tokens allowed', async () => {
    const tokenizer = await loadPretrained(name);
    fixture.with_specials.forEach((text, i) => expect(tokenizer.encode(text, 'all'), text).toEqual(expected.with_specials[i]));
  });

  it('on every sample corpus doc', async () => {
    const tokenizer = await loadPretrained(name);
    expect(fixture.docs.length).toBeGreaterThan(100);
    const mismatched = fixture.docs
      .filter((doc, i) => digest(tokenizer.encodeOrdinary(doc.text)) !== expected.docs[i]!.sha256)
      .map((d) => d.id);
    expect(mismatched).toEqual([]);
  });

  it('decodes what it encodes back to the text (well-formed UTF-16)', async () => {
    const tokenizer = await loadPretrained(name);
    for (const doc of fixture.docs) expect(tokenizer.decode(tokenizer.encodeOrdinary(doc.text))).toBe(doc.text);
    expect(tokenizer.decode(tokenizer.encodeOrdinary('lone \ud800 surrogate'))).toBe('lone \ufffd surrogate');
  });
});

it('sizes each vocabulary as tiktoken does (n_vocab, end-of-text id)', async () => {
  const sizes = await Promise.all(
    (['gpt2', 'cl100k_base', 'o200k_base'] as const).map(async (n) => [
      (await loadPretrained(n)).nVocab,
      (await loadPretrained(n)).endOfText,
    ]),
  );
  expect(sizes).toEqual([
    [50257, 50256],
    [100277, 100257],
    [200019, 199999],
  ]);
});
