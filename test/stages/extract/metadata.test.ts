import { describe, expect, it } from 'vitest';
import { isDateline } from '../../../stages/extract/dateline.js';
import { mainText, longParagraph } from '../../helpers/extract_text.js';

describe('extract: article metadata', () => {
  const html = `<html><body>
    <article class="entry">
      <div class="entry-meta">By Jane Doe</div>
      <p><time datetime="2019-05-15">15. Mai 2019, 05:28 Uhr</time></p>
      ${longParagraph('harbour renovation')}${longParagraph('new ferry timetable')}
      <figure><img src="a.jpg"><div class="wp-caption-credit">Foto: Press Agency</div></figure>
      ${longParagraph('budget for the works')}
      <p>The works start <span class="date">next Monday</span> and end in spring, the city said.</p>
    </article>
  </body></html>`;

  it('drops short bylines, dates and credits named as such, even beside body words', () => {
    const out = mainText(html);
    expect(out).toContain('harbour renovation');
    expect(out).not.toContain('Jane Doe');
    expect(out).not.toContain('05:28');
    expect(out).not.toContain('Press Agency');
  });

  it('keeps a date span that is part of a sentence', () => {
    expect(mainText(html)).toContain('The works start next Monday and end in spring');
  });

  it('keeps metadata when favoring recall', () => {
    expect(mainText(html, { favor: 'recall' })).toContain('Jane Doe');
  });

  it('keeps a long block whose name says metadata', () => {
    const wrapped = `<html><body><div class="post-meta-wrapper">${longParagraph('flood defences')}${longParagraph('river levels')}${longParagraph('new dykes')}</div></body></html>`;
    expect(mainText(wrapped)).toContain('flood defences');
  });
});

describe('extract: small print', () => {
  it('drops an image legend and a <small> credit line, keeps <small> inside a sentence', () => {
    const html = `<html><body><div class="content">
      ${longParagraph('orchard in spring')}
      <div class="image-legend">Blossoms along the old wall, photographed in April</div>
      <p><small>Photo: Jane Doe</small></p>
      ${longParagraph('pruning the trees')}
      <p>The pears are picked in September and kept in the cellar <small>(at six degrees)</small> until the end of the winter market.</p>
    </div></body></html>`;
    const out = mainText(html);
    expect(out).not.toContain('Blossoms along');
    expect(out).not.toContain('Jane Doe');
    expect(out).toContain('kept in the cellar (at six degrees) until');
  });

  it("ends the text at the site's copyright notice near the end", () => {
    const html = `<html><body><div class="content">
      ${longParagraph('river festival')}${longParagraph('boat parade')}
      <p>Advertise with the most visited site in the region: we offer flexible packages for every budget.</p>
      <p>© 2022, Example News. This article is the property of Example News; reprints need permission.</p>
    </div></body></html>`;
    const out = mainText(html);
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
      ${longParagraph('cycling test')}${longParagraph('helmet results')}${longParagraph('child seats')}
      <p>24.11.2018</p>
      ${longParagraph('winter tyres')}${longParagraph('roof boxes')}${longParagraph('electric bikes')}
    </div></body></html>`;
    const out = mainText(html);
    expect(out).not.toContain('23.10.2018');
    expect(out).toContain('24.11.2018');
  });
});

describe('extract: headings', () => {
  it('keeps a run of headings when nothing under them was removed', () => {
    const html = `<html><body><article>
      <blockquote><h2>Poster contest for children</h2><h4>Draw a poster about clean water and send it to us by June.</h4></blockquote>
      ${longParagraph('lake clean-up day')}${longParagraph('prizes for the posters')}
    </article></body></html>`;
    expect(mainText(html)).toContain('Poster contest for children');
  });
});

describe('extract: comment-named pages', () => {
  it('retries a forum thread named as comments throughout, trusting tags alone', () => {
    const posts = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth']
      .map((n) => `${n} answer`)
      .map((t) => `<div class="comment-body">${longParagraph(t)}</div>`)
      .join('');
    const html = `<html><body><div class="discussion"><h1>Thread</h1>${posts}</div></body></html>`;
    expect(mainText(html)).toContain('third answer');
  });
});
