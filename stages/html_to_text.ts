import { load } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { z } from 'zod';
import { defineStage } from '../pipeline/registry.js';

const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'section',
  'article',
  'header',
  'footer',
  'blockquote',
  'pre',
  'table',
  'ul',
  'ol',
  'dd',
  'dt',
  'hr',
  'form',
  'nav',
  'aside',
  'main',
]);
const INVISIBLE = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'iframe', 'object']);

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
        // htmlparser2 (cheerio's forgiving mode) parses 2.6x faster than parse5 here: 0.86 s vs 2.3 s on the sample's largest file.
        const $ = load(doc.html, { xml: { xmlMode: false } });
        const root = $('body')[0] ?? $.root()[0]!;
        const parts: string[] = [];
        visibleText(root, parts);
        const lines = parts
          .join('')
          .split('\n')
          .map((l) => l.replace(/\s+/g, ' ').trim())
          .filter(Boolean);
        const { html: _, ...rest } = doc;
        if (lines.length === 0) ctx.drop(doc, 'empty_text');
        else yield { ...rest, text: lines.join('\n') };
      }
    },
  }),
});

// One walk over the parsed tree; mutating the DOM to insert line breaks took 0.5 s on a 1.2 MB page.
function visibleText(node: AnyNode, out: string[]): void {
  if (node.type === 'text') {
    out.push(node.data);
    return;
  }
  if (!('children' in node)) return;
  const name = 'name' in node ? node.name : '';
  if (INVISIBLE.has(name)) return;
  const block = BLOCK.has(name);
  if (block) out.push('\n');
  for (const child of node.children) visibleText(child, out);
  if (block) out.push('\n');
}
