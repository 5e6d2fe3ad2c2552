import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { layout } from '../run/layout.js';
import type { LiveCounters, TaskFailure, TaskResult } from './task_result.js';

/** The result of a task if it completed and its outputs are still in place, else undefined. */
export function completedResult(runDir: string, phase: string, rank: number): TaskResult | undefined {
  const result = readJson<TaskResult>(layout.result(runDir, phase, rank));
  if (!result || result.status !== 'done') return undefined;
  const intact = result.outputs.every((o) => {
    const file = path.join(runDir, o.path);
    return existsSync(file) && statSync(file).size === o.bytes;
  });
  return intact ? result : undefined;
}

export function liveCounters(runDir: string, phase: string, rank: number): LiveCounters | undefined {
  return readJson<LiveCounters>(layout.live(runDir, phase, rank));
}

export function lastFailure(runDir: string, phase: string, rank: number): TaskFailure | undefined {
  return readJson<TaskFailure>(layout.error(runDir, phase, rank));
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}
