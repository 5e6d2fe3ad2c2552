import { crc32 } from 'node:zlib';

/** The flag bits of a gzip member header (RFC 1952). */
const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;
const FRESERVED = 0xe0;

/** `1f 8b 08`: the gzip magic and the deflate method, the start of every member. */
export const MEMBER_MAGIC = Buffer.from([0x1f, 0x8b, 0x08]);

/**
 * A header that has not ended within this many bytes is taken for damage: the extra field holds
 * at most 64 KiB, and a file name or comment of more than a few KiB is not one a writer made.
 */
export const GZIP_HEADER_LIMIT = 128 * 1024;

/**
 * The length of the gzip member header at the start of `b`: `short` when `b` ends inside it, `bad`
 * when `b` starts no member (wrong magic or method, reserved flags set, a header CRC that does not match).
 */
export function gzipHeaderLength(b: Buffer): number | 'short' | 'bad' {
  for (let i = 0; i < Math.min(b.length, MEMBER_MAGIC.length); i++) if (b[i] !== MEMBER_MAGIC[i]) return 'bad';
  if (b.length < 10) return 'short';
  const flags = b[3]!;
  if (flags & FRESERVED) return 'bad';
  let at = 10;
  if (flags & FEXTRA) {
    if (b.length < at + 2) return 'short';
    at += 2 + b.readUInt16LE(at);
  }
  for (const field of [FNAME, FCOMMENT]) {
    if (!(flags & field) || at > b.length) continue;
    const nul = b.indexOf(0, at);
    if (nul < 0) return 'short';
    at = nul + 1;
  }
  if (!(flags & FHCRC)) return at > b.length ? 'short' : at;
  if (at + 2 > b.length) return 'short';
  // The header's own CRC: the low 16 bits of the CRC-32 of the bytes before it.
  return b.readUInt16LE(at) === (crc32(b.subarray(0, at)) & 0xffff) ? at + 2 : 'bad';
}

/**
 * True when the fixed header fields at the start of `b` hold values writers use: extra flags 0, 2
 * or 4, an operating system code of RFC 1952 (0 to 13) or 255 (unknown). Random bytes after a
 * `1f 8b 08` rarely do.
 */
export function usualHeaderFields(b: Buffer): boolean {
  const xfl = b[8]!;
  const os = b[9]!;
  return (xfl === 0 || xfl === 2 || xfl === 4) && (os <= 13 || os === 255);
}
