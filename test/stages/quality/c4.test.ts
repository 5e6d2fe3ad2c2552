import { describe, expect, it } from 'vitest';
import { ARTICLE, SENTENCES, doc } from './docs.js';
import { runStage, streamStage, verdict } from './run_stage.js';

describe('c4_quality', () => {
  it('keeps a plain article and records its sentence count', async () => {
    const d = doc(ARTICLE);
    expect(await verdict('c4_quality', d)).toBe('kept');
    expect(d.meta.c4_sentences).toBe(8);
  });

  it('drops an unfinished template with lorem ipsum', async () => {
    const text = `${ARTICLE}\nLorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.`;
    expect(await verdict('c4_quality', doc(text))).toBe('c4:lorem_ipsum');
  });

  it('drops a page with code in it', async () => {
    const text = `${ARTICLE}\nfunction toggleMenu() { document.body.classList.toggle('menu-open'); }`;
    expect(await verdict('c4_quality', doc(text))).toBe('c4:curly_bracket');
  });

  it('drops a stub with too few sentences', async () => {
    expect(await verdict('c4_quality', doc(SENTENCES.slice(0, 3).join('\n')))).toBe('c4:too_few_sentences');
  });

  it('judges only lines C4 would keep: a removed javascript line cannot condemn the doc', async () => {
    const text = `${ARTICLE}\nPlease enable JavaScript to view the {comments}.`;
    expect(await verdict('c4_quality', doc(text))).toBe('kept');
  });

  it('takes its thresholds as options', async () => {
    expect(await verdict('c4_quality', doc(SENTENCES.slice(0, 3).join('\n')), { min_num_sentences: 3 })).toBe('kept');
  });
});

describe('c4_lines (formatter)', () => {
  it('removes boilerplate lines and citation marks, counting each rule', async () => {
    const text = [
      'Menu',
      SENTENCES[0]!,
      `${SENTENCES[1]!.replace(/\.$/, '')}[1].`,
      'Please enable JavaScript to view the comments.',
      'This site uses cookies to improve your experience.',
      SENTENCES[2]!,
    ].join('\n');
    const { out, ctx } = await runStage(streamStage('c4_lines'), [doc(text)]);
    expect(out[0]!.text).toBe([SENTENCES[0], SENTENCES[1], SENTENCES[2]].join('\n'));
    expect(ctx.counters.counts).toMatchObject({
      'lines_removed:too_few_words': 1,
      'lines_removed:javascript': 1,
      'lines_removed:policy': 1,
      lines_kept: 3,
      docs_changed: 1,
    });
  });

  it('removes unpunctuated lines only when asked (FineWeb left them in)', async () => {
    const text = `${SENTENCES[0]}\nShare this article with your friends`;
    expect((await runStage(streamStage('c4_lines'), [doc(text)])).out[0]!.text).toBe(text);
    const strict = await runStage(streamStage('c4_lines', { filter_no_terminal_punct: true }), [doc(text)]);
    expect(strict.out[0]!.text).toBe(SENTENCES[0]);
  });

  it('drops a doc left without lines', async () => {
    expect(await verdict('c4_lines', doc('Home\nAbout us\nContact'))).toBe('c4_lines:empty');
  });
});
