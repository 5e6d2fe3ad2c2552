import { bytePairMerge } from './byte_pair_merge.js';
import { ChunkCache } from './chunk_cache.js';
import { chunkRegex, type PatternName } from './patterns.js';
import { binaryString, Utf8Buffer } from './utf8.js';
import type { Vocabulary } from './vocabulary.js';

/** Chunks whose ids are remembered; past this the cache starts over, bounding memory. */
const CACHE_LIMIT = 250_000;

export const END_OF_TEXT = '<|endoftext|>';

export interface TokenizerSpec {
  /** `gpt2`, `cl100k_base`, `o200k_base`, or the name a trained tokenizer was saved under. */
  name: string;
  pattern: PatternName;
  vocab: Vocabulary;
  /** Special token text → id; must hold `<|endoftext|>`. */
  specialTokens: Readonly<Record<string, number>>;
}

/** A byte-level BPE tokenizer that encodes exactly like tiktoken. */
export class Tokenizer {
  readonly name: string;
  readonly pattern: PatternName;
  readonly vocab: Vocabulary;
  readonly specialTokens: Readonly<Record<string, number>>;
  readonly endOfText: number;
  /** One past the highest id, special tokens included: what a model's embedding table needs. */
  readonly nVocab: number;
  private readonly regex: RegExp;
  private readonly specialText = new Map<number, string>();
  private readonly specialRegex: RegExp | null;
  /** Chunk → its ids (a bare number for the common one-token chunk). */
  private readonly cache = new ChunkCache(CACHE_LIMIT);
  private readonly utf8 = new Utf8Buffer();

  constructor(spec: TokenizerSpec) {
    this.name = spec.name;
    this.pattern = spec.pattern;
    this.vocab = spec.vocab;
    this.specialTokens = spec.specialTokens;
    const eot = spec.specialTokens[END_OF_TEXT];
    if (eot === undefined) throw new Error(`tokenizer ${spec.name} has no ${END_OF_TEXT} token`);
    this.endOfText = eot;
    for (const [text, id] of Object.entries(spec.specialTokens)) {
      if (spec.vocab.strings[id] !== undefined) throw new Error(`special token ${text} reuses id ${id} of a mergeable token`);
      this.specialText.set(id, text);
    }
    this.nVocab = Math.max(spec.vocab.size, ...[...this.specialText.keys()].map((id) => id + 1));
    this.regex = chunkRegex(spec.pattern);
    const specials = Object.keys(spec.specialTokens).sort((a, b) => b.length - a.length);
    this.specialRegex = specials.length > 0 ? new RegExp(specials.map(escapeRegex).join('|'), 'g') : null;
  }

  /** Ids of `text` with special-token text treated as plain text (tiktoken's `encode_ordinary`). */
  encodeOrdinary(text: string, out: number[] = []): number[] {
    const regex = this.regex;
    const cache = this.cache;
    let start = 0;
    while (start < text.length) {
      regex.lastIndex = start;
      if (!regex.test(text)) throw new Error(`pre-tokenizer matched nothing at offset ${start}`);
      const end = regex.lastIndex;
      const hash = ChunkCache.hash(text, start, end);
      const hit = cache.get(text, start, end, hash);
      if (typeof hit === 'number') out.push(hit);
      else if (hit !== undefined) for (const id of hit) out.push(id);
      else this.encodeChunk(text.slice(start, end), hash, out);
      start = end;
    }
    return out;
  }

  /**
   * Ids of `text` where the listed special tokens ('all' or a set of their texts) become their ids;
   * other special-token text is encoded as plain text.
   */
  encode(text: string, allowedSpecial: 'all' | ReadonlySet<string>): number[] {
    const out: number[] = [];
    let start = 0;
    if (this.specialRegex) {
      for (const match of text.matchAll(this.specialRegex)) {
        if (allowedSpecial !== 'all' && !allowedSpecial.has(match[0])) continue;
        // tiktoken runs the pattern on each stretch between specials, so `$` matches at its end.
        this.encodeOrdinary(text.slice(start, match.index), out);
        out.push(this.specialTokens[match[0]]!);
        start = match.index + match[0].length;
      }
    }
    return this.encodeOrdinary(start === 0 ? text : text.slice(start), out);
  }

  decodeBytes(ids: ArrayLike<number>): Uint8Array {
    const parts: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const s = this.vocab.strings[id];
      if (s !== undefined) parts.push(s);
      else {
        const special = this.specialText.get(id);
        if (special === undefined) throw new Error(`token id ${id} is not in tokenizer ${this.name}`);
        parts.push(Buffer.from(special, 'utf8').toString('latin1'));
      }
    }
    return Buffer.from(parts.join(''), 'latin1');
  }

  /** Text of the ids; byte sequences that are not valid UTF-8 become U+FFFD, as in tiktoken's `decode`. */
  decode(ids: ArrayLike<number>): string {
    return new TextDecoder().decode(this.decodeBytes(ids));
  }

  /** Forgets the chunk cache (benchmarks use it to measure the cold path). */
  clearCache(): void {
    this.cache.clear();
  }

  private encodeChunk(chunk: string, hash: number, out: number[]): void {
    const utf8 = this.utf8;
    utf8.encode(chunk, 0, chunk.length);
    // tiktoken looks the whole chunk up first; merging could in principle end elsewhere.
    const whole = this.vocab.rank(utf8.ascii ? chunk : binaryString(utf8.bytes, 0, utf8.length));
    const first = out.length;
    if (whole !== undefined) out.push(whole);
    else bytePairMerge(this.vocab, utf8.bytes, utf8.length, out);
    this.cache.set(chunk, hash, out.length - first === 1 ? out[first]! : out.slice(first));
  }
}

function escapeRegex(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
