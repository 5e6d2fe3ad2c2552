/** A scalar that maps onto one Arrow column. */
export type MetaValue = string | number | boolean | null;

/** Column types a stage may declare for the meta keys it adds. */
export type MetaType = 'string' | 'float64' | 'int32' | 'bool';

/** The meta keys a stage adds, with their column types: the doc shard schema is their union. */
export type MetaSchema = Readonly<Record<string, MetaType>>;

/** One document as it flows through the pipeline. */
export interface Doc {
  /** Stable identity derived from the record (WARC record id, or a hash of URL + text), never a position. */
  id: string;
  /** Main text; empty until extraction has run. */
  text: string;
  url?: string;
  /** The decoded page before extraction; extraction consumes it and removes it. */
  html?: string;
  /** Scalars only, so every key maps to an Arrow column. */
  meta: Record<string, MetaValue>;
}
