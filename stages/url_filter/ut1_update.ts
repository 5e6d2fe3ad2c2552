import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { DownloadError, Downloader } from '../sources/http/downloader.js';
import { defaultHttpOptions, httpPolicy } from '../sources/http/http_options.js';
import { installedBlocklistDir } from './blocklist_dirs.js';

/** The publisher's current archive of every UT1 category. */
export const UT1_ARCHIVE_URL = 'http://dsi.ut-capitole.fr/blacklists/download/blacklists.tar.gz';

/**
 * UT1's archive and its unpacked lists are a few hundred MB at most: its largest list, the adult
 * domains, is about 57 MB. Anything larger is not UT1, and is stopped before it fills the disk.
 */
const MAX_ARCHIVE_BYTES = 256 * 1024 * 1024;
const MAX_UNPACKED_BYTES = 1024 * 1024 * 1024;

class NotUt1Error extends Error {}

/**
 * `sieve blocklist update`: downloads the UT1 archive (retrying and resuming like any download),
 * unpacks it (sizes capped) with the system's `tar` and swaps it in as `<dir>/ut1`, where
 * `url_filter` looks first.
 * The old copy stays in place until the new one is complete.
 */
export async function blocklistUpdateCommand(opts: { url?: string; dir?: string }): Promise<number> {
  const url = opts.url ?? UT1_ARCHIVE_URL;
  const dir = path.resolve(opts.dir ?? installedBlocklistDir());
  await mkdir(dir, { recursive: true });
  const work = await mkdtemp(path.join(dir, '.ut1-update-'));
  try {
    const archive = path.join(work, 'blacklists.tar.gz');
    const downloader = new Downloader(httpPolicy(defaultHttpOptions));
    await downloader.toFile(url, archive, MAX_ARCHIVE_BYTES, undefined, {
      onRetry: (e) => console.warn(`${e.url}: ${e.error.message}; retry ${e.failures} from byte ${e.received}`),
      onRedirect: (e) => console.warn(`${e.url}: redirected to ${e.to}`),
    });
    await unpack(archive, work, url);
    const unpacked = path.join(work, 'blacklists');
    if (!existsSync(path.join(unpacked, 'adult'))) throw new NotUt1Error(`${url}: no blacklists/adult folder, not a UT1 archive`);
    const bytes = (await stat(archive)).size;
    await writeFile(
      path.join(unpacked, 'SOURCE.json'),
      JSON.stringify({ url, bytes, downloaded_at: new Date().toISOString() }, null, 2) + '\n',
    );
    const target = path.join(dir, 'ut1');
    if (existsSync(target)) await rename(target, path.join(work, 'previous'));
    await rename(unpacked, target);
    const categories = (await readdir(target, { withFileTypes: true })).filter((e) => e.isDirectory()).length;
    console.log(`installed ${categories} UT1 categories from ${url} (${bytes} bytes) in ${target}`);
    return 0;
  } catch (e) {
    // A network failure is the user's to retry, not a bug: its message says what and where, without a stack.
    if (!(e instanceof DownloadError || e instanceof NotUt1Error)) throw e;
    console.error(`sieve: ${e.message}`);
    return 1;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Unpacks the gzip tar `archive` into `dir`: inflated here, so the bytes handed to the system's `tar` are counted and capped. */
async function unpack(archive: string, dir: string, url: string): Promise<void> {
  const tar = spawn('tar', ['-xf', '-', '-C', dir], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  tar.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => tar.on('close', resolve).on('error', () => resolve(null)));
  let unpacked = 0;
  const capped = async function* (chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of chunks) {
      unpacked += chunk.length;
      if (unpacked > MAX_UNPACKED_BYTES)
        throw new NotUt1Error(`${url}: unpacks to more than ${MAX_UNPACKED_BYTES >> 20} MiB, not a UT1 archive`);
      yield chunk;
    }
  };
  let failure: Error | undefined;
  await pipeline(createReadStream(archive), createGunzip(), capped, tar.stdin).catch((e: Error) => {
    failure = e;
    tar.kill();
  });
  const code = await exited;
  if (failure instanceof NotUt1Error) throw failure;
  // tar's own complaint says more than the broken pipe it left behind.
  if (failure || code !== 0) throw new NotUt1Error(`${url}: not a gzip tar archive (${stderr.trim().split('\n')[0] || failure?.message})`);
}
