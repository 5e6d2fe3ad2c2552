import { describe, expect, it } from 'vitest';
import { checkKeys, matches, parseWhere, type ShardDoc } from '../../pipeline/report/doc_filter.js';

const doc: ShardDoc = {
  id: 'a',
  text: 'x',
  url: 'https://www.example.org/page',
  meta: { language: 'de', language_score: 0.5, http_status: 200, note: null },
  reason: 'duplicate',
};

describe('--where conditions', () => {
  it('compares meta as text, numbers by value, and knows url host and reason', () => {
    expect(matches(doc, [parseWhere('language=de')])).toBe(true);
    expect(matches(doc, [parseWhere('language=en')])).toBe(false);
    expect(matches(doc, [parseWhere('language!=en')])).toBe(true);
    expect(matches(doc, [parseWhere('language_score=0.50')])).toBe(true);
    expect(matches(doc, [parseWhere('http_status=200'), parseWhere('domain=example.org')])).toBe(true);
    expect(matches(doc, [parseWhere('reason=duplicate'), parseWhere('domain=other.org')])).toBe(false);
    expect(matches(doc, [parseWhere('note=null')])).toBe(true);
  });

  it('keeps "=" inside the value and rejects malformed or unknown keys with the known fields', () => {
    expect(parseWhere('url=https://x.org/?a=b')).toEqual({ key: 'url', value: 'https://x.org/?a=b', negate: false });
    expect(() => parseWhere('language')).toThrow(/key=value/);
    expect(() => checkKeys([parseWhere('lang=de')], ['id', 'text', 'url', 'language'])).toThrow(/lang: no such field; fields: .*language/);
    expect(() => checkKeys([parseWhere('domain=x.org')], ['id'])).not.toThrow();
  });
});
