import type { z } from 'zod';
import type { Stage, StageKind } from './stage.js';

/** What a stage factory may know about the run it is built for. */
export interface BuildEnv {
  /** Relative paths in options resolve against this folder (the working directory of `sieve run`). */
  readonly baseDir: string;
  readonly runDir: string;
}

/** A stage as the YAML sees it: a name, an option schema and a factory. */
export interface StageDefinition<O extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly kind: StageKind;
  readonly summary: string;
  readonly options: O;
  create(options: z.output<O>, env: BuildEnv): Stage;
}

const definitions = new Map<string, StageDefinition>();

export function defineStage<O extends z.ZodType>(def: StageDefinition<O>): StageDefinition<O> {
  if (definitions.has(def.name)) throw new Error(`stage "${def.name}" is registered twice`);
  definitions.set(def.name, def as unknown as StageDefinition);
  return def;
}

export function stageDefinition(name: string): StageDefinition | undefined {
  return definitions.get(name);
}

export function stageNames(kind?: StageKind): string[] {
  return [...definitions.values()]
    .filter((d) => !kind || d.kind === kind)
    .map((d) => d.name)
    .sort();
}
