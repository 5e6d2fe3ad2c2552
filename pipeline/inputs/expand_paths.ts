import { statSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { OptionError } from '../config/config_error.js';

/**
 * Expands a source's `paths` option into sorted, unique absolute files. A literal file path is
 * taken as is, so names with `[` or `*` still work; a pattern that matches nothing is an error
 * pointing at its entry.
 */
export async function expandPaths(patterns: string[], baseDir: string): Promise<string[]> {
  const files = new Set<string>();
  for (const [i, pattern] of patterns.entries()) {
    const literal = path.resolve(baseDir, pattern);
    const matches = isFile(literal)
      ? [literal]
      : await glob(pattern, { cwd: baseDir, absolute: true, onlyFiles: true, expandDirectories: false });
    if (matches.length === 0) throw new OptionError(['paths', i], `no file matches "${pattern}" (from ${baseDir})`);
    for (const m of matches) files.add(path.normalize(m));
  }
  return [...files].sort();
}

function isFile(p: string): boolean {
  return statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
}
