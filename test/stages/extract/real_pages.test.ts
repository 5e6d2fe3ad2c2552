import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extractText } from '../../../stages/extract/extract_text.js';
import { extractOptions } from '../../../stages/extract/options.js';
import { decodeHtml } from '../../../stages/sources/warc/charset.js';

interface PinnedPage {
  file: string;
  url: string;
  present: string[];
  absent: string[];
}

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const pages = JSON.parse(readFileSync(path.join(FIXTURES, 'pages.json'), 'utf8')) as PinnedPage[];
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('extract on real benchmark pages', () => {
  it('pins a dozen pages', () => {
    expect(pages.length).toBeGreaterThanOrEqual(12);
  });

  for (const page of pages) {
    it(`keeps the article and drops the chrome of ${page.url}`, () => {
      const html = decodeHtml(gunzipSync(readFileSync(path.join(FIXTURES, page.file))), undefined, () => {}).html;
      const result = extractText(html, extractOptions.parse({}));
      expect(result).toHaveProperty('text');
      const text = squash((result as { text: string }).text);
      // Short messages: a failed toContain would print the whole article.
      for (const excerpt of page.present) expect(text.includes(squash(excerpt)), `main text lost: ${excerpt}`).toBe(true);
      for (const excerpt of page.absent) expect(text.includes(squash(excerpt)), `boilerplate kept: ${excerpt}`).toBe(false);
    });
  }
});
