/**
 * Sizes the `extract` work budget: the work each real page takes as a share of its budget (the
 * development sets and the bundled sample's pages), and how long a hostile page runs before its
 * budget is spent. Budgets count work, so the first table is the same on every machine; the
 * seconds in the second are this machine's.
 *
 *   npx tsx bench/extraction/work.ts [--data ../shared/data/html_extraction]
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { SourceStage } from '../../pipeline/stage.js';
import { WorkBudget } from '../../stages/extract/budget.js';
import { extractText, workLimit } from '../../stages/extract/extract_text.js';
import { extractOptions } from '../../stages/extract/options.js';
import { warcSource } from '../../stages/sources/warc/warc_source.js';
import { testContext } from '../../test/helpers/context.js';
import { loadSet, SETS } from './datasets.js';

const { values: args } = parseArgs({
  options: { data: { type: 'string', default: path.resolve('..', 'shared', 'data', 'html_extraction') } },
});
const options = extractOptions.parse({});

async function samplePages(): Promise<{ id: string; html: string }[]> {
  const dir = path.resolve('datasets', 'sample');
  const ctx = testContext();
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.warc.gz'))
    .map((f) => path.join(dir, f));
  const stage = warcSource.create(warcSource.options.parse({ paths: files }), { baseDir: ctx.runDir, runDir: ctx.runDir }) as SourceStage;
  const pages: { id: string; html: string }[] = [];
  for (const file of files)
    for await (const doc of stage.read(file, ctx)) if (doc.html !== undefined) pages.push({ id: doc.url ?? doc.id, html: doc.html });
  return pages;
}

const cpuSeconds = (fn: () => void) => {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};

const sets: [string, { id: string; html: string }[]][] = [
  ...SETS.map((s) => [s, loadSet(args.data, s)] as [string, { id: string; html: string }[]]),
  ['sample', await samplePages()],
];
console.log(`budget: ${workLimit('', options).toLocaleString('en')} + ${options.work_per_char} per character of HTML\n`);
console.log('set          pages  median work/char  max work/char  heaviest page: work / budget');
for (const [name, pages] of sets) {
  const rows = pages.map((p) => {
    const budget = new WorkBudget(Infinity);
    extractText(p.html, options, budget);
    return { id: p.id, chars: p.html.length, used: budget.used, share: budget.used / workLimit(p.html, options) };
  });
  const perChar = rows.map((r) => r.used / Math.max(1, r.chars)).sort((a, b) => a - b);
  const heaviest = rows.reduce((a, b) => (b.share > a.share ? b : a));
  console.log(
    `${name.padEnd(12)} ${String(pages.length).padStart(5)}  ${perChar[perChar.length >> 1]!.toFixed(2).padStart(16)}  ${perChar.at(-1)!.toFixed(2).padStart(13)}  ` +
      `${(100 * heaviest.share).toFixed(1)} % (${Math.round(heaviest.used).toLocaleString('en')} units, ${heaviest.chars.toLocaleString('en')} chars: ${heaviest.id})`,
  );
}

const paragraph = '<p>Paragraph of the story, long enough to count as prose, with commas, clauses and a full stop.</p>';
const HOSTILE: [string, string][] = [
  ['200,000 nested unclosed tags', `<html><body>${'<div><span>'.repeat(100_000)}${paragraph}</body></html>`],
  ['1,000,000 nested <div>, 5 MB', `<html><body>${'<div>'.repeat(1_000_000)}${paragraph}</body></html>`],
  ['5,000 open tags, 2.5M stray </b>', `<body>${'<div>'.repeat(5_000)}${'</b>'.repeat(2_500_000)}${paragraph}</body>`],
  ['10 MB of nested paragraphs', `<body>${'<div>'.repeat(200)}${paragraph.repeat(100_000)}</body>`],
  ['1,250,000 <b> elements, 10 MB', `<body><p>${'<b>x</b>'.repeat(1_250_000)}</p></body>`],
  ['10 MB of headings and paragraphs', `<body><article>${'<h2>Head</h2><p>x</p>'.repeat(476_000)}</article></body>`],
  ['nested layout tables', `<body>${'<table><tr><td><b>x</b>'.repeat(20_000)}${paragraph}</body>`],
];
console.log('\nhostile page                        chars        outcome          work used   budget   CPU s');
for (const [name, html] of HOSTILE) {
  const budget = new WorkBudget(workLimit(html, options));
  let reason = '';
  const seconds = cpuSeconds(() => {
    const r = extractText(html, options, budget);
    reason = 'reason' in r ? r.reason : `${r.text.length} chars of text`;
  });
  console.log(
    `${name.padEnd(34)} ${html.length.toLocaleString('en').padStart(11)}  ${reason.padEnd(18)} ${(budget.used / 1e6).toFixed(1).padStart(8)}M ${(budget.limit / 1e6).toFixed(1).padStart(7)}M ${seconds.toFixed(2).padStart(7)}`,
  );
}
