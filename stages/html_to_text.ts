import { load } from 'cheerio';
import { z } from 'zod';
import { defineStage } from '../pipeline/registry.js';

const BLOCK = 'p, div, br, li, h1, h2, h3, h4, h5, h6, tr, section, article, header, footer, blockquote, pre';

/** Stand-in until the extraction stage exists: every visible text node, blocks on their own lines. */
export const htmlToText = defineStage({
  name: 'html_to_text',
  kind: 'stream',
  summary: 'strip tags from the page (temporary; the extract stage replaces it)',
  options: z.object({}).strict(),
  create: () => ({
    kind: 'stream',
    async *run(docs, ctx) {
      for await (const doc of docs) {
        if (doc.html === undefined) {
          ctx.drop(doc, 'no_html');
          continue;
        }
        const $ = load(doc.html);
        $('script, style, noscript, template, svg, head').remove();
        $(BLOCK).before('\n').after('\n');
        const text = $('body').length > 0 ? $('body').text() : $.root().text();
        const lines = text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean);
        const { html: _, ...rest } = doc;
        if (lines.length === 0) ctx.drop(doc, 'empty_text');
        else yield { ...rest, text: lines.join('\n') };
      }
    },
  }),
});
