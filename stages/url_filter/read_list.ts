import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** The file at `base`, or at `base.gz`; undefined when neither exists. */
export function listFile(base: string): string | undefined {
  if (existsSync(base)) return base;
  if (existsSync(`${base}.gz`)) return `${base}.gz`;
  return undefined;
}

/**
 * The most a gzipped list may inflate to. The largest list we know, UT1's adult domains, is about
 * 57 MB; a file that inflates past this is not a list, and is refused before it fills memory.
 */
const MAX_LIST_BYTES = 256 * 1024 * 1024;

/** The entries of a list file (plain or gzip): one a line, blank lines and `#` comments skipped. */
export function readList(file: string): string[] {
  const raw = readFileSync(file);
  const text = (file.endsWith('.gz') ? inflateList(file, raw) : raw).toString('utf8');
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const entry = line.trim();
    if (entry && !entry.startsWith('#')) out.push(entry);
  }
  return out;
}

function inflateList(file: string, gz: Buffer): Buffer {
  try {
    return gunzipSync(gz, { maxOutputLength: MAX_LIST_BYTES });
  } catch (e) {
    if ((e as { code?: unknown }).code !== 'ERR_BUFFER_TOO_LARGE') throw e;
    throw new Error(`${file} inflates to more than ${MAX_LIST_BYTES >> 20} MiB: not a block list`);
  }
}
