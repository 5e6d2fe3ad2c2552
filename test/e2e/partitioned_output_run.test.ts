import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Doc } from '../../pipeline/doc.js';
import type { runStats } from '../../pipeline/report/run_stats.js';
import { sieve } from '../helpers/cli.js';
import { writeShard } from '../helpers/shards.js';

const dir = mkdtempSync(path.join(tmpdir(), 'sieve-partitioned-'));
const runDir = path.join(dir, 'run');
const LANGUAGES = ['en', 'de', 'en', '../up', null];

const docs: Doc[] = Array.from({ length: 90 }, (_, i) => ({
  id: `doc-${String(i).padStart(3, '0')}`,
  text: `Document ${i}: some text.`,
  url: `https://example.org/${i}`,
  meta: { language: LANGUAGES[i % LANGUAGES.length]! },
}));

describe('a run writing JSONL partitioned by language', () => {
  beforeAll(async () => {
    for (let f = 0; f < 3; f++) await writeShard(path.join(dir, `in-${f}.arrow`), docs.slice(f * 30, (f + 1) * 30), { language: 'string' });
    const config = path.join(dir, 'partitioned.yaml');
    writeFileSync(
      config,
      `name: partitioned\nrun_dir: ${runDir}\ninput:\n  arrow: { paths: ["${dir}/in-*.arrow"] }\n` +
        `stages:\n  - write: { format: jsonl, path: "docs/{language}", max_rows_per_file: 5 }\nexecutor: { local: { tasks: 3, workers: 2 } }\n`,
    );
    const run = await sieve(['run', config]);
    expect(run.stderr).not.toMatch(/sieve:/);
    expect(run.code).toBe(0);
  });

  it('sieve stats counts every file and doc, and the docs per folder', async () => {
    const json = await sieve(['stats', runDir, '--json']);
    const stats = JSON.parse(json.stdout) as ReturnType<typeof runStats>;
    expect(stats.output.docs).toBe(90);
    // Per task (30 docs): en 12, de 6, ..%2Fup 6, _missing 6, at 5 docs a file: 3 + 2 + 2 + 2 files.
    expect(stats.output.shards).toBe(27);
    expect(Object.fromEntries(stats.partitions[0]!.rows.map((r) => [r.key, r.docs]))).toEqual({
      en: 36,
      de: 18,
      '..%2Fup': 18,
      _missing: 18,
    });
    const text = await sieve(['stats', runDir]);
    expect(text.stdout).toMatch(/^Partitions \(docs write wrote per folder\)\n {2}folder +docs +share\n {2}en +36 +40\.0%$/m);
  });

  it('sieve inspect reads the JSONL files of every folder, and filters on their meta keys', async () => {
    const all = await sieve(['inspect', runDir, '--json', '--sample', '100']);
    expect(all.code).toBe(0);
    const ids = all.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { id: string }).id);
    expect(ids.sort()).toEqual(docs.map((d) => d.id));
    const up = await sieve(['inspect', runDir, '--json', '--sample', '100', '--where', 'language=../up']);
    expect(up.stdout.trim().split('\n')).toHaveLength(18);
  });
});
