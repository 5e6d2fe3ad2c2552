import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { selectFiles } from '../../../../stages/sources/commoncrawl/select_files.js';

/** A real 100-file listing of CC-MAIN-2014-35 (one segment). */
const LISTING = readFileSync(path.resolve('..', 'shared', 'data', 'warc', 'cc', 'paths_lists', 'cc-mrjob_test-100.warc.paths'), 'utf8')
  .trim()
  .split('\n');

/** Three segments of four files each, as the listing of a recent crawl has them. */
const SEGMENTS = ['1707947473347.0', '1707947473518.2', '1707947474082.48'];
const MULTI = SEGMENTS.flatMap((s) =>
  [0, 1, 2, 3].map((i) => `crawl-data/CC-MAIN-2024-10/segments/${s}/warc/CC-MAIN-20240220-${s}-0000${i}.warc.gz`),
);

describe('selecting files of a crawl', () => {
  it('takes all files, or the first N', () => {
    expect(selectFiles(LISTING, { files: 'all' })).toEqual(LISTING);
    expect(selectFiles(LISTING, { files: 3 })).toEqual(LISTING.slice(0, 3));
    expect(selectFiles(LISTING, { files: 500 })).toEqual(LISTING);
  });

  it('draws a seeded sample: the same seed the same files, in listing order; another seed others', () => {
    const a = selectFiles(LISTING, { files: 'all', sample: { files: 8, seed: 1 } });
    expect(a).toHaveLength(8);
    expect(selectFiles(LISTING, { files: 'all', sample: { files: 8, seed: 1 } })).toEqual(a);
    expect(a).toEqual(LISTING.filter((p) => a.includes(p)));
    expect(a).not.toEqual(LISTING.slice(0, 8));
    expect(selectFiles(LISTING, { files: 'all', sample: { files: 8, seed: 2 } })).not.toEqual(a);
    // The draw does not depend on the listing's order.
    expect(selectFiles([...LISTING].reverse(), { files: 'all', sample: { files: 8, seed: 1 } }).sort()).toEqual([...a].sort());
  });

  it('keeps segment ranges by index, or segments by name, before the first N', () => {
    expect(selectFiles(MULTI, { files: 'all', segments: ['1-2'] })).toEqual(MULTI.slice(4));
    expect(selectFiles(MULTI, { files: 'all', segments: ['0', '1707947474082.48'] })).toEqual([...MULTI.slice(0, 4), ...MULTI.slice(8)]);
    expect(selectFiles(MULTI, { files: 2, segments: ['2'] })).toEqual(MULTI.slice(8, 10));
    expect(selectFiles(LISTING, { files: 'all', segments: ['0'] })).toEqual(LISTING);
  });

  it('refuses segments the listing does not have', () => {
    expect(() => selectFiles(MULTI, { files: 'all', segments: ['2-3'] })).toThrow('the crawl has segments 0-2');
    expect(() => selectFiles(MULTI, { files: 'all', segments: ['1.5'] })).toThrow('segment "1.5" is not in the listing');
  });
});
