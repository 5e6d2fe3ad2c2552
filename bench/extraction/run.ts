/**
 * Main-text extraction quality and speed: Sieve's `extract` next to trafilatura, resiliparse
 * (both from PyPI, in a venv this script makes) and Mozilla readability, same pages, same run.
 * Trafilatura's set is scored by its snippet method, the article-extraction-benchmark and
 * CleanEval by token-level precision/recall/F1 averaged over pages. Pages/s is single-threaded:
 * one core per extractor, extraction calls only (decoding and file reading excluded); the median
 * of three passes for Sieve, trafilatura and resiliparse, a single pass for the slow readability.
 *
 *   npx tsx bench/extraction/run.ts [--sets trafilatura,aeb,cleaneval] [--only sieve] [--favor balanced]
 *                                   [--data ../shared/data/html_extraction]
 */
import { Readability } from '@mozilla/readability';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseHTML } from 'linkedom';
import { extractText } from '../../stages/extract/extract_text.js';
import { extractOptions } from '../../stages/extract/options.js';
import { loadSet, SETS, type BenchSet, type Page } from './datasets.js';
import { meanScores, snippetScores, tokenScores, type Scores } from './score.js';

const { values: args } = parseArgs({
  options: {
    sets: { type: 'string', default: SETS.join(',') },
    only: { type: 'string' },
    favor: { type: 'string', default: 'balanced' },
    data: { type: 'string', default: path.resolve('..', 'shared', 'data', 'html_extraction') },
  },
});
const OUT = path.resolve('bench', 'out', 'extraction');
const VENV = path.resolve('bench', '.venv-extraction');
const PYTHON = path.join(VENV, 'bin', 'python');

type Extractor = { name: string; run: (pages: Page[]) => { texts: string[]; seconds: number } };

function timed(pages: Page[], fn: (html: string) => string): { texts: string[]; seconds: number } {
  let seconds = 0;
  const texts = pages.map((p) => {
    const start = performance.now();
    let text: string;
    try {
      text = fn(p.html);
    } catch {
      text = ''; // an extractor that throws on a page scores it as empty output
    }
    seconds += (performance.now() - start) / 1000;
    return text;
  });
  return { texts, seconds };
}

const sieveOptions = extractOptions.parse({ favor: args.favor, min_chars: 0 });
// Three passes, the median timed: it damps the bursts of load on a shared machine (python_extractors.py does the same).
const sieve: Extractor = {
  name: `sieve (${args.favor})`,
  run: (pages) => {
    const passes = [0, 1, 2].map(() =>
      timed(pages, (html) => {
        const r = extractText(html, sieveOptions);
        return 'text' in r ? r.text : '';
      }),
    );
    const seconds = passes.map((p) => p.seconds).sort((a, b) => a - b)[1]!;
    return { texts: passes[0]!.texts, seconds };
  },
};

const readability: Extractor = {
  name: 'readability (linkedom)',
  run: (pages) =>
    timed(pages, (html) => {
      const { document } = parseHTML(html);
      return new Readability(document as unknown as Document).parse()?.textContent ?? '';
    }),
};

function ensureVenv(): void {
  if (existsSync(PYTHON)) return;
  execFileSync('python3', ['-m', 'venv', VENV], { stdio: 'inherit' });
  // lxml_html_clean: trafilatura's jusText fallback imports it and lxml no longer bundles it.
  execFileSync(path.join(VENV, 'bin', 'pip'), ['install', '-q', 'trafilatura', 'lxml_html_clean', 'resiliparse'], { stdio: 'inherit' });
}

function python(name: string): Extractor {
  return {
    name,
    run: (pages) => {
      const input = path.join(OUT, `pages-${pages[0]!.set}.jsonl`);
      const output = path.join(OUT, `${name}-${pages[0]!.set}.jsonl`);
      writeFileSync(input, pages.map((p) => JSON.stringify({ id: p.id, html: p.html })).join('\n') + '\n');
      const stdout = execFileSync(PYTHON, [path.join(import.meta.dirname, 'python_extractors.py'), name, input, output], {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      });
      const seconds = Number(stdout.trim().split('\n').pop());
      const texts = readFileSync(output, 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { text: string }).text);
      return { texts, seconds };
    },
  };
}

function score(pages: Page[], texts: string[]): Scores {
  if (pages[0]!.set === 'trafilatura') {
    return snippetScores(pages.map((p, i) => ({ output: texts[i]!, ...(p.gold as { with: string[]; without: string[] }) })));
  }
  return meanScores(pages.map((p, i) => tokenScores(texts[i]!, (p.gold as { text: string }).text)));
}

mkdirSync(OUT, { recursive: true });
const extractors: Extractor[] = [sieve];
if (args.only !== 'sieve') {
  ensureVenv();
  extractors.push(python('trafilatura'), python('resiliparse'), readability);
}
const fmt = (x: number) => x.toFixed(3);
for (const set of args.sets.split(',') as BenchSet[]) {
  const pages = loadSet(args.data, set);
  const method = set === 'trafilatura' ? 'snippets, summed over pages' : 'tokens, averaged over pages';
  console.log(`\n${set}: ${pages.length} pages (${method})`);
  console.log('extractor                 precision  recall     F1   pages/s');
  const rows: { name: string; s: Scores; pps: number }[] = [];
  for (const ex of extractors) {
    const { texts, seconds } = ex.run(pages);
    const s = score(pages, texts);
    rows.push({ name: ex.name, s, pps: pages.length / seconds });
    if (ex === sieve) {
      const perPage = pages.map((p, i) => ({
        id: p.id,
        text: texts[i],
        ...(p.set === 'trafilatura' ? {} : tokenScores(texts[i]!, (p.gold as { text: string }).text)),
      }));
      writeFileSync(path.join(OUT, `sieve-${set}.json`), JSON.stringify(perPage, null, 1));
    }
  }
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(24)}  ${fmt(r.s.precision).padStart(9)}  ${fmt(r.s.recall).padStart(6)}  ${fmt(r.s.f1).padStart(5)}  ${r.pps.toFixed(1).padStart(8)}`,
    );
  }
  const traf = rows.find((r) => r.name === 'trafilatura');
  if (traf) console.log(`sieve speed: ${(rows[0]!.pps / traf.pps).toFixed(1)}x trafilatura's pages/s`);
}
