import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffMs, parseRetryAfter } from '../../../../stages/sources/http/backoff.js';
import { Downloader } from '../../../../stages/sources/http/downloader.js';
import { FaultServer } from './fault_server.js';

const FILE = path.resolve('datasets/sample/dolma_wget_2024_sample-0000.warc.gz');
const policy = { retries: 3, backoffMs: 1, maxBackoffMs: 10, stallTimeoutMs: 2000, maxConcurrent: 2 };
/** 1 MiB whose bytes repeat only every 251, so a byte delivered twice or skipped shows. */
const BIG = Buffer.from(Array.from({ length: 2 ** 20 }, (_, i) => i % 251));

let server: FaultServer;
beforeAll(async () => {
  server = await FaultServer.start({ 'a.warc.gz': FILE, 'big.bin': BIG });
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

  it('a connection closed mid-body while the consumer lags behind is resumed by Range, every byte delivered once', async () => {
    // Of each answer's 135,000 bytes, the first 64 KiB socket read stays under undici's 64 KiB body
    // buffer, the second fills it and pauses the parser, and the last few KiB arrive with the FIN while
    // it is paused: undici 7 then died on an uncatchable assert(!this.paused) (nodejs/undici#5360).
    const cuts = 4;
    server.faults.set('big.bin', { finish: { afterBytes: 135_000, times: cuts } });
    const parts: Buffer[] = [];
    const retriedOn: string[] = [];
    const download = new Downloader({ ...policy, retries: cuts }).stream(server.url('big.bin'), undefined, {
      onRetry: (e) => retriedOn.push(e.error.message),
    });
    for await (const part of download) {
      parts.push(part);
      await sleep(5);
    }
    expect(Buffer.concat(parts).equals(BIG)).toBe(true);
    expect(server.rangeRequests('big.bin')).toHaveLength(cuts);
    // Each cut is noticed as a short body when the FIN arrives, not by the stall timeout after a crash.
    expect(retriedOn).toEqual(Array(cuts).fill(expect.stringMatching(/content-length|body ended/)));
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
