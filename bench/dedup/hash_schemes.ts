// Which MinHash hash family is fastest in JavaScript: the figure quoted in
// stages/minhash_dedup/signature.ts. Run: npx tsx bench/dedup/hash_schemes.ts
import { fmix32 } from '../../stages/minhash_dedup/shingles.js';

const HASHES = 112; // 14 bands × 8 rows
const SHINGLES = 1000;
const ROUNDS = 300;

const shingles32 = Int32Array.from({ length: SHINGLES }, (_, i) => fmix32(i + 1));
const seeds = Int32Array.from({ length: HASHES }, (_, i) => fmix32(0x9e3779b9 * (i + 1)));
const mults = Int32Array.from(seeds, (s) => fmix32(s) | 1);

/** The scheme Sieve uses (MinHasher): a_i·x + b_i mod 2^32 over pre-mixed shingle hashes. */
function affine32(out: Uint32Array): void {
  for (let i = 0; i < HASHES; i++) {
    const a = mults[i]!;
    const b = seeds[i]!;
    let min = 0x7fffffff;
    for (let j = 0; j < SHINGLES; j++) {
      const v = (Math.imul(shingles32[j]!, a) + b) ^ 0x80000000;
      if (v < min) min = v;
    }
    out[i] = (min ^ 0x80000000) >>> 0;
  }
}

/** A full mix per value: fmix32(x ^ seed_i), twice the multiplies. */
function fmixPerValue(out: Uint32Array): void {
  for (let i = 0; i < HASHES; i++) {
    const s = seeds[i]!;
    let min = 0x7fffffff;
    for (let j = 0; j < SHINGLES; j++) {
      const v = fmix32(shingles32[j]! ^ s) ^ 0x80000000;
      if (v < min) min = v;
    }
    out[i] = (min ^ 0x80000000) >>> 0;
  }
}

/**
 * 64-bit without BigInt: an fmix64-shaped mix on (hi, lo) halves, two 64×64-bit multiplies done in
 * 16-bit limbs. A cost model of any 64-bit multiplicative hash in plain JavaScript.
 */
const C1 = [0xff51afd7, 0xed558ccd];
const C2 = [0xc4ceb9fe, 0x1a85ec53];
function mul64(ahi: number, alo: number, bhi: number, blo: number, out: Uint32Array): void {
  const a0 = alo & 0xffff,
    a1 = alo >>> 16,
    a2 = ahi & 0xffff,
    a3 = ahi >>> 16;
  const b0 = blo & 0xffff,
    b1 = blo >>> 16,
    b2 = bhi & 0xffff,
    b3 = bhi >>> 16;
  let c0 = a0 * b0;
  let c1 = (c0 >>> 16) + a1 * b0;
  let c2 = c1 >>> 16;
  c1 = (c1 & 0xffff) + a0 * b1;
  c2 += c1 >>> 16;
  c2 += a2 * b0;
  let c3 = c2 >>> 16;
  c2 = (c2 & 0xffff) + a1 * b1;
  c3 += c2 >>> 16;
  c2 = (c2 & 0xffff) + a0 * b2;
  c3 += c2 >>> 16;
  c3 += a3 * b0 + a2 * b1 + a1 * b2 + a0 * b3;
  out[0] = (((c3 & 0xffff) << 16) | (c2 & 0xffff)) >>> 0;
  out[1] = (((c1 & 0xffff) << 16) | (c0 & 0xffff)) >>> 0;
}
const seedsHi = Int32Array.from(seeds, (s) => fmix32(s ^ 0x5bd1e995));
function scheme64(outHi: Uint32Array, outLo: Uint32Array): void {
  const t = new Uint32Array(2);
  for (let i = 0; i < HASHES; i++) {
    let minHi = 0xffffffff;
    let minLo = 0xffffffff;
    for (let j = 0; j < SHINGLES; j++) {
      let hi = seedsHi[i]! >>> 0;
      let lo = (shingles32[j]! ^ seeds[i]!) >>> 0;
      lo = (lo ^ hi) >>> 0; // hi >>> 33 folded into lo, as fmix64's first xor-shift does
      mul64(hi, lo, C1[0]!, C1[1]!, t);
      hi = t[0]!;
      lo = (t[1]! ^ (hi >>> 1)) >>> 0;
      mul64(hi, lo, C2[0]!, C2[1]!, t);
      hi = t[0]!;
      lo = (t[1]! ^ (hi >>> 1)) >>> 0;
      if (hi < minHi || (hi === minHi && lo < minLo)) {
        minHi = hi;
        minLo = lo;
      }
    }
    outHi[i] = minHi;
    outLo[i] = minLo;
  }
}

/** datatrove's scheme verbatim in BigInt: (a·x + b) mod (2^61 - 1). */
const M61 = (1n << 61n) - 1n;
const A = Array.from({ length: HASHES }, (_, i) => (BigInt(fmix32(i + 7) >>> 0) << 29n) | 1n);
const B = Array.from({ length: HASHES }, (_, i) => BigInt(fmix32(i + 99) >>> 0));
const shinglesBig = Array.from(shingles32, (x) => (BigInt(x) << 32n) | BigInt(x));
function schemeBigInt(out: BigUint64Array): void {
  for (let i = 0; i < HASHES; i++) {
    let min = M61;
    const a = A[i]!,
      b = B[i]!;
    for (let j = 0; j < SHINGLES; j++) {
      const v = (a * shinglesBig[j]! + b) % M61;
      if (v < min) min = v;
    }
    out[i] = min;
  }
}

function time(name: string, rounds: number, fn: () => void): number {
  for (let i = 0; i < Math.max(3, rounds / 10); i++) fn();
  // CPU time, not wall time: the figure should not depend on what else the machine runs.
  const t = process.cpuUsage();
  for (let i = 0; i < rounds; i++) fn();
  const used = process.cpuUsage(t);
  const ns = ((used.user + used.system) * 1000) / rounds / (HASHES * SHINGLES);
  console.log(`${name.padEnd(38)} ${ns.toFixed(2).padStart(7)} ns/hash  ${(1e9 / ns / 1e6).toFixed(1).padStart(6)} M hashes/s`);
  return ns;
}

console.log(`${HASHES} hashes × ${SHINGLES} shingles, node ${process.version}`);
const o32 = new Uint32Array(HASHES);
const base = time('32-bit a·x+b mod 2^32 [chosen]', ROUNDS, () => affine32(o32));
const fmix = time('32-bit fmix32(x ^ seed)', ROUNDS, () => fmixPerValue(o32));
const hi = new Uint32Array(HASHES),
  lo = new Uint32Array(HASHES);
const n64 = time('64-bit fmix64 in 16-bit limbs', ROUNDS / 10, () => scheme64(hi, lo));
const big = new BigUint64Array(HASHES);
const nBig = time('64-bit BigInt (a·x+b) mod 2^61-1', 3, () => schemeBigInt(big));
console.log(
  `vs chosen: fmix32 ${(fmix / base).toFixed(1)}× slower, 64-bit limbs ${(n64 / base).toFixed(1)}×, BigInt ${(nBig / base).toFixed(0)}×`,
);
