// Lookups per second of the url_filter verdict with the largest UT1 lists available loaded: every
// category of the shared UT1 snapshot (about 637k domain lines) plus the adult URL list and its
// 66k-entry 2017 history, and FineWeb's word lists. (UT1's 4.6M adult *domains* are not in the
// shared data.) The URLs are those of the bundled sample WARCs plus variants that hit each check.
//   npx tsx bench/url_filter/lookups.ts [seconds]
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { warcSource } from '../../stages/sources/warc/warc_source.js';
import type { SourceStage } from '../../pipeline/stage.js';
import { loadBlockLists } from '../../stages/url_filter/load_block_lists.js';
import { urlVerdict } from '../../stages/url_filter/url_blocker.js';
import { findCategory } from '../../stages/url_filter/ut1_categories.js';
import { testContext } from '../../test/helpers/context.js';

const seconds = Number(process.argv[2] ?? 3);
const shared = path.resolve('..', 'shared', 'data', 'blocklist');
const ut1 = path.join(shared, 'ut1', 'blacklists');
const fineweb = path.resolve('datasets', 'blocklists', 'fineweb');

async function sampleUrls(): Promise<string[]> {
  const stage = warcSource.create(warcSource.options.parse({ paths: ['unused'] }), { baseDir: '.', runDir: '.' }) as SourceStage;
  const urls: string[] = [];
  const dir = path.resolve('datasets', 'sample');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.warc.gz'))) {
    for await (const doc of stage.read(path.join(dir, f), testContext())) if (doc.url) urls.push(doc.url);
  }
  return urls;
}

async function main(): Promise<void> {
  const names = readdirSync(ut1, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  const t0 = performance.now();
  const lists = loadBlockLists(
    {
      categories: names.map((n) => findCategory([ut1], n)!),
      domainFiles: [],
      urlFiles: [path.join(shared, 'ut1', 'history', 'adult_urls_2017-08-07')],
      bannedWordFiles: [path.join(fineweb, 'banned_words.txt')],
      softBannedWordFiles: [path.join(fineweb, 'soft_banned_words.txt')],
      bannedSubwordFiles: [path.join(fineweb, 'banned_subwords.txt')],
      softThreshold: 2,
    },
    { info: (m) => console.log(m), warn: () => {} },
  );
  const loadMs = performance.now() - t0;
  const heapMb = process.memoryUsage().heapUsed / 1e6;

  const base = await sampleUrls();
  const urls = [
    ...base,
    ...base.map((u) => u.replace(/^(https?:\/\/)/, '$1www.casino-extra.')),
    'https://boards.4chan.org/b/',
    'http://020sextoy.com/sk/x',
    'https://example.com/xxx/videos',
    'https://example.com/naked-lingerie',
  ];
  const reasons: Record<string, number> = {};
  for (const u of urls) {
    const v = urlVerdict(u, lists);
    reasons[v === true ? 'kept' : v] = (reasons[v === true ? 'kept' : v] ?? 0) + 1;
  }
  let n = 0;
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  while (performance.now() - start < seconds * 1000) {
    for (const u of urls) urlVerdict(u, lists);
    n += urls.length;
  }
  const elapsed = (performance.now() - start) / 1000;
  // CPU seconds too: on a shared, loaded machine wall time overstates the cost.
  const used = process.cpuUsage(cpu0);
  const cpu = (used.user + used.system) / 1e6;
  const avgLen = urls.reduce((a, u) => a + u.length, 0) / urls.length;
  console.log(
    `lists: ${names.length} UT1 categories + adult URL history; loaded in ${(loadMs / 1000).toFixed(1)} s, heap ${heapMb.toFixed(0)} MB`,
  );
  console.log(`urls: ${urls.length} distinct (mean ${avgLen.toFixed(0)} chars), verdicts ${JSON.stringify(reasons)}`);
  const rate = (s: number) => Math.round(n / s).toLocaleString('en-US');
  console.log(
    `${'lookups'.padEnd(10)} ${'wall s'.padStart(8)} ${'cpu s'.padStart(8)} ${'lookups/s wall'.padStart(15)} ${'lookups/s cpu'.padStart(15)}`,
  );
  console.log(
    `${String(n).padEnd(10)} ${elapsed.toFixed(2).padStart(8)} ${cpu.toFixed(2).padStart(8)} ${rate(elapsed).padStart(15)} ${rate(cpu).padStart(15)}`,
  );
}

await main();
