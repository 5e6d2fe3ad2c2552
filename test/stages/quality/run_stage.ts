import '../../../stages/index.js';
import type { Doc } from '../../../pipeline/doc.js';
import { stageDefinition } from '../../../pipeline/registry.js';
import type { StreamStage } from '../../../pipeline/stage.js';
import { collect, testContext, type TestContext } from '../../helpers/context.js';

/** Builds a registered stream stage from YAML-like options, as the config loader would. */
export function streamStage(name: string, options: Record<string, unknown> = {}): StreamStage {
  const def = stageDefinition(name);
  if (!def) throw new Error(`no stage ${name}`);
  return def.create(def.options.parse(options), { baseDir: '.', runDir: '.' }) as StreamStage;
}

/** Runs docs through a stage; returns what came out and the context (drops, counts). */
export async function runStage(stage: StreamStage, docs: Doc[]): Promise<{ out: Doc[]; ctx: TestContext }> {
  const ctx = testContext();
  const out = await collect(
    stage.run(
      (async function* () {
        yield* docs;
      })(),
      ctx,
    ),
  );
  return { out, ctx };
}

/** The drop reason of one doc, or `kept`. */
export async function verdict(name: string, doc: Doc, options: Record<string, unknown> = {}): Promise<string> {
  const { out, ctx } = await runStage(streamStage(name, options), [doc]);
  return out.length === 1 ? 'kept' : ctx.rejected[0]!.reason;
}
