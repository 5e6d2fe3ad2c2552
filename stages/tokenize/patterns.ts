/**
 * The pre-tokenizer patterns of tiktoken's encodings, as JavaScript regexes that split text exactly
 * as tiktoken's (Rust fancy-regex) patterns do. Translation notes, each checked against Python
 * tiktoken by the fixture tests:
 * - `\s` is Unicode White_Space in Rust, but JS's `\s` adds U+FEFF and lacks U+0085: spelled out.
 * - Possessive quantifiers (`++`, `?+`) never give anything back in these patterns' positions, so
 *   the greedy forms match the same text.
 * - `(?i:…)` does not exist in Node 20; the case variants are listed, including `ſ` (U+017F),
 *   which Unicode case folding makes equal to `s`.
 */
const WS = String.raw`\p{White_Space}`;
const NOT_WS = String.raw`\P{White_Space}`;
const CONTRACTION_ANY_CASE = String.raw`'(?:[sdmtSDMTſ]|[lL][lL]|[vV][eE]|[rR][eE])`;

export const PATTERN_NAMES = ['gpt2', 'cl100k', 'o200k'] as const;
export type PatternName = (typeof PATTERN_NAMES)[number];

export interface PreTokenizerPattern {
  /** JavaScript regex source, used with the `u` and `y` flags. */
  readonly js: string;
  /** The pattern as tiktoken spells it, stored with trained tokenizers so Python can load them. */
  readonly tiktoken: string;
}

const O200K_UPPER = String.raw`[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]`;
const O200K_LOWER = String.raw`[\p{Ll}\p{Lm}\p{Lo}\p{M}]`;
const O200K_CONTRACTION = String.raw`(?:'[sStTmMdDſ]|'[rR][eE]|'[vV][eE]|'[lL][lL])?`;

export const PATTERNS: Readonly<Record<PatternName, PreTokenizerPattern>> = {
  gpt2: {
    js: [
      String.raw`'(?:[sdmt]|ll|ve|re)`,
      String.raw` ?\p{L}+`,
      String.raw` ?\p{N}+`,
      String.raw` ?[^${WS}\p{L}\p{N}]+`,
      `${WS}+$`,
      `${WS}+(?!${NOT_WS})`,
      WS,
    ].join('|'),
    tiktoken: String.raw`'(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s`,
  },
  cl100k: {
    js: [
      CONTRACTION_ANY_CASE,
      String.raw`[^\r\n\p{L}\p{N}]?\p{L}+`,
      String.raw`\p{N}{1,3}`,
      String.raw` ?[^${WS}\p{L}\p{N}]+[\r\n]*`,
      `${WS}+$`,
      String.raw`${WS}*[\r\n]`,
      `${WS}+(?!${NOT_WS})`,
      WS,
    ].join('|'),
    tiktoken: String.raw`'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s`,
  },
  o200k: {
    js: [
      String.raw`[^\r\n\p{L}\p{N}]?${O200K_UPPER}*${O200K_LOWER}+${O200K_CONTRACTION}`,
      String.raw`[^\r\n\p{L}\p{N}]?${O200K_UPPER}+${O200K_LOWER}*${O200K_CONTRACTION}`,
      String.raw`\p{N}{1,3}`,
      String.raw` ?[^${WS}\p{L}\p{N}]+[\r\n/]*`,
      String.raw`${WS}*[\r\n]+`,
      `${WS}+(?!${NOT_WS})`,
      `${WS}+`,
    ].join('|'),
    tiktoken: [
      String.raw`[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?`,
      String.raw`[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?`,
      String.raw`\p{N}{1,3}`,
      String.raw` ?[^\s\p{L}\p{N}]+[\r\n/]*`,
      String.raw`\s*[\r\n]+`,
      String.raw`\s+(?!\S)`,
      String.raw`\s+`,
    ].join('|'),
  },
};

/** A sticky regex for the pattern: each match starts where the last one ended (the patterns cover every character). */
export function chunkRegex(name: PatternName): RegExp {
  return new RegExp(PATTERNS[name].js, 'uy');
}

/**
 * Calls `each(start, end)` for every pre-token chunk of `text`, in order. Uses `test` + `lastIndex`
 * rather than `exec`: no match arrays are allocated, which is most of the regex's cost in V8.
 */
export function forEachChunk(regex: RegExp, text: string, each: (start: number, end: number) => void): void {
  let start = 0;
  while (start < text.length) {
    regex.lastIndex = start;
    if (!regex.test(text)) throw new Error(`pre-tokenizer matched nothing at offset ${start}`);
    const end = regex.lastIndex;
    each(start, end);
    start = end;
  }
}
