import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SourceStage } from '../../../../pipeline/stage.js';
import { commoncrawlSource } from '../../../../stages/sources/commoncrawl/commoncrawl_source.js';
import { sieve } from '../../../helpers/cli.js';
import { collect, testContext } from '../../../helpers/context.js';
import { readShardDir } from '../../../helpers/shards.js';
import { readWarc } from '../warc/warc_fixtures.js';
import { FaultServer } from '../http/fault_server.js';

const CRAWL = 'CC-MAIN-2020-34';
const SEGMENT = `crawl-data/${CRAWL}/segments/1596439735792.85/warc`;
/** The bundled sample files, served under Common Crawl's layout. */
const FILES = [
  'resiliparse_CC-MAIN-2020-34_excerpt.warc.gz',
  'dolma_wget_2024_sample-0000.warc.gz',
  'ukwa_BL-20140325121225068-00000-32090-opera-8443.warc.gz',
].map((name) => ({ path: `${SEGMENT}/${name}`, file: path.resolve('datasets', 'sample', name) }));

const LISTING = `crawl-data/${CRAWL}/warc.paths.gz`;

/** A crawl whose listing is about 300 KB of gzip that inflates to 100 MiB of plausible lines. */
const BOMB_CRAWL = 'CC-MAIN-2099-01';

function bombListing(): Buffer {
  const line = Buffer.from(`${SEGMENT}/CC-MAIN-20200804-00000.warc.gz\n`);
  const mib = gzipSync(Buffer.concat(Array<Buffer>(Math.ceil((1 << 20) / line.length)).fill(line)), { level: 9 });
  // gzip members concatenate: 100 copies of a 1 MiB member.
  return Buffer.concat(Array<Buffer>(100).fill(mib));
}

let server: FaultServer;
beforeAll(async () => {
  const listing = gzipSync(FILES.map((f) => f.path).join('\n') + '\n');
  server = await FaultServer.start({
    [LISTING]: listing,
    [`crawl-data/${BOMB_CRAWL}/warc.paths.gz`]: bombListing(),
    ...Object.fromEntries(FILES.map((f) => [f.path, f.file])),
  });
});
afterAll(() => server.close());

function stage(options: Record<string, unknown>): SourceStage {
  const opts = commoncrawlSource.options.parse({ crawl: CRAWL, base_url: server.base, http: { backoff_ms: 1 }, ...options });
  return commoncrawlSource.create(opts, { baseDir: '.', runDir: '.' }) as SourceStage;
}

describe('commoncrawl source', () => {
  it('lists the selected files of the crawl as URLs under the base URL', async () => {
    expect((await stage({}).listInputs()).inputs).toEqual(FILES.map((f) => server.url(f.path)));
    expect((await stage({ files: 1 }).listInputs()).inputs).toEqual([server.url(FILES[0]!.path)]);
    expect((await stage({ sample: { files: 2, seed: 7 } }).listInputs()).inputs).toHaveLength(2);
  });

  it('reads each file over HTTP into the same docs as from disk, tagged with the crawl', async () => {
    const source = stage({});
    for (const f of FILES) {
      const docs = await collect(source.read(server.url(f.path), testContext()));
      const disk = (await readWarc(f.file)).docs;
      expect(docs.length).toBeGreaterThan(0);
      expect(docs).toEqual(disk.map((d) => ({ ...d, meta: { ...d.meta, crawl: CRAWL } })));
    }
  });

  it('retries a listing answered with 503 first', async () => {
    server.faults.set(LISTING, { unavailable: 2 });
    expect((await stage({}).listInputs()).inputs).toHaveLength(3);
  });

  it('reads a listing redirected to another host, saying so on stderr at plan time', async () => {
    const cdn = await FaultServer.start({ 'warc.paths.gz': gzipSync(FILES[0]!.path + '\n') });
    server.faults.set(LISTING, { redirect: cdn.url('warc.paths.gz') });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      expect((await stage({}).listInputs()).inputs).toEqual([server.url(FILES[0]!.path)]);
      expect(warn.mock.calls).toEqual([[`${server.url(LISTING)}: redirected to ${cdn.url('warc.paths.gz')}`]]);
    } finally {
      warn.mockRestore();
      server.faults.delete(LISTING);
      await cdn.close();
    }
  });

  it('names the listing URL when the crawl does not exist', async () => {
    const missing = commoncrawlSource.options.parse({ crawl: 'CC-MAIN-1999-01', base_url: server.base });
    const source = commoncrawlSource.create(missing, { baseDir: '.', runDir: '.' }) as SourceStage;
    await expect(source.listInputs()).rejects.toThrow(`${server.base}crawl-data/CC-MAIN-1999-01/warc.paths.gz: download failed`);
  });

  it('refuses a listing that inflates past the cap with one line naming it, before it fills memory', async () => {
    const source = stage({ crawl: BOMB_CRAWL });
    await expect(source.listInputs()).rejects.toThrow(
      `${server.base}crawl-data/${BOMB_CRAWL}/warc.paths.gz inflates to more than 64 MiB: not a Common Crawl listing`,
    );
  });

  it('stops planning at such a listing with one line that points at the YAML', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sieve-cc-'));
    const config = path.join(dir, 'cc.yaml');
    const yaml = ['name: cc-bomb', 'run_dir: run', 'input:', `  commoncrawl: { crawl: ${BOMB_CRAWL}, base_url: "${server.base}" }`];
    writeFileSync(config, [...yaml, 'stages:', '  - write: { path: docs }'].join('\n'));
    const run = await sieve(['run', config], { cwd: dir });
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/cc\.yaml:4:\d+: .*inflates to more than 64 MiB: not a Common Crawl listing$/),
    ]);
  });

  it('refuses a malformed crawl id and files together with sample', () => {
    expect(commoncrawlSource.options.safeParse({ crawl: '2024-10' }).success).toBe(false);
    expect(commoncrawlSource.options.safeParse({ crawl: CRAWL, files: 3, sample: { files: 2, seed: 1 } }).success).toBe(false);
  });

  it('runs as a pipeline source: files split across tasks, each downloaded once, a redirect to another host in the stats', async () => {
    // The last file is served by another host, as Common Crawl's CDN may.
    const cdn = await FaultServer.start({ [FILES[2]!.path]: FILES[2]!.file });
    server.faults.set(FILES[2]!.path, { redirect: cdn.url(FILES[2]!.path) });
    const dir = mkdtempSync(path.join(tmpdir(), 'sieve-cc-'));
    const config = path.join(dir, 'cc.yaml');
    writeFileSync(
      config,
      [
        'name: cc-loopback',
        'run_dir: run',
        'input:',
        `  commoncrawl: { crawl: ${CRAWL}, base_url: "${server.base}", files: all }`,
        'stages:',
        '  - write: { path: docs }',
        'executor:',
        '  local: { tasks: 3, workers: 2, retries: 0 }',
      ].join('\n'),
    );
    server.requests.length = 0;
    const run = await sieve(['run', config], { cwd: dir });
    expect(run.stderr).not.toMatch(/sieve:/);
    expect(run.code).toBe(0);
    const docs = await readShardDir(path.join(dir, 'run', 'docs'));
    const expected = (await Promise.all(FILES.map(async (f) => (await readWarc(f.file)).docs))).flat();
    expect(docs.map((d) => d.id).sort()).toEqual(expected.map((d) => d.id).sort());
    expect(docs.every((d) => d.meta.crawl === CRAWL)).toBe(true);
    for (const f of FILES) expect(server.requests.filter((r) => r.path === f.path)).toHaveLength(1);
    expect(cdn.requests.map((r) => r.path)).toEqual([FILES[2]!.path]);
    const stats = await sieve(['stats', path.join(dir, 'run')]);
    expect(stats.stdout).toMatch(/^Downloads \(commoncrawl\)\n {2}event +count\n {2}http:redirected +1$/m);
    server.faults.delete(FILES[2]!.path);
    await cdn.close();
  });
});
