import type { Doc } from '../doc.js';
import { hostOf } from './domain_tally.js';
import { ReportError } from './report_error.js';

export type ShardDoc = Doc & { reason?: string };

/** Fields a `--where` may name besides the shard's meta columns. */
const BUILT_IN = ['id', 'url', 'reason', 'domain'] as const;

/**
 * A `--where key=value` (or `key!=value`) test. Values compare as text, so `language=de`,
 * `reason=duplicate` and `warc_date=2024-...` work alike; numbers compare by value (`score=0.5`).
 */
export interface Condition {
  key: string;
  value: string;
  negate: boolean;
}

export function parseWhere(expr: string): Condition {
  const m = /^([^=!]+)(!?=)(.*)$/.exec(expr);
  if (!m) throw new ReportError(`--where takes key=value or key!=value, not "${expr}"`);
  return { key: m[1]!.trim(), value: m[3]!, negate: m[2] === '!=' };
}

/** Fails early, naming what could be filtered on, when a condition names a field no shard has. */
export function checkKeys(conditions: Condition[], columns: string[]): void {
  const known = new Set<string>([...BUILT_IN, ...columns]);
  for (const c of conditions) {
    if (!known.has(c.key))
      throw new ReportError(`--where ${c.key}: no such field; fields: ${[...known].filter((k) => k !== 'text').join(', ')}`);
  }
}

export function matches(doc: ShardDoc, conditions: Condition[]): boolean {
  return conditions.every((c) => equals(field(doc, c.key), c.value) !== c.negate);
}

function field(doc: ShardDoc, key: string): unknown {
  switch (key) {
    case 'id':
      return doc.id;
    case 'url':
      return doc.url ?? null;
    case 'reason':
      return doc.reason ?? null;
    case 'domain':
      return hostOf(doc.url);
    default:
      return doc.meta[key] ?? null;
  }
}

function equals(actual: unknown, wanted: string): boolean {
  if (actual === null || actual === undefined) return wanted === '' || wanted === 'null';
  if (typeof actual === 'number') return wanted.trim() !== '' && Number(wanted) === actual;
  return String(actual) === wanted;
}
