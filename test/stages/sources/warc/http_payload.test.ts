import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePayload, dechunk } from '../../../../stages/sources/warc/content_coding.js';
import { lastHeader, parseContentType, parseHttpResponse } from '../../../../stages/sources/warc/http_payload.js';
import { httpResponse } from './warc_fixtures.js';

const HTML = '<html><body>héllo</body></html>';

function decode(body: Buffer, headers: Record<string, string>, maxBytes = 1 << 20) {
  const tallies: string[] = [];
  const res = parseHttpResponse(httpResponse(body, headers))!;
  return { out: decodePayload(res, maxBytes, (k) => tallies.push(k)), tallies };
}

describe('parseHttpResponse', () => {
  it('reads the status, headers in order (repeats kept, folded lines joined) and the body', () => {
    const res = parseHttpResponse(Buffer.from('HTTP/1.0 203\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nX-Long: one\r\n two\r\n\r\nbody'))!;
    expect(res.status).toBe(203);
    expect(res.headers).toEqual([
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
      ['x-long', 'one two'],
    ]);
    expect(res.body.toString()).toBe('body');
  });

  it('returns undefined for payloads that are not HTTP responses', () => {
    expect(parseHttpResponse(Buffer.from('20080430204825\nwww.archive.org.\t589\tIN\tA\t207.241.229.39\n'))).toBeUndefined();
    expect(parseHttpResponse(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'))).toBeUndefined();
    expect(parseHttpResponse(Buffer.alloc(0))).toBeUndefined();
  });

  it('takes the last Content-Type and splits mime type from charset', () => {
    const res = parseHttpResponse(Buffer.from('HTTP/1.1 200 OK\nContent-Type: text/plain\nContent-Type: Text/HTML; charset="EUC-JP"\n\n'))!;
    expect(parseContentType(lastHeader(res, 'content-type'))).toEqual({ mime: 'text/html', charset: 'EUC-JP' });
  });
});

describe('decodePayload', () => {
  it('dechunks a chunked body and keeps raw bytes when the chunking is invalid', () => {
    expect(dechunk(Buffer.from('5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n'))!.toString()).toBe('hello world');
    const notChunked = Buffer.from('<html>not chunked</html>');
    const { out } = decode(notChunked, { 'Transfer-Encoding': 'chunked' });
    expect(out).toEqual({ body: notChunked });
    const wrongSize = Buffer.from('3\r\nhello\r\n0\r\n\r\n');
    expect(decode(wrongSize, { 'Transfer-Encoding': 'chunked' }).out).toEqual({ body: wrongSize });
  });

  it('decodes gzip, deflate (zlib and raw), br and stacked codings', () => {
    const html = Buffer.from(HTML);
    for (const [coding, body] of [
      ['gzip', gzipSync(html)],
      ['x-gzip', gzipSync(html)],
      ['deflate', deflateSync(html)],
      ['deflate', deflateRawSync(html)],
      ['br', brotliCompressSync(html)],
      ['gzip, br', brotliCompressSync(gzipSync(html))],
    ] as const) {
      const { out } = decode(body, { 'Content-Encoding': coding });
      expect(out, coding).toEqual({ body: html });
    }
  });

  it('dechunks before it decompresses', () => {
    const gz = gzipSync(Buffer.from(HTML));
    const chunked = Buffer.concat([Buffer.from(`${gz.length.toString(16)}\r\n`), gz, Buffer.from('\r\n0\r\n\r\n')]);
    expect(decode(chunked, { 'Transfer-Encoding': 'chunked', 'Content-Encoding': 'gzip' }).out).toEqual({ body: Buffer.from(HTML) });
  });

  it('ignores the X-Crawler- headers under which Common Crawl keeps the original codings', () => {
    const html = Buffer.from(HTML);
    expect(decode(html, { 'X-Crawler-Content-Encoding': 'gzip', 'X-Crawler-Transfer-Encoding': 'chunked' }).out).toEqual({ body: html });
  });

  it('names the reason when a body cannot be decoded', () => {
    const binary = Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe]);
    expect(decode(binary, { 'Content-Encoding': 'gzip' }).out).toEqual({ reason: 'warc:bad_content_encoding' });
    expect(decode(binary, { 'Content-Encoding': 'compress' }).out).toEqual({ reason: 'warc:unsupported_content_encoding' });
    const bomb = gzipSync(Buffer.alloc(5 << 20));
    expect(decode(bomb, { 'Content-Encoding': 'gzip' }, 1 << 20).out).toEqual({ reason: 'warc:body_too_large' });
  });

  it('keeps a body stored already decoded under a Content-Encoding header (ClueWeb09) and tallies it', () => {
    const { out, tallies } = decode(Buffer.from(`  ${HTML}`), { 'Content-Encoding': 'gzip' });
    expect(out).toEqual({ body: Buffer.from(`  ${HTML}`) });
    expect(tallies).toEqual(['content_encoding:not_applied']);
  });

  it('returns what a cut-off gzip body held', () => {
    const page = Array.from({ length: 5000 }, (_, i) => `<p>${i * 7919}</p>`).join('');
    const gz = gzipSync(Buffer.from(page));
    const { out } = decode(gz.subarray(0, gz.length >> 1), { 'Content-Encoding': 'gzip' });
    const body = 'body' in out ? out.body.toString() : '';
    expect(body.length).toBeGreaterThan(1000);
    expect(page.startsWith(body)).toBe(true);
  });
});
