import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SourceStage } from '../../../../pipeline/stage.js';
import { arrowSource } from '../../../../stages/sources/arrow_source.js';
import { collect, testContext } from '../../../helpers/context.js';
import { writeShard } from '../../../helpers/shards.js';

const docs = (file: number) => Array.from({ length: 4 }, (_, i) => ({ id: `f${file}-d${i}`, text: `text ${file}.${i}`, meta: {} }));

describe('arrow source', () => {
  it('a corrupt file is counted under arrow:corrupt_file and the other files are still read', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sieve-arrow-source-'));
    for (const f of [0, 1, 2]) await writeShard(path.join(dir, `in-${f}.arrow`), docs(f));
    const broken = path.join(dir, 'in-1.arrow');
    writeFileSync(broken, readFileSync(broken).subarray(0, 100));
    const stage = arrowSource.create(arrowSource.options.parse({ paths: [`${dir}/in-*.arrow`] }), {
      baseDir: dir,
      runDir: dir,
    }) as SourceStage;
    const ctx = testContext();
    const warnings: string[] = [];
    ctx.log.warn = (m) => warnings.push(m);
    const { inputs } = await stage.listInputs();
    const read = [];
    for (const input of inputs) read.push(...(await collect(stage.read(input, ctx))));
    expect(read.map((d) => d.id)).toEqual([...docs(0), ...docs(2)].map((d) => d.id));
    expect(ctx.counters.dropped).toEqual({ 'arrow:corrupt_file': 1 });
    expect(warnings).toEqual([`${broken}: corrupt Arrow shard (no ARROW1 magic at its end: the file is cut short)`]);
  });

  it('takes its meta columns from the first shard whose schema reads', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sieve-arrow-source-'));
    writeFileSync(path.join(dir, 'a.arrow'), 'not arrow at all');
    await writeShard(path.join(dir, 'b.arrow'), [{ id: 'x', text: 't', meta: { lang: 'en' } }], { lang: 'string' });
    const stage = arrowSource.create(arrowSource.options.parse({ paths: [`${dir}/*.arrow`] }), {
      baseDir: dir,
      runDir: dir,
    }) as SourceStage;
    expect((await stage.listInputs()).meta).toEqual({ lang: 'string' });
  });
});
