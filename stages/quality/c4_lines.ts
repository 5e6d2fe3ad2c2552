import { z } from 'zod';
import { defineStage } from '../../pipeline/registry.js';
import { addTo } from '../../pipeline/stats.js';
import { c4LineOptions, judgeLine } from './c4_rules.js';

const options = z.object(c4LineOptions).strict();

/**
 * Formatter: removes the lines C4's line rules reject (too few words, a giant word, javascript
 * notices, cookie and policy boilerplate, citation markers) and keeps the rest. Counts removed
 * lines per rule as `lines_removed:<rule>` and changed docs as `docs_changed`; a doc left with no
 * line is dropped as `c4_lines:empty`.
 */
export const c4Lines = defineStage({
  name: 'c4_lines',
  kind: 'stream',
  summary: 'formatter: remove boilerplate lines by the C4 line rules (rewrites text)',
  options,
  create: (opts) => ({
    kind: 'stream',
    async *run(docs, ctx) {
      for await (const doc of docs) {
        const kept: string[] = [];
        for (const line of doc.text.split(/\r\n|\r|\n/)) {
          if (line.trim() === '') continue;
          const verdict = judgeLine(line, opts);
          if ('kept' in verdict) kept.push(verdict.kept);
          else if ('removed' in verdict) addTo(ctx.counters.counts, `lines_removed:${verdict.removed}`);
        }
        addTo(ctx.counters.counts, 'lines_kept', kept.length);
        const text = kept.join('\n').trim();
        if (text === '') ctx.drop(doc, 'c4_lines:empty');
        else if (text === doc.text) yield doc;
        else {
          addTo(ctx.counters.counts, 'docs_changed');
          yield { ...doc, text };
        }
      }
    },
  }),
});
