import path from 'node:path';
import type { Doc } from '../../../pipeline/doc.js';
import type { StreamStage } from '../../../pipeline/stage.js';
import { urlFilter } from '../../../stages/url_filter/url_filter.js';
import { collect, testContext } from '../../helpers/context.js';

/** The shared UT1 snapshot, as published (plain files, real entries). */
export const UT1 = path.resolve('..', 'shared', 'data', 'blocklist', 'ut1', 'blacklists');

export function urlFilterStage(options: Record<string, unknown> = {}): StreamStage {
  return urlFilter.create(urlFilter.options.parse({ ut1_dir: UT1, ...options }), { baseDir: '.', runDir: '.' }) as StreamStage;
}

/** Runs URLs through the stage: the verdict for each (true = kept, else the reason) and the counters. */
export async function verdicts(stage: StreamStage, urls: (string | undefined)[]) {
  const ctx = testContext();
  const docs: Doc[] = urls.map((url, i) => ({ id: String(i), text: '', url, meta: {} }));
  const kept = new Set((await collect(stage.run(stream(docs), ctx))).map((d) => d.id));
  const reasons = new Map(ctx.rejected.map((r) => [r.doc.id, r.reason]));
  return { got: docs.map((d) => (kept.has(d.id) ? true : reasons.get(d.id))), ctx };
}

async function* stream<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}
