/** An HTTP response as a WARC `response` record stores it: status, headers in order (repeats kept), raw body. */
export interface HttpResponse {
  status: number;
  headers: [name: string, value: string][];
  body: Buffer;
}

const STATUS_LINE = /^HTTP\/\d+(?:\.\d+)?[ \t]+(\d{3})(?:\s|$)/;
/** Header blocks longer than this are not HTTP (a binary payload happens to start with `HTTP/`). */
const MAX_HEADER_BYTES = 256 * 1024;

/** Parses a response block, or returns undefined when it does not start with an HTTP status line. */
export function parseHttpResponse(block: Buffer): HttpResponse | undefined {
  const end = headerEnd(block);
  const head = block.subarray(0, end.at).toString('latin1');
  const lines = head.split(/\r?\n/);
  const m = STATUS_LINE.exec(lines[0]!);
  if (!m) return undefined;
  const headers: [string, string][] = [];
  for (const line of lines.slice(1)) {
    const first = line.charCodeAt(0);
    const prev = headers[headers.length - 1];
    if ((first === 0x20 || first === 0x09) && prev) {
      prev[1] = `${prev[1]} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon > 0) headers.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }
  return { status: Number(m[1]), headers, body: block.subarray(end.at + end.length) };
}

/** Where the header block ends (`\r\n\r\n` or `\n\n`); with neither, the whole block is headers. */
function headerEnd(block: Buffer): { at: number; length: number } {
  const limit = Math.min(block.length, MAX_HEADER_BYTES);
  for (let i = block.indexOf(0x0a); i >= 0 && i < limit; i = block.indexOf(0x0a, i + 1)) {
    if (block[i + 1] === 0x0a) return { at: i, length: 2 };
    if (block[i + 1] === 0x0d && block[i + 2] === 0x0a) return { at: i, length: 3 };
  }
  return { at: Math.min(block.length, limit), length: 0 };
}

/** The last value of a header (lower-case name), as browsers read a repeated Content-Type. */
export function lastHeader(res: HttpResponse, name: string): string | undefined {
  for (let i = res.headers.length - 1; i >= 0; i--) if (res.headers[i]![0] === name) return res.headers[i]![1];
  return undefined;
}

/** Every comma-separated token of a repeatable header, in order, lower-cased (`Content-Encoding: gzip, br`). */
export function headerTokens(res: HttpResponse, name: string): string[] {
  return res.headers
    .filter(([n]) => n === name)
    .flatMap(([, v]) => v.split(','))
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== '' && t !== 'identity');
}

/** `text/html; charset=EUC-JP` → mime type `text/html` and charset label `EUC-JP`. */
export function parseContentType(value: string | undefined): { mime: string; charset: string | undefined } {
  if (!value) return { mime: '', charset: undefined };
  const [mime = '', ...params] = value.split(';');
  let charset: string | undefined;
  for (const p of params) {
    const eq = p.indexOf('=');
    if (eq > 0 && p.slice(0, eq).trim().toLowerCase() === 'charset')
      charset = p
        .slice(eq + 1)
        .trim()
        .replace(/^["']|["']$/g, '');
  }
  return { mime: mime.trim().toLowerCase(), charset: charset || undefined };
}
