import { describe, expect, it } from 'vitest';
import type { Doc } from '../../../pipeline/doc.js';
import type { StreamStage } from '../../../pipeline/stage.js';
import { extract } from '../../../stages/extract/extract.js';
import { extractOptions } from '../../../stages/extract/options.js';
import { collect, testContext } from '../../helpers/context.js';
import { mainText } from '../../helpers/extract_text.js';

const prose = (topic: string) =>
  `<p>This paragraph tells the reader about ${topic}, at some length, with commas, detail and a proper ending.</p>`;

const PAGE = `<!doctype html><html><head><title>T</title></head><body>
<header class="site-header"><a href="/">Logo</a><nav><ul><li><a href="/a">News</a></li><li><a href="/b">Sport</a></li></ul></nav></header>
<div id="cookie-banner">We use cookies to improve your experience. <a href="/privacy">Privacy policy</a></div>
<main><article class="post">
  <h1>The headline of the story</h1>
  <div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
  ${prose('the harbour')}
  <h2>A section heading</h2>
  ${prose('the ships')}
  <ul><li>first point of the list</li><li>second point of the list</li></ul>
  <pre><code>function f(x) {
  return x + 1;
}</code></pre>
  <table><tr><th>Port</th><th>Ships</th></tr><tr><td>Hamburg</td><td>12</td></tr></table>
  ${prose('the crews')}
  <div class="related-posts"><h3>Related</h3><ul><li><a href="/1">Another story about ships</a></li><li><a href="/2">Yet another story</a></li></ul></div>
</article>
<section id="comments" class="comments-area"><h3>2 comments</h3>
  <div class="comment"><p>Reader one says the article about the harbour was a fine read, thanks.</p></div>
</section></main>
<aside class="sidebar"><h3>Popular</h3><a href="/p">Most read story of the week</a></aside>
<footer class="site-footer">© 2024 Example Media. <a href="/imprint">Imprint</a></footer>
</body></html>`;

describe('extract: what is kept and how it is laid out', () => {
  const lines = mainText(PAGE).split('\n');

  it('keeps the article as lines: paragraphs, headings and list items each on their own', () => {
    expect(lines).toContain('A section heading');
    expect(lines).toContain('first point of the list');
    expect(lines).toContain('second point of the list');
    expect(lines.filter((l) => l.startsWith('This paragraph tells'))).toHaveLength(3);
  });

  it('keeps code blocks with their line breaks and indentation', () => {
    const at = lines.indexOf('function f(x) {');
    expect(lines.slice(at, at + 3)).toEqual(['function f(x) {', '  return x + 1;', '}']);
  });

  it('writes tables as rows of cells, or leaves them out when asked', () => {
    expect(lines).toContain('Port | Ships');
    expect(lines).toContain('Hamburg | 12');
    expect(mainText(PAGE, { include_tables: false })).not.toContain('Hamburg');
  });

  it('drops navigation, cookie banner, share buttons, related links, sidebar, footer and comments', () => {
    const all = lines.join('\n');
    for (const chrome of ['News', 'cookies', 'Share on Facebook', 'Another story', 'Most read', 'Imprint', 'Reader one']) {
      expect(all).not.toContain(chrome);
    }
  });

  it('keeps the comments when include_comments is set', () => {
    expect(mainText(PAGE, { include_comments: true })).toContain('Reader one says');
  });

  it('keeps the headline only when favoring recall', () => {
    expect(lines).not.toContain('The headline of the story');
    expect(mainText(PAGE, { favor: 'recall' }).split('\n')).toContain('The headline of the story');
  });

  it('rejects unknown options', () => {
    expect(() => extractOptions.parse({ favour: 'recall' })).toThrow();
  });
});

describe('extract stage', () => {
  it('turns html into text, removes the html, and drops what has no main text with a reason', async () => {
    const docs: Doc[] = [
      { id: 'ok', text: '', html: PAGE, meta: {} },
      { id: 'no-html', text: '', meta: {} },
      { id: 'menu-only', text: '', html: '<body><nav><a href="/">Home</a></nav></body>', meta: {} },
    ];
    const ctx = testContext();
    const stage = extract.create(extractOptions.parse({}), { baseDir: '.', runDir: ctx.runDir }) as StreamStage;
    async function* input() {
      yield* docs;
    }
    const out = await collect(stage.run(input(), ctx));
    expect(out.map((d) => d.id)).toEqual(['ok']);
    expect(out[0]!.html).toBeUndefined();
    expect(out[0]!.text).toContain('about the harbour');
    expect(ctx.rejected.map((r) => [r.doc.id, r.reason])).toEqual([
      ['no-html', 'extract:no_html'],
      ['menu-only', 'extract:too_short'],
    ]);
  });
});
