import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MISSING_VALUE, partitionOf, pathSegment, templateKeys } from '../../../pipeline/doc_files/partition_path.js';

describe('partitioned output paths', () => {
  it('keep plain values as they are: language codes, dumps, numbers, booleans', () => {
    expect(['en', 'zh-Hans', 'CC-MAIN-2024-10', 'a.b_c', 3, 0.5, true].map(pathSegment)).toEqual([
      'en',
      'zh-Hans',
      'CC-MAIN-2024-10',
      'a.b_c',
      '3',
      '0.5',
      'true',
    ]);
  });

  it('send a missing, null or empty value to _missing, and no value there', () => {
    expect([undefined, null, ''].map(pathSegment)).toEqual([MISSING_VALUE, MISSING_VALUE, MISSING_VALUE]);
    expect(pathSegment('_missing')).toBe('%5Fmissing');
  });

  it('percent-encode what could leave the folder or trouble a file system: .., /, \\, NUL, spaces, non-ASCII', () => {
    expect(pathSegment('..')).toBe('%2E%2E');
    expect(pathSegment('.')).toBe('%2E');
    expect(pathSegment('../../etc')).toBe('..%2F..%2Fetc');
    expect(pathSegment('a\\b')).toBe('a%5Cb');
    expect(pathSegment('a\0b')).toBe('a%00b');
    expect(pathSegment('a b')).toBe('a%20b');
    expect(pathSegment('café')).toBe('caf%C3%A9');
    expect(pathSegment('~x')).toBe('%7Ex');
  });

  it('cut a very long value to 100 characters and a hash of the whole, so distinct values stay distinct', () => {
    const long = pathSegment('a'.repeat(5000));
    expect(long).toMatch(/^a{100}~[0-9a-f]{16}$/);
    expect(pathSegment(`${'a'.repeat(5000)}b`)).not.toBe(long);
    // An escape is never cut in half.
    expect(pathSegment(`${'a'.repeat(99)}${'é'.repeat(100)}`)).toMatch(/^a{99}~[0-9a-f]{16}$/);
  });

  it('keep every folder inside the output folder, whatever the values', () => {
    const nasty = ['..', '.', '../..', '/', '/etc/passwd', '\0', 'a/../../b', '.'.repeat(3), '%2e%2e', ''];
    for (const a of nasty) {
      for (const b of nasty) {
        const { dir } = partitionOf('docs/{a}{b}/{a}', { id: 'x', text: '', meta: { a, b } });
        expect(path.posix.normalize(dir)).toBe(dir);
        expect(dir.split('/')).toHaveLength(3);
        expect(
          dir
            .split('/')
            .slice(1)
            .some((s) => s === '.' || s === '..' || s === ''),
        ).toBe(false);
      }
    }
  });

  it('name the keys of a template once each, in order, and label a partition by its folder names', () => {
    expect(templateKeys('docs/{language}/{dump}/{language}')).toEqual(['language', 'dump']);
    expect(partitionOf('out/lang={language}/{dump}', { id: 'x', text: '', meta: { language: 'de', dump: null } })).toEqual({
      dir: 'out/lang=de/_missing',
      label: 'de/_missing',
    });
  });
});
