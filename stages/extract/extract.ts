import { defineStage } from '../../pipeline/registry.js';
import { extractText } from './extract_text.js';
import { extractOptions } from './options.js';

/** HTML → main text: the article kept, page chrome dropped; replaces `html_to_text`. */
export const extract = defineStage({
  name: 'extract',
  kind: 'stream',
  summary: 'keep the main content of each page as text, drop navigation, ads, comments and other boilerplate',
  options: extractOptions,
  create: (options) => ({
    kind: 'stream',
    async *run(docs, ctx) {
      for await (const doc of docs) {
        if (doc.html === undefined) {
          ctx.drop(doc, 'extract:no_html');
          continue;
        }
        const result = extractText(doc.html, options);
        if ('reason' in result) {
          ctx.drop(doc, result.reason);
          continue;
        }
        const { html: _, ...rest } = doc;
        yield { ...rest, text: result.text };
      }
    },
  }),
});
