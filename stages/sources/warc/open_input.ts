import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';

const READ_CHUNK = 1 << 20;
const INFLATE_CHUNK = 1 << 16;

/**
 * The decompressed bytes of a WARC file as a stream of chunks. Gzip is recognised by its magic
 * bytes rather than the `.gz` name, so a misnamed file still reads; `createGunzip` follows the
 * per-record gzip members that WARC files are made of.
 */
export async function openWarc(file: string): Promise<AsyncIterable<Buffer>> {
  const handle = await open(file, 'r');
  let magic: Buffer;
  try {
    magic = Buffer.alloc(2);
    const { bytesRead } = await handle.read(magic, 0, 2, 0);
    magic = magic.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const raw = createReadStream(file, { highWaterMark: READ_CHUNK });
  if (magic[0] !== 0x1f || magic[1] !== 0x8b) return raw;
  const gunzip = createGunzip({ chunkSize: INFLATE_CHUNK });
  // A read error must reach the consumer too, not only a gzip error.
  raw.on('error', (err) => gunzip.destroy(err));
  return raw.pipe(gunzip);
}
