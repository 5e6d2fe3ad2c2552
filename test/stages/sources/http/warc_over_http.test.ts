import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SourceStage } from '../../../../pipeline/stage.js';
import { collect, testContext } from '../../../helpers/context.js';
import { readWarc, REAL, tmpFile, warcStage } from '../warc/warc_fixtures.js';
import { FaultServer } from './fault_server.js';

const UKWA = path.resolve('datasets/sample/ukwa_BL-20140325121225068-00000-32090-opera-8443.warc.gz');
const CLUEWEB = path.join(REAL, 'real_crawls/clueweb09_en_sample_100docs_warc0.18.warc.gz');
const CUT_AT = Math.floor(readFileSync(CLUEWEB).length * 0.6);
/** Retries fast enough for a test, and a stall noticed in 400 ms. */
const FAST = { retries: 4, backoff_ms: 1, max_backoff_ms: 10, stall_timeout_ms: 400 };

let server: FaultServer;
beforeAll(async () => {
  server = await FaultServer.start({ 'ukwa.warc.gz': UKWA, 'clueweb.warc.gz': CLUEWEB });
});
afterEach(() => {
  server.faults.clear();
  server.requests.length = 0;
});
afterAll(() => server.close());

/** Where each Range request to `file` asked to start. */
function rangeStarts(file: string): number[] {
  return server.rangeRequests(file).map((r) => Number(/^bytes=(\d+)-$/.exec(r)![1]));
}

async function readUrl(file: string, http: Record<string, number> = FAST) {
  const log: string[] = [];
  const ctx = { ...testContext(), log: { info: (m: string) => log.push(m), warn: (m: string) => log.push(m) } };
  const docs = await collect(warcStage({ http }).read(server.url(file), ctx));
  return { docs, ctx, log };
}

describe('warc source over HTTP: the same docs as from disk', () => {
  it.each([
    ['ukwa.warc.gz', UKWA, 32],
    ['clueweb.warc.gz', CLUEWEB, 100],
  ])('reads %s', async (name, file, pages) => {
    const disk = await readWarc(file);
    const { docs, ctx } = await readUrl(name);
    expect(docs).toHaveLength(pages);
    expect(docs).toEqual(disk.docs);
    expect(ctx.counters.dropped).toEqual(disk.ctx.counters.dropped);
    expect(server.rangeRequests(name)).toEqual([]);
  });

  it('resumes a dropped connection with a Range request from the last byte received', async () => {
    server.faults.set('ukwa.warc.gz', { drop: { afterBytes: 300_000, times: 1 } });
    const { docs, ctx } = await readUrl('ukwa.warc.gz');
    expect(docs).toEqual((await readWarc(UKWA)).docs);
    const [resume, ...more] = rangeStarts('ukwa.warc.gz');
    expect(more).toEqual([]);
    // Bytes the client took in but had not handed on when the connection died are asked for again.
    expect(resume).toBeGreaterThan(0);
    expect(resume).toBeLessThanOrEqual(300_000);
    expect(ctx.counters.counts['http:retries']).toBe(1);
  });

  it('survives three drops, each resumed where the last one stopped', async () => {
    server.faults.set('ukwa.warc.gz', { drop: { afterBytes: 150_000, times: 3 } });
    const { docs } = await readUrl('ukwa.warc.gz');
    expect(docs).toEqual((await readWarc(UKWA)).docs);
    const starts = rangeStarts('ukwa.warc.gz');
    expect(starts).toHaveLength(3);
    let before = 0;
    for (const [i, start] of starts.entries()) {
      expect(start).toBeGreaterThan(before);
      expect(start).toBeLessThanOrEqual(150_000 * (i + 1));
      before = start;
    }
  });

  it('backs off through 503 SlowDown answers', async () => {
    server.faults.set('clueweb.warc.gz', { unavailable: 3 });
    const { docs, ctx } = await readUrl('clueweb.warc.gz');
    expect(docs).toEqual((await readWarc(CLUEWEB)).docs);
    expect(server.requests.map((r) => r.status)).toEqual([503, 503, 503, 200]);
    expect(ctx.counters.counts['http:retries']).toBe(3);
  });

  it('abandons a stalled answer after the stall timeout and resumes it', async () => {
    server.faults.set('ukwa.warc.gz', { stall: { afterBytes: 200_000, times: 1 } });
    const { docs } = await readUrl('ukwa.warc.gz');
    expect(docs).toEqual((await readWarc(UKWA)).docs);
    expect(rangeStarts('ukwa.warc.gz')).toEqual([200_000]);
  });

  it('skips what it already has when the server ignores Range', async () => {
    server.faults.set('clueweb.warc.gz', { drop: { afterBytes: 100_000, times: 1 }, ignoreRange: true });
    const { docs, ctx } = await readUrl('clueweb.warc.gz');
    expect(docs).toEqual((await readWarc(CLUEWEB)).docs);
    expect(rangeStarts('clueweb.warc.gz')).toHaveLength(1);
    expect(server.requests.map((r) => r.status)).toEqual([200, 200]);
    expect(ctx.counters.counts['http:range_ignored']).toBe(1);
  });

  it('reads a truncated file as the same truncated file on disk: pages before the cut, counted as truncated', async () => {
    server.faults.set('clueweb.warc.gz', { truncateTo: CUT_AT });
    const disk = await readWarc(tmpFile('cut.warc.gz', readFileSync(CLUEWEB).subarray(0, CUT_AT)));
    const { docs, ctx } = await readUrl('clueweb.warc.gz');
    expect(docs.length).toBeGreaterThan(10);
    expect(docs).toEqual(disk.docs);
    expect(ctx.counters.dropped).toEqual(disk.ctx.counters.dropped);
    expect(ctx.counters.dropped['warc:truncated']).toBe(1);
  });
});

describe('warc source over HTTP: redirects', () => {
  /** Another host: the same loopback address on another port. */
  let elsewhere: FaultServer;
  beforeAll(async () => {
    elsewhere = await FaultServer.start({ 'ukwa.warc.gz': UKWA });
  });
  afterEach(() => {
    elsewhere.faults.clear();
    elsewhere.requests.length = 0;
  });
  afterAll(() => elsewhere.close());

  it('follows a redirect to another host, logging the original and final URL once and counting http:redirected', async () => {
    server.faults.set('moved.warc.gz', { redirect: elsewhere.url('ukwa.warc.gz') });
    const { docs, ctx, log } = await readUrl('moved.warc.gz');
    expect(docs).toEqual((await readWarc(UKWA)).docs);
    expect(log).toEqual([`${server.url('moved.warc.gz')}: redirected to ${elsewhere.url('ukwa.warc.gz')}`]);
    expect(ctx.counters.counts['http:redirected']).toBe(1);
  });

  it('resumes a redirected download through the redirect again, asking each hop for the Range', async () => {
    server.faults.set('moved.warc.gz', { redirect: elsewhere.url('ukwa.warc.gz') });
    elsewhere.faults.set('ukwa.warc.gz', { drop: { afterBytes: 300_000, times: 1 } });
    const { docs, ctx, log } = await readUrl('moved.warc.gz');
    expect(docs).toEqual((await readWarc(UKWA)).docs);
    const ranges = server.requests.map((r) => r.range);
    expect(ranges).toEqual([undefined, expect.stringMatching(/^bytes=[1-9]\d*-$/)]);
    expect(elsewhere.requests.map((r) => r.range)).toEqual(ranges);
    expect(log.filter((m) => m.includes('redirected to'))).toHaveLength(1);
    expect(ctx.counters.counts['http:redirected']).toBe(1);
  });

  it('names the URL that answered when a redirected download fails', async () => {
    server.faults.set('moved.warc.gz', { redirect: elsewhere.url('gone.warc.gz') });
    await expect(readUrl('moved.warc.gz')).rejects.toThrow(
      `${server.url('moved.warc.gz')}: download failed after 1 attempt(s), 0 of ? bytes received: HTTP 404 from ${elsewhere.url('gone.warc.gz')}`,
    );
  });

  it('follows up to 5 redirects; one on the same host is not logged', async () => {
    for (let i = 0; i < 5; i++) server.faults.set(`hop${i}`, { redirect: i < 4 ? `hop${i + 1}` : 'clueweb.warc.gz' });
    const { docs, ctx, log } = await readUrl('hop0');
    expect(docs).toEqual((await readWarc(CLUEWEB)).docs);
    expect(server.requests).toHaveLength(6);
    expect(log).toEqual([]);
    expect(ctx.counters.counts['http:redirected']).toBeUndefined();
  });
});

describe('warc source over HTTP: failures fail the task, naming the URL', () => {
  it('fails after the retry budget when the body is always cut short', async () => {
    server.faults.set('ukwa.warc.gz', { drop: { afterBytes: 50_000, times: 1000 } });
    const url = server.url('ukwa.warc.gz');
    await expect(readUrl('ukwa.warc.gz', { ...FAST, retries: 2 })).rejects.toThrow(
      new RegExp(`^${url}: download failed after 3 attempt\\(s\\), \\d+ of 784649 bytes received`),
    );
    expect(server.requests).toHaveLength(3);
  });

  it('fails rather than splice two versions when the file changed between attempts', async () => {
    server.faults.set('clueweb.warc.gz', { drop: { afterBytes: 100_000, times: 1 }, ignoreRange: true, etags: ['"v1"', '"v2"'] });
    const error = readUrl('clueweb.warc.gz');
    await expect(error).rejects.toThrow(`${server.url('clueweb.warc.gz')}: download failed after 2 attempt(s)`);
    await expect(error).rejects.toThrow('the file changed between two attempts');
    expect(server.requests.map((r) => r.status)).toEqual([200, 200]);
  });

  it.each(['file:///etc/passwd', 'ftp://ftp.example.org/a.warc.gz'])('refuses a redirect to %s at once, naming it', async (target) => {
    server.faults.set('moved.warc.gz', { redirect: target });
    await expect(readUrl('moved.warc.gz')).rejects.toThrow(
      `${server.url('moved.warc.gz')}: download failed after 1 attempt(s), 0 of ? bytes received: redirected to ${target}, which is not http(s)`,
    );
    expect(server.requests).toHaveLength(1);
  });

  it('fails at once on more than 5 redirects', async () => {
    for (let i = 0; i < 6; i++) server.faults.set(`hop${i}`, { redirect: `hop${i + 1}` });
    await expect(readUrl('hop0')).rejects.toThrow(
      `${server.url('hop0')}: download failed after 1 attempt(s), 0 of ? bytes received: more than 5 redirects, the last to ${server.url('hop6')}`,
    );
    expect(server.requests).toHaveLength(6);
  });

  it('fails at once on a 404', async () => {
    const url = server.url('missing.warc.gz');
    await expect(readUrl('missing.warc.gz')).rejects.toThrow(`${url}: download failed after 1 attempt(s), 0 of ? bytes received: HTTP 404`);
    expect(server.requests).toHaveLength(1);
  });
});

describe('warc source: remote paths', () => {
  it('maps s3://commoncrawl/ to the public HTTPS endpoint and keeps http(s) URLs next to local files', async () => {
    const stage: SourceStage = warcStage({
      paths: ['s3://commoncrawl/crawl-data/CC-MAIN-2024-10/x.warc.gz', 'http://mirror.example/y.warc.gz', 'cc/jwarc_cc.warc.gz'],
    });
    const { inputs } = await stage.listInputs();
    expect(inputs).toEqual([
      path.join(REAL, 'cc/jwarc_cc.warc.gz'),
      'http://mirror.example/y.warc.gz',
      'https://data.commoncrawl.org/crawl-data/CC-MAIN-2024-10/x.warc.gz',
    ]);
  });

  it('refuses other S3 buckets, pointing at the entry', async () => {
    await expect(warcStage({ paths: ['cc/jwarc_cc.warc.gz', 's3://private-bucket/a.warc.gz'] }).listInputs()).rejects.toMatchObject({
      path: ['paths', 1],
      message: expect.stringContaining('only s3://commoncrawl/'),
    });
  });
});
