import { Bool, Field, Float64, Int32, Schema, Struct, Utf8, type DataType } from 'apache-arrow';
import { z } from 'zod';
import type { MetaSchema, MetaType } from '../doc.js';

/** Columns every doc shard has, before one column per meta key. */
export const BASE_COLUMNS = ['id', 'text', 'url'] as const;

/**
 * Extra columns a shard may carry: the raw page (before extraction) and, in rejects, the drop reason.
 * `datatrove` nests url and the meta keys in a `metadata` struct after `text` and `id`, as
 * datatrove's writers do, so its readers take our files; Sieve's own shards are flat.
 */
export interface DocShardLayout {
  meta: MetaSchema;
  html: boolean;
  reason: boolean;
  datatrove?: boolean;
}

/** The struct column of the datatrove layout. */
export const DATATROVE_METADATA = 'metadata';

export function arrowType(type: MetaType): DataType {
  switch (type) {
    case 'string':
      return new Utf8();
    case 'float64':
      return new Float64();
    case 'int32':
      return new Int32();
    case 'bool':
      return new Bool();
  }
}

export function docSchema(layout: DocShardLayout): Schema {
  const url = new Field('url', new Utf8(), true);
  const meta = Object.entries(layout.meta).map(([key, type]) => new Field(key, arrowType(type), true));
  const fields = layout.datatrove
    ? [
        new Field('text', new Utf8(), false),
        new Field('id', new Utf8(), false),
        new Field(DATATROVE_METADATA, new Struct([url, ...meta]), false),
      ]
    : [
        new Field('id', new Utf8(), false),
        new Field('text', new Utf8(), false),
        url,
        ...(layout.html ? [new Field('html', new Utf8(), true)] : []),
        ...(layout.reason ? [new Field('reason', new Utf8(), false)] : []),
        ...meta,
      ];
  return new Schema(fields, new Map([['sieve.meta', JSON.stringify(layout.meta)]]));
}

const storedMeta = z.record(z.string(), z.enum(['string', 'float64', 'int32', 'bool']));

/** Reads back the meta schema a shard was written with (falls back to its columns for foreign shards); throws when the stored one is damaged. */
export function metaSchemaOf(schema: Schema): MetaSchema {
  const stored = schema.metadata.get('sieve.meta');
  if (stored) {
    const parsed = storedMeta.safeParse(parseJson(stored));
    if (!parsed.success) throw new Error('its sieve.meta metadata is not a meta schema');
    return parsed.data;
  }
  const meta: Record<string, MetaType> = {};
  for (const field of schema.fields) {
    if (['id', 'text', 'url', 'html', 'reason'].includes(field.name)) continue;
    meta[field.name] = field.typeId === new Utf8().typeId ? 'string' : field.typeId === new Bool().typeId ? 'bool' : 'float64';
  }
  return meta;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
