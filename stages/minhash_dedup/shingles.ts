/**
 * Text → hashed word n-grams, normalized as datatrove's MinHash does (lower case, no punctuation,
 * no diacritics, every number → 0, white space folded), so that trivial variants share shingles.
 * One scan does it all: a table classifies each UTF-16 code unit, words are hashed as they are
 * scanned and n-grams are hashed from the words' hashes, so no normalized text and no n-gram
 * string is ever built (the regex passes that would build them cost as much as the hashing).
 */
export class Shingler {
  private buf = new Int32Array(1024);
  private readonly window: Int32Array;

  constructor(private readonly n: number) {
    this.window = new Int32Array(n);
  }

  /** The shingle hashes of `text` (a view valid until the next call); empty when it has fewer than n words. */
  shingles(text: string): Int32Array {
    const n = this.n;
    let words = 0;
    let count = 0;
    scanWords(text, (h) => {
      this.window[words % n] = h;
      words++;
      if (words < n) return;
      if (count === this.buf.length) this.grow();
      this.buf[count++] = this.ngramHash(words);
    });
    return this.buf.subarray(0, count);
  }

  /** murmur3's block mixing over the last n word hashes, in order, and its finalizer. */
  private ngramHash(words: number): number {
    const n = this.n;
    let h = n;
    for (let k = words - n; k < words; k++) {
      let w = Math.imul(this.window[k % n]!, 0xcc9e2d51);
      w = Math.imul((w << 15) | (w >>> 17), 0x1b873593);
      h ^= w;
      h = (h << 13) | (h >>> 19);
      h = (Math.imul(h, 5) + 0xe6546b64) | 0;
    }
    return fmix32(h);
  }

  private grow(): void {
    const bigger = new Int32Array(this.buf.length * 2);
    bigger.set(this.buf);
    this.buf = bigger;
  }
}

/** The normalized words themselves, the slow way: what the shingles hash (for tests and benchmarks). */
export function normalizedWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  scanWords(
    text,
    () => {
      words.push(word);
      word = '';
    },
    (c) => (word += String.fromCharCode(c)),
  );
  return words;
}

const enum CharClass {
  Drop = 0,
  Word = 1,
  Space = 2,
  Digit = 3,
}

/**
 * Calls `onWord` with the FNV-1a hash of each normalized word. Punctuation and symbols are deleted,
 * not turned into spaces ("e-mail" → "email"), and a run of digits is one "0", as in datatrove.
 */
function scanWords(text: string, onWord: (hash: number) => void, onChar?: (code: number) => void): void {
  let t = text.toLowerCase();
  // NFD splits accented letters into letter + combining mark, which the table drops. ASCII has none.
  if (NON_ASCII.test(t)) t = t.normalize('NFD');
  let h = FNV_OFFSET;
  let inWord = false;
  let inDigits = false;
  const classes = charClasses();
  for (let i = 0; i < t.length; i++) {
    let c = t.charCodeAt(i);
    const cls = classes[c]!;
    if (cls === CharClass.Drop) continue;
    if (cls === CharClass.Space) {
      if (inWord) onWord(h);
      h = FNV_OFFSET;
      inWord = inDigits = false;
      continue;
    }
    if (cls === CharClass.Digit) {
      if (inDigits) continue;
      inDigits = true;
      c = 48;
    } else inDigits = false;
    h = Math.imul(h ^ c, FNV_PRIME);
    onChar?.(c);
    inWord = true;
  }
  if (inWord) onWord(h);
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Every UTF-16 code unit's class, built on first use (≈ 50 ms, so not at import). Letters, spacing marks and non-decimal
 * numbers are word characters, decimal digits fold to 0, combining marks (diacritics after NFD),
 * punctuation and symbols are dropped. Surrogates count as word characters, so a word in an
 * astral script stays a word.
 */
let table: Uint8Array | undefined;
function charClasses(): Uint8Array {
  if (table) return table;
  table = new Uint8Array(0x10000);
  const space = /\s/;
  const digit = /\p{Nd}/u;
  const word = /[\p{L}\p{Mc}\p{Me}\p{N}]/u;
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    if (c >= 0xd800 && c <= 0xdfff) table[c] = CharClass.Word;
    else if (space.test(ch)) table[c] = CharClass.Space;
    else if (digit.test(ch)) table[c] = CharClass.Digit;
    else if (word.test(ch)) table[c] = CharClass.Word;
  }
  return table;
}

/** murmur3's finalizer: a bijection on 32 bits with full avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
