import { createReadStream } from 'node:fs';
import { isHttpUrl } from '../http/remote_url.js';
import type { Gap } from './byte_source.js';
import { gzipHeaderLength, MEMBER_MAGIC, usualHeaderFields } from './gzip_header.js';
import { inflateMembers, type InflateOptions } from './gzip_members.js';

const READ_CHUNK = 1 << 20;
/** How far into a file junk may lead to its first gzip member and still be recognised as gzip. */
const HEAD_BYTES = 64 * 1024;

/** Opens an http(s) URL as a stream of its bytes (a retrying, resuming download). */
export type OpenUrl = (url: string) => AsyncIterable<Buffer>;

/**
 * The decompressed bytes of a WARC file, local or at an http(s) URL, as a stream of chunks (and
 * gaps where a damaged gzip member was lost). Gzip is recognised by its bytes rather than the `.gz`
 * name, so a misnamed file still reads; the members of a per-record gzip file are inflated one by
 * one, so damage to one loses only its own record. `onRead` is told the size of each chunk read.
 */
export async function openWarc(
  input: string,
  openUrl: OpenUrl,
  opts: InflateOptions,
  onRead: (bytes: number) => void,
): Promise<AsyncIterable<Buffer | Gap>> {
  const raw = isHttpUrl(input) ? openUrl(input) : createReadStream(input, { highWaterMark: READ_CHUNK });
  const it = counted(raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>, onRead);
  // Look at the head of the file (the same bytes whatever sizes they arrive in); the bytes looked at are not lost.
  const head: Buffer[] = [];
  let seen = 0;
  while (seen < HEAD_BYTES) {
    const r = await it.next();
    if (r.done) break;
    head.push(r.value);
    seen += r.value.length;
  }
  const start = Buffer.concat(head);
  const bytes = replay(start, it);
  return isGzip(start.subarray(0, HEAD_BYTES)) ? inflateMembers(bytes, opts) : bytes;
}

/**
 * Gzip when the file starts with a member, or when junk leads to a member header before any WARC
 * version line: a plain WARC holds gzip bytes only inside its records (compressed HTTP bodies).
 */
function isGzip(head: Buffer): boolean {
  if (head[0] === 0x1f && head[1] === 0x8b) return true;
  for (let at = head.indexOf(MEMBER_MAGIC); at >= 0; at = head.indexOf(MEMBER_MAGIC, at + 1)) {
    const length = gzipHeaderLength(head.subarray(at));
    if (typeof length !== 'number' || !usualHeaderFields(head.subarray(at))) continue;
    return !/(^|\n)WARC\/\d+\.\d+\r?\n/i.test(head.toString('latin1', 0, at));
  }
  return false;
}

/** The file's bytes as they are read, each chunk's size told to `onRead`. */
function counted(it: AsyncIterator<Buffer>, onRead: (bytes: number) => void): AsyncIterator<Buffer> {
  return {
    next: async () => {
      const r = await it.next();
      if (!r.done) onRead(r.value.length);
      return r;
    },
    return: async () => (await it.return?.()) ?? { done: true, value: undefined },
  };
}

async function* replay(start: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  try {
    if (start.length > 0) yield start;
    for (let r = await rest.next(); !r.done; r = await rest.next()) yield r.value;
  } finally {
    await rest.return?.();
  }
}
