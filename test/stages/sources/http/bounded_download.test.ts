import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DownloadError, Downloader } from '../../../../stages/sources/http/downloader.js';
import { FaultServer } from './fault_server.js';

const FILE = path.resolve('datasets/sample/dolma_wget_2024_sample-0000.warc.gz');
const policy = { retries: 0, backoffMs: 1, maxBackoffMs: 10, stallTimeoutMs: 2000, maxConcurrent: 1 };

let server: FaultServer;
beforeAll(async () => {
  server = await FaultServer.start({ 'a.warc.gz': FILE });
});
afterAll(() => server.close());

describe('downloads into memory or a file are bounded', () => {
  it('refuses a body over the cap as it arrives, naming the URL, and frees the download slot', async () => {
    const downloader = new Downloader(policy);
    const url = server.url('a.warc.gz');
    const refused = downloader.fetch(url, 50_000);
    await expect(refused).rejects.toThrow(DownloadError);
    await expect(refused).rejects.toThrow(`${url}: the body is over 50000 bytes`);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sieve-bounded-')), 'a.warc.gz');
    await expect(downloader.toFile(url, file, 50_000)).rejects.toThrow(`${url}: the body is over 50000 bytes`);
    // One slot, released both times: a download within the cap still runs.
    expect((await downloader.fetch(url, 1 << 20)).equals(readFileSync(FILE))).toBe(true);
    await downloader.toFile(url, file, 1 << 20);
    expect(existsSync(file) && readFileSync(file).equals(readFileSync(FILE))).toBe(true);
  });
});
