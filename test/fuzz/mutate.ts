import { SeededRandom } from '../../pipeline/seeded_random.js';

/** Bytes that break parsers: boundaries of signed and unsigned widths, NUL, newline, high bit. */
const INTERESTING = [0x00, 0x01, 0x0a, 0x0d, 0x20, 0x7f, 0x80, 0xfe, 0xff];

/**
 * A case derived from the seeds by 1 to 8 stacked mutations, a pure function of (seed, index), so
 * any case a long run reports can be made again alone.
 */
export function fuzzCase(seeds: readonly Buffer[], dictionary: readonly string[], seed: number, index: number): Buffer {
  const rng = new SeededRandom(mix(seed, index));
  let data = seeds[rng.below(seeds.length)]!;
  const rounds = 1 + rng.below(8);
  for (let i = 0; i < rounds; i++) data = mutateOnce(data, seeds, dictionary, rng);
  return data;
}

function mix(seed: number, index: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  return Math.imul(h, 0x27d4eb2f) >>> 0;
}

function mutateOnce(data: Buffer, seeds: readonly Buffer[], dictionary: readonly string[], rng: SeededRandom): Buffer {
  const n = data.length;
  const at = () => rng.below(n + 1);
  const span = () => 1 + rng.below(Math.max(1, Math.min(n, 1 << (1 + rng.below(14)))));
  switch (rng.below(dictionary.length > 0 ? 10 : 9)) {
    case 0: {
      // Flip a few bits.
      const out = Buffer.from(data);
      for (let k = 1 + rng.below(4); k > 0 && n > 0; k--) out[rng.below(n)]! ^= 1 << rng.below(8);
      return out;
    }
    case 1: {
      const out = Buffer.from(data);
      if (n > 0) out[rng.below(n)] = INTERESTING[rng.below(INTERESTING.length)]!;
      return out;
    }
    case 2:
      // Cut short.
      return data.subarray(0, rng.below(n + 1));
    case 3: {
      // Remove a range.
      const from = at();
      return Buffer.concat([data.subarray(0, from), data.subarray(from + span())]);
    }
    case 4: {
      // Insert random bytes.
      const from = at();
      const junk = Buffer.alloc(1 + rng.below(64));
      for (let i = 0; i < junk.length; i++) junk[i] = rng.below(256);
      return Buffer.concat([data.subarray(0, from), junk, data.subarray(from)]);
    }
    case 5: {
      // Repeat a range, up to many times (deep nesting, repeated records, long runs).
      const from = rng.below(Math.max(1, n));
      const piece = data.subarray(from, from + span());
      const times = 1 + rng.below(rng.below(4) === 0 ? 2000 : 8);
      return Buffer.concat([data.subarray(0, from), ...Array<Buffer>(times).fill(piece), data.subarray(from)]);
    }
    case 6: {
      // Splice: the head of this input, the tail of another seed.
      const other = seeds[rng.below(seeds.length)]!;
      return Buffer.concat([data.subarray(0, at()), other.subarray(rng.below(other.length + 1))]);
    }
    case 7: {
      // Swap two ranges' order.
      const a = at();
      const b = a + rng.below(n - a + 1);
      return Buffer.concat([data.subarray(b), data.subarray(a, b), data.subarray(0, a)]);
    }
    case 8: {
      // Replace a run of digits with an extreme number.
      const text = data.toString('latin1');
      const digits = [...text.matchAll(/\d+/g)];
      if (digits.length === 0) return data;
      const m = digits[rng.below(digits.length)]!;
      const values = ['0', '-1', '4294967295', '4294967296', '9007199254740993', '99999999999999999999', '7', '2147483648'];
      const value = Buffer.from(values[rng.below(values.length)]!, 'latin1');
      return Buffer.concat([data.subarray(0, m.index), value, data.subarray(m.index + m[0].length)]);
    }
    default: {
      // Insert a dictionary word.
      const word = Buffer.from(dictionary[rng.below(dictionary.length)]!, 'latin1');
      const from = at();
      return Buffer.concat([data.subarray(0, from), word, data.subarray(from)]);
    }
  }
}
