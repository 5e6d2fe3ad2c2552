import { readFileSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readDocShard } from '../../../pipeline/arrow/doc_shard_reader.js';
import { ShardError } from '../../../pipeline/arrow/shard_error.js';
import type { Doc, MetaSchema } from '../../../pipeline/doc.js';
import { docFileFormatOf } from '../../../pipeline/doc_files/doc_file_formats.js';
import type { StreamStage } from '../../../pipeline/stage.js';
import { FileTaskOutputs } from '../../../pipeline/task/file_outputs.js';
import { write } from '../../../stages/write.js';
import { collect, testContext } from '../../helpers/context.js';
import { readBack, runWrite as writeDocs } from '../../helpers/write_stage.js';

const META: MetaSchema = { language: 'string', score: 'float64', words: 'int32', kept: 'bool' };
const LANGUAGES = ['en', 'de', null, 'en', '../x', 'fr'];

const docs: Doc[] = Array.from({ length: 30 }, (_, i) => ({
  id: `doc-${String(i).padStart(2, '0')}`,
  text: `Text ${i}: ünïcödé 日本語 🙂, a tab\tand a newline\n, a line separator \u2028 and "quotes".`,
  ...(i % 4 === 0 ? {} : { url: `https://example.org/${i}` }),
  meta: { language: LANGUAGES[i % LANGUAGES.length]!, score: i / 7, words: i * 3, kept: i % 2 === 0 },
}));

async function* toStream(items: Doc[]): AsyncGenerator<Doc> {
  yield* items;
}

const runWrite = (options: Record<string, unknown>, input: Doc[] = docs, rank = 0) => writeDocs(options, input, META, rank);

/** Every file under `dir`, relative to it, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(path.join(dir, f)).isFile())
    .sort();
}

describe('write stage', () => {
  it('writes JSONL, gzip-compressed by default, one object per doc with id, text, url and every meta key, and passes the docs on', async () => {
    const { runDir, records, passed } = await runWrite({ format: 'jsonl' });
    expect(records.map((r) => [r.path, r.kind, r.rows])).toEqual([['docs/00000.jsonl.gz', 'docs', 30]]);
    const lines = gunzipSync(readFileSync(path.join(runDir, 'docs/00000.jsonl.gz')))
      .toString('utf8')
      .split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l))).toEqual(docs.map((d) => ({ id: d.id, text: d.text, url: d.url ?? null, ...d.meta })));
    expect(passed).toEqual(docs);
    expect(await readBack(runDir, records)).toEqual(docs);
  });

  it('writes JSONL compressed with zstd, or not at all, and reads each back whole', async () => {
    for (const [compression, name] of [
      ['zstd', 'docs/00000.jsonl.zst'],
      ['none', 'docs/00000.jsonl'],
    ] as const) {
      const { runDir, records } = await runWrite({ format: 'jsonl', compression });
      expect(records.map((r) => r.path)).toEqual([name]);
      expect(await readBack(runDir, records)).toEqual(docs);
    }
  });

  it('writes Arrow in the IPC file framing by default and in the stream framing with ipc: stream, both read back whole', async () => {
    const file = await runWrite({});
    const stream = await runWrite({ ipc: 'stream', batch_rows: 7 });
    expect(readFileSync(path.join(file.runDir, 'docs/00000.arrow')).subarray(0, 6).toString()).toBe('ARROW1');
    expect(readFileSync(path.join(stream.runDir, 'docs/00000.arrow')).subarray(0, 4).readUInt32LE(0)).toBe(0xffffffff);
    expect(await readBack(file.runDir, file.records)).toEqual(docs);
    expect(await readBack(stream.runDir, stream.records)).toEqual(docs);
  });

  it('writes the same bytes on every run', async () => {
    for (const options of [{ format: 'jsonl' }, { format: 'jsonl', compression: 'zstd' }, { ipc: 'stream' }]) {
      const [a, b] = [await runWrite(options), await runWrite(options)];
      expect(a.records.map((r) => r.sha256)).toEqual(b.records.map((r) => r.sha256));
    }
  });

  it('writes the datatrove layout: text, id and a metadata object holding url and the meta keys', async () => {
    const jsonl = await runWrite({ format: 'jsonl', layout: 'datatrove', compression: 'none' });
    const first = JSON.parse(readFileSync(path.join(jsonl.runDir, 'docs/00000.jsonl'), 'utf8').split('\n')[1]!);
    expect(Object.keys(first)).toEqual(['text', 'id', 'metadata']);
    expect(first).toEqual({ text: docs[1]!.text, id: 'doc-01', metadata: { url: 'https://example.org/1', ...docs[1]!.meta } });
    expect(await readBack(jsonl.runDir, jsonl.records)).toEqual(docs);

    const arrow = await runWrite({ layout: 'datatrove' });
    const schema = (await docFileFormatOf('x.arrow').fields(path.join(arrow.runDir, 'docs/00000.arrow'))).join(',');
    expect(schema).toBe('text,id,url,language,score,words,kept');
    expect(await readBack(arrow.runDir, arrow.records)).toEqual(docs);
  });

  it('partitions by a meta key: one file per task and value, a missing value under _missing, counted per folder', async () => {
    const { runDir, records, counts } = await runWrite({ format: 'jsonl', path: 'docs/${language}' }, docs, 3);
    expect(filesUnder(runDir)).toEqual([
      'docs/..%2Fx/00003-00000.jsonl.gz',
      'docs/_missing/00003-00000.jsonl.gz',
      'docs/de/00003-00000.jsonl.gz',
      'docs/en/00003-00000.jsonl.gz',
      'docs/fr/00003-00000.jsonl.gz',
    ]);
    for (const r of records) {
      const folder = r.path.split('/')[1]!;
      const inIt = await readBack(runDir, [r]);
      expect(inIt.length).toBe(r.rows);
      const values = new Set(inIt.map((d) => d.meta.language));
      expect(values).toEqual(new Set([folder === '_missing' ? null : folder === '..%2Fx' ? '../x' : folder]));
    }
    expect((await readBack(runDir, records)).map((d) => d.id).sort()).toEqual(docs.map((d) => d.id));
    expect(counts['partition:en']).toBe(10);
    expect(counts['partition:_missing']).toBe(5);
    expect(counts['partition:..%2Fx']).toBe(5);
  });

  it('starts a new file at max_rows_per_file and before max_bytes_per_file, with sorted names, every file recorded', async () => {
    const byRows = await runWrite({ max_rows_per_file: 8 });
    expect(byRows.records.map((r) => [r.path, r.rows])).toEqual([
      ['docs/00000-00000.arrow', 8],
      ['docs/00000-00001.arrow', 8],
      ['docs/00000-00002.arrow', 8],
      ['docs/00000-00003.arrow', 6],
    ]);
    expect(filesUnder(byRows.runDir)).toEqual(byRows.records.map((r) => r.path));
    expect(await readBack(byRows.runDir, byRows.records)).toEqual(docs);

    // Each doc here counts 122 to 149 bytes: 3 in a row fit under 500, 4 in a row do not.
    const byBytes = await runWrite({ format: 'jsonl', max_bytes_per_file: 500 });
    expect(byBytes.records.map((r) => r.rows)).toEqual([3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
    expect(await readBack(byBytes.runDir, byBytes.records)).toEqual(docs);
    // A doc larger than the limit still gets written, alone.
    const alone = await runWrite({ format: 'jsonl', max_bytes_per_file: 10 });
    expect(alone.records.map((r) => r.rows)).toEqual(docs.map(() => 1));
  });

  it('closes the least recently written file past max_open_files; its folder continues in a new part', async () => {
    const { runDir, records } = await runWrite({ format: 'jsonl', path: 'docs/{language}', max_open_files: 2 });
    // Values cycle through 5 folders, so with 2 open every doc finds its folder closed.
    expect(records).toHaveLength(30);
    expect(records.filter((r) => r.path.startsWith('docs/en/')).map((r) => r.path)).toEqual(
      Array.from({ length: 10 }, (_, i) => `docs/en/00000-${String(i).padStart(5, '0')}.jsonl.gz`),
    );
    expect((await readBack(runDir, records)).map((d) => d.id).sort()).toEqual(docs.map((d) => d.id));
  });

  it('writes one empty file for a task without docs, so an unpartitioned output has a file per task', async () => {
    const { runDir, records } = await runWrite({ format: 'jsonl' }, []);
    expect(records.map((r) => [r.path, r.rows])).toEqual([['docs/00000.jsonl.gz', 0]]);
    expect(await readBack(runDir, records)).toEqual([]);
  });

  it('refuses to commit a file that no longer reads back whole', async () => {
    for (const [options, name] of [
      [{ format: 'jsonl' }, 'docs/00000.jsonl.gz'],
      [{ format: 'jsonl', compression: 'zstd' }, 'docs/00000.jsonl.zst'],
      [{ ipc: 'stream' }, 'docs/00000.arrow'],
    ] as const) {
      const ctx = testContext({ metaIn: META });
      const outputs = new FileTaskOutputs(ctx.runDir);
      const stage = write.create(write.options.parse(options), { baseDir: ctx.runDir, runDir: ctx.runDir }) as StreamStage;
      await collect(stage.run(toStream(docs), { ...ctx, outputs }));
      const tmp = path.join(ctx.runDir, `${name}.tmp`);
      truncateSync(tmp, statSync(tmp).size - 20);
      await expect(outputs.commit()).rejects.toThrow(ShardError);
    }
  });

  it('refuses a JSONL file with a line that is not a doc, naming the line', async () => {
    const { runDir, records } = await runWrite({ format: 'jsonl', compression: 'none' });
    const file = path.join(runDir, records[0]!.path);
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"id": 1}\n`);
    await expect(collect(docFileFormatOf(file).read(file))).rejects.toThrow(/line 31 is not a doc row/);
    await expect(collect(docFileFormatOf(file).read(file, records[0]))).rejects.toThrow(/bytes, where \d+ were written/);
  });

  it('keeps Sieve reading its flat Arrow shards as before', async () => {
    const { runDir } = await runWrite({});
    expect(await collect(readDocShard(path.join(runDir, 'docs/00000.arrow')))).toEqual(docs);
  });
});
