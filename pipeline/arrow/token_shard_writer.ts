import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import {
  Field,
  List,
  makeData,
  RecordBatch,
  RecordBatchFileWriter,
  Schema,
  Struct,
  Uint16,
  Uint32,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';

/** Who made the ids: a trainer refuses shards whose tokenizer differs from its model's. */
export interface TokenizerIdentity {
  name: string;
  /** sha256 of the tokenizer's `.tiktoken` rank file. */
  ranksSha256: string;
  endOfText: number;
  /** One past the highest id, specials included. */
  nVocab: number;
}

/** Ids are uint16 while every id fits, else uint32. */
export const wideTokenIds = (nVocab: number) => nVocab > 0x10000;
export const tokenIdType = (nVocab: number) => (wideTokenIds(nVocab) ? new Uint32() : new Uint16());

/**
 * Token shard: one row per document, `id` and `tokens` (its ids, ended by end-of-text), so each
 * record batch's token values are one flat array a data loader can read as it is.
 */
export function tokenSchema(tokenizer: TokenizerIdentity): Schema {
  return new Schema(
    [new Field('id', new Utf8(), false), new Field('tokens', new List(new Field('item', tokenIdType(tokenizer.nVocab), false)), false)],
    new Map([
      ['sieve.tokenizer', tokenizer.name],
      ['sieve.tokenizer.ranks_sha256', tokenizer.ranksSha256],
      ['sieve.tokenizer.end_of_text', String(tokenizer.endOfText)],
      ['sieve.tokenizer.n_vocab', String(tokenizer.nVocab)],
    ]),
  );
}

/** Streams documents' ids into one Arrow IPC file in bounded record batches. */
export class TokenShardWriter {
  private readonly schema: Schema;
  private readonly writer = new RecordBatchFileWriter();
  private readonly sink: ReturnType<typeof createWriteStream>;
  private readonly done: Promise<void>;
  private readonly wide: boolean;
  private ids: string[] = [];
  private docs: ArrayLike<number>[] = [];
  private pendingTokens = 0;
  rows = 0;
  tokens = 0;

  private constructor(
    file: string,
    private readonly tokenizer: TokenizerIdentity,
    private readonly batchTokens: number,
  ) {
    this.schema = tokenSchema(tokenizer);
    this.wide = wideTokenIds(tokenizer.nVocab);
    this.sink = createWriteStream(file);
    this.done = finished(this.writer.toNodeStream().pipe(this.sink));
  }

  static async create(file: string, tokenizer: TokenizerIdentity, batchTokens = 1 << 20): Promise<TokenShardWriter> {
    await mkdir(path.dirname(file), { recursive: true });
    return new TokenShardWriter(file, tokenizer, batchTokens);
  }

  /** Adds a document; `ids` must not include the end-of-text id, which is appended here. */
  async write(id: string, ids: ArrayLike<number>): Promise<void> {
    this.ids.push(id);
    this.docs.push(ids);
    this.pendingTokens += ids.length + 1;
    if (this.pendingTokens >= this.batchTokens) await this.flush();
  }

  async close(): Promise<{ rows: number; tokens: number }> {
    if (this.ids.length > 0 || this.rows === 0) await this.flush();
    this.writer.finish();
    await this.done;
    return { rows: this.rows, tokens: this.tokens };
  }

  private async flush(): Promise<void> {
    const values = this.wide ? new Uint32Array(this.pendingTokens) : new Uint16Array(this.pendingTokens);
    const offsets = new Int32Array(this.docs.length + 1);
    let at = 0;
    this.docs.forEach((ids, row) => {
      for (let i = 0; i < ids.length; i++) values[at++] = ids[i]!;
      values[at++] = this.tokenizer.endOfText;
      offsets[row + 1] = at;
    });
    const [idField, tokensField] = this.schema.fields as [Field<Utf8>, Field<List>];
    const item = tokensField.type.children[0]!.type;
    const tokens = makeData({
      type: tokensField.type,
      length: this.docs.length,
      nullCount: 0,
      valueOffsets: offsets,
      child: makeData({ type: item, length: values.length, nullCount: 0, data: values }),
    });
    const ids = vectorFromArray(this.ids, idField.type).data[0]!;
    this.writer.write(
      new RecordBatch(
        this.schema,
        makeData({ type: new Struct(this.schema.fields), length: this.ids.length, nullCount: 0, children: [ids, tokens] }),
      ),
    );
    this.rows += this.ids.length;
    this.tokens += values.length;
    this.ids = [];
    this.docs = [];
    this.pendingTokens = 0;
    if (this.sink.writableNeedDrain) await new Promise<void>((resolve) => this.sink.once('drain', () => resolve()));
  }
}
