import { z } from 'zod';
import type { Doc } from '../../pipeline/doc.js';

/**
 * How a language is cut into words. `whitespace`: runs of letters/digits (with inner apostrophes,
 * hyphens, dots: "don't", "e.g", "3.14") and runs of punctuation are tokens, like NLTK's tokenizer
 * that FineWeb used for English. `segmenter`: ICU's dictionary-based word breaker (Intl.Segmenter),
 * needed for scripts written without spaces, where whitespace splitting yields one "word" per line.
 */
export type WordSplitter = 'whitespace' | 'segmenter';

/** Languages (ISO 639-1) whose scripts do not separate words with spaces. */
export const DEFAULT_WORD_SPLITTERS: Readonly<Record<string, WordSplitter>> = {
  zh: 'segmenter',
  ja: 'segmenter',
  th: 'segmenter',
  lo: 'segmenter',
  km: 'segmenter',
  my: 'segmenter',
  bo: 'segmenter',
};

/** Options shared by the word-based quality stages. */
export const wordSplitOptions = {
  /** Language assumed for docs without a `language` meta value (no language stage upstream). */
  language: z.string().min(2).default('en'),
  /** Per-language splitter, merged over DEFAULT_WORD_SPLITTERS; `default` covers every other language. */
  word_split: z.record(z.string(), z.enum(['whitespace', 'segmenter'])).default({}),
};

export interface WordSplitConfig {
  language: string;
  word_split: Record<string, WordSplitter>;
}

const WORD_OR_PUNCT = /[\p{L}\p{M}\p{N}]+(?:['’.\-_][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]+/gu;

/** Splits a doc's text the way its language (meta `language`, else the configured one) needs. */
export function wordSplitter(config: WordSplitConfig): (doc: Doc) => string[] {
  const table: Record<string, WordSplitter> = { ...DEFAULT_WORD_SPLITTERS, ...config.word_split };
  const fallback = table.default ?? 'whitespace';
  const segmenters = new Map<string, Intl.Segmenter>();
  return (doc) => {
    const lang = typeof doc.meta.language === 'string' ? doc.meta.language : config.language;
    if ((table[lang] ?? fallback) === 'whitespace') return doc.text.match(WORD_OR_PUNCT) ?? [];
    let segmenter = segmenters.get(lang);
    if (!segmenter) {
      segmenter = new Intl.Segmenter(lang, { granularity: 'word' });
      segmenters.set(lang, segmenter);
    }
    const words: string[] = [];
    for (const { segment } of segmenter.segment(doc.text)) if (segment.trim() !== '') words.push(segment);
    return words;
  };
}

/** A token made only of punctuation or symbols: not a word for length and count rules. */
export const isSymbolToken = (token: string): boolean => /^[\p{P}\p{S}\p{Cc}]+$/u.test(token);

/** Python's str.isalpha for "has at least one letter". */
export const hasLetter = (token: string): boolean => /\p{L}/u.test(token);

/** `part / whole`, 0 when there is no whole: a score stays a finite number in meta. */
export const ratio = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);

/** Elements seen earlier in the list, and their total characters (Gopher's duplicate measure). */
export function duplicates(elements: readonly string[]): { count: number; chars: number } {
  const seen = new Set<string>();
  let count = 0;
  let chars = 0;
  for (const e of elements) {
    if (seen.has(e)) {
      count++;
      chars += e.length;
    } else seen.add(e);
  }
  return { count, chars };
}
