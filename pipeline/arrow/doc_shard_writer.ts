import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { makeData, RecordBatch, RecordBatchFileWriter, RecordBatchStreamWriter, Struct, vectorFromArray, type Schema } from 'apache-arrow';
import type { Doc, MetaValue } from '../doc.js';
import { DATATROVE_METADATA, docSchema, type DocShardLayout } from './doc_schema.js';

export interface BatchLimits {
  /** Rows per record batch. */
  rows: number;
  /** Approximate text bytes per record batch, so huge pages don't make huge batches. */
  bytes: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = { rows: 1024, bytes: 16 * 1024 * 1024 };

/**
 * Arrow's two IPC framings: the file format (a footer indexing the batches: random access, what
 * pyarrow's `open_file`, `pyarrow.dataset` and polars' `read_ipc`/`scan_ipc` open) and the stream
 * format (what HF `Dataset.from_file`, pyarrow's `open_stream` and polars' `read_ipc_stream` open).
 */
export type IpcFormat = 'file' | 'stream';

/** Streams docs into one Arrow IPC file in bounded record batches. */
export class DocShardWriter {
  private readonly schema: Schema;
  private readonly writer: RecordBatchFileWriter | RecordBatchStreamWriter;
  private readonly sink: ReturnType<typeof createWriteStream>;
  private readonly done: Promise<void>;
  private pending: { doc: Doc; reason?: string }[] = [];
  private pendingBytes = 0;
  rows = 0;

  private constructor(
    file: string,
    private readonly layout: DocShardLayout,
    private readonly limits: BatchLimits,
    ipc: IpcFormat,
  ) {
    this.schema = docSchema(layout);
    this.writer = ipc === 'file' ? new RecordBatchFileWriter() : new RecordBatchStreamWriter();
    this.sink = createWriteStream(file);
    this.done = finished(this.writer.toNodeStream().pipe(this.sink));
  }

  static async create(file: string, layout: DocShardLayout, limits = DEFAULT_BATCH_LIMITS, ipc: IpcFormat = 'file') {
    await mkdir(path.dirname(file), { recursive: true });
    return new DocShardWriter(file, layout, limits, ipc);
  }

  async write(doc: Doc, reason?: string): Promise<void> {
    this.pending.push({ doc, reason });
    this.pendingBytes += doc.text.length + (this.layout.html ? (doc.html?.length ?? 0) : 0);
    if (this.pending.length >= this.limits.rows || this.pendingBytes >= this.limits.bytes) await this.flush();
  }

  /** Writes what is pending and the file footer; returns the number of rows written. */
  async close(): Promise<number> {
    // An empty shard still gets one empty batch, so it carries its schema.
    if (this.pending.length > 0 || this.rows === 0) await this.flush();
    this.writer.finish();
    await this.done;
    return this.rows;
  }

  private async flush(): Promise<void> {
    const rows = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    const columns = this.schema.fields.map((field) => {
      const values = rows.map(({ doc, reason }) =>
        this.layout.datatrove && field.name === DATATROVE_METADATA ? { url: doc.url ?? null, ...doc.meta } : cell(field.name, doc, reason),
      );
      return vectorFromArray(values, field.type).data[0]!;
    });
    const data = makeData({ type: new Struct(this.schema.fields), length: rows.length, nullCount: 0, children: columns });
    this.writer.write(new RecordBatch(this.schema, data));
    this.rows += rows.length;
    // Let the file stream drain so memory stays bounded by one batch.
    if (this.sink.writableNeedDrain) await new Promise<void>((resolve) => this.sink.once('drain', () => resolve()));
  }
}

function cell(column: string, doc: Doc, reason: string | undefined): MetaValue {
  switch (column) {
    case 'id':
      return doc.id;
    case 'text':
      return doc.text;
    case 'url':
      return doc.url ?? null;
    case 'html':
      return doc.html ?? null;
    case 'reason':
      return reason ?? '';
    default:
      return doc.meta[column] ?? null;
  }
}
