import { describe, expect, it } from 'vitest';
import { mainText, longParagraph } from '../../helpers/extract_text.js';

const SITE_CHROME = `<div class="site-nav"><a href="/">Home</a> <a href="/shop">Shop</a> <a href="/blog">Blog</a></div>`;

describe('extract: class names that say nothing about the block', () => {
  it("reads a page builder's widget boxes as plain containers, not as sidebar widgets", () => {
    const widget = (topic: string) =>
      `<div class="elementor-column"><div class="elementor-widget-container">${longParagraph(topic)}</div></div>`;
    const html = `<html><body>${SITE_CHROME}
      <div class="elementor-section"><h2>Earrings of the week</h2>
        ${widget('first pair of earrings')}${widget('second pair of earrings')}${widget('third pair of earrings')}
      </div>
      <div class="widget widget_recent_entries"><h3>Recent posts</h3><a href="/p1">Older post one</a> <a href="/p2">Older post two</a></div>
    </body></html>`;
    const out = mainText(html);
    for (const n of ['first', 'second', 'third']) expect(out).toContain(`${n} pair of earrings`);
    expect(out).not.toContain('Older post one');
    expect(out).not.toContain('Home');
  });
});

describe("extract: an article's header", () => {
  it('keeps the lead in a block named a header, drops the site header of links', () => {
    const html = `<html><body>
      <div class="page-header"><a href="/">Logo</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></div>
      <div class="article">
        <div class="intro-header"><h2>Farmers ask for a start-up grant</h2>
          <p class="lead">In a first meeting the minister showed herself open to a grant for young farmers, who face high prices for land.</p></div>
        ${longParagraph('meeting')}${longParagraph('grant')}${longParagraph('price of land')}
      </div>
    </body></html>`;
    const out = mainText(html);
    expect(out).toContain('the minister showed herself open to a grant');
    expect(out).toContain('price of land');
    expect(out).not.toContain('Weather');
  });
});

describe('extract: a second opinion from the whole page', () => {
  // A shop page: the box of the product's facts scores as the article (one container, many
  // lines with commas), while the description is spread over tabs that score one paragraph each,
  // beside a long list of pack sizes.
  const facts = Array.from({ length: 60 }, (_, i) => `<p>Fact ${i + 1}: arabica, robusta, medium roast, Brazil</p>`).join('');
  const tabs = Array.from({ length: 22 }, (_, i) => `<div class="tab"><section>${longParagraph(`roast number ${i + 1}`)}</section></div>`);
  const sizes = Array.from({ length: 400 }, (_, i) => `<li>Pack of ${i + 1}</li>`).join('');
  const html = `<html><body>${SITE_CHROME}
    <div class="product-content"><h1>Coffee, ground, 250 g</h1><div class="facts">${facts}</div></div>
    <div class="tabs">${tabs.join('')}</div>
    <div class="sizes"><ul>${sizes}</ul></div>
    <div class="footer-links"><a href="/imprint">Imprint</a> <a href="/privacy">Privacy</a></div>
  </body></html>`;

  it('takes the page less its chrome when it holds much more prose than the pick', () => {
    const out = mainText(html);
    expect(out).toContain('Fact 60: arabica');
    expect(out).toContain('roast number 22');
    expect(out).not.toContain('Imprint');
  });

  it('keeps the pick alone when favoring precision', () => {
    expect(mainText(html, { favor: 'precision' })).not.toContain('roast number 22');
  });
});

describe('extract: the whole page is rendered only when it may hold more prose', () => {
  it('counts a data table row as a line of prose when judging the pick', () => {
    // The course overview is a table whose rows are long lines of cells; the pick is the intro.
    const row = (i: number) =>
      `<tr><td>Module ${i}</td><td>Engine management, ignition systems, battery management and air conditioning</td><td>Workshop ${i}</td></tr>`;
    const html = `<html><body>${SITE_CHROME}
      <div class="intro">${longParagraph('apprenticeship')}${longParagraph('school year')}</div>
      <div class="plan"><table>${Array.from({ length: 30 }, (_, i) => row(i + 1)).join('')}</table></div>
    </body></html>`;
    expect(mainText(html)).toContain('Module 30 | Engine management');
  });
});
