import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { DownloadError, Downloader } from '../sources/http/downloader.js';
import { defaultHttpOptions, httpPolicy } from '../sources/http/http_options.js';
import { installedBlocklistDir } from './blocklist_dirs.js';

/** The publisher's current archive of every UT1 category. */
export const UT1_ARCHIVE_URL = 'http://dsi.ut-capitole.fr/blacklists/download/blacklists.tar.gz';

class NotUt1Error extends Error {}

/**
 * `sieve blocklist update`: downloads the UT1 archive (retrying and resuming like any download),
 * unpacks it with the system's `tar` and swaps it in as `<dir>/ut1`, where `url_filter` looks first.
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
    await downloader.toFile(url, archive, undefined, {
      onRetry: (e) => console.warn(`${e.url}: ${e.error.message}; retry ${e.failures} from byte ${e.received}`),
      onRedirect: (e) => console.warn(`${e.url}: redirected to ${e.to}`),
    });
    await promisify(execFile)('tar', ['-xzf', archive, '-C', work]).catch((e: Error) => {
      throw new NotUt1Error(`${url}: not a gzip tar archive (${e.message.split('\n')[1] ?? e.message})`);
    });
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
