import { z } from 'zod';

/** Options of C4's line rules, shared by the `c4_quality` filter and the `c4_lines` formatter so both see the same lines. */
export const c4LineOptions = {
  /** Strip Wikipedia-style markers (`[1]`, `[edit]`, `[citation needed]`) before judging a line. */
  remove_citations: z.boolean().default(true),
  /** Remove lines not ending in . ? ! " ' (C4 did; FineWeb turned it off, so off here too). */
  filter_no_terminal_punct: z.boolean().default(false),
  /** Remove lines with fewer words (white-space separated); `null` switches the rule off. */
  min_words_per_line: z.number().int().min(0).nullable().default(3),
  /** Remove lines holding a longer word; `null` switches the rule off. */
  max_word_length: z.number().int().positive().nullable().default(1000),
  /** Remove lines mentioning "javascript" (leftover "enable JavaScript" notices). */
  filter_javascript: z.boolean().default(true),
  /** Remove lines about cookies, privacy policies and terms of use. */
  filter_policy: z.boolean().default(true),
};

export interface C4LineRules {
  remove_citations: boolean;
  filter_no_terminal_punct: boolean;
  min_words_per_line: number | null;
  max_word_length: number | null;
  filter_javascript: boolean;
  filter_policy: boolean;
}

/** Rules under which one line condemns the whole doc; the formatter runs without them. */
export interface C4DocRules {
  filter_lorem_ipsum: boolean;
  filter_curly_bracket: boolean;
}

export type C4LineVerdict = { kept: string } | { removed: string } | { dropDoc: 'lorem_ipsum' | 'curly_bracket' };

const CITATION = /\[\d*\]|\[edit\]|\[citation needed\]/g;
const TERMINAL = /[.?!"']$/;
const POLICY = ['terms of use', 'privacy policy', 'cookie policy', 'uses cookies', 'use of cookies', 'use cookies'];

/**
 * Judges one line the way C4 did, rules in C4's order: a doc-level rule only sees lines that
 * survived the line rules before it (a "javascript" line is removed before its `{` is looked at).
 */
export function judgeLine(raw: string, rules: C4LineRules, docRules?: C4DocRules): C4LineVerdict {
  let line = raw.trim();
  const words = line.split(/\s+/).filter(Boolean);
  if (rules.max_word_length !== null && words.some((w) => w.length > rules.max_word_length!)) return { removed: 'too_long_word' };
  if (rules.remove_citations) line = line.replace(CITATION, '');
  if (rules.filter_no_terminal_punct && (!TERMINAL.test(line) || line.endsWith('...'))) return { removed: 'no_terminal_punct' };
  if (rules.min_words_per_line !== null && words.length < rules.min_words_per_line) return { removed: 'too_few_words' };
  const lower = line.toLowerCase();
  if (docRules?.filter_lorem_ipsum && lower.includes('lorem ipsum')) return { dropDoc: 'lorem_ipsum' };
  if (rules.filter_javascript && lower.includes('javascript')) return { removed: 'javascript' };
  if (docRules?.filter_curly_bracket && line.includes('{')) return { dropDoc: 'curly_bracket' };
  if (rules.filter_policy && POLICY.some((p) => lower.includes(p))) return { removed: 'policy' };
  return { kept: line };
}
