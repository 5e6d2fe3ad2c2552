import { existsSync } from 'node:fs';
import path from 'node:path';
import type { OutputRecord } from '../task/outputs.js';
import { completedResult } from '../task/task_state.js';
import { MANIFEST_FILE, readManifest } from './manifest.js';

/**
 * What a run recorded of the files its completed tasks wrote, by absolute path, for the run dirs
 * that hold `files`: a reader outside the pipeline (training) can then check a shard is the one
 * that was written. Files outside any run dir have no record.
 */
export function recordedOutputs(files: string[]): Map<string, OutputRecord> {
  const records = new Map<string, OutputRecord>();
  const seen = new Set<string>();
  for (const file of files) {
    const runDir = enclosingRunDir(file);
    if (!runDir || seen.has(runDir)) continue;
    seen.add(runDir);
    for (const phase of readManifest(runDir).plan.phases) {
      for (let rank = 0; rank < phase.tasks; rank++) {
        for (const output of completedResult(runDir, phase.id, rank)?.outputs ?? []) records.set(path.join(runDir, output.path), output);
      }
    }
  }
  return records;
}

function enclosingRunDir(file: string): string | undefined {
  for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, MANIFEST_FILE))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}
