import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The installed package's root folder (where `configs/`, `datasets/` and `dist/` are), found from this
 * module's own place: `<root>/pipeline/` when running from the TypeScript sources (tests, tsx),
 * `<root>/dist/pipeline/` once compiled. It does not depend on the package's name.
 */
export function packageRoot(): string {
  const parent = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  return path.basename(parent) === 'dist' ? path.dirname(parent) : parent;
}
