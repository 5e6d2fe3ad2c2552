/** Precision, recall and F1 of one extractor on one benchmark set. */
export interface Scores {
  precision: number;
  recall: number;
  f1: number;
}

const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
// Soft hyphens and zero-width characters are invisible on the page: some gold snippets keep them, some extractors drop them.
const squash = (s: string) =>
  s
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Trafilatura's own evaluation: each `with` snippet found in the output is a true positive, each
 * missed one a false negative; each `without` snippet found is a false positive. Counts are summed
 * over all pages before the ratios are taken. Whitespace is collapsed and invisible characters are
 * removed on both sides, for every extractor alike, so line-breaking choices do not decide a match.
 */
export function snippetScores(items: { output: string; with: string[]; without: string[] }[]): Scores {
  let tp = 0;
  let fn = 0;
  let fp = 0;
  for (const item of items) {
    const out = squash(item.output);
    for (const s of item.with)
      if (out.includes(squash(s))) tp++;
      else fn++;
    for (const s of item.without) if (out.includes(squash(s))) fp++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  return { precision, recall, f1: f1(precision, recall) };
}

/** Lower-cased words and numbers: what token-level scores compare. */
export function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Token-level scores of one page: the bag of output tokens against the bag of gold tokens. */
export function tokenScores(output: string, gold: string): Scores {
  const want = new Map<string, number>();
  const goldTokens = tokens(gold);
  for (const t of goldTokens) want.set(t, (want.get(t) ?? 0) + 1);
  const got = tokens(output);
  let common = 0;
  for (const t of got) {
    const n = want.get(t) ?? 0;
    if (n > 0) {
      common++;
      want.set(t, n - 1);
    }
  }
  // An empty output for an empty gold is right; otherwise an empty side scores zero.
  if (got.length === 0 && goldTokens.length === 0) return { precision: 1, recall: 1, f1: 1 };
  const precision = got.length === 0 ? 0 : common / got.length;
  const recall = goldTokens.length === 0 ? 0 : common / goldTokens.length;
  return { precision, recall, f1: f1(precision, recall) };
}

/** Scores averaged over pages, each page weighing the same. */
export function meanScores(pages: Scores[]): Scores {
  const mean = (k: keyof Scores) => pages.reduce((s, p) => s + p[k], 0) / Math.max(1, pages.length);
  return { precision: mean('precision'), recall: mean('recall'), f1: mean('f1') };
}
