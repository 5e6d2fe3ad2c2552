import { brotliDecompressSync, constants, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { headerTokens, type HttpResponse } from './http_payload.js';

/** The body as the server meant it, or the named reason it cannot be had. */
export type Payload = { body: Buffer } | { reason: string };

/**
 * Undoes Transfer-Encoding and Content-Encoding. Only the real header names count: Common Crawl
 * stores decoded bodies and renames the headers to `X-Crawler-Transfer-Encoding` etc. Some crawls
 * (ClueWeb09) stored decoded bodies but kept `Content-Encoding: gzip`: a body that will not decode
 * but already reads as markup is kept as it is and tallied under `content_encoding:not_applied`.
 * Decoded output is capped at `maxBytes`, so a small compressed bomb cannot fill memory.
 */
export function decodePayload(res: HttpResponse, maxBytes: number, tally: (key: string) => void): Payload {
  let body = res.body;
  if (headerTokens(res, 'transfer-encoding').includes('chunked')) body = dechunk(body) ?? body;
  const codings = headerTokens(res, 'content-encoding').filter((c) => c !== 'chunked');
  // Codings are listed in the order they were applied, so they come off in reverse.
  for (const coding of codings.reverse()) {
    const decode = DECODERS[coding];
    let reason = 'warc:unsupported_content_encoding';
    try {
      if (decode) {
        body = decode(body, maxBytes);
        continue;
      }
    } catch (err) {
      if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') return { reason: 'warc:body_too_large' };
      reason = 'warc:bad_content_encoding';
    }
    if (!looksLikeMarkup(body)) return { reason };
    tally('content_encoding:not_applied');
    break;
  }
  return { body };
}

/** First byte after leading whitespace (and a UTF-8 BOM) is `<`. */
function looksLikeMarkup(body: Buffer): boolean {
  let i = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0;
  while (i < body.length && (body[i] === 0x20 || (body[i]! >= 0x09 && body[i]! <= 0x0d))) i++;
  return body[i] === 0x3c;
}

// Sync flushing returns what a cut-off stream held (crawlers truncate long bodies) instead of failing.
const GZIP_PARTIAL = { finishFlush: constants.Z_SYNC_FLUSH };

const DECODERS: Record<string, (body: Buffer, maxBytes: number) => Buffer> = {
  gzip: (b, max) => gunzipSync(b, { ...GZIP_PARTIAL, maxOutputLength: max }),
  'x-gzip': (b, max) => gunzipSync(b, { ...GZIP_PARTIAL, maxOutputLength: max }),
  // Servers send both zlib-wrapped and raw deflate under this name.
  deflate: (b, max) => {
    try {
      return inflateSync(b, { ...GZIP_PARTIAL, maxOutputLength: max });
    } catch (err) {
      if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw err;
      return inflateRawSync(b, { ...GZIP_PARTIAL, maxOutputLength: max });
    }
  },
  br: (b, max) => brotliDecompressSync(b, { finishFlush: constants.BROTLI_OPERATION_FLUSH, maxOutputLength: max }),
};

/** Joins the chunks of a chunked body; undefined when it is not validly chunked. A cut-off last chunk is kept. */
export function dechunk(body: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let pos = 0;
  while (pos < body.length) {
    const nl = body.indexOf(0x0a, pos);
    if (nl < 0 || nl - pos > 256) return undefined;
    const size = /^([0-9a-fA-F]{1,8})[ \t]*(?:;.*)?\r?$/.exec(body.toString('latin1', pos, nl));
    if (!size) return undefined;
    const n = parseInt(size[1]!, 16);
    if (n === 0) break;
    const start = nl + 1;
    parts.push(body.subarray(start, start + n));
    pos = start + n;
    if (pos >= body.length) break;
    // Each chunk ends with CRLF (or a bare LF); anything else means the sizes do not match the data.
    if (body[pos] === 0x0d) pos++;
    if (body[pos] !== 0x0a) return undefined;
    pos++;
  }
  return Buffer.concat(parts);
}
