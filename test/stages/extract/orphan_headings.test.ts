import { describe, expect, it } from 'vitest';
import { mainText, longParagraph } from '../../helpers/extract_text.js';

describe('extract: headings of removed blocks', () => {
  it('drops a heading whose link list was removed and left only a short teaser behind', () => {
    const related = ['Council votes on the budget', 'New tram line opens', 'Festival draws record crowds']
      .map((t, i) => `<li><a href="/news/${i}">${t} in the city this weekend</a></li>`)
      .join('');
    const html = `<html><body>
      <div class="entry-content">
        ${longParagraph('city council meeting')}
        <h3>The vote</h3>
        ${longParagraph('vote on the new library')}${longParagraph('debate before the vote')}
        <h3>More on this</h3>
        <ul>${related}</ul>
        <p>Lights and music on the ring road. <a href="/news/lights">More ...</a></p>
      </div>
    </body></html>`;
    const lines = mainText(html).split('\n');
    expect(lines).toContain('The vote');
    expect(lines.join('\n')).toContain('debate before the vote');
    expect(lines).not.toContain('More on this');
    expect(lines.join('\n')).not.toContain('New tram line opens');
  });

  it('treats a short all-bold paragraph as a heading: dropped when its link list was removed', () => {
    const more = ['Harbour works delayed', 'Ferry prices rise', 'New quay opens']
      .map((t, i) => `<li><a href="/news/${i}">${t} after the storm</a></li>`)
      .join('');
    const html = `<html><body>
      <div class="entry-content">
        ${longParagraph('harbour renovation')}${longParagraph('new ferry timetable')}
        <p><strong>Also interesting</strong></p>
        <ul>${more}</ul>
      </div>
    </body></html>`;
    const out = mainText(html);
    expect(out).toContain('new ferry timetable');
    expect(out).not.toContain('Also interesting');
  });
});
