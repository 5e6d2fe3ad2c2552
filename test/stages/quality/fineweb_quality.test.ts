import { describe, expect, it } from 'vitest';
import { ARTICLE, SENTENCES, doc } from './docs.js';
import { verdict } from './run_stage.js';

const POEM = [
  'The river bends below the hill,',
  'the alders lean and wait,',
  'a heron, grey and still,',
  'beside the broken gate.',
  'The evening folds the meadow in,',
  'the swallows skim the weir,',
  'and all the noises of the inn',
  'come softly to my ear.',
].join('\n');

const COMPOUNDS = [
  'Rechtsschutzversicherungsgesellschaften.',
  'Donaudampfschifffahrtsgesellschaftskapitän.',
  'Grundstücksverkehrsgenehmigungszuständigkeit.',
  'Kraftfahrzeughaftpflichtversicherungsvertrag.',
  'Arbeiterunfallversicherungsgesetzesnovelle.',
  'Bundesausbildungsförderungsgesetzesänderung.',
  'Lebensmittelüberwachungsbehördenmitarbeiter.',
  'Wohnungsbauförderungsbestimmungsverordnung.',
].join('\n');

describe('fineweb_quality', () => {
  it('keeps a plain article and records its scores', async () => {
    const d = doc(ARTICLE);
    expect(await verdict('fineweb_quality', d)).toBe('kept');
    expect(d.meta).toMatchObject({ fineweb_line_punct_ratio: 1, fineweb_short_line_ratio: 0, fineweb_char_dup_ratio: 0 });
  });

  it('drops a product listing whose lines end without punctuation', async () => {
    const text = [
      "Men's trail running shoe, lightweight mesh upper, size 42 - 89.99 EUR",
      "Women's waterproof hiking boot with Vibram sole - 129.00 EUR",
      'Merino wool base layer, long sleeve, charcoal grey - 59.90 EUR',
      'Insulated down jacket with detachable hood, navy - 199.00 EUR',
      'Trekking poles, carbon fibre, adjustable length (pair) - 74.50 EUR',
      'Ultralight two-person tent with aluminium poles - 349.00 EUR',
      'Compression stuff sack, 15 litres, assorted colours - 19.95 EUR',
      'Headlamp with rechargeable battery, 400 lumens - 44.00 EUR',
      'Insulated steel water bottle, 750 ml, keeps drinks cold - 27.50 EUR',
    ].join('\n');
    expect(await verdict('fineweb_quality', doc(text))).toBe('fineweb:line_punct_ratio');
  });

  it('drops a poem for its short lines', async () => {
    expect(await verdict('fineweb_quality', doc(POEM))).toBe('fineweb:short_line_ratio');
  });

  it('drops an article with a repeated line', async () => {
    const text = [...SENTENCES.slice(0, 4), 'Share this article.', ...SENTENCES.slice(4), 'Share this article.'].join('\n');
    expect(await verdict('fineweb_quality', doc(text))).toBe('fineweb:char_dup_ratio');
  });

  it('drops a word list (many lines, few words)', async () => {
    expect(await verdict('fineweb_quality', doc(COMPOUNDS))).toBe('fineweb:list_ratio');
  });

  it('drops a page left with only blank lines', async () => {
    expect(await verdict('fineweb_quality', doc('\n\n   \n\t\n'))).toBe('fineweb:empty');
  });

  it('takes its thresholds as options', async () => {
    expect(await verdict('fineweb_quality', doc(POEM), { short_line_thr: 0.9 })).toBe('kept');
    expect(await verdict('fineweb_quality', doc(POEM), { short_line_length: 20 })).toBe('kept');
  });

  it('counts sentence marks of other scripts as line ends', async () => {
    const japanese = [
      '東京都は日本の首都であり、政治と経済の中心地となっています。',
      '人口は約千四百万人で、世界でも有数の大都市として知られています。',
    ].join('\n');
    const d = doc(japanese, { language: 'ja' });
    await verdict('fineweb_quality', d);
    expect(d.meta.fineweb_line_punct_ratio).toBe(1);
  });
});
