import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { isHttpUrl } from '../http/remote_url.js';

const READ_CHUNK = 1 << 20;
const INFLATE_CHUNK = 1 << 16;

/** Opens an http(s) URL as a stream of its bytes (a retrying, resuming download). */
export type OpenUrl = (url: string) => AsyncIterable<Buffer>;

/**
 * The decompressed bytes of a WARC file, local or at an http(s) URL, as a stream of chunks. Gzip
 * is recognised by its magic bytes rather than the `.gz` name, so a misnamed file still reads;
 * `createGunzip` follows the per-record gzip members that WARC files are made of.
 */
export async function openWarc(input: string, openUrl: OpenUrl): Promise<AsyncIterable<Buffer>> {
  const raw = isHttpUrl(input) ? openUrl(input) : createReadStream(input, { highWaterMark: READ_CHUNK });
  return gunzipIfGzip(raw);
}

/** Looks at the first two bytes and inflates when they are the gzip magic; the bytes looked at are not lost. */
async function gunzipIfGzip(raw: AsyncIterable<Buffer>): Promise<AsyncIterable<Buffer>> {
  const it = raw[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let seen = 0;
  while (seen < 2) {
    const r = await it.next();
    if (r.done) break;
    head.push(r.value);
    seen += r.value.length;
  }
  const start = Buffer.concat(head);
  const bytes = Readable.from(replay(start, it), { objectMode: false });
  if (start[0] !== 0x1f || start[1] !== 0x8b) return bytes;
  const gunzip = createGunzip({ chunkSize: INFLATE_CHUNK });
  // A read error (a download that gave up) must reach the consumer too, not only a gzip error;
  // and a consumer that stops early must release the download.
  bytes.on('error', (err) => gunzip.destroy(err));
  gunzip.on('close', () => bytes.destroy());
  return bytes.pipe(gunzip);
}

async function* replay(start: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  try {
    if (start.length > 0) yield start;
    for (let r = await rest.next(); !r.done; r = await rest.next()) yield r.value;
  } finally {
    await rest.return?.();
  }
}
