import { describe, expect, it } from 'vitest';
import { SubstringMatcher } from '../../../stages/url_filter/substring_matcher.js';

describe('substring matcher', () => {
  const m = new SubstringMatcher(['he', 'she', 'his', 'hers', '2girls1cup']);

  it('finds words anywhere, overlapping ones included, ignoring case and non-alphanumerics', () => {
    expect(m.foundIn('ushers')).toBe(true);
    expect(m.foundIn('xxhixs')).toBe(false);
    expect(m.foundIn('a-h-i-s')).toBe(true);
    expect(m.foundIn('https://example.com/2-GIRLS_1.cup')).toBe(true);
    expect(m.foundIn('https://example.com/2girls2cup')).toBe(false);
  });

  it('finds a word only reachable through a failure link', () => {
    expect(new SubstringMatcher(['abcd', 'bce']).foundIn('abce')).toBe(true);
  });

  it('is empty without words', () => {
    expect(new SubstringMatcher([]).empty).toBe(true);
    expect(new SubstringMatcher([]).foundIn('anything')).toBe(false);
  });
});
