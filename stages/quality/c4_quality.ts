import { z } from 'zod';
import { defineStage } from '../../pipeline/registry.js';
import { filter } from '../../pipeline/stage.js';
import { c4LineOptions, judgeLine } from './c4_rules.js';

const options = z
  .object({
    ...c4LineOptions,
    /** Sentences the doc must keep after line cleaning; `null` switches the rule off. */
    min_num_sentences: z.number().int().min(0).nullable().default(5),
    filter_lorem_ipsum: z.boolean().default(true),
    filter_curly_bracket: z.boolean().default(true),
    /** Locale for sentence splitting of docs without a `language` meta value. */
    language: z.string().min(2).default('en'),
  })
  .strict();

/**
 * C4's document rules: drops a doc with "lorem ipsum" or a `{` in a line C4 would keep, or with
 * fewer than `min_num_sentences` sentences in those lines. It only judges: removing the lines
 * themselves is the `c4_lines` formatter's job (in FineWeb one class did both).
 */
export const c4Quality = defineStage({
  name: 'c4_quality',
  kind: 'stream',
  summary: 'drop docs with lorem ipsum, curly brackets or too few sentences (C4 rules, FineWeb defaults)',
  options,
  create: (opts) => {
    const segmenters = new Map<string, Intl.Segmenter>();
    const sentencesOf = (line: string, lang: string): number => {
      let segmenter = segmenters.get(lang);
      if (!segmenter) segmenters.set(lang, (segmenter = new Intl.Segmenter(lang, { granularity: 'sentence' })));
      let n = 0;
      for (const { segment } of segmenter.segment(line)) if (segment.trim() !== '') n++;
      return n;
    };
    return filter(
      (doc) => {
        const lang = typeof doc.meta.language === 'string' ? doc.meta.language : opts.language;
        let sentences = 0;
        for (const line of doc.text.split(/\r\n|\r|\n/)) {
          const verdict = judgeLine(line, opts, opts);
          if ('dropDoc' in verdict) return `c4:${verdict.dropDoc}`;
          if ('kept' in verdict) sentences += sentencesOf(verdict.kept, lang);
        }
        doc.meta.c4_sentences = sentences;
        if (opts.min_num_sentences !== null && sentences < opts.min_num_sentences) return 'c4:too_few_sentences';
        return true;
      },
      { c4_sentences: 'int32' },
    );
  },
});
