import { normalizedWords } from '../../stages/minhash_dedup/shingles.js';

/** The ground truth the bench scores against: Jaccard similarity of normalized word 5-gram sets. */
export function ngramSet(text: string, n = 5): Set<string> {
  const words = normalizedWords(text);
  const set = new Set<string>();
  for (let i = 0; i + n <= words.length; i++) set.add(words.slice(i, i + n).join(' '));
  return set;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  const union = a.size + b.size - both;
  return union === 0 ? 1 : both / union;
}

/** FineWeb's S-curve: the probability that docs at Jaccard `s` collide in some band. */
export const sCurve = (s: number, bands = 14, rows = 8) => 1 - (1 - s ** rows) ** bands;
