import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffMs, parseRetryAfter } from '../../../../stages/sources/http/backoff.js';
import { Downloader } from '../../../../stages/sources/http/downloader.js';
import { FaultServer } from './fault_server.js';

const FILE = path.resolve('datasets/sample/dolma_wget_2024_sample-0000.warc.gz');
const policy = { retries: 3, backoffMs: 1, maxBackoffMs: 10, stallTimeoutMs: 2000, maxConcurrent: 2 };

let server: FaultServer;
beforeAll(async () => {
  server = await FaultServer.start({ 'a.warc.gz': FILE });
});
afterAll(() => server.close());

describe('downloader', () => {
  it('runs at most max_concurrent downloads at once; the others wait their turn', async () => {
    server.faults.set('a.warc.gz', { delayMs: 150 });
    const downloader = new Downloader(policy);
    const bodies = await Promise.all([1, 2, 3, 4, 5].map(() => downloader.fetch(server.url('a.warc.gz'), 1 << 30)));
    expect(server.maxActive).toBe(2);
    for (const body of bodies) expect(body.equals(readFileSync(FILE))).toBe(true);
  });
});

describe('backoff', () => {
  it('doubles up to the cap, jittered between half and all of it', () => {
    expect(backoffMs(1, 1000, 60_000, 0, () => 0)).toBe(500);
    expect(backoffMs(1, 1000, 60_000, 0, () => 1)).toBe(1000);
    expect(backoffMs(4, 1000, 60_000, 0, () => 1)).toBe(8000);
    expect(backoffMs(20, 1000, 60_000, 0, () => 0.5)).toBe(45_000);
  });

  it("waits at least the server's Retry-After, within the cap", () => {
    expect(backoffMs(1, 1000, 60_000, 30_000, () => 0)).toBe(30_000);
    expect(backoffMs(1, 1000, 60_000, 3_600_000, () => 0)).toBe(60_000);
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(30_000);
    expect(parseRetryAfter(undefined)).toBe(0);
  });
});
