import { createReadStream } from 'node:fs';
import { isHttpUrl } from '../http/remote_url.js';
import type { Gap } from './byte_source.js';
import { inflateMembers, type InflateOptions } from './gzip_members.js';

const READ_CHUNK = 1 << 20;

/** Opens an http(s) URL as a stream of its bytes (a retrying, resuming download). */
export type OpenUrl = (url: string) => AsyncIterable<Buffer>;

/**
 * The decompressed bytes of a WARC file, local or at an http(s) URL, as a stream of chunks (and
 * gaps where a damaged gzip member was lost). Gzip is recognised by its magic bytes rather than the
 * `.gz` name, so a misnamed file still reads; the members of a per-record gzip file are inflated
 * one by one, so damage to one loses only its own record.
 */
export async function openWarc(input: string, openUrl: OpenUrl, opts: InflateOptions): Promise<AsyncIterable<Buffer | Gap>> {
  const raw = isHttpUrl(input) ? openUrl(input) : createReadStream(input, { highWaterMark: READ_CHUNK });
  const it = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  // Look at the first two bytes; the bytes looked at are not lost.
  const head: Buffer[] = [];
  let seen = 0;
  while (seen < 2) {
    const r = await it.next();
    if (r.done) break;
    head.push(r.value);
    seen += r.value.length;
  }
  const start = Buffer.concat(head);
  const bytes = replay(start, it);
  return start[0] === 0x1f && start[1] === 0x8b ? inflateMembers(bytes, opts) : bytes;
}

async function* replay(start: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  try {
    if (start.length > 0) yield start;
    for (let r = await rest.next(); !r.done; r = await rest.next()) yield r.value;
  } finally {
    await rest.return?.();
  }
}
