import { describe, expect, it } from 'vitest';
import { ARTICLE, SENTENCES, doc } from './docs.js';
import { verdict } from './run_stage.js';

const CHAT = [
  'ok so i am at the bar w/ jo and me n my bf r on it',
  'u said u go to the gig w/ us but u r not here yet lol',
  'we got a tab and it is on me so no rush but be quick ok',
  'jo is mad at me bc i ate all of the nachos b4 u got here',
  'if u see my bf on the way in tell him to get me a gin',
].join('\n');

const GERMAN = [
  'Der Stadtrat hat am Dienstag beschlossen, das Radwegenetz in den nördlichen Bezirken auszubauen.',
  'Nach Angaben der Verwaltung sollen bis Ende nächsten Jahres zwölf Kilometer geschützte Radwege entstehen.',
  'Anwohner äußerten in der Sitzung Bedenken wegen fehlender Parkplätze und Lieferzonen für kleine Geschäfte.',
  'Der Verkehrsdezernent antwortete, dass in jeder betroffenen Straße Ladezonen erhalten bleiben.',
  'Eine örtliche Fahrradinitiative begrüßte die Entscheidung als ersten Schritt zu sichereren Arbeitswegen.',
  'Finanziert wird das Vorhaben aus einem regionalen Förderprogramm, das im Frühjahr bewilligt wurde.',
].join('\n');

describe('gopher_quality', () => {
  it('keeps a plain article and records every score in meta', async () => {
    const d = doc(ARTICLE);
    expect(await verdict('gopher_quality', d)).toBe('kept');
    expect(d.meta.gopher_words).toBe(126);
    expect(d.meta.gopher_stop_words).toBeGreaterThanOrEqual(2);
  });

  it('drops a one-line notice as too short', async () => {
    const text = 'The library will be closed on Monday for the public holiday. Normal opening hours resume on Tuesday.';
    expect(await verdict('gopher_quality', doc(text))).toBe('gopher_quality:short_doc');
  });

  it('drops chat-speak for its short words', async () => {
    expect(await verdict('gopher_quality', doc(CHAT))).toBe('gopher_quality:mean_word_length');
  });

  it('drops a hashtag-stuffed post', async () => {
    const text = `${SENTENCES.slice(0, 4).join(' ')}\n#cycling #bikelanes #citycouncil #urbanplanning #commute #saferstreets #greencity #transport #bike #news #local #vote`;
    expect(await verdict('gopher_quality', doc(text))).toBe('gopher_quality:hash_ratio');
  });

  it('drops a teaser page full of ellipses', async () => {
    const text = SENTENCES.map((s) => s.replace(/ (\w+) (\w+)\.$/, ' ... $1 ... $2 ...')).join(' ');
    expect(await verdict('gopher_quality', doc(text))).toBe('gopher_quality:ellipsis_ratio');
  });

  it('drops a page that is all bullet points', async () => {
    expect(await verdict('gopher_quality', doc(SENTENCES.map((s) => `- ${s}`).join('\n')))).toBe('gopher_quality:bullet_lines');
  });

  it('drops a list of teasers cut off with an ellipsis', async () => {
    const text = SENTENCES.map((s, i) => (i % 2 === 0 ? s.replace(/\.$/, '...') : s)).join('\n');
    expect(await verdict('gopher_quality', doc(text))).toBe('gopher_quality:end_ellipsis_lines');
  });

  it('drops a results table that is mostly numbers', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => `${2010 + i} 12.${i} 14.${i} 9.${i} 11.${i} 10.${i}`);
    const text = `The table below lists the yearly results of the survey and the averages of the region.\n${rows.join('\n')}`;
    expect(await verdict('gopher_quality', doc(text))).toBe('gopher_quality:alpha_words');
  });

  it('drops text without the English stop words (here German)', async () => {
    expect(await verdict('gopher_quality', doc(GERMAN))).toBe('gopher_quality:stop_words');
  });

  it('drops a dump of over 100,000 words as too long', async () => {
    const text = Array.from({ length: 14_000 }, (_, i) => SENTENCES[i % SENTENCES.length]!.replace('.', ` (item ${i}).`)).join('\n');
    expect(await verdict('gopher_quality', doc(text))).toBe('gopher_quality:long_doc');
  });

  it('takes its thresholds as options', async () => {
    expect(await verdict('gopher_quality', doc(ARTICLE), { max_doc_words: 100 })).toBe('gopher_quality:long_doc');
    expect(await verdict('gopher_quality', doc(GERMAN), { min_stop_words: null })).toBe('kept');
    expect(await verdict('gopher_quality', doc(GERMAN), { stop_words: ['der', 'die', 'das', 'und'] })).toBe('kept');
  });

  it('counts words of unspaced scripts with the segmenter, per the language in meta', async () => {
    const japanese = doc('東京都は日本の首都であり、政治と経済の中心地です。人口は約千四百万人で、世界でも有数の大都市です。', {
      language: 'ja',
    });
    await verdict('gopher_quality', japanese);
    expect(japanese.meta.gopher_words).toBeGreaterThan(15);
    const asOneWord = doc(japanese.text, { language: 'ja' });
    await verdict('gopher_quality', asOneWord, { word_split: { ja: 'whitespace' } });
    expect(asOneWord.meta.gopher_words).toBeLessThan(5);
  });
});
