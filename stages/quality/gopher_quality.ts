import { z } from 'zod';
import { defineStage } from '../../pipeline/registry.js';
import { filter } from '../../pipeline/stage.js';
import { hasLetter, isSymbolToken, ratio, wordSplitOptions, wordSplitter } from './words.js';

/** A limit; `null` switches the rule off. */
const limit = (value: number) => z.number().min(0).nullable().default(value);

// Gopher's quality rules (Rae et al. 2021, appendix A) with the thresholds FineWeb ran with.
const options = z
  .object({
    min_doc_words: limit(50),
    max_doc_words: limit(100_000),
    min_avg_word_length: limit(3),
    max_avg_word_length: limit(10),
    /** `#` and ellipses, each per word. */
    max_symbol_word_ratio: limit(0.1),
    max_bullet_lines_ratio: limit(0.9),
    max_ellipsis_lines_ratio: limit(0.3),
    /** Drops docs where fewer than this fraction of words hold a letter (datatrove's `max_non_alpha_words_ratio`). */
    min_alpha_words_ratio: limit(0.8),
    /** Distinct `stop_words` a doc must contain; case-sensitive, as in FineWeb. */
    min_stop_words: limit(2),
    stop_words: z.array(z.string()).default(['the', 'be', 'to', 'of', 'and', 'that', 'have', 'with']),
    ...wordSplitOptions,
  })
  .strict();

export interface GopherQualityScores {
  gopher_words: number;
  gopher_mean_word_length: number;
  gopher_hash_ratio: number;
  gopher_ellipsis_ratio: number;
  gopher_bullet_lines_ratio: number;
  gopher_end_ellipsis_lines_ratio: number;
  gopher_alpha_words_ratio: number;
  gopher_stop_words: number;
}

/**
 * Drops docs that do not look like prose (Gopher): too short or long, odd word lengths, many
 * hashes or ellipses, bullet lists, few words with letters, none of the common stop words.
 * Every score goes to meta, kept and dropped docs alike, so a user can re-threshold later.
 */
export const gopherQuality = defineStage({
  name: 'gopher_quality',
  kind: 'stream',
  summary: 'drop docs failing the Gopher quality rules (FineWeb defaults)',
  options,
  create: (opts) => {
    const split = wordSplitter(opts);
    const stopWords = new Set(opts.stop_words);
    const meta = {
      gopher_words: 'int32',
      gopher_mean_word_length: 'float64',
      gopher_hash_ratio: 'float64',
      gopher_ellipsis_ratio: 'float64',
      gopher_bullet_lines_ratio: 'float64',
      gopher_end_ellipsis_lines_ratio: 'float64',
      gopher_alpha_words_ratio: 'float64',
      gopher_stop_words: 'int32',
    } as const;
    return filter((doc) => {
      const s = gopherScores(doc.text, split(doc), stopWords);
      Object.assign(doc.meta, s);
      const below = (value: number, min: number | null) => min !== null && value < min;
      const above = (value: number, max: number | null) => max !== null && value > max;
      if (below(s.gopher_words, opts.min_doc_words)) return 'gopher_quality:short_doc';
      if (above(s.gopher_words, opts.max_doc_words)) return 'gopher_quality:long_doc';
      if (below(s.gopher_mean_word_length, opts.min_avg_word_length) || above(s.gopher_mean_word_length, opts.max_avg_word_length)) {
        return 'gopher_quality:mean_word_length';
      }
      if (above(s.gopher_hash_ratio, opts.max_symbol_word_ratio)) return 'gopher_quality:hash_ratio';
      if (above(s.gopher_ellipsis_ratio, opts.max_symbol_word_ratio)) return 'gopher_quality:ellipsis_ratio';
      if (above(s.gopher_bullet_lines_ratio, opts.max_bullet_lines_ratio)) return 'gopher_quality:bullet_lines';
      if (above(s.gopher_end_ellipsis_lines_ratio, opts.max_ellipsis_lines_ratio)) return 'gopher_quality:end_ellipsis_lines';
      if (below(s.gopher_alpha_words_ratio, opts.min_alpha_words_ratio)) return 'gopher_quality:alpha_words';
      if (below(s.gopher_stop_words, opts.min_stop_words)) return 'gopher_quality:stop_words';
      return true;
    }, meta);
  },
});

/** Word counts and lengths ignore tokens that are only punctuation; the per-word ratios count every token. */
export function gopherScores(text: string, tokens: readonly string[], stopWords: ReadonlySet<string>): GopherQualityScores {
  const words = tokens.filter((t) => !isSymbolToken(t));
  const lines = text.split(/\r\n|\r|\n/);
  const count = (predicate: (line: string) => boolean) => lines.filter(predicate).length;
  return {
    gopher_words: words.length,
    gopher_mean_word_length: ratio(
      words.reduce((n, w) => n + w.length, 0),
      words.length,
    ),
    gopher_hash_ratio: ratio(occurrences(text, '#'), tokens.length),
    gopher_ellipsis_ratio: ratio(occurrences(text, '...') + occurrences(text, '…'), tokens.length),
    gopher_bullet_lines_ratio: ratio(
      count((l) => /^\s*[•\-]/.test(l)),
      lines.length,
    ),
    gopher_end_ellipsis_lines_ratio: ratio(
      count((l) => /(?:\.\.\.|…)\s*$/.test(l)),
      lines.length,
    ),
    gopher_alpha_words_ratio: ratio(tokens.filter(hasLetter).length, tokens.length),
    gopher_stop_words: new Set(tokens.filter((t) => stopWords.has(t))).size,
  };
}

function occurrences(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}
