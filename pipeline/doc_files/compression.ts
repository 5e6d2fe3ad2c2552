import type { Transform } from 'node:stream';
import zlib from 'node:zlib';

/** Whole-file compressions of line-oriented doc files, by the suffix they add to the name. */
export const STREAM_COMPRESSIONS = { gzip: '.gz', zstd: '.zst', none: '' } as const;
export type StreamCompression = keyof typeof STREAM_COMPRESSIONS;

// @types/node 20 predates zstd in node:zlib (Node 22.15); Sieve requires Node 22.19.
const zstd = zlib as unknown as { createZstdCompress(): Transform; createZstdDecompress(): Transform };

/** The transform that compresses, or undefined for `none`. zlib's gzip header carries no time, so output is byte-identical run to run. */
export function compressor(compression: StreamCompression): Transform | undefined {
  if (compression === 'gzip') return zlib.createGzip();
  if (compression === 'zstd') return zstd.createZstdCompress();
  return undefined;
}

export function decompressor(compression: StreamCompression): Transform | undefined {
  if (compression === 'gzip') return zlib.createGunzip();
  if (compression === 'zstd') return zstd.createZstdDecompress();
  return undefined;
}
