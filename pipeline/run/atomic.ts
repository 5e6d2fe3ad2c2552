import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes a small file so readers see the old content or the new, never a torn one. */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  await writeFile(tmp, JSON.stringify(value, null, 2));
  await rename(tmp, file);
}
