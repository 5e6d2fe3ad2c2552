import { describe, expect, it } from 'vitest';
import { normalizedWords, Shingler } from '../../../stages/minhash_dedup/shingles.js';

describe('Shingler', () => {
  const five = new Shingler(5);

  it('normalizes case, punctuation, diacritics, numbers and white space as datatrove does', () => {
    expect(normalizedWords('Café, CRÈME brûlée — 1999 e-mail! ２０２４年')).toEqual(['cafe', 'creme', 'brulee', '0', 'email', '0年']);
    const plain = [...five.shingles('the cafe opened in 0 with a new email address for orders')];
    const noisy = [...five.shingles('The  Café opened in 2024, with a NEW e-mail address\nfor orders.')];
    expect(noisy).toEqual(plain);
  });

  it('makes one shingle per window of n words, order-sensitive, none below n words', () => {
    expect(five.shingles('a b c d e f g').length).toBe(3);
    expect(five.shingles('a b c d').length).toBe(0);
    const ab = [...five.shingles('a b c d e')];
    const ba = [...five.shingles('b a c d e')];
    expect(ab).not.toEqual(ba);
  });
});
