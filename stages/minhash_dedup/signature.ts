import { fmix32, Shingler } from './shingles.js';

/**
 * MinHash signatures: for each of `bands × rows` hash functions, the smallest value it takes over
 * the doc's shingles. Two docs agree on one value with probability equal to the Jaccard similarity
 * of their shingle sets; they agree on a whole band with s^rows; on some band with
 * 1 - (1 - s^rows)^bands.
 *
 * Hash function i is a_i·x + b_i mod 2^32 (a_i odd) over shingle hashes that are already mixed
 * (murmur3's finalizer ends every n-gram hash): a bijection of 32-bit values, so a permutation of
 * the shingle universe, as datasketch's "affine32" scheme. One multiply and one add per value.
 * 32-bit rather than 64-bit (datatrove's (a·x + b) mod 2^61-1) because JavaScript has no 64-bit
 * integer multiply short of BigInt. `npx tsx bench/dedup/hash_schemes.ts` (112 hashes × 1,000
 * shingles, node 20, CPU time on one core): this scheme 1.7 ns per value; fmix32(x ^ seed_i)
 * 3.0 ns; a 64-bit multiplicative mix in 16-bit limbs 25 ns (15×); datatrove's own scheme,
 * (a·x + b) mod 2^61-1 in BigInt, 108 ns (64×).
 * test/stages/minhash_dedup/signature.test.ts checks that values agree at rate s and bands at
 * the S-curve. A band is 8 × 32 = 256 bits, so equal bands from unrelated docs are vanishingly
 * rare; the 32-bit shingle hash merges two distinct n-grams with odds 2^-32 per pair, which moves a
 * Jaccard estimate by far less than its sampling error.
 */
export class MinHasher {
  readonly size: number;
  private readonly mults: Int32Array;
  private readonly adds: Int32Array;
  private readonly shingler: Shingler;

  constructor(options: { ngram: number; bands: number; rows: number; seed: number }) {
    this.size = options.bands * options.rows;
    this.shingler = new Shingler(options.ngram);
    const draws = hashSeeds(options.seed, 2 * this.size);
    this.mults = draws.subarray(0, this.size).map((a) => a | 1);
    this.adds = draws.subarray(this.size);
  }

  /** Writes the signature of `text` into `out[at, at + size)`; false (and nothing written) when it has too few words. */
  signature(text: string, out: Uint32Array, at: number): boolean {
    const shingles = this.shingler.shingles(text);
    if (shingles.length === 0) return false;
    const { mults, adds, size } = this;
    for (let i = 0; i < size; i++) {
      const a = mults[i]!;
      const b = adds[i]!;
      // Unsigned order as signed int32 (flip the top bit): V8 keeps the loop in small integers.
      let min = 0x7fffffff;
      for (let j = 0; j < shingles.length; j++) {
        const v = (Math.imul(shingles[j]!, a) + b) ^ 0x80000000;
        if (v < min) min = v;
      }
      out[at + i] = (min ^ 0x80000000) >>> 0;
    }
    return true;
  }
}

/** `count` seeds drawn from `seed` (a Weyl sequence through murmur3's finalizer), so a run's tasks all hash alike. */
function hashSeeds(seed: number, count: number): Int32Array {
  const seeds = new Int32Array(count);
  let state = seed | 0;
  for (let i = 0; i < count; i++) {
    state = (state + 0x9e3779b9) | 0;
    seeds[i] = fmix32(state);
  }
  return seeds;
}
