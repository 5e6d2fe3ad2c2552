import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { OutputKind, OutputRecord, OutputValidator, TaskOutputs } from './outputs.js';

interface Pending {
  kind: OutputKind;
  validate?: OutputValidator;
  written?: { rows: number; tokens?: number };
}

/**
 * A task's files under temporary names. `commit` validates each one against what its writer
 * declared, checksums it and renames it into place, so a final name always means a whole file.
 */
export class FileTaskOutputs implements TaskOutputs {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly runDir: string) {}

  open(relPath: string, kind: OutputKind, validate?: OutputValidator): string {
    if (this.pending.has(relPath)) throw new Error(`output ${relPath} is opened twice in one task`);
    this.pending.set(relPath, { kind, validate });
    return this.tmpPath(relPath);
  }

  close(relPath: string, written: { rows: number; tokens?: number }): void {
    const entry = this.pending.get(relPath);
    if (!entry) throw new Error(`output ${relPath} was never opened`);
    entry.written = written;
  }

  async commit(): Promise<OutputRecord[]> {
    const records: OutputRecord[] = [];
    for (const [relPath, entry] of this.pending) {
      if (!entry.written) throw new Error(`output ${relPath} was opened but never closed`);
      const tmp = this.tmpPath(relPath);
      await entry.validate?.(tmp, entry.written);
      const { size } = await stat(tmp);
      records.push({
        path: relPath,
        kind: entry.kind,
        rows: entry.written.rows,
        bytes: size,
        tokens: entry.written.tokens,
        sha256: await sha256(tmp),
      });
    }
    for (const relPath of this.pending.keys()) await rename(this.tmpPath(relPath), path.join(this.runDir, relPath));
    return records;
  }

  async discard(): Promise<void> {
    for (const relPath of this.pending.keys()) await rm(this.tmpPath(relPath), { force: true });
  }

  private tmpPath(relPath: string): string {
    return path.join(this.runDir, `${relPath}.tmp`);
  }
}

export async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function ensureDir(file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
}
