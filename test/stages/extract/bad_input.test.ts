import { describe, expect, it } from 'vitest';
import { WorkBudget } from '../../../stages/extract/budget.js';
import { extractText, workLimit } from '../../../stages/extract/extract_text.js';
import { extractOptions } from '../../../stages/extract/options.js';
import { decodeHtml } from '../../../stages/sources/warc/charset.js';

const defaults = extractOptions.parse({});
const article = Array.from(
  { length: 8 },
  (_, i) => `<p>Paragraph ${i} of the story, long enough to count as prose, with commas, clauses and a full stop.</p>`,
).join('');

/** Runs the extractor and notes the work it took, whatever it decided. */
function measuredExtract(html: string, options = defaults) {
  const budget = new WorkBudget(workLimit(html, options));
  const result = extractText(html, options, budget);
  return { result, work: budget.used / budget.limit };
}

describe('extract on bad input', () => {
  it('survives 10,000 nested unclosed tags and still finds the text', () => {
    const html = `<html><body>${'<div><span>'.repeat(5_000)}${article}</body></html>`;
    const { result, work } = measuredExtract(html);
    expect(result).toHaveProperty('text');
    expect((result as { text: string }).text).toContain('Paragraph 7 of the story');
    expect(work).toBeLessThan(0.5);
  });

  it('gives up on 200,000 nested tags within its work budget instead of hanging', () => {
    // htmlparser2's open-element stack makes each open tag cost the depth: such a page is quadratic.
    const html = `<html><body>${'<div><span>'.repeat(100_000)}${article}</body></html>`;
    expect(measuredExtract(html).result).toEqual({ reason: 'extract:over_budget' });
  });

  it('closes nothing and loses nothing: unclosed <p>, <li> and <td>', () => {
    const html = `<body><article>${article.replace(/<\/p>/g, '')}<ul><li>one item<li>another item</ul><table><tr><td>cell a<td>cell b</table>`;
    const { result } = measuredExtract(html);
    const text = (result as { text: string }).text;
    expect(text).toContain('Paragraph 0 of the story');
    expect(text).toContain('Paragraph 7 of the story');
  });

  it('skips 10 MB of inline script without keeping any of it', () => {
    const script = `<script>var x = "${'a'.repeat(10 * 1024 * 1024)}";</script>`;
    const { result, work } = measuredExtract(`<html><head>${script}</head><body>${script}<main>${article}</main></body></html>`);
    expect((result as { text: string }).text).not.toContain('aaaa');
    expect((result as { text: string }).text).toContain('Paragraph 3 of the story');
    expect(work).toBeLessThan(0.5);
  });

  it('drops a frameset page with a reason of its own', () => {
    const html = '<html><frameset cols="20%,80%"><frame src="menu.html"><frame src="main.html"></frameset></html>';
    expect(extractText(html, defaults)).toEqual({ reason: 'extract:frameset' });
  });

  it('reads a page that has no <body>', () => {
    const { result } = measuredExtract(`<html><head><title>t</title></head>${article}</html>`);
    expect((result as { text: string }).text).toContain('Paragraph 5 of the story');
  });

  it('takes mis-declared encodings without crashing: UTF-8 bytes read as latin-1, latin-1 bytes read as UTF-8', () => {
    const page = `<html><head><meta charset="iso-8859-1"></head><body><article>${article.replace(/story/g, 'Geschäftsbericht über Größe')}</article></body></html>`;
    const utf8AsLatin1 = decodeHtml(Buffer.from(page, 'utf8'), undefined, () => {}).html;
    const latin1AsUtf8 = new TextDecoder('utf-8').decode(Buffer.from(page, 'latin1'));
    for (const html of [utf8AsLatin1, latin1AsUtf8]) {
      const { result } = measuredExtract(html);
      expect((result as { text: string }).text).toContain('Paragraph 2 of the');
    }
  });

  it('drops binary data labelled text/html as not HTML', () => {
    // A PNG header and pseudo-random bytes, decoded the way a text/html body would be.
    const bytes = Buffer.alloc(200_000);
    let seed = 7;
    for (let i = 0; i < bytes.length; i++) bytes[i] = seed = (seed * 1103515245 + 12345) & 0xff;
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const html = decodeHtml(bytes, 'utf-8', () => {}).html;
    expect(extractText(html, defaults)).toEqual({ reason: 'extract:binary' });
  });

  it('drops plain text served as HTML', () => {
    expect(extractText('just some words, no markup at all '.repeat(20), defaults)).toEqual({ reason: 'extract:not_html' });
  });

  it('drops a page whose extraction outruns the work budget, and keeps it when work_per_char allows more', () => {
    const deep = `<body>${'<div>'.repeat(30_000)}${article}</body>`;
    expect(extractText(deep, defaults)).toEqual({ reason: 'extract:over_budget' });
    expect(extractText(deep, extractOptions.parse({ work_per_char: 200 }))).toHaveProperty('text');
  });

  it('reads a table cell of 200,000 elements and a comment section of 200,000 lines without overflowing the call stack', () => {
    const cell = `<body><article>${article}<table><tr><td><span>${'<b>x</b>'.repeat(200_000)}</span></td></tr></table></article></body>`;
    expect(extractText(cell, defaults)).toHaveProperty('text');
    const comments = `<body><article>${article}</article><div class="comments">${'<p>a reader comment</p>'.repeat(200_000)}</div></body>`;
    expect((extractText(comments, extractOptions.parse({ include_comments: true })) as { text: string }).text).toContain(
      'a reader comment',
    );
  });

  it('drops a page with nothing substantial left', () => {
    const html = '<body><nav><a href="/">Home</a> <a href="/about">About</a></nav><p>Hi.</p><footer>© 2024</footer></body>';
    expect(extractText(html, defaults)).toEqual({ reason: 'extract:too_short' });
  });
});
