/** Letters and digits: FineWeb matches subwords on the URL with everything else removed. */
const ALPHABET = 36;

/** a-z (either case) → 0-25, 0-9 → 26-35, anything else → -1 (skipped, as if removed). */
function symbol(code: number): number {
  if (code >= 97 && code <= 122) return code - 97;
  if (code >= 65 && code <= 90) return code - 65;
  if (code >= 48 && code <= 57) return code - 48 + 26;
  return -1;
}

/**
 * Aho-Corasick compiled to a table-driven automaton over letters and digits: whether any word
 * occurs in a text once its other characters are removed and it is lower-cased (FineWeb's
 * normalization), in one pass over the text whatever the number of words.
 */
export class SubstringMatcher {
  private readonly delta: Int32Array;
  private readonly final: Uint8Array;
  readonly empty: boolean;

  constructor(words: Iterable<string>) {
    const children: Int32Array[] = [new Int32Array(ALPHABET).fill(-1)];
    const ends: boolean[] = [false];
    for (const word of words) {
      let state = 0;
      for (let i = 0; i < word.length; i++) {
        const c = symbol(word.charCodeAt(i));
        if (c < 0) continue;
        if (children[state]![c]! < 0) {
          children[state]![c] = children.length;
          children.push(new Int32Array(ALPHABET).fill(-1));
          ends.push(false);
        }
        state = children[state]![c]!;
      }
      if (state !== 0) ends[state] = true;
    }
    this.empty = !ends.some(Boolean);
    this.delta = new Int32Array(children.length * ALPHABET);
    this.final = new Uint8Array(children.length);
    // Breadth first: a state's failure target is shallower, so its row is complete when needed.
    const fail = new Int32Array(children.length);
    const queue: number[] = [0];
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head]!;
      this.final[s] = ends[s] || this.final[fail[s]!]! ? 1 : 0;
      for (let c = 0; c < ALPHABET; c++) {
        const child = children[s]![c]!;
        const viaFail = s === 0 ? 0 : this.delta[fail[s]! * ALPHABET + c]!;
        if (child < 0) {
          this.delta[s * ALPHABET + c] = viaFail;
        } else {
          this.delta[s * ALPHABET + c] = child;
          fail[child] = viaFail;
          queue.push(child);
        }
      }
    }
  }

  /** Whether a word occurs in `text` with its non-alphanumerics skipped and its case ignored. */
  foundIn(text: string): boolean {
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = symbol(text.charCodeAt(i));
      if (c < 0) continue;
      state = this.delta[state * ALPHABET + c]!;
      if (this.final[state]) return true;
    }
    return false;
  }
}
