import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Doc } from '../../pipeline/doc.js';
import { interopUnavailable, pythonJson } from '../helpers/python.js';
import { writeShard } from '../helpers/shards.js';

const docs: Doc[] = Array.from({ length: 2500 }, (_, i) => ({
  id: `doc-${i}`,
  text: `Text ${i}: ünïcödé, 日本語, emoji 🙂, a tab\tand a newline\n.`,
  url: i % 3 === 0 ? undefined : `https://example.org/${i}`,
  meta: { language: i % 2 ? 'en' : 'de', language_score: i / 2500, token_count: i, kept: i % 5 === 0 },
}));

describe.skipIf(interopUnavailable)(
  `Arrow doc shards in real readers${interopUnavailable ? ` (skipped: ${interopUnavailable})` : ''}`,
  () => {
    it('pyarrow reads every row, id, text and meta value of a Sieve doc shard', async () => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'sieve-interop-')), 'docs.arrow');
      await writeShard(file, docs, { language: 'string', language_score: 'float64', token_count: 'int32', kept: 'bool' });
      const read = await pythonJson<{
        rows: number;
        columns: string[];
        ids: string[];
        texts: string[];
        urls: (string | null)[];
        scores: number[];
      }>(
        `
import json, sys, pyarrow.ipc as ipc
t = ipc.open_file(sys.argv[1]).read_all()
print(json.dumps({"rows": t.num_rows, "columns": t.column_names, "ids": t["id"].to_pylist(), "texts": t["text"].to_pylist(),
                  "urls": t["url"].to_pylist(), "scores": t["language_score"].to_pylist()}))
`,
        [file],
      );
      expect(read.rows).toBe(docs.length);
      expect(read.columns).toEqual(['id', 'text', 'url', 'language', 'language_score', 'token_count', 'kept']);
      expect(read.ids).toEqual(docs.map((d) => d.id));
      expect(read.texts).toEqual(docs.map((d) => d.text));
      expect(read.urls).toEqual(docs.map((d) => d.url ?? null));
      expect(read.scores).toEqual(docs.map((d) => d.meta.language_score));
    });
  },
);
