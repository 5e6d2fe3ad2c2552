import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sieve } from '../helpers/cli.js';
import { readShardDir, writeShard } from '../helpers/shards.js';
import type { Doc } from '../../pipeline/doc.js';

/** Five input files; the same texts recur within a file, across files, and differ only in case and spacing. */
async function corpus(dir: string): Promise<void> {
  for (let f = 0; f < 5; f++) {
    const docs: Doc[] = [];
    for (let i = 0; i < 40; i++) {
      const n = (f * 17 + i) % 60;
      const text = i % 7 === 0 ? `  TEXT number ${n}\n is  here ` : `text number ${n} is here`;
      docs.push({ id: `doc-${f}-${String(i).padStart(2, '0')}`, text, url: `https://example.org/${f}/${i}`, meta: { file: f } });
    }
    await writeShard(path.join(dir, `in-${f}.arrow`), docs, { file: 'int32' });
  }
}

async function run(dir: string, tasks: number, extra = ''): Promise<string> {
  const config = path.join(dir, `dedup-${tasks}.yaml`);
  const runDir = path.join(dir, `run-${tasks}`);
  writeFileSync(
    config,
    `name: dedup\nrun_dir: ${runDir}\ninput:\n  arrow: { paths: ["${dir}/in-*.arrow"] }\nstages:\n  - exact_dedup: {${extra}}\n  - write: {}\nexecutor: { local: { tasks: ${tasks}, workers: 2 } }\nrejects: true\n`,
  );
  const result = await sieve(['run', config]);
  expect(result.stderr).not.toMatch(/sieve:/);
  expect(result.code).toBe(0);
  return runDir;
}

describe('exact_dedup', () => {
  it('keeps one doc per normalized text across tasks, the same set whatever the task count', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sieve-dedup-'));
    await corpus(dir);
    const [one, many] = [await run(dir, 1), await run(dir, 5, ' buckets: 3 ')];
    const kept1 = await readShardDir(path.join(one, 'docs'));
    const kept5 = await readShardDir(path.join(many, 'docs'));
    expect(kept1).toHaveLength(60);
    expect(new Set(kept1.map((d) => d.text.toLowerCase().replace(/\s+/g, ' ').trim())).size).toBe(60);
    expect(kept5.map((d) => d.id).sort()).toEqual(kept1.map((d) => d.id).sort());
    // Of each group the smallest id is kept.
    const all = new Map<string, string[]>();
    for (let f = 0; f < 5; f++)
      for (let i = 0; i < 40; i++) {
        const n = (f * 17 + i) % 60;
        all.set(String(n), [...(all.get(String(n)) ?? []), `doc-${f}-${String(i).padStart(2, '0')}`]);
      }
    expect(kept1.map((d) => d.id).sort()).toEqual([...all.values()].map((ids) => ids.sort()[0]!).sort());
    // Every drop is in the rejects sink with its reason.
    const rejects = await readShardDir(path.join(many, 'rejects', 'exact_dedup'));
    expect(rejects).toHaveLength(200 - 60);
    expect(new Set(rejects.map((d) => d.reason))).toEqual(new Set(['duplicate']));
    expect(rejects[0]!.meta).toHaveProperty('file');
  });
});
