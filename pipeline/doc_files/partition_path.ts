import { createHash } from 'node:crypto';
import type { Doc, MetaValue } from '../doc.js';

/** `{key}`, or datatrove's `${key}`: a meta key whose value names a folder in an output path. */
const PLACEHOLDER = /\$?\{([^{}]*)\}/g;

/** The folder docs without a value go to; no value's folder is named so (see `pathSegment`). */
export const MISSING_VALUE = '_missing';

/** Encoded folder names longer than this are cut and given a hash of the whole value. */
const MAX_SEGMENT = 120;

/** Writes datatrove's `${key}` as `{key}`, so one spelling is stored. */
export const normalizeTemplate = (template: string): string => template.replace(PLACEHOLDER, '{$1}');

/** What is wrong with a path template's placeholders, or undefined when nothing is. */
export function templateProblem(template: string): string | undefined {
  for (const [, key] of template.matchAll(PLACEHOLDER)) {
    if (!/^[^/\\\0\s]+$/.test(key!)) return `"{${key}}" does not name a meta key`;
  }
  if (/[{}]/.test(template.replace(PLACEHOLDER, ''))) return 'a "{" or "}" outside a {meta_key} placeholder';
  return undefined;
}

/** The meta keys a path template names, in order, each once. */
export function templateKeys(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

export interface Partition {
  /** The folder, relative to the run dir. */
  dir: string;
  /** The folder names the values became, joined by `/`: what `partition:<label>` counts. */
  label: string;
}

/** Where `doc` goes under `template`: each placeholder replaced by the safe folder name of the doc's value. */
export function partitionOf(template: string, doc: Doc): Partition {
  const segments: string[] = [];
  const dir = template.replace(PLACEHOLDER, (_, key: string) => {
    const segment = pathSegment(doc.meta[key]);
    segments.push(segment);
    return segment;
  });
  return { dir, label: segments.join('/') };
}

/**
 * A meta value as a folder name that is safe on any file system and stays where it is put:
 * - no value (missing, null, empty) is `_missing`;
 * - the value's UTF-8 bytes outside `A-Z a-z 0-9 . _ -` are percent-encoded (`/` is `%2F`, NUL
 *   `%00`, `é` `%C3%A9`), and so is a leading `_` (so no value is named `_missing`) and every dot
 *   of a value made of dots alone (so no folder is `.` or `..`);
 * - a name over 120 characters keeps its first 100 and gets `~` and 16 hex digits of the value's
 *   sha256 (`~` is otherwise always encoded, so such names never meet a value's own name).
 */
export function pathSegment(value: MetaValue | undefined): string {
  if (value === undefined || value === null || value === '') return MISSING_VALUE;
  const text = String(value);
  const dotsOnly = /^\.+$/.test(text);
  let name = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    const keep = /[A-Za-z0-9._-]/.test(char) && !(char === '.' && dotsOnly) && !(char === '_' && name === '');
    name += keep ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  if (name.length <= MAX_SEGMENT) return name;
  const head = name.slice(0, 100).replace(/%[0-9A-F]?$/, '');
  return `${head}~${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
}
