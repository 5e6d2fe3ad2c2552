import { isUtf8 } from 'node:buffer';

/** How far into the body a `<meta charset>` is looked for. */
const PRESCAN_BYTES = 4096;
const META_CHARSET = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([^\s"'/>;]+)/i;

export interface DecodedHtml {
  html: string;
  /** The WHATWG name of the encoding used (`utf-8`, `euc-jp`, `windows-1252`...). */
  charset: string;
}

const decoders = new Map<string, TextDecoder | undefined>();

/** The WHATWG decoder for a label (`latin1` and `iso-8859-1` both mean windows-1252), or undefined if unknown. */
function decoderFor(label: string): TextDecoder | undefined {
  const key = label.trim().toLowerCase();
  if (!decoders.has(key)) {
    let decoder: TextDecoder | undefined;
    try {
      decoder = new TextDecoder(key);
    } catch {
      decoder = undefined;
    }
    decoders.set(key, decoder);
  }
  return decoders.get(key);
}

function bomEncoding(body: Buffer): string | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  return undefined;
}

function metaCharset(body: Buffer): string | undefined {
  const m = META_CHARSET.exec(body.toString('latin1', 0, Math.min(body.length, PRESCAN_BYTES)));
  if (!m) return undefined;
  // A page that could be read as ASCII to find this tag cannot be UTF-16 (HTML spec, prescan).
  return /^utf-16/i.test(m[1]!) ? 'utf-8' : m[1];
}

/**
 * Decodes an HTML body the way browsers choose its encoding: a byte-order mark, else the HTTP
 * charset, else `<meta charset>` / `<meta http-equiv>`, else UTF-8 when the bytes are valid UTF-8,
 * else windows-1252. A label TextDecoder does not know is tallied under `charset:unknown_label`
 * and the next source of evidence is tried.
 */
export function decodeHtml(body: Buffer, httpCharset: string | undefined, tally: (key: string) => void): DecodedHtml {
  const known = (label: string | undefined): TextDecoder | undefined => {
    if (label === undefined) return undefined;
    const decoder = decoderFor(label);
    if (!decoder) tally('charset:unknown_label');
    return decoder;
  };
  const bom = bomEncoding(body);
  const decoder =
    (bom && decoderFor(bom)) || known(httpCharset) || known(metaCharset(body)) || decoderFor(isUtf8(body) ? 'utf-8' : 'windows-1252')!;
  return { html: decoder.decode(body), charset: decoder.encoding };
}
