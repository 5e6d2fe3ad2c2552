import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Doc } from '../../pipeline/doc.js';
import type { StageContext } from '../../pipeline/stage.js';
import { addTo, emptyCounters } from '../../pipeline/stats.js';

/** A stage context for unit tests: counts like a task does and keeps dropped docs in memory. */
export interface TestContext extends StageContext {
  readonly rejected: { doc: Doc; reason: string }[];
}

export function testContext(overrides: Partial<Pick<StageContext, 'rank' | 'worldSize' | 'stage' | 'metaIn'>> = {}): TestContext {
  const runDir = mkdtempSync(path.join(tmpdir(), 'sieve-test-'));
  const counters = emptyCounters();
  const rejected: { doc: Doc; reason: string }[] = [];
  return {
    runDir,
    phase: 'p0',
    rank: overrides.rank ?? 0,
    worldSize: overrides.worldSize ?? 1,
    stage: overrides.stage ?? 'test',
    workDir: 'work',
    metaIn: overrides.metaIn ?? {},
    counters,
    log: { info: () => {}, warn: () => {} },
    signal: new AbortController().signal,
    outputs: {
      open: (relPath) => path.join(runDir, relPath),
      close: () => {},
    },
    rejected,
    drop(doc, reason) {
      addTo(counters.dropped, reason);
      rejected.push({ doc, reason });
    },
    skip(reason, n = 1) {
      addTo(counters.dropped, reason, n);
    },
  };
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
