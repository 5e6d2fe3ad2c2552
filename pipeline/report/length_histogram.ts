/**
 * Document lengths as a log-scale histogram kept in a stage's `counts`, so `sieve stats` reports
 * quantiles from per-task counters without re-reading the corpus. Keys are `length:<unit>:<lo>`,
 * `lo` the bucket's lower bound; eight buckets per doubling bound the quantile error to ~9%.
 */
import { addTo } from '../stats.js';

const PER_OCTAVE = 8;
const MAX_OCTAVE = 40;

/** Bucket lower bounds: 0, then every distinct floor(2^(i/8)), ascending. */
const BOUNDS: readonly number[] = (() => {
  const bounds = new Set<number>([0]);
  for (let i = 0; i <= MAX_OCTAVE * PER_OCTAVE; i++) bounds.add(Math.floor(2 ** (i / PER_OCTAVE)));
  return [...bounds].sort((a, b) => a - b);
})();

const prefix = (unit: string) => `length:${unit}:`;

export function bucketOf(n: number): number {
  let lo = 0;
  let hi = BOUNDS.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (BOUNDS[mid]! <= n) lo = mid;
    else hi = mid - 1;
  }
  return BOUNDS[lo]!;
}

function nextBound(lo: number): number {
  const i = BOUNDS.indexOf(lo);
  return i >= 0 && i + 1 < BOUNDS.length ? BOUNDS[i + 1]! : lo + 1;
}

/** Adds one document of length `n` (in `unit`: chars, tokens) to a stage's counts. */
export function recordLength(counts: Record<string, number>, unit: string, n: number): void {
  addTo(counts, `${prefix(unit)}${bucketOf(n)}`);
  addTo(counts, `length_sum:${unit}`, n);
}

export interface LengthBucket {
  /** Inclusive lower and exclusive upper bound. */
  lo: number;
  hi: number;
  docs: number;
}

export interface LengthDistribution {
  unit: string;
  docs: number;
  mean: number;
  /** p-th quantile estimates, interpolated within a bucket. */
  quantiles: { p: number; value: number }[];
  histogram: LengthBucket[];
}

export const QUANTILES = [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99] as const;

/** The units a stage's counts hold histograms for. */
export function lengthUnits(counts: Record<string, number>): string[] {
  const units = new Set<string>();
  for (const key of Object.keys(counts)) {
    const m = /^length:([^:]+):\d+$/.exec(key);
    if (m) units.add(m[1]!);
  }
  return [...units].sort();
}

export function lengthDistribution(counts: Record<string, number>, unit: string): LengthDistribution | undefined {
  const histogram: LengthBucket[] = [];
  for (const [key, docs] of Object.entries(counts)) {
    if (!key.startsWith(prefix(unit))) continue;
    const lo = Number(key.slice(prefix(unit).length));
    histogram.push({ lo, hi: nextBound(lo), docs });
  }
  if (histogram.length === 0) return undefined;
  histogram.sort((a, b) => a.lo - b.lo);
  // Empty buckets between the shortest and longest docs stay in, so a chart's axis stays log-linear.
  const first = BOUNDS.indexOf(histogram[0]!.lo);
  const last = BOUNDS.indexOf(histogram[histogram.length - 1]!.lo);
  const filled = BOUNDS.slice(first, last + 1).map((lo) => histogram.find((b) => b.lo === lo) ?? { lo, hi: nextBound(lo), docs: 0 });
  histogram.splice(0, histogram.length, ...filled);
  const docs = histogram.reduce((n, b) => n + b.docs, 0);
  const quantiles = QUANTILES.map((p) => ({ p, value: quantile(histogram, docs, p) }));
  return { unit, docs, mean: (counts[`length_sum:${unit}`] ?? 0) / docs, quantiles, histogram };
}

function quantile(histogram: LengthBucket[], total: number, p: number): number {
  const target = p * total;
  let seen = 0;
  for (const b of histogram) {
    if (seen + b.docs >= target) {
      const within = b.docs > 0 ? (target - seen) / b.docs : 0;
      return Math.round(b.lo + within * (b.hi - 1 - b.lo));
    }
    seen += b.docs;
  }
  return histogram[histogram.length - 1]!.hi - 1;
}

/** Length in Unicode code points, what a reader calls characters (not UTF-16 units). */
export function codePoints(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}
