import { describe, expect, it } from 'vitest';
import { MinHasher } from '../../../stages/minhash_dedup/signature.js';

const BANDS = 14;
const ROWS = 8;
const UNION = 100;
const PAIRS = 600;

/**
 * Two docs of distinct one-word shingles whose sets have Jaccard similarity exactly `s`: they
 * share s·UNION words and split the rest. Each pair draws words of its own, so pairs are independent.
 */
function pairAt(s: number, pair: number): [string, string] {
  const shared = Math.round(s * UNION);
  const onlyA = Math.ceil((UNION - shared) / 2);
  const words = Array.from({ length: UNION }, (_, i) => `${letters(pair)}x${letters(i)}`);
  const a = words.slice(0, shared + onlyA);
  const b = [...words.slice(0, shared), ...words.slice(shared + onlyA)];
  return [a.join(' '), b.join(' ')];
}

/** A number spelled in letters: normalization turns every digit run into 0. */
const letters = (n: number) => n.toString(26).replace(/./g, (d) => String.fromCharCode(97 + parseInt(d, 26)));

describe('MinHash signatures', () => {
  const hasher = new MinHasher({ ngram: 1, bands: BANDS, rows: ROWS, seed: 1 });
  const size = BANDS * ROWS;

  it.each([0.5, 0.6, 0.7, 0.8, 0.9, 0.95])('collide per hash with probability s and per band as 1-(1-s^8)^14, s = %s', (s) => {
    const a = new Uint32Array(size);
    const b = new Uint32Array(size);
    let equalHashes = 0;
    let bandCollisions = 0;
    for (let p = 0; p < PAIRS; p++) {
      const [ta, tb] = pairAt(s, p);
      expect(hasher.signature(ta, a, 0) && hasher.signature(tb, b, 0)).toBe(true);
      let anyBand = false;
      for (let band = 0; band < BANDS; band++) {
        let equal = true;
        for (let r = band * ROWS; r < (band + 1) * ROWS; r++) {
          if (a[r] === b[r]) equalHashes++;
          else equal = false;
        }
        anyBand ||= equal;
      }
      if (anyBand) bandCollisions++;
    }
    const jaccard = Math.round(s * UNION) / UNION;
    const perHash = equalHashes / (PAIRS * size);
    // 67,200 draws: one standard error is under 0.002.
    expect(Math.abs(perHash - jaccard)).toBeLessThan(0.01);
    const theory = 1 - (1 - jaccard ** ROWS) ** BANDS;
    const stderr = Math.sqrt((theory * (1 - theory)) / PAIRS);
    expect(Math.abs(bandCollisions / PAIRS - theory)).toBeLessThanOrEqual(4 * stderr + 0.005);
  });

  it('is the same for the same set in any order, and depends on the seed', () => {
    const a = new Uint32Array(size);
    const b = new Uint32Array(size);
    const c = new Uint32Array(size);
    hasher.signature('one two three four', a, 0);
    hasher.signature('four three two one one', b, 0);
    new MinHasher({ ngram: 1, bands: BANDS, rows: ROWS, seed: 2 }).signature('one two three four', c, 0);
    expect([...b]).toEqual([...a]);
    expect([...c]).not.toEqual([...a]);
  });
});
