import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../package_root.js';

/** The compiled CLI that task processes run, also when the caller runs from the TypeScript sources. */
export function cliEntry(): string {
  const entry = path.join(packageRoot(), 'dist', 'pipeline', 'cli', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first`);
  return entry;
}
