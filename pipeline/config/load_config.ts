import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { stageDefinition, stageNames } from '../registry.js';
import type { StageKind } from '../stage.js';
import { ConfigError, type ConfigProblem } from './config_error.js';
import { pipelineFileSchema, type PipelineConfig, type StageSpec } from './pipeline_config.js';
import { closest } from './suggest.js';

export type YamlPath = (string | number)[];

/** A validated config, plus a way to point later errors (missing input files) at its YAML. */
export interface LoadedConfig {
  readonly config: PipelineConfig;
  locate(at: YamlPath, message: string): ConfigProblem;
}

export function loadConfig(file: string, overrides: { runDir?: string } = {}): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(file, [{ line: 0, col: 0, message: `cannot read config: ${(e as Error).message}` }]);
  }
  return parseConfig(text, file, overrides);
}

export function parseConfig(text: string, file: string, overrides: { runDir?: string } = {}): LoadedConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: true, uniqueKeys: true });
  const locate = (at: YamlPath, message: string): ConfigProblem => {
    const offset = offsetOf(doc, at);
    const pos = lines.linePos(offset);
    return { line: pos.line, col: pos.col, message };
  };
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => ({ line: e.linePos?.[0].line ?? 0, col: e.linePos?.[0].col ?? 0, message: e.message.split('\n')[0]! })),
    );
  }
  const top = pipelineFileSchema.safeParse(doc.toJS());
  if (!top.success) throw new ConfigError(file, issuesToProblems(top.error.issues, [], locate));
  const raw = top.data;

  const problems: ConfigProblem[] = [];
  const input = resolveStage(raw.input, ['input'], ['source'], locate, problems);
  const stages: StageSpec[] = [];
  const seen = new Map<string, number>();
  raw.stages.forEach((entry, i) => {
    const spec = resolveStage(entry, ['stages', i], ['stream', 'barrier'], locate, problems);
    if (!spec) return;
    const n = (seen.get(spec.name) ?? 0) + 1;
    seen.set(spec.name, n);
    stages.push(n === 1 ? spec : { ...spec, id: `${spec.name}#${n}` });
  });
  const ids = stages.map((s) => s.id);
  const rejects = raw.rejects === true ? ids : raw.rejects === false ? [] : raw.rejects;
  if (Array.isArray(raw.rejects)) {
    raw.rejects.forEach((id, i) => {
      if (!ids.includes(id))
        problems.push(locate(['rejects', i], `rejects names "${id}", which is not a stage of this pipeline (${ids.join(', ')})`));
    });
  }
  if (problems.length > 0 || !input) throw new ConfigError(file, problems);

  const baseDir = process.cwd();
  return {
    config: {
      name: raw.name,
      configPath: path.resolve(file),
      baseDir,
      runDir: path.resolve(baseDir, overrides.runDir ?? raw.run_dir),
      input,
      stages,
      rejects,
      executor: raw.executor,
    },
    locate,
  };
}

/** A stage entry is a map of one key, the stage name, to its options. */
function resolveStage(
  entry: Record<string, unknown>,
  at: YamlPath,
  kinds: StageKind[],
  locate: LoadedConfig['locate'],
  problems: ConfigProblem[],
): StageSpec | undefined {
  const keys = Object.keys(entry);
  if (keys.length !== 1) {
    problems.push(locate(at, `a stage is written as "- name: { options }", found ${keys.length} keys (${keys.join(', ')})`));
    return undefined;
  }
  const name = keys[0]!;
  const def = stageDefinition(name);
  if (!def || !kinds.includes(def.kind)) {
    const known = stageNames().filter((n) => kinds.includes(stageDefinition(n)!.kind));
    const hint = closest(name, known);
    const what = def ? `"${name}" is a ${def.kind} stage, not allowed here` : `unknown stage "${name}"`;
    problems.push(locate([...at, name], `${what}${hint ? ` (did you mean "${hint}"?)` : ''}; known: ${known.join(', ')}`));
    return undefined;
  }
  const optionsPath = [...at, name];
  const parsed = def.options.safeParse(entry[name] ?? {});
  if (!parsed.success) {
    problems.push(...issuesToProblems(parsed.error.issues, optionsPath, locate, name));
    return undefined;
  }
  return { name, id: name, options: parsed.data, yamlPath: optionsPath };
}

function issuesToProblems(issues: z.core.$ZodIssue[], base: YamlPath, locate: LoadedConfig['locate'], stage?: string): ConfigProblem[] {
  return issues.map((issue) => {
    const at = [...base, ...(issue.path as (string | number)[])];
    const where = stage ? `${stage}: ` : '';
    const field = issue.path.length > 0 ? `"${issue.path.join('.')}" ` : '';
    if (issue.code === 'unrecognized_keys') {
      return locate(
        [...at, issue.keys[0]!],
        `${where}unknown option${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`,
      );
    }
    return locate(at, `${where}${field}${issue.message}`);
  });
}

/** Offset of the deepest YAML node along `at` that exists, so a missing key points at its parent. */
function offsetOf(doc: Document, at: YamlPath): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as { range?: number[] } | null)?.range?.[0] ?? 0;
  for (const [i, key] of at.entries()) {
    if (!node || typeof node !== 'object' || !('items' in node)) break;
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      const keyStart = (pair.key as { range?: number[] }).range?.[0];
      const valueStart = (pair.value as { range?: number[] } | null)?.range?.[0];
      // The last key is pointed at itself (an unknown option, a stage name); others lead into their value.
      offset = (i === at.length - 1 ? keyStart : (valueStart ?? keyStart)) ?? offset;
      node = pair.value;
    } else {
      const item = (node as { items: unknown[] }).items[key as number];
      if (!item) break;
      offset = (item as { range?: number[] }).range?.[0] ?? offset;
      node = item;
    }
  }
  return offset;
}
