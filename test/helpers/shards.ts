import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { readDocShard } from '../../pipeline/arrow/doc_shard_reader.js';
import type { Doc } from '../../pipeline/doc.js';
import { DocShardWriter } from '../../pipeline/arrow/doc_shard_writer.js';
import type { MetaSchema } from '../../pipeline/doc.js';

/** Every doc of every shard in a folder, in file order. */
export async function readShardDir(dir: string): Promise<(Doc & { reason?: string })[]> {
  const docs: (Doc & { reason?: string })[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.arrow'))
    .sort()) {
    for await (const doc of readDocShard(path.join(dir, file))) docs.push(doc);
  }
  return docs;
}

/** id → sha256 of text: what two runs must agree on. */
export function fingerprints(docs: Doc[]): Map<string, string> {
  return new Map(docs.map((d) => [d.id, createHash('sha256').update(d.text).digest('hex')]));
}

export async function writeShard(file: string, docs: Doc[], meta: MetaSchema = {}): Promise<void> {
  const writer = await DocShardWriter.create(file, { meta, html: false, reason: false });
  for (const doc of docs) await writer.write(doc);
  await writer.close();
}
