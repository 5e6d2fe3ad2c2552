import { describe, expect, it } from 'vitest';
import { stageDefinition } from '../../../pipeline/registry.js';
import { ARTICLE, doc } from '../quality/docs.js';
import { runStage, streamStage } from '../quality/run_stage.js';

const GERMAN = 'Der Stadtrat hat am Dienstag beschlossen, das Radwegenetz in den nördlichen Bezirken deutlich auszubauen.';
const JAPANESE = '東京都は日本の首都であり、政治と経済の中心地です。人口は約千四百万人です。';

describe('language', () => {
  it('keeps English above 0.65 by default (fastText), labels every doc and counts languages', async () => {
    const docs = [doc(ARTICLE), { ...doc(GERMAN), id: 'de' }, { ...doc(JAPANESE), id: 'ja' }, { ...doc(''), id: 'empty' }];
    const { out, ctx } = await runStage(streamStage('language'), docs);
    expect(out.map((d) => d.id)).toEqual(['d']);
    expect(out[0]!.meta.language).toBe('en');
    expect(out[0]!.meta.language_score).toBeGreaterThan(0.9);
    expect(ctx.rejected.map((r) => [r.doc.id, r.doc.meta.language, r.reason])).toEqual([
      ['de', 'de', 'language:other'],
      ['ja', 'ja', 'language:other'],
      ['empty', 'und', 'language:other'],
    ]);
    expect(ctx.counters.counts).toMatchObject({ 'language:en': 1, 'language:de': 1, 'language:ja': 1, 'language:und': 1 });
  });

  it('drops a kept language below min_score as low_score', async () => {
    const { ctx } = await runStage(streamStage('language', { min_score: 0.999999 }), [doc('Hello there, friend.')]);
    expect(ctx.rejected[0]!.reason).toBe('language:low_score');
  });

  it('keeps other languages, or all of them, when configured', async () => {
    const de = await runStage(streamStage('language', { keep: ['de', 'ja'] }), [doc(GERMAN), doc(JAPANESE), doc(ARTICLE)]);
    expect(de.out.map((d) => d.meta.language)).toEqual(['de', 'ja']);
    const all = await runStage(streamStage('language', { keep: null }), [doc(GERMAN), doc(ARTICLE)]);
    expect(all.out).toHaveLength(2);
  });

  it('speaks ISO 639-1 with the franc backend too', async () => {
    const { out } = await runStage(streamStage('language', { backend: 'franc', keep: ['de', 'ja'], min_score: 0 }), [
      doc(GERMAN),
      doc(JAPANESE),
    ]);
    expect(out.map((d) => d.meta.language)).toEqual(['de', 'ja']);
  });

  it('rejects ISO 639-3 codes in the config with the 639-1 code to use', () => {
    const result = stageDefinition('language')!.options.safeParse({ keep: ['eng'] });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toMatch(/use the ISO 639-1 code \\"en\\"/);
  });

  it('rejects a kept language the chosen backend cannot recognize', () => {
    expect(stageDefinition('language')!.options.safeParse({ keep: ['zu'] }).success).toBe(false); // not among lid.176's labels
    expect(stageDefinition('language')!.options.safeParse({ backend: 'franc', keep: ['zu'] }).success).toBe(true);
  });
});
