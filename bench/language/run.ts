/**
 * Language ID backends side by side on the same labelled sentences: accuracy per language,
 * macro-F1, docs/s, and the English-vs-rest decision the default `language` stage makes.
 *
 *   npx tsx bench/language/run.ts [folder of <iso639-1>.txt files, default ../shared/data/langid/lingua_sentences]
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LanguageBackend } from '../../stages/language/backend.js';
import { loadFastText } from '../../stages/language/fasttext_backend.js';
import { loadFranc } from '../../stages/language/franc_backend.js';

const dir = process.argv[2] ?? path.resolve('..', 'shared', 'data', 'langid', 'lingua_sentences');
/** Labels a backend may give for a gold language: fastText has one Norwegian label (`no`) for Bokmål. */
const SAME: Record<string, string[]> = { nb: ['no'] };
/** FineWeb's threshold for fastText probabilities, and one for franc's margins (see franc_backend.ts). */
const THRESHOLDS = [0.65, 0.05];

interface Sample {
  gold: string;
  text: string;
}

const samples: Sample[] = readdirSync(dir)
  .filter((f) => /^[a-z]{2}\.txt$/.test(f))
  .sort()
  .flatMap((f) =>
    readFileSync(path.join(dir, f), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((text) => ({ gold: f.slice(0, 2), text })),
  );
const languages = [...new Set(samples.map((s) => s.gold))];

interface Result {
  name: string;
  predicted: string[];
  scores: number[];
  docsPerSecond: number;
}

function measure(name: string, backend: LanguageBackend): Result {
  for (const s of samples.slice(0, 200)) backend.identify(s.text, 1); // warm-up
  const predicted: string[] = [];
  const scores: number[] = [];
  const start = performance.now();
  for (const s of samples) {
    const best = backend.identify(s.text, 1)[0]!;
    predicted.push(best.language);
    scores.push(best.score);
  }
  const seconds = (performance.now() - start) / 1000;
  return { name, predicted, scores, docsPerSecond: samples.length / seconds };
}

const correct = (gold: string, label: string) => label === gold || (SAME[gold]?.includes(label) ?? false);

/** Per gold language: accuracy (recall) and F1, over the sentences whose gold language is in `only`. */
function perLanguage(r: Result, only: ReadonlySet<string> = new Set(languages)) {
  return languages
    .filter((lang) => only.has(lang))
    .map((lang) => {
      let tp = 0;
      let gold = 0;
      let predictedAs = 0;
      samples.forEach((s, i) => {
        if (!only.has(s.gold)) return;
        const hit = correct(lang, r.predicted[i]!);
        if (s.gold === lang) gold++;
        if (hit) predictedAs++;
        if (hit && s.gold === lang) tp++;
      });
      const precision = predictedAs ? tp / predictedAs : 0;
      const recall = gold ? tp / gold : 0;
      return { lang, n: gold, accuracy: recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
    });
}

/** English vs the rest, as the stage decides with `keep: [en]`: by the top label alone, and with min_score. */
function englishVsRest(r: Result, minScore: number) {
  let right = 0;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  samples.forEach((s, i) => {
    const kept = r.predicted[i] === 'en' && r.scores[i]! > minScore;
    const english = s.gold === 'en';
    if (kept === english) right++;
    if (kept && english) tp++;
    if (kept && !english) fp++;
    if (!kept && english) fn++;
  });
  return { accuracy: right / samples.length, precision: tp / (tp + fp || 1), recall: tp / (tp + fn || 1) };
}

const backends = [
  ['fasttext', await loadFastText()],
  ['franc', loadFranc()],
] as const;
const results = backends.map(([name, backend]) => measure(name, backend));
const tables = results.map((r) => perLanguage(r));
/** Languages every backend has a label for: the fair ground for comparing them. */
const shared = new Set(languages.filter((l) => backends.every(([, b]) => b.languages.has(l) || SAME[l]?.some((s) => b.languages.has(s)))));
const pct = (x: number) => `${(100 * x).toFixed(1)}`.padStart(6);

console.log(`${samples.length} sentences, ${languages.length} languages, from ${dir}\n`);
console.log(`lang     n ${results.map((r) => `${r.name.padStart(9)} acc`).join(' ')}`);
languages.forEach((lang, i) => {
  const cells = tables.map((t, b) =>
    (backends[b]![1].languages.has(lang) || SAME[lang] ? `${pct(t[i]!.accuracy)}%` : 'no label').padStart(13),
  );
  console.log(`${lang.padEnd(4)} ${String(tables[0]![i]!.n).padStart(5)} ${cells.join(' ')}`);
});
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const accuracy = (r: Result, only?: Set<string>) =>
  mean(samples.flatMap((s, i) => (!only || only.has(s.gold) ? [correct(s.gold, r.predicted[i]!) ? 1 : 0] : [])));
type Row = [string, (r: Result, t: ReturnType<typeof perLanguage>) => string];
const rows: Row[] = [
  [`accuracy, all ${languages.length} languages`, (r) => `${pct(accuracy(r))}%`],
  [`macro-F1, all ${languages.length} languages`, (_, t) => pct(mean(t.map((x) => x.f1)))],
  [`accuracy, ${shared.size} shared languages`, (r) => `${pct(accuracy(r, shared))}%`],
  [`macro-F1, ${shared.size} shared languages`, (r) => pct(mean(perLanguage(r, shared).map((x) => x.f1)))],
  ['docs/s (one thread)', (r) => r.docsPerSecond.toFixed(0)],
  ['en-vs-rest acc, top label', (r) => `${pct(englishVsRest(r, -1).accuracy)}%`],
  ...THRESHOLDS.flatMap((t): Row[] => [
    [`en-vs-rest acc, score > ${t}`, (r) => `${pct(englishVsRest(r, t).accuracy)}%`],
    [`  en precision, score > ${t}`, (r) => `${pct(englishVsRest(r, t).precision)}%`],
    [`  en recall, score > ${t}`, (r) => `${pct(englishVsRest(r, t).recall)}%`],
  ]),
];
console.log(
  `\nshared: the sentences of languages both backends have a label for (${languages.filter((l) => !shared.has(l)).join(', ')} left out)`,
);
console.log(`${''.padEnd(32)}${results.map((r) => r.name.padStart(12)).join('')}`);
for (const [label, cell] of rows) console.log(`${label.padEnd(32)}${results.map((r, i) => cell(r, tables[i]!).padStart(12)).join('')}`);
