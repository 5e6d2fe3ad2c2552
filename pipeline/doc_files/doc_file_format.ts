import type { RecordedFile } from '../arrow/arrow_file.js';
import type { DocShardLayout } from '../arrow/doc_schema.js';
import type { IpcFormat } from '../arrow/doc_shard_writer.js';
import type { Doc } from '../doc.js';

/** What `write` sets for a format; each format reads the settings that apply to it. */
export interface DocFileSettings {
  /** One of the format's `compressions`; its first when unset. */
  compression?: string;
  /** Rows per Arrow record batch (or Parquet row group). */
  batchRows?: number;
  /** The Arrow IPC framing. */
  ipc?: IpcFormat;
}

export interface DocFileWriter {
  /** `reason` is written only by a layout that has the column (rejects). */
  write(doc: Doc, reason?: string): Promise<void>;
  /** Finishes the file; resolves to the rows written. */
  close(): Promise<number>;
}

/**
 * A file format for docs: how `write` makes its files and how Sieve reads them back (a task's
 * check before it commits a file, `inspect`, the sources). A file's format is known from its name.
 */
export interface DocFileFormat {
  /** The compressions it writes, its default first; empty when it has none of its own. */
  readonly compressions: readonly string[];
  /** Whether it writes rows in batches, so `batch_rows` applies. */
  readonly batched: boolean;
  /** The ending of its file names with a compression (`.jsonl.gz`); all of them name this format. */
  extension(compression: string | undefined): string;
  create(file: string, layout: DocShardLayout, settings: DocFileSettings): Promise<DocFileWriter>;
  /** Re-reads a file it wrote with `settings` whole and counts its rows (under any name: a task checks its temporary file); throws a ShardError when it is damaged. */
  countRows(file: string, settings: DocFileSettings): Promise<number>;
  /** Streams a file's docs back; with `recorded`, the file must be the one its run wrote. */
  read(file: string, recorded?: RecordedFile): AsyncIterable<Doc & { reason?: string }>;
  /** The fields its docs carry, by the names `inspect --where` takes. */
  fields(file: string): Promise<string[]>;
}
