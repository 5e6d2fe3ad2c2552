import { z } from 'zod';
import { defineStage } from '../../pipeline/registry.js';
import { filter } from '../../pipeline/stage.js';
import { duplicates, ratio, wordSplitOptions, wordSplitter } from './words.js';

// The three rules FineWeb added on top of Gopher and C4 (Penedo et al. 2024), with its thresholds.
const options = z
  .object({
    /** Drop when fewer lines than this end in sentence-final punctuation. */
    line_punct_thr: z.number().min(0).max(1).nullable().default(0.12),
    /** Keep docs where no line at all ends in punctuation (e.g. scripts that do not use it). */
    line_punct_exclude_zero: z.boolean().default(false),
    /** Drop when more lines than this are at most `short_line_length` characters. */
    short_line_thr: z.number().min(0).max(1).nullable().default(0.67),
    short_line_length: z.number().int().min(0).default(30),
    /** Drop when more of the text than this (characters, newlines excluded) sits in repeated lines. */
    char_duplicates_ratio: z.number().min(0).max(1).nullable().default(0.01),
    /** Drop when newlines per word exceed this: lists and menus rather than prose. */
    new_line_ratio: z.number().min(0).nullable().default(0.3),
    ...wordSplitOptions,
  })
  .strict();

/** Sentence-final marks of every script (Unicode's Sentence_Terminal: . ! ? 。 । ؟ ...), FineWeb's `stop_chars`. */
const ENDS_SENTENCE = /\p{Sentence_Terminal}$/u;

/** FineWeb's own rules: line-end punctuation, short lines, duplicated lines, list-like layout. Scores go to meta. */
export const finewebQuality = defineStage({
  name: 'fineweb_quality',
  kind: 'stream',
  summary: 'drop docs with few punctuated lines, many short or repeated lines, or list layout (FineWeb defaults)',
  options,
  create: (opts) => {
    const split = wordSplitter(opts);
    const meta = {
      fineweb_line_punct_ratio: 'float64',
      fineweb_short_line_ratio: 'float64',
      fineweb_char_dup_ratio: 'float64',
      fineweb_new_line_ratio: 'float64',
    } as const;
    return filter((doc) => {
      const text = doc.text;
      const lines = text.split('\n').filter((l) => l.trim() !== '');
      if (lines.length === 0) return 'fineweb:empty';
      const s = {
        fineweb_line_punct_ratio: ratio(lines.filter((l) => ENDS_SENTENCE.test(l)).length, lines.length),
        fineweb_short_line_ratio: ratio(lines.filter((l) => l.length <= opts.short_line_length).length, lines.length),
        fineweb_char_dup_ratio: ratio(duplicates(lines).chars, text.length - newlines(text)),
        fineweb_new_line_ratio: ratio(newlines(text), split(doc).length),
      };
      Object.assign(doc.meta, s);
      const punct = s.fineweb_line_punct_ratio;
      if (opts.line_punct_thr !== null && punct < opts.line_punct_thr && !(punct === 0 && opts.line_punct_exclude_zero)) {
        return 'fineweb:line_punct_ratio';
      }
      if (opts.short_line_thr !== null && s.fineweb_short_line_ratio > opts.short_line_thr) return 'fineweb:short_line_ratio';
      if (opts.char_duplicates_ratio !== null && s.fineweb_char_dup_ratio > opts.char_duplicates_ratio) return 'fineweb:char_dup_ratio';
      if (opts.new_line_ratio !== null && s.fineweb_new_line_ratio > opts.new_line_ratio) return 'fineweb:list_ratio';
      return true;
    }, meta);
  },
});

function newlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
