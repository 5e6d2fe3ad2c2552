import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { DocShardWriter } from '../../../pipeline/arrow/doc_shard_writer.js';
import { shardSchema } from '../../../pipeline/arrow/doc_shard_reader.js';
import { ShardError } from '../../../pipeline/arrow/shard_error.js';
import { readTokenShard, tokenizerIdentityOf } from '../../../pipeline/arrow/token_shard_reader.js';
import { TokenShardWriter } from '../../../pipeline/arrow/token_shard_writer.js';
import type { Doc, MetaSchema } from '../../../pipeline/doc.js';
import type { SourceStage } from '../../../pipeline/stage.js';
import { arrowSource } from '../../../stages/sources/arrow_source.js';
import { testContext } from '../../helpers/context.js';
import { outcomeOf, type FuzzTarget } from '../fuzz_target.js';

const META: MetaSchema = { language: 'string', language_score: 'float64', words: 'int32', kept: 'bool' };

const docs: Doc[] = Array.from({ length: 7 }, (_, i) => ({
  id: `doc-${i}`,
  text: `Document ${i}: ${'a few words of text, '.repeat(i + 1)}ünïcödé ✓`,
  ...(i % 3 === 0 ? {} : { url: `https://example.org/${i}` }),
  meta: { language: i % 2 ? 'en' : 'de', language_score: 0.5 + i / 20, words: i * 3, kept: i % 2 === 0 },
}));

async function docShard(file: string, layout: { html: boolean; reason: boolean }, rows: number): Promise<Buffer> {
  const writer = await DocShardWriter.create(file, { meta: META, ...layout }, { rows, bytes: 1 << 20 });
  for (const doc of docs)
    await writer.write(layout.html ? { ...doc, html: `<p>${doc.text}</p>` } : doc, layout.reason ? 'too_short' : undefined);
  await writer.close();
  return readFileSync(file);
}

async function tokenShard(file: string, nVocab: number): Promise<Buffer> {
  const writer = await TokenShardWriter.create(file, { name: 'fuzz', ranksSha256: 'ab'.repeat(32), endOfText: nVocab - 1, nVocab }, 16);
  for (let d = 0; d < 6; d++)
    await writer.write(
      `t${d}`,
      Array.from({ length: 3 + d * 2 }, (_, i) => (d * 7 + i * 13) % (nVocab - 1)),
    );
  await writer.close();
  return readFileSync(file);
}

/**
 * Arrow IPC files as Sieve reads them: doc shards (meta columns, several batches, html and reason
 * columns, and the stream format other tools write) through the `arrow` source, token shards
 * (uint16 and uint32 ids) through readTokenShard. A corrupt doc shard is counted under
 * `arrow:corrupt_file`; one the product stops on reports the error's class.
 */
export const target: FuzzTarget = {
  name: 'arrow',
  async seeds() {
    const dir = testContext().runDir;
    const plain = await docShard(path.join(dir, 'plain.arrow'), { html: false, reason: false }, 3);
    return [
      plain,
      await docShard(path.join(dir, 'rejects.arrow'), { html: true, reason: true }, 2),
      Buffer.from(tableToIPC(tableFromIPC(plain), 'stream')),
      await tokenShard(path.join(dir, 'tokens16.arrow'), 50_257),
      await tokenShard(path.join(dir, 'tokens32.arrow'), 100_000),
    ];
  },
  dictionary: [
    'ARROW1',
    '\xff\xff\xff\xff',
    '\x07\x00\x00\x00',
    '\xfe\xff\xff\xff',
    '\x00\x00\x00\x80',
    '\xff\xff\xff\x7f',
    'sieve.meta',
    '{"x":"int64"}',
  ],
  async run(input) {
    const ctx = testContext();
    const file = path.join(ctx.runDir, 'case.arrow');
    writeFileSync(file, input);
    try {
      if (await isTokenShard(file)) {
        for await (const _ of readTokenShard(file));
        return { outcome: 'clean' };
      }
    } catch (e) {
      // Token shards are read by commands that stop on a corrupt one with its one ShardError line.
      if (e instanceof ShardError) return { outcome: 'bad', reasons: ['stopped: ShardError'] };
      throw e;
    }
    // The case is a user's file among others: a good shard first, whose schema the plan takes.
    const opts = arrowSource.options.parse({ paths: [await goodShard(ctx.runDir), file] });
    const stage = arrowSource.create(opts, { baseDir: ctx.runDir, runDir: ctx.runDir }) as SourceStage;
    await stage.listInputs();
    for await (const _ of stage.read(file, ctx));
    return outcomeOf(ctx.counters);
  },
};

async function goodShard(dir: string): Promise<string> {
  const file = path.join(dir, 'good.arrow');
  await docShard(file, { html: false, reason: false }, 3);
  return file;
}

/** Token shards are told apart by the tokenizer named in their schema, as `sieve inspect` does; an unreadable schema is no token shard's. */
async function isTokenShard(file: string): Promise<boolean> {
  const schema = await shardSchema(file).catch((e: unknown) => {
    if (e instanceof ShardError) return undefined;
    throw e;
  });
  return schema !== undefined && tokenizerIdentityOf(schema) !== undefined;
}
