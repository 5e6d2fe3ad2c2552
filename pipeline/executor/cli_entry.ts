import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The compiled CLI that task processes run; found from the package root, also when running from sources. */
export function cliEntry(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (dir !== path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'sieve') {
      const entry = path.join(dir, 'dist', 'pipeline', 'cli', 'main.js');
      if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first`);
      return entry;
    }
    dir = path.dirname(dir);
  }
  throw new Error('cannot find the sieve package root');
}
