import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamStage } from '../../../pipeline/stage.js';
import { urlFilter } from '../../../stages/url_filter/url_filter.js';
import { sieve } from '../../helpers/cli.js';
import { FaultServer } from '../sources/http/fault_server.js';
import { UT1, verdicts } from './url_filter_fixtures.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'sieve-ut1-'));

/**
 * A UT1-shaped archive: blacklists/adult with the real mixed_adult entries, the real gambling
 * category, and the porn → adult alias as a symlink.
 */
function ut1Archive(): Buffer {
  const dir = tmp();
  const adult = path.join(dir, 'blacklists', 'adult');
  mkdirSync(adult, { recursive: true });
  writeFileSync(path.join(adult, 'domains'), readFileSync(path.join(UT1, 'mixed_adult', 'domains')));
  writeFileSync(path.join(adult, 'urls'), readFileSync(path.join(UT1, 'mixed_adult', 'urls')));
  mkdirSync(path.join(dir, 'blacklists', 'gambling'));
  writeFileSync(path.join(dir, 'blacklists', 'gambling', 'domains'), readFileSync(path.join(UT1, 'gambling', 'domains')));
  symlinkSync('adult', path.join(dir, 'blacklists', 'porn'));
  execFileSync('tar', ['-czf', path.join(dir, 'blacklists.tar.gz'), '-C', dir, 'blacklists']);
  return readFileSync(path.join(dir, 'blacklists.tar.gz'));
}

/** The stage with its default lookup, as a run would build it, under a given install dir. */
function defaultStage(installDir: string, categories: string[]): StreamStage {
  const before = process.env.SIEVE_BLOCKLIST_DIR;
  process.env.SIEVE_BLOCKLIST_DIR = installDir;
  try {
    return urlFilter.create(urlFilter.options.parse({ categories }), { baseDir: '.', runDir: '.' }) as StreamStage;
  } finally {
    if (before === undefined) delete process.env.SIEVE_BLOCKLIST_DIR;
    else process.env.SIEVE_BLOCKLIST_DIR = before;
  }
}

let server: FaultServer;
beforeAll(async () => {
  server = await FaultServer.start({ 'blacklists/download/blacklists.tar.gz': ut1Archive(), 'not-ut1.tar.gz': Buffer.from('nope') });
});
afterAll(() => server.close());

describe('sieve blocklist update', () => {
  it('downloads the UT1 archive, resuming a dropped connection, and installs it where url_filter looks first', async () => {
    const dir = tmp();
    // Before the update the bundled lists answer: adult has no domains list there.
    expect((await verdicts(defaultStage(dir, ['adult']), ['https://boards.4chan.org/', 'http://020sextoy.com/sk'])).got).toEqual([
      true,
      'url',
    ]);

    server.faults.set('blacklists/download/blacklists.tar.gz', { drop: { afterBytes: 50_000, times: 1 } });
    const run = await sieve(['blocklist', 'update', '--url', server.url('blacklists/download/blacklists.tar.gz'), '--dir', dir]);
    expect(run.stderr).not.toMatch(/sieve:/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/installed 2 UT1 categories from http:\/\/127\.0\.0\.1:\d+\/blacklists\/download\/blacklists\.tar\.gz/);
    expect(server.rangeRequests('blacklists/download/blacklists.tar.gz')).toHaveLength(1);
    expect(existsSync(path.join(dir, 'ut1', 'adult', 'domains'))).toBe(true);

    // Now the installed adult (and its alias) come first: 4chan.org is one of its domains.
    for (const category of ['adult', 'porn']) {
      expect((await verdicts(defaultStage(dir, [category]), ['https://boards.4chan.org/', 'http://020sextoy.com/sk'])).got).toEqual([
        'domain',
        true,
      ]);
    }
    // Categories the install lacks still come from the bundled copy.
    expect((await verdicts(defaultStage(dir, ['cryptojacking']), ['https://www.bittŕex.com/'])).got).toEqual(['domain']);
  });

  it('follows a redirect to another host, saying on stderr where the archive came from', async () => {
    const mirror = await FaultServer.start({ 'blacklists.tar.gz': ut1Archive() });
    server.faults.set('moved.tar.gz', { redirect: mirror.url('blacklists.tar.gz') });
    try {
      const run = await sieve(['blocklist', 'update', '--url', server.url('moved.tar.gz'), '--dir', tmp()]);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe(`${server.url('moved.tar.gz')}: redirected to ${mirror.url('blacklists.tar.gz')}\n`);
    } finally {
      await mirror.close();
    }
  });

  it('fails naming the URL, installing nothing, when the archive is missing or is no UT1 archive', async () => {
    const dir = tmp();
    const missing = await sieve(['blocklist', 'update', '--url', server.url('missing.tar.gz'), '--dir', dir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`sieve: ${server.url('missing.tar.gz')}: download failed after 1 attempt(s)`);
    const junk = await sieve(['blocklist', 'update', '--url', server.url('not-ut1.tar.gz'), '--dir', dir]);
    expect(junk.code).toBe(1);
    expect(junk.stderr).toContain(`sieve: ${server.url('not-ut1.tar.gz')}: not a gzip tar archive`);
    expect(readdirSync(dir)).toEqual([]);
  });
});
