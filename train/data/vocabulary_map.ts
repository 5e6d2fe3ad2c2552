/**
 * How tokenizer ids become the model's ids. `full` keeps them as they are. `compact` gives the
 * model only the ids the training split uses (optionally, used often enough), plus one "unknown"
 * id for the rest: a small corpus encoded with
 * GPT-2's 50,257 ids uses a few thousand (8,585 in the bundled sample), and the LM head's cost
 * grows with the vocabulary (a wasm step of the tiny model: 4.6 s at 50,257 ids).
 */
export class VocabularyMap {
  private constructor(
    /** Tokenizer id → model id. */
    readonly toModel: Int32Array,
    /** Model id → tokenizer id; -1 for the unknown id. */
    readonly toToken: Int32Array,
  ) {}

  get size(): number {
    return this.toToken.length;
  }

  /** The model id nothing in training maps to, if the map is compact. */
  get unknown(): number | undefined {
    const last = this.toToken.length - 1;
    return this.toToken[last] === -1 ? last : undefined;
  }

  static full(nVocab: number): VocabularyMap {
    const ids = Int32Array.from({ length: nVocab }, (_, i) => i);
    return new VocabularyMap(ids, ids);
  }

  /** From a saved model-id → tokenizer-id table. */
  static fromTokens(toToken: Int32Array, nVocab: number): VocabularyMap {
    const unknown = toToken[toToken.length - 1] === -1 ? toToken.length - 1 : -1;
    const toModel = new Int32Array(nVocab).fill(unknown);
    toToken.forEach((token, model) => {
      if (token >= 0) toModel[token] = model;
    });
    return new VocabularyMap(toModel, toToken);
  }

  /** The ids that occur at least `minCount` times in `counts` (the training split's unigram counts) and end-of-text, then the unknown id. */
  static compact(counts: Float64Array, endOfText: number, minCount: number): VocabularyMap {
    const used: number[] = [];
    counts.forEach((c, id) => {
      if (c >= minCount || id === endOfText) used.push(id);
    });
    return VocabularyMap.fromTokens(Int32Array.from([...used, -1]), counts.length);
  }
}
