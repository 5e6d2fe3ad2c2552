import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where `sieve blocklist update` installs lists and `url_filter` looks first: `$SIEVE_BLOCKLIST_DIR`,
 * else `$XDG_CACHE_HOME/sieve/blocklists` (`~/.cache/sieve/blocklists`). Outside the package, so an
 * installed copy of sieve stays read-only and an update survives reinstalling it.
 */
export function installedBlocklistDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SIEVE_BLOCKLIST_DIR) return path.resolve(env.SIEVE_BLOCKLIST_DIR);
  return path.join(env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'sieve', 'blocklists');
}

/** The lists shipped in the package (`datasets/blocklists`), found from the package root, also when running from sources. */
export function bundledBlocklistDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (dir !== path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'sieve') {
      return path.join(dir, 'datasets', 'blocklists');
    }
    dir = path.dirname(dir);
  }
  throw new Error('cannot find the sieve package root');
}
