import { createHash } from 'node:crypto';
import { binaryString } from './utf8.js';

/** Memoized pair lookups kept before the memo starts over, bounding memory on endless input. */
const PAIR_MEMO_LIMIT = 2_000_000;

/**
 * The mergeable tokens of a byte-level BPE: token id (tiktoken's "rank") → its bytes. A lower rank
 * merges first. Ids may have holes (cl100k has no token 100256); special tokens live elsewhere.
 */
export class Vocabulary {
  /** Byte string (one code unit per byte) → rank. */
  private readonly rankOf = new Map<string, number>();
  /** Rank → byte string; undefined at holes. */
  readonly strings: (string | undefined)[];
  /** Rank of each single byte: BPE starts from these, so all 256 must exist. */
  readonly byteRank = new Int32Array(256);
  /** (left id, right id) → rank of their concatenation, or -1: filled as pairs are met. */
  private readonly pairs = new Map<number, number>();
  private sha?: string;

  constructor(tokens: readonly (Uint8Array | undefined)[]) {
    this.strings = tokens.map((bytes) => (bytes ? binaryString(bytes) : undefined));
    this.strings.forEach((s, rank) => {
      if (s === undefined) return;
      if (this.rankOf.has(s)) throw new Error(`token ${rank} repeats the bytes of token ${this.rankOf.get(s)}`);
      this.rankOf.set(s, rank);
    });
    for (let b = 0; b < 256; b++) {
      const rank = this.rankOf.get(String.fromCharCode(b));
      if (rank === undefined) throw new Error(`vocabulary lacks the single byte 0x${b.toString(16)}: byte-level BPE needs all 256`);
      this.byteRank[b] = rank;
    }
  }

  /** One past the highest rank. */
  get size(): number {
    return this.strings.length;
  }

  rank(byteString: string): number | undefined {
    return this.rankOf.get(byteString);
  }

  /**
   * Rank of the token spelling `left` then `right`, or -1. Every part the merge loop holds is a
   * token (it starts from bytes and only merges into tokens), so this is tiktoken's rank lookup of
   * the concatenated bytes, memoized on the id pair.
   */
  pairRank(left: number, right: number): number {
    const key = left * 0x400000 + right;
    let rank = this.pairs.get(key);
    if (rank === undefined) {
      rank = this.rankOf.get(this.strings[left]! + this.strings[right]!) ?? -1;
      if (this.pairs.size >= PAIR_MEMO_LIMIT) this.pairs.clear();
      this.pairs.set(key, rank);
    }
    return rank;
  }

  bytes(rank: number): Uint8Array | undefined {
    const s = this.strings[rank];
    return s === undefined ? undefined : Buffer.from(s, 'latin1');
  }

  /** tiktoken's rank file: `base64(token) rank` per line, by rank. */
  toTiktoken(): string {
    const lines: string[] = [];
    this.strings.forEach((s, rank) => {
      if (s !== undefined) lines.push(`${Buffer.from(s, 'latin1').toString('base64')} ${rank}`);
    });
    return `${lines.join('\n')}\n`;
  }

  /** sha256 of the `.tiktoken` rank file: for the pretrained encodings, the hash OpenAI publishes. */
  sha256(): string {
    this.sha ??= createHash('sha256').update(this.toTiktoken()).digest('hex');
    return this.sha;
  }
}

/** Parses tiktoken's rank format (`base64 rank` lines). */
export function parseTiktoken(text: string): Vocabulary {
  const tokens: Uint8Array[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    const [b64, rank] = line.split(' ');
    const r = Number(rank);
    if (!b64 || !Number.isInteger(r) || r < 0) throw new Error(`not a tiktoken rank line: ${JSON.stringify(line.slice(0, 80))}`);
    tokens[r] = Buffer.from(b64, 'base64');
  }
  return new Vocabulary(tokens);
}
