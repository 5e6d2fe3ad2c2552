/**
 * UTF-8 encoding of a slice of a JS string into a reusable buffer. A lone surrogate becomes U+FFFD
 * (EF BF BD), which is what tiktoken does with it. Hand-written because `TextEncoder.encodeInto`
 * on a fresh substring per chunk costs more than the chunk's whole BPE in the common case.
 */
export class Utf8Buffer {
  bytes = new Uint8Array(256);
  length = 0;
  /** True when the last slice was pure ASCII: then its bytes read as the slice itself. */
  ascii = true;

  encode(text: string, start: number, end: number): void {
    if (this.bytes.length < (end - start) * 3) this.bytes = new Uint8Array((end - start) * 3);
    const out = this.bytes;
    let n = 0;
    let ascii = true;
    for (let i = start; i < end; i++) {
      let c = text.charCodeAt(i);
      if (c < 0x80) {
        out[n++] = c;
        continue;
      }
      ascii = false;
      if (c < 0x800) {
        out[n++] = 0xc0 | (c >> 6);
        out[n++] = 0x80 | (c & 0x3f);
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < end ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          i++;
          out[n++] = 0xf0 | (cp >> 18);
          out[n++] = 0x80 | ((cp >> 12) & 0x3f);
          out[n++] = 0x80 | ((cp >> 6) & 0x3f);
          out[n++] = 0x80 | (cp & 0x3f);
          continue;
        }
        c = 0xfffd;
      }
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    }
    this.length = n;
    this.ascii = ascii;
  }
}

/** Bytes as a string of code units 0..255: the key the rank map uses for byte strings. */
export function binaryString(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}
