import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type { DocShardLayout } from '../arrow/doc_schema.js';
import type { Doc } from '../doc.js';
import { compressor, type StreamCompression } from './compression.js';
import type { DocFileWriter } from './doc_file_format.js';
import { jsonlRow } from './jsonl_rows.js';

/** Lines are handed to the compressor in chunks of about this many characters, cut where the docs fall, so the output bytes depend on the docs alone. */
const CHUNK_CHARS = 1 << 20;

/** Streams docs into one JSONL file, one JSON object per line, compressed as a whole. */
export class JsonlDocWriter implements DocFileWriter {
  private lines: string[] = [];
  private chars = 0;
  private rows = 0;

  private constructor(
    private readonly out: Writable,
    private readonly done: Promise<void>,
    private readonly layout: DocShardLayout,
  ) {
    // Awaited in close; a failure before then (a full disk) also fails the next write.
    done.catch(() => {});
  }

  static async create(file: string, layout: DocShardLayout, compression: StreamCompression): Promise<JsonlDocWriter> {
    await mkdir(path.dirname(file), { recursive: true });
    const sink = createWriteStream(file);
    const transform = compressor(compression);
    return transform ? new JsonlDocWriter(transform, pipeline(transform, sink), layout) : new JsonlDocWriter(sink, finished(sink), layout);
  }

  async write(doc: Doc, reason?: string): Promise<void> {
    // JSON allows U+2028 and U+2029 raw, but line splitters that follow Unicode (Node's readline, Python's splitlines) break there.
    const line = `${JSON.stringify(jsonlRow(doc, this.layout, reason)).replace(/[\u2028\u2029]/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'))}\n`;
    this.lines.push(line);
    this.chars += line.length;
    this.rows++;
    if (this.chars >= CHUNK_CHARS) await this.flush();
  }

  async close(): Promise<number> {
    await this.flush();
    this.out.end();
    await this.done;
    return this.rows;
  }

  private async flush(): Promise<void> {
    if (this.lines.length === 0) return;
    const chunk = this.lines.join('');
    this.lines = [];
    this.chars = 0;
    // Wait for the stream to drain so memory stays bounded by one chunk; a failed stream ends the wait.
    if (!this.out.write(chunk)) await Promise.race([once(this.out, 'drain'), this.done]);
  }
}
