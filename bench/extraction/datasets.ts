import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeHtml } from '../../stages/sources/warc/charset.js';

/** A benchmark page and its gold: snippets to find and not find, or the gold main text. */
export interface Page {
  set: BenchSet;
  id: string;
  html: string;
  gold: { with: string[]; without: string[] } | { text: string };
}

export type BenchSet = 'trafilatura' | 'aeb' | 'cleaneval';
export const SETS: BenchSet[] = ['trafilatura', 'aeb', 'cleaneval'];

// Pages are decoded once, the way the WARC source decodes bodies, and every extractor gets the same string.
const decode = (bytes: Buffer) => decodeHtml(bytes, undefined, () => {}).html;

function trafilaturaSet(dir: string): Page[] {
  const evaldata = JSON.parse(readFileSync(path.join(dir, 'evaldata.json'), 'utf8')) as Record<
    string,
    { file: string; with: string[]; without: string[] }
  >;
  return Object.entries(evaldata).map(([url, item]) => {
    const file = ['eval', 'cache'].map((d) => path.join(dir, d, `${item.file}.gz`)).find((f) => existsSync(f))!;
    return { set: 'trafilatura', id: url, html: decode(gunzipSync(readFileSync(file))), gold: { with: item.with, without: item.without } };
  });
}

function aebSet(dir: string): Page[] {
  const truth = JSON.parse(readFileSync(path.join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string }>;
  return Object.entries(truth).map(([id, item]) => ({
    set: 'aeb',
    id,
    html: decode(gunzipSync(readFileSync(path.join(dir, 'html', `${id}.html.gz`)))),
    gold: { text: item.articleBody },
  }));
}

/** CleanEval gold marks blocks with `<p>`, `<h>`, `<l>` and starts with a `URL:` line: only the words count. */
export function cleanEvalGold(raw: string): string {
  return raw
    .replace(/^URL:.*\n/, '')
    .replace(/<[phl]>/g, '\n')
    .trim();
}

function cleanEvalSet(dir: string): Page[] {
  return readdirSync(path.join(dir, 'input'))
    .filter((f) => f.endsWith('.html'))
    .sort()
    .flatMap((f) => {
      const id = f.replace(/\.html$/, '');
      const goldFile = path.join(dir, 'GoldStandard', `${id}.txt`);
      if (!existsSync(goldFile)) return [];
      return [
        {
          set: 'cleaneval' as const,
          id,
          html: decode(readFileSync(path.join(dir, 'input', f))),
          gold: { text: cleanEvalGold(readFileSync(goldFile, 'utf8')) },
        },
      ];
    });
}

export function loadSet(root: string, set: BenchSet): Page[] {
  switch (set) {
    case 'trafilatura':
      return trafilaturaSet(path.join(root, 'trafilatura'));
    case 'aeb':
      return aebSet(path.join(root, 'scrapinghub_aeb'));
    case 'cleaneval':
      return cleanEvalSet(path.join(root, 'cleaneval_dev'));
  }
}
