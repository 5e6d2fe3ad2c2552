import { describe, expect, it } from 'vitest';
import { bucketOf, codePoints, lengthDistribution, lengthUnits, recordLength } from '../../pipeline/report/length_histogram.js';

describe('length histogram', () => {
  it('puts every length in the bucket whose bounds hold it', () => {
    for (const n of [0, 1, 2, 7, 100, 1234, 99_999, 5_000_000]) {
      const counts: Record<string, number> = {};
      recordLength(counts, 'chars', n);
      const d = lengthDistribution(counts, 'chars')!;
      expect(d.histogram).toHaveLength(1);
      expect(d.histogram[0]!.lo).toBe(bucketOf(n));
      expect(n).toBeGreaterThanOrEqual(d.histogram[0]!.lo);
      expect(n).toBeLessThan(d.histogram[0]!.hi);
    }
  });

  it('estimates quantiles within the bucket resolution and keeps the exact mean', () => {
    // A skewed length distribution, like web text: many short pages, a long tail.
    const lengths = Array.from({ length: 5000 }, (_, i) => Math.round(200 * Math.exp((i / 5000) * 6)));
    const counts: Record<string, number> = {};
    for (const n of lengths) recordLength(counts, 'chars', n);
    const d = lengthDistribution(counts, 'chars')!;
    const sorted = [...lengths].sort((a, b) => a - b);
    expect(d.docs).toBe(5000);
    expect(d.mean).toBeCloseTo(lengths.reduce((a, b) => a + b, 0) / 5000, 6);
    for (const q of d.quantiles) {
      const exact = sorted[Math.floor(q.p * (sorted.length - 1))]!;
      expect(Math.abs(q.value - exact) / exact).toBeLessThan(0.1);
    }
    // Buckets run without gaps from the shortest doc to the longest.
    for (let i = 1; i < d.histogram.length; i++) expect(d.histogram[i]!.lo).toBe(d.histogram[i - 1]!.hi);
  });

  it('merges across tasks by adding counts, and finds each unit recorded', () => {
    const a: Record<string, number> = {};
    const b: Record<string, number> = {};
    recordLength(a, 'chars', 50);
    recordLength(b, 'chars', 50);
    recordLength(b, 'tokens', 12);
    const merged = { ...a };
    for (const [k, v] of Object.entries(b)) merged[k] = (merged[k] ?? 0) + v;
    expect(lengthUnits(merged)).toEqual(['chars', 'tokens']);
    expect(lengthDistribution(merged, 'chars')!.docs).toBe(2);
    expect(lengthDistribution(merged, 'tokens')!.mean).toBe(12);
    expect(lengthDistribution(merged, 'bytes')).toBeUndefined();
  });

  it('counts characters as code points', () => {
    expect(codePoints('héllo')).toBe(5);
    expect(codePoints('𝔘𝔫𝔦😀')).toBe(4);
    expect(codePoints('日本語')).toBe(3);
  });
});
