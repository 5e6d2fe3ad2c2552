import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { urlFilterStage, verdicts } from './url_filter_fixtures.js';

const ALL = urlFilterStage({ categories: ['adult', 'mixed_adult', 'gambling', 'cryptojacking'] });

describe('url_filter on real UT1 entries', () => {
  it.each([
    // mixed_adult/domains lists 4chan.org: every subdomain goes, whatever the port or case.
    ['http://4chan.org/', 'domain'],
    ['https://boards.4chan.org/b/thread/1', 'domain'],
    ['http://BOARDS.4Chan.ORG:8080/b/', 'domain'],
    ['https://a.b.c.4chan.org./', 'domain'],
    // gambling/domains lists 000-online-casino.com: www. and a port are stripped.
    ['https://www.000-online-casino.com/', 'domain'],
    ['http://WWW.0-Casino.INFO:443/play', 'domain'],
    // cryptojacking/domains lists xn--bittex-zhb.com, which is bittŕex.com.
    ['https://www.bittŕex.com/login', 'domain'],
    ['https://xn--bittex-zhb.com/', 'domain'],
    // adult/urls: 020sextoy.com/sk and what lies below it, not a longer path segment.
    ['http://020sextoy.com/sk', 'url'],
    ['https://www.020sextoy.com/sk/products?page=2', 'url'],
    // mixed_adult/urls: montreal.craigslist.ca/search/tlg, query included.
    ['https://montreal.craigslist.ca/search/tlg?query=x', 'url'],
  ])('blocks %s by %s', async (url, reason) => {
    expect((await verdicts(ALL, [url])).got).toEqual([reason]);
  });

  it.each([
    // A listed domain is no suffix of a longer label.
    'http://not4chan.org/',
    'https://4chan.org.example.net/',
    // A URL entry covers whole path segments only.
    'http://020sextoy.com/skates',
    'https://montreal.craigslist.ca/search/tlgx',
    // FineWeb tokenizes on non-alphanumerics: banned words inside longer words pass.
    'https://www.cocktails.com/classic-cocktail-recipes',
    'https://en.wikipedia.org/wiki/Scunthorpe_United',
    'https://www.titanic-belfast.com/visit/',
    'https://www.essex.ac.uk/departments/analysis',
    'https://therapist.example.org/sussex',
    // One soft-banned word is below the threshold of two.
    'https://shop.example.com/lingerie/new',
  ])('lets %s pass', async (url) => {
    expect((await verdicts(ALL, [url])).got).toEqual([true]);
  });

  it.each([
    ['https://example.com/videos/xxx/index.html', 'banned_word'],
    ['https://example.com/gallery/bdsm-pics?id=3', 'banned_word'],
    ['https://XXX.example.com/', 'banned_word'],
    ['https://example.com/naked-lingerie', 'soft_banned_words'],
    ['https://example.com/p/sexy_nude_pictures', 'soft_banned_words'],
    ['https://example.com/best-freesexvideos', 'banned_subword'],
  ])('blocks %s by %s (FineWeb words in the URL)', async (url, reason) => {
    expect((await verdicts(ALL, [url])).got).toEqual([reason]);
  });

  it('names each reason in the stats and lets docs without a URL pass, counted', async () => {
    const { got, ctx } = await verdicts(ALL, [
      'https://boards.4chan.org/',
      'http://020sextoy.com/sk',
      'https://example.com/xxx',
      'https://example.com/naked-lingerie',
      'https://example.com/ok',
      undefined,
    ]);
    expect(got).toEqual(['domain', 'url', 'banned_word', 'soft_banned_words', true, true]);
    expect(ctx.counters.dropped).toEqual({ domain: 1, url: 1, banned_word: 1, soft_banned_words: 1 });
    expect(ctx.counters.counts).toEqual({ no_url: 1 });
  });

  it('follows the UT1 aliases (porn is adult)', async () => {
    expect((await verdicts(urlFilterStage({ categories: ['porn'] }), ['http://020sextoy.com/sk'])).got).toEqual(['url']);
  });

  it('adds user lists on top and honours the soft threshold and word switches', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sieve-lists-'));
    writeFileSync(path.join(dir, 'domains.txt'), '# mine\nWWW.Example.org\n');
    writeFileSync(path.join(dir, 'words.txt'), 'forbidden\n');
    const stage = urlFilterStage({
      categories: [],
      domain_lists: [path.join(dir, 'domains.txt')],
      banned_word_lists: [path.join(dir, 'words.txt')],
      soft_word_threshold: 3,
    });
    const { got } = await verdicts(stage, [
      'https://shop.example.org/a',
      'https://example.net/the-forbidden-page',
      'https://example.com/naked-lingerie',
      'https://example.com/naked-lingerie-nude',
    ]);
    expect(got).toEqual(['domain', 'banned_word', true, 'soft_banned_words']);
    const noWords = urlFilterStage({ categories: [], fineweb_words: false });
    expect((await verdicts(noWords, ['https://example.com/xxx'])).got).toEqual([true]);
  });

  it('refuses an unknown category before any work, listing the known ones', () => {
    expect(() => urlFilterStage({ categories: ['adult', 'adlut'] })).toThrow(/no UT1 category "adlut".*known: .*adult/);
  });
});
