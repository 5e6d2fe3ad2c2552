import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Doc } from '../../../pipeline/doc.js';
import { sieve } from '../../helpers/cli.js';
import { readShardDir, writeShard } from '../../helpers/shards.js';
import { ARTICLE, SENTENCES } from './docs.js';

const GERMAN = 'Der Stadtrat hat am Dienstag beschlossen, das Radwegenetz in den nördlichen Bezirken auszubauen. '.repeat(3);

describe('the text-level chain through the CLI', () => {
  it('labels, filters and scrubs, and `sieve stats` shows every drop under its rule', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sieve-text-chain-'));
    const docs: Doc[] = [
      { id: 'kept', text: `${ARTICLE}\nQuestions go to press.office@citycouncil-example.org or 8.8.8.8.`, meta: {} },
      { id: 'german', text: GERMAN, meta: {} },
      { id: 'short', text: SENTENCES[0]!, meta: {} },
      { id: 'lorem', text: `${ARTICLE}\nLorem ipsum dolor sit amet, consectetur adipiscing elit.`, meta: {} },
      { id: 'spam', text: SENTENCES.flatMap((s) => [s, 'Read more']).join('\n'), meta: {} },
    ];
    await writeShard(path.join(dir, 'in.arrow'), docs);
    const config = path.join(dir, 'chain.yaml');
    writeFileSync(
      config,
      [
        'name: text-chain',
        `run_dir: ${dir}/run`,
        'input:',
        `  arrow: { paths: ["${dir}/in.arrow"] }`,
        'stages:',
        '  - language: { keep: [en], min_score: 0.65 }',
        '  - gopher_repetition: {}',
        '  - gopher_quality: {}',
        '  - c4_quality: {}',
        '  - c4_lines: {}',
        '  - fineweb_quality: {}',
        '  - pii: {}',
        '  - write: {}',
        'executor: { local: { tasks: 1, workers: 1 } }',
        '',
      ].join('\n'),
    );
    const run = await sieve(['run', config]);
    expect(run.stderr).not.toMatch(/sieve:/);
    expect(run.code).toBe(0);

    const out = await readShardDir(path.join(dir, 'run', 'docs'));
    expect(out.map((d) => d.id)).toEqual(['kept']);
    expect(out[0]!.text).toMatch(/Questions go to email@example\.com or 192\.0\.2\.1\.$/);
    expect(out[0]!.meta).toMatchObject({ language: 'en', gopher_words: expect.any(Number), fineweb_line_punct_ratio: 1 });

    const stats = await sieve(['stats', path.join(dir, 'run'), '--json']);
    const funnel = JSON.parse(stats.stdout).funnel as { stage: string; drops: { reason: string; docs: number }[] }[];
    const drops = Object.fromEntries(funnel.flatMap((f) => f.drops.map((d) => [d.reason, d.docs])));
    expect(drops).toEqual({
      'language:other': 1,
      'gopher_repetition:dup_line_frac': 1,
      'gopher_quality:short_doc': 1,
      'c4:lorem_ipsum': 1,
    });
  });
});
