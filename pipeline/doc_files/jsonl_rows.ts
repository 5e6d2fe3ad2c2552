import { DATATROVE_METADATA, type DocShardLayout } from '../arrow/doc_schema.js';
import type { Doc, MetaValue } from '../doc.js';

type Row = Record<string, MetaValue | Record<string, MetaValue>>;

/**
 * A doc as one JSON object: `id`, `text`, `url`, then each meta key of the layout, or, in the
 * datatrove layout, `text`, `id` and a `metadata` object with url and the meta keys (datatrove's
 * JsonlWriter order). Every key of the layout is written, null when the doc lacks it, so readers
 * that infer a schema from the first lines (polars, pyarrow) see every column. JSON has no NaN or
 * Infinity: such a meta value is written as null.
 */
export function jsonlRow(doc: Doc, layout: DocShardLayout, reason?: string): Row {
  const meta: Record<string, MetaValue> = {};
  for (const key of Object.keys(layout.meta)) meta[key] = doc.meta[key] ?? null;
  if (layout.datatrove) return { text: doc.text, id: doc.id, [DATATROVE_METADATA]: { url: doc.url ?? null, ...meta } };
  return {
    id: doc.id,
    text: doc.text,
    url: doc.url ?? null,
    ...(layout.html ? { html: doc.html ?? null } : {}),
    ...(layout.reason ? { reason: reason ?? '' } : {}),
    ...meta,
  };
}

const BASE_FIELDS = new Set(['id', 'text', 'url', 'html', 'reason']);

/** The doc a row of `jsonlRow` holds, in either layout; undefined when it is not such a row. */
export function docOfRow(row: unknown): (Doc & { reason?: string }) | undefined {
  if (!isObject(row) || typeof row.id !== 'string' || typeof row.text !== 'string') return undefined;
  const nested = row[DATATROVE_METADATA];
  const fields = isObject(nested) ? { ...nested, id: row.id, text: row.text } : row;
  const doc: Doc & { reason?: string } = { id: row.id, text: row.text, meta: {} };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== null && typeof value === 'object') return undefined;
    if (!BASE_FIELDS.has(key)) doc.meta[key] = value as MetaValue;
    else if (key !== 'id' && key !== 'text' && value !== null) doc[key as 'url' | 'html' | 'reason'] = String(value);
  }
  return doc;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
