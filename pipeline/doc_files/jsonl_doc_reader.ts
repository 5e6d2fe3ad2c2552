import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { checkRecorded, type RecordedFile } from '../arrow/arrow_file.js';
import { ShardError } from '../arrow/shard_error.js';
import type { Doc } from '../doc.js';
import { decompressor, type StreamCompression } from './compression.js';
import { docOfRow } from './jsonl_rows.js';

const WHAT = 'JSONL doc file';

/**
 * Streams back the docs of a JSONL file that `write` made, decompressed as its name says. Any
 * damage (a broken compressed stream, a line that is not one of our rows) is a ShardError naming
 * the file and the line, so a task never commits, nor a reader trusts, a damaged file.
 */
export async function* readJsonlDocs(
  file: string,
  compression: StreamCompression,
  recorded?: RecordedFile,
): AsyncGenerator<Doc & { reason?: string }> {
  if (recorded) await checkRecorded(file, (await stat(file)).size, recorded, WHAT);
  const input = createReadStream(file);
  const transform = decompressor(compression);
  const text = transform ? input.pipe(transform) : input;
  if (transform) input.on('error', (e) => transform.destroy(e));
  let line = 0;
  try {
    for await (const json of splitLines(text)) {
      line++;
      const doc = docOfRow(parse(json));
      if (!doc) throw new ShardError(file, `line ${line} is not a doc row`, WHAT);
      yield doc;
    }
  } catch (e) {
    if (e instanceof ShardError || (e instanceof Error && 'syscall' in e)) throw e;
    throw new ShardError(file, `after line ${line}: ${(e as Error).message.split('\n')[0]!.slice(0, 200)}`, WHAT);
  } finally {
    input.destroy();
    transform?.destroy();
  }
}

/** The lines of a byte stream, split at `\n` only (JSON Lines' one separator), decoded as UTF-8; a last line without `\n` counts. */
async function* splitLines(bytes: Readable): AsyncGenerator<string> {
  let pending: Buffer[] = [];
  for await (const chunk of bytes as AsyncIterable<Buffer>) {
    let start = 0;
    for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
      pending.push(chunk.subarray(start, end));
      yield Buffer.concat(pending).toString('utf8');
      pending = [];
      start = end + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length > 0) yield Buffer.concat(pending).toString('utf8');
}

function parse(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}
