import { homedir } from 'node:os';
import path from 'node:path';
import { packageRoot } from '../../pipeline/package_root.js';

/**
 * Where `sieve blocklist update` installs lists and `url_filter` looks first: `$SIEVE_BLOCKLIST_DIR`,
 * else `$XDG_CACHE_HOME/sieve/blocklists` (`~/.cache/sieve/blocklists`). Outside the package, so an
 * installed copy of sieve stays read-only and an update survives reinstalling it.
 */
export function installedBlocklistDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SIEVE_BLOCKLIST_DIR) return path.resolve(env.SIEVE_BLOCKLIST_DIR);
  return path.join(env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'sieve', 'blocklists');
}

/** The lists shipped in the package (`datasets/blocklists`). */
export function bundledBlocklistDir(): string {
  return path.join(packageRoot(), 'datasets', 'blocklists');
}
