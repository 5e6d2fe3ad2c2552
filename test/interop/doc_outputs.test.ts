import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Doc, MetaSchema } from '../../pipeline/doc.js';
import { completedShards, readRunState } from '../../pipeline/report/run_state.js';
import { readManifest } from '../../pipeline/run/manifest.js';
import { sieve } from '../helpers/cli.js';
import { INTEROP_PYTHON, interopUnavailable, pythonJson } from '../helpers/python.js';
import { writeShard } from '../helpers/shards.js';
import { runWrite } from '../helpers/write_stage.js';

const META: MetaSchema = { language: 'string', language_score: 'float64', token_count: 'int32', kept: 'bool' };
const LANGUAGES = ['en', 'de', 'en', 'fr', null];

const docs: Doc[] = Array.from({ length: 2500 }, (_, i) => ({
  id: `doc-${i}`,
  text: `Text ${i}: ünïcödé, 日本語, emoji 🙂, a tab\tand a newline\n, a line separator \u2028, "quotes" and \\ backslash.`,
  url: i % 3 === 0 ? undefined : `https://example.org/${i}`,
  meta: { language: LANGUAGES[i % LANGUAGES.length]!, language_score: i / 2500, token_count: i, kept: i % 5 === 0 },
}));

type Kind = 'arrow-file' | 'arrow-stream' | 'jsonl' | 'parquet';

/** The doc files `write` makes, each with the `write` options that make it. Parquet, once wired: `{ what: 'Parquet', kind: 'parquet', options: { format: 'parquet' } }`. */
const OUTPUTS: { what: string; kind: Kind; options: Record<string, unknown> }[] = [
  { what: 'Arrow IPC files', kind: 'arrow-file', options: { format: 'arrow', batch_rows: 700 } },
  { what: 'Arrow IPC streams', kind: 'arrow-stream', options: { format: 'arrow', ipc: 'stream', batch_rows: 700 } },
  { what: 'gzip JSONL', kind: 'jsonl', options: { format: 'jsonl' } },
  { what: 'zstd JSONL', kind: 'jsonl', options: { format: 'jsonl', compression: 'zstd' } },
  { what: 'plain JSONL', kind: 'jsonl', options: { format: 'jsonl', compression: 'none' } },
];

/**
 * Python readers: `read(kind, files)` returns the rows as dicts. DuckDB reads no Arrow IPC without
 * its `nanoarrow` community extension, which no package registry carries, so it is not asked to.
 */
const READERS: { reader: string; kinds: Kind[]; script: string }[] = [
  {
    reader: 'pyarrow',
    kinds: ['arrow-file', 'arrow-stream', 'jsonl', 'parquet'],
    script: `
import pyarrow as pa, pyarrow.ipc as ipc, pyarrow.json as pj, pyarrow.parquet as pq
OPEN = {"arrow-file": lambda f: ipc.open_file(f).read_all(), "arrow-stream": lambda f: ipc.open_stream(f).read_all(),
        "jsonl": pj.read_json, "parquet": pq.read_table}
def read(kind, files):
    return pa.concat_tables([OPEN[kind](f) for f in files]).to_pylist()
`,
  },
  {
    reader: 'polars',
    kinds: ['arrow-file', 'arrow-stream', 'jsonl', 'parquet'],
    script: `
import polars as pl
OPEN = {"arrow-file": pl.read_ipc, "arrow-stream": pl.read_ipc_stream, "jsonl": pl.read_ndjson, "parquet": pl.read_parquet}
def read(kind, files):
    return pl.concat([OPEN[kind](f) for f in files]).to_dicts()
`,
  },
  {
    reader: 'DuckDB',
    kinds: ['jsonl', 'parquet'],
    script: `
import duckdb
def read(kind, files):
    reader = "read_json($files, format = 'newline_delimited')" if kind == "jsonl" else "read_parquet($files)"
    rel = duckdb.sql(f"SELECT * FROM {reader}", params={"files": files})
    return [dict(zip(rel.columns, row)) for row in rel.fetchall()]
`,
  },
  {
    reader: 'HF datasets',
    kinds: ['arrow-file', 'arrow-stream', 'jsonl', 'parquet'],
    script: `
import datasets
datasets.disable_progress_bars()
def read(kind, files):
    if kind == "arrow-stream":
        return [row for f in files for row in datasets.Dataset.from_file(f)]
    builder = {"arrow-file": "arrow", "jsonl": "json", "parquet": "parquet"}[kind]
    return list(datasets.load_dataset(builder, data_files=files, split="train"))
`,
  },
];

const COLUMNS = `
import json, sys
rows = read(sys.argv[1], sys.argv[2:])
print(json.dumps({k: [r.get(k) for r in rows] for k in ["id", "text", "url", "language", "language_score", "token_count", "kept"]}))
`;

/** What a reader must see: every doc, in order, with its url and meta values. */
function expected(of: Doc[]): Record<string, unknown[]> {
  return {
    id: of.map((d) => d.id),
    text: of.map((d) => d.text),
    url: of.map((d) => d.url ?? null),
    ...Object.fromEntries(Object.keys(META).map((key) => [key, of.map((d) => d.meta[key] ?? null)])),
  };
}

/** Why the datatrove tests cannot run: no interop Python, or one without datatrove (test/interop/requirements.txt lists it). */
const datatroveUnavailable =
  interopUnavailable ??
  (() => {
    try {
      execFileSync(INTEROP_PYTHON, ['-c', 'import datatrove'], { stdio: 'ignore' });
      return undefined;
    } catch {
      return `datatrove is not installed in ${INTEROP_PYTHON}: pip install -r test/interop/requirements.txt`;
    }
  })();

const skipped = (why: string | undefined) => (why ? ` (skipped: ${why})` : '');

describe.skipIf(interopUnavailable)(`Sieve's doc files in real readers${skipped(interopUnavailable)}`, () => {
  for (const { what, kind, options } of OUTPUTS) {
    for (const { reader, script } of READERS.filter((r) => r.kinds.includes(kind))) {
      it(`${reader} reads ${what}: every row, id, text, url and meta value`, async () => {
        const { runDir, records } = await runWrite(options, docs, META);
        const files = records.map((r) => path.join(runDir, r.path));
        expect(await pythonJson<Record<string, unknown[]>>(script + COLUMNS, [kind, ...files])).toEqual(expected(docs));
      });
    }
  }

  it('polars reads a partitioned run per folder: each holds the docs of its value, as many as the run recorded', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sieve-interop-partitions-'));
    const third = Math.ceil(docs.length / 3);
    for (let f = 0; f < 3; f++) await writeShard(path.join(dir, `in-${f}.arrow`), docs.slice(f * third, (f + 1) * third), META);
    const config = path.join(dir, 'partitioned.yaml');
    writeFileSync(
      config,
      `name: partitioned\nrun_dir: ${dir}/run\ninput:\n  arrow: { paths: ["${dir}/in-*.arrow"] }\n` +
        `stages:\n  - write: { format: jsonl, path: "docs/\${language}", max_rows_per_file: 300 }\nexecutor: { local: { tasks: 3, workers: 2 } }\n`,
    );
    const result = await sieve(['run', config]);
    expect(result.stderr).not.toMatch(/sieve:/);
    expect(result.code).toBe(0);
    const runDir = path.join(dir, 'run');
    const recorded: Record<string, number> = {};
    for (const shard of completedShards(readRunState(runDir, readManifest(runDir)), 'docs')) {
      const folder = shard.path.split('/')[1]!;
      recorded[folder] = (recorded[folder] ?? 0) + shard.rows;
    }
    const read = await pythonJson<Record<string, { rows: number; languages: (string | null)[]; ids: string[] }>>(
      `
import json, pathlib, sys, polars as pl
out = {}
for folder in sorted(pathlib.Path(sys.argv[1]).iterdir()):
    t = pl.concat([pl.read_ndjson(f) for f in sorted(folder.glob("*.jsonl.gz"))])
    out[folder.name] = {"rows": t.height, "languages": sorted(set(t["language"].to_list()), key=str), "ids": t["id"].to_list()}
print(json.dumps(out))
`,
      [path.join(runDir, 'docs')],
    );
    expect(Object.keys(read)).toEqual(['_missing', 'de', 'en', 'fr']);
    expect(Object.fromEntries(Object.entries(read).map(([folder, f]) => [folder, f.rows]))).toEqual(recorded);
    for (const [folder, { languages }] of Object.entries(read)) expect(languages).toEqual([folder === '_missing' ? null : folder]);
    expect(
      Object.values(read)
        .flatMap((f) => f.ids)
        .sort(),
    ).toEqual(docs.map((d) => d.id).sort());
  });
});

describe.skipIf(datatroveUnavailable)(`datatrove's readers${skipped(datatroveUnavailable)}`, () => {
  it("datatrove's JsonlReader reads JSONL in the datatrove layout: text, id, and url and meta in metadata", async () => {
    const { runDir } = await runWrite({ format: 'jsonl', layout: 'datatrove' }, docs, META);
    const read = await pythonJson<{ text: string; id: string; metadata: Record<string, unknown> }[]>(
      `
import json, sys
from datatrove.pipeline.readers import JsonlReader
docs = list(JsonlReader(sys.argv[1], add_file_path=False).run())
print(json.dumps([{"text": d.text, "id": d.id, "metadata": d.metadata} for d in docs]))
`,
      [path.join(runDir, 'docs')],
    );
    expect(read).toEqual(docs.map((d) => ({ text: d.text, id: d.id, metadata: { url: d.url ?? null, ...d.meta } })));
  });
});
