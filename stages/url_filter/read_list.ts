import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** The file at `base`, or at `base.gz`; undefined when neither exists. */
export function listFile(base: string): string | undefined {
  if (existsSync(base)) return base;
  if (existsSync(`${base}.gz`)) return `${base}.gz`;
  return undefined;
}

/** The entries of a list file (plain or gzip): one a line, blank lines and `#` comments skipped. */
export function readList(file: string): string[] {
  const raw = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const entry = line.trim();
    if (entry && !entry.startsWith('#')) out.push(entry);
  }
  return out;
}
