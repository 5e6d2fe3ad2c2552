import type { Doc } from '../../pipeline/doc.js';
import type { Tokenizer } from './tokenizer.js';

/**
 * The ids `tokenize` computed for a doc, handed to `write_tokens` beside the doc rather than in it:
 * Doc.meta holds scalars only (they become Arrow columns), and ids only need to live as long as
 * the doc does within one phase. Keyed weakly by the doc object, so nothing outlives it.
 */
interface Tokenized {
  tokenizer: Tokenizer;
  /** The text the ids are of: a stage that rewrites the text in between makes them stale. */
  text: string;
  ids: number[];
}

const byDoc = new WeakMap<Doc, Tokenized>();

export function attachTokens(doc: Doc, tokenizer: Tokenizer, ids: number[]): void {
  byDoc.set(doc, { tokenizer, text: doc.text, ids });
}

/** The doc's ids and their tokenizer; throws when no `tokenize` stage ran on this very doc and text. */
export function tokensOf(doc: Doc): { tokenizer: Tokenizer; ids: number[] } {
  const tokenized = byDoc.get(doc);
  if (!tokenized)
    throw new Error(
      `doc ${doc.id} carries no token ids: write_tokens must follow a tokenize stage in the same phase (no barrier in between)`,
    );
  if (tokenized.text !== doc.text) throw new Error(`doc ${doc.id} was rewritten after tokenize; put tokenize after every formatter`);
  return tokenized;
}
