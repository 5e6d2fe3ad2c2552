import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Doc } from '../../../pipeline/doc.js';
import type { StreamStage } from '../../../pipeline/stage.js';
import { extract } from '../../../stages/extract/extract.js';
import { extractOptions } from '../../../stages/extract/options.js';
import { pii } from '../../../stages/pii/pii.js';
import { decodeHtml } from '../../../stages/sources/warc/charset.js';
import { collect, testContext } from '../../helpers/context.js';
import { outcomeOf, type FuzzTarget } from '../fuzz_target.js';

const FIXTURES = path.resolve(import.meta.dirname, '..', '..', 'stages', 'extract', 'fixtures');

const env = { baseDir: '.', runDir: '.' };
const extractStage = extract.create(extractOptions.parse({}), env) as StreamStage;
const piiStage = pii.create(pii.options.parse({ kinds: ['email', 'ipv4', 'ipv6', 'phone', 'credit_card', 'iban'] }), env) as StreamStage;

/** A page as the pipeline reads it: decoded like a WARC body, then `extract`, then `pii` on the main text. */
export const target: FuzzTarget = {
  name: 'html',
  async seeds() {
    const pages = ['thespacereview.com-sls', 'sciencealert.com-europa-plumes', 'maescot.de.schafskunde', 'jpost.com-weizsaecker'];
    return pages.map((p) => gunzipSync(readFileSync(path.join(FIXTURES, `${p}.html.gz`))));
  },
  dictionary: [
    // Deep nesting (quadratic for htmlparser2 past tens of thousands), wide elements, stray closers.
    '<div>'.repeat(50_000),
    '<div><span>'.repeat(1_000),
    '<table><tr><td>'.repeat(300),
    '<table><tr><td><span>',
    '<b>x</b>'.repeat(150_000),
    '</b>'.repeat(2_000),
    '<p>',
    '</p>',
    '<br>',
    '<pre>',
    '<table>',
    '<li>',
    '<h2>',
    '<article>',
    '<form>',
    '<svg>',
    '<math>',
    '<!--',
    '-->',
    '<![CDATA[',
    ']]>',
    '<script>',
    '</script>',
    '<style>',
    '<textarea>',
    '<plaintext>',
    '<frameset>',
    '<!DOCTYPE html>',
    '<meta charset="utf-16">',
    '<meta charset="shift_jis">',
    ' class="comment nav share related"',
    ' style="display:none"',
    ' hidden',
    ` id="${'x'.repeat(10_000)}"`,
    '&amp;',
    '&#0;',
    '&#x110000;',
    '&#xD800;',
    '&nbsp;',
    '&',
    '\u00ad\u200b\ufeff',
    ' ann@corp.org ',
    ' 8.8.4.4 ',
    ' 2001:4860:4860::8888 ',
    ' 4111 1111 1111 1111 ',
    ' DE89 3704 0044 0532 0130 00 ',
    ' +1 (415) 555-0132 ',
    'a'.repeat(5_000),
  ],
  async run(input) {
    const ctx = testContext();
    const { html } = decodeHtml(input, undefined, () => {});
    const page: Doc = { id: 'case', text: '', html, meta: {} };
    await collect(
      piiStage.run(
        extractStage.run(
          (async function* () {
            yield page;
          })(),
          ctx,
        ),
        ctx,
      ),
    );
    return outcomeOf(ctx.counters);
  },
};
