import { describe, expect, it } from 'vitest';
import { DomainTally, hostOf } from '../../pipeline/report/domain_tally.js';

describe('domain tally', () => {
  it('keeps a task’s top hosts and lumps the rest, so the doc total is exact', () => {
    const tally = new DomainTally();
    for (let i = 0; i < 5; i++) tally.add('https://www.big.org/' + i);
    for (let i = 0; i < 3; i++) tally.add('http://mid.net/x');
    tally.add('http://a.com');
    tally.add('http://b.com');
    tally.add(undefined);
    const counts: Record<string, number> = {};
    tally.flushTo(counts, 2);
    expect(counts).toEqual({ 'domain:big.org': 5, 'domain:mid.net': 3, 'domain:(other)': 3 });
  });

  it('names hosts without www and says why a doc has none', () => {
    expect(hostOf('https://www.Example.org:8080/a')).toBe('example.org');
    expect(hostOf('not a url')).toBe('(bad url)');
    expect(hostOf(undefined)).toBe('(no url)');
  });
});
