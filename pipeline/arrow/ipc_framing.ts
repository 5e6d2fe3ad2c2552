import type { FileHandle } from 'node:fs/promises';
import { FlatTable } from './flat_table.js';

const MAGIC = Buffer.from('ARROW1');
const CONTINUATION = 0xffffffff;
/** Arrow's MessageHeader union tags. */
const SCHEMA = 1;
const DICTIONARY_BATCH = 2;
const RECORD_BATCH = 3;
/** Beyond these a schema is not one a writer made: refused before apache-arrow recurses into it. */
const MAX_FIELDS = 100_000;
const MAX_DEPTH = 64;

/**
 * Checks the framing of an Arrow IPC file (or stream) before apache-arrow reads it: the magic at
 * both ends, a footer inside the file, and for every message apache-arrow will read its
 * continuation marker, a positive 8-aligned metadata length, metadata whose lengths fit in it and a
 * body inside the file. Every read is bounded, so a corrupt length is an error, never a loop.
 * Throws an Error saying what is wrong.
 */
export async function checkFraming(handle: FileHandle, size: number): Promise<void> {
  const head = await readAt(handle, 0, Math.min(size, MAGIC.length));
  if (head.equals(MAGIC)) await checkFile(handle, size);
  else await checkStream(handle, size);
}

/** The file format: magic, messages, footer (listing the batches' offsets), footer length, magic. */
async function checkFile(handle: FileHandle, size: number): Promise<void> {
  const start = 8;
  const tailLength = 4 + MAGIC.length;
  if (size < start + tailLength) throw new Error(`${size} bytes is too short for an Arrow file`);
  const tail = await readAt(handle, size - tailLength, tailLength);
  if (!tail.subarray(4).equals(MAGIC)) throw new Error('no ARROW1 magic at its end: the file is cut short');
  const footerLength = tail.readInt32LE(0);
  const footerStart = size - tailLength - footerLength;
  if (footerLength <= 0 || footerStart < start) throw new Error(`footer length ${footerLength} does not fit in the file`);
  const footer = FlatTable.root(await readAt(handle, footerStart, footerLength));
  const schema = footer.table(1);
  if (!schema) throw new Error('its footer has no schema');
  checkSchema(schema);
  footer.vector(4, 4);
  for (const [slot, type] of [
    [2, DICTIONARY_BATCH],
    [3, RECORD_BATCH],
  ] as const) {
    const blocks = footer.vector(slot, 24);
    for (let i = 0; i < (blocks?.length ?? 0); i++) {
      const offset = footer.structInt(blocks!.start + 24 * i, 8);
      const message = await checkMessage(handle, offset, start, footerStart);
      if (message.type !== type) throw new Error(`the footer lists a ${name(type)} at byte ${offset}, which holds a ${name(message.type)}`);
    }
  }
}

/**
 * The stream format: a schema message, then batches, then the end-of-stream marker. The marker is
 * required: without a footer it is what tells a whole stream from one cut between two batches
 * (pyarrow, polars, HF datasets and apache-arrow all write it).
 */
async function checkStream(handle: FileHandle, size: number): Promise<void> {
  let offset = 0;
  while (offset < size) {
    if (offset + 8 <= size) {
      const prefix = await readAt(handle, offset, 8);
      if (prefix.readUInt32LE(0) === CONTINUATION && prefix.readInt32LE(4) === 0) {
        if (offset === 0) break;
        return;
      }
    }
    const message = await checkMessage(handle, offset, 0, size);
    if (offset === 0 && message.type !== SCHEMA)
      throw new Error('it is neither an Arrow file (no ARROW1 magic) nor a stream starting with a schema');
    offset += message.length;
  }
  if (offset === 0) throw new Error('no ARROW1 magic and no schema message: not an Arrow file');
  throw new Error('its stream ends without the end-of-stream marker: it is cut short');
}

/** Checks the message at `offset`, which must lie within [from, to). Returns its type and full length. */
async function checkMessage(handle: FileHandle, offset: number, from: number, to: number): Promise<{ type: number; length: number }> {
  const where = `message at byte ${offset}`;
  if (offset < from || offset % 8 !== 0 || offset + 8 > to) throw new Error(`${where} lies outside the file's messages`);
  const prefix = await readAt(handle, offset, 8);
  if (prefix.readUInt32LE(0) !== CONTINUATION) throw new Error(`${where} has no continuation marker`);
  const metaLength = prefix.readInt32LE(4);
  if (metaLength <= 0 || metaLength % 8 !== 0 || offset + 8 + metaLength > to)
    throw new Error(`${where}: metadata length ${metaLength} is not a positive multiple of 8 inside the file`);
  const message = FlatTable.root(await readAt(handle, offset + 8, metaLength));
  const bodyLength = message.int64(3);
  const length = 8 + metaLength + bodyLength;
  if (bodyLength < 0 || offset + length > to) throw new Error(`${where}: body length ${bodyLength} runs past the file`);
  message.vector(4, 4);
  const type = message.uint8(1);
  const header = message.table(2);
  if (!header) throw new Error(`${where} has no header`);
  if (type === SCHEMA) checkSchema(header);
  else if (type === RECORD_BATCH) checkRecordBatch(header, bodyLength);
  else if (type === DICTIONARY_BATCH) checkRecordBatch(header.table(1), bodyLength);
  else throw new Error(`${where} is of unsupported type ${type}`);
  return { type, length };
}

function checkSchema(schema: FlatTable): void {
  schema.vector(2, 4);
  schema.vector(3, 8);
  let fields = 0;
  const visit = (parent: FlatTable, slot: number, depth: number) => {
    if (depth > MAX_DEPTH) throw new Error(`its schema nests deeper than ${MAX_DEPTH} levels`);
    for (const field of parent.tables(slot)) {
      if (++fields > MAX_FIELDS) throw new Error(`its schema has more than ${MAX_FIELDS} fields`);
      field.vector(6, 4);
      visit(field, 5, depth + 1);
    }
  };
  visit(schema, 1, 0);
}

/** Row count, field nodes and buffers of a batch: every buffer must lie inside the message's body. */
function checkRecordBatch(batch: FlatTable | undefined, bodyLength: number): void {
  if (!batch) throw new Error('a batch message has no batch');
  if (batch.int64(0) < 0) throw new Error('a batch has a negative row count');
  const nodes = batch.vector(1, 16);
  for (let i = 0; i < (nodes?.length ?? 0); i++) {
    if (batch.structInt(nodes!.start + 16 * i, 8) < 0 || batch.structInt(nodes!.start + 16 * i + 8, 8) < 0)
      throw new Error('a column of a batch has a negative length');
  }
  const buffers = batch.vector(2, 16);
  for (let i = 0; i < (buffers?.length ?? 0); i++) {
    const offset = batch.structInt(buffers!.start + 16 * i, 8);
    const length = batch.structInt(buffers!.start + 16 * i + 8, 8);
    if (offset < 0 || length < 0 || offset + length > bodyLength)
      throw new Error(`a buffer of a batch (${length} bytes at ${offset}) lies outside its ${bodyLength}-byte body`);
  }
  batch.vector(4, 8);
}

function name(type: number): string {
  return type === SCHEMA
    ? 'schema'
    : type === RECORD_BATCH
      ? 'record batch'
      : type === DICTIONARY_BATCH
        ? 'dictionary batch'
        : `message of type ${type}`;
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  if (bytesRead !== length) throw new Error(`it ends before byte ${position + length}`);
  return buffer;
}
