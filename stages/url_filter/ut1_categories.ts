import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { listFile } from './read_list.js';

/** A UT1 category as found on disk. */
export interface Ut1Category {
  name: string;
  dir: string;
  /** The `domains` / `urls` files it has (plain or .gz). */
  domains: string | undefined;
  urls: string | undefined;
}

/**
 * Finds a category in the first root that has it. UT1 keeps English aliases of French names
 * (`porn` → `adult`, `drugs` → `drogue`) as symlinks, which the bundled copy stores as small files
 * naming the target; both are followed.
 */
export function findCategory(roots: string[], name: string): Ut1Category | undefined {
  for (const root of roots) {
    const entry = path.join(root, name);
    const st = statSync(entry, { throwIfNoEntry: false });
    if (st?.isDirectory())
      return { name, dir: entry, domains: listFile(path.join(entry, 'domains')), urls: listFile(path.join(entry, 'urls')) };
    if (st?.isFile() && st.size < 64) {
      const target = readFileSync(entry, 'utf8').trim();
      const found = /^[\w-]+$/.test(target) && target !== name ? findCategory([root], target) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

/** Category names available under the roots, for error hints. */
export function categoryNames(roots: string[]): string[] {
  const names = new Set<string>();
  for (const root of roots.filter((r) => existsSync(r))) {
    for (const e of readdirSync(root, { withFileTypes: true })) if (e.isDirectory() || e.isSymbolicLink()) names.add(e.name);
  }
  return [...names].sort();
}
