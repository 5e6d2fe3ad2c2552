import { describe, expect, it } from 'vitest';
import { isDateline } from '../../../stages/extract/dateline.js';
import { extractText } from '../../../stages/extract/extract_text.js';
import { extractOptions } from '../../../stages/extract/options.js';

const text = (html: string, favor: 'precision' | 'balanced' | 'recall' = 'balanced') => {
  const result = extractText(html, extractOptions.parse({ favor }));
  if ('reason' in result) throw new Error(result.reason);
  return result.text;
};

const long = (topic: string) =>
  `<p>The ${topic} is described here in a long paragraph that runs well past a single line of text, ` +
  `with enough words, commas and detail that nobody would mistake it for a menu entry or a label.</p>`;

describe('extract: article metadata', () => {
  const html = `<html><body>
    <article class="entry">
      <div class="entry-meta">By Jane Doe</div>
      <p><time datetime="2019-05-15">15. Mai 2019, 05:28 Uhr</time></p>
      ${long('harbour renovation')}${long('new ferry timetable')}
      <figure><img src="a.jpg"><div class="wp-caption-credit">Foto: Press Agency</div></figure>
      ${long('budget for the works')}
      <p>The works start <span class="date">next Monday</span> and end in spring, the city said.</p>
    </article>
  </body></html>`;

  it('drops short bylines, dates and credits named as such, even beside body words', () => {
    const out = text(html);
    expect(out).toContain('harbour renovation');
    expect(out).not.toContain('Jane Doe');
    expect(out).not.toContain('05:28');
    expect(out).not.toContain('Press Agency');
  });

  it('keeps a date span that is part of a sentence', () => {
    expect(text(html)).toContain('The works start next Monday and end in spring');
  });

  it('keeps metadata when favoring recall', () => {
    expect(text(html, 'recall')).toContain('Jane Doe');
  });

  it('keeps a long block whose name says metadata', () => {
    const wrapped = `<html><body><div class="post-meta-wrapper">${long('flood defences')}${long('river levels')}${long('new dykes')}</div></body></html>`;
    expect(text(wrapped)).toContain('flood defences');
  });
});

describe('extract: small print', () => {
  it('drops an image legend and a <small> credit line, keeps <small> inside a sentence', () => {
    const html = `<html><body><div class="content">
      ${long('orchard in spring')}
      <div class="image-legend">Blossoms along the old wall, photographed in April</div>
      <p><small>Photo: Jane Doe</small></p>
      ${long('pruning the trees')}
      <p>The pears are picked in September and kept in the cellar <small>(at six degrees)</small> until the end of the winter market.</p>
    </div></body></html>`;
    const out = text(html);
    expect(out).not.toContain('Blossoms along');
    expect(out).not.toContain('Jane Doe');
    expect(out).toContain('kept in the cellar (at six degrees) until');
  });

  it("ends the text at the site's copyright notice near the end", () => {
    const html = `<html><body><div class="content">
      ${long('river festival')}${long('boat parade')}
      <p>Advertise with the most visited site in the region: we offer flexible packages for every budget.</p>
      <p>© 2022, Example News. This article is the property of Example News; reprints need permission.</p>
    </div></body></html>`;
    const out = text(html);
    expect(out).toContain('boat parade');
    expect(out).not.toContain('Example News');
  });
});

describe('extract: datelines', () => {
  it('recognises lines that only date the article, in any language', () => {
    for (const l of ['23.10.2018', '05. Februar 2020', 'Oct 9, 2019, 3:59 PM', 'Aktualisiert am 12.03.2020, 10:05', '2019-05-15'])
      expect(isDateline(l), l).toBe(true);
    for (const l of ['Am 14. Juni 2005 hielt Steve Jobs eine Rede vor Studenten', 'Chapter 3', 'Preheat the oven'])
      expect(isDateline(l), l).toBe(false);
  });

  it('drops a dateline at the start of the text but keeps one deep inside it', () => {
    const html = `<html><body><div class="content">
      <p>23.10.2018</p>
      ${long('cycling test')}${long('helmet results')}${long('child seats')}
      <p>24.11.2018</p>
      ${long('winter tyres')}${long('roof boxes')}${long('electric bikes')}
    </div></body></html>`;
    const out = text(html);
    expect(out).not.toContain('23.10.2018');
    expect(out).toContain('24.11.2018');
  });
});

describe('extract: headings', () => {
  it('keeps a run of headings when nothing under them was removed', () => {
    const html = `<html><body><article>
      <blockquote><h2>Poster contest for children</h2><h4>Draw a poster about clean water and send it to us by June.</h4></blockquote>
      ${long('lake clean-up day')}${long('prizes for the posters')}
    </article></body></html>`;
    expect(text(html)).toContain('Poster contest for children');
  });
});

describe('extract: comment-named pages', () => {
  it('retries a forum thread named as comments throughout, trusting tags alone', () => {
    const posts = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth']
      .map((n) => `${n} answer`)
      .map((t) => `<div class="comment-body">${long(t)}</div>`)
      .join('');
    const html = `<html><body><div class="discussion"><h1>Thread</h1>${posts}</div></body></html>`;
    expect(text(html)).toContain('third answer');
  });
});
