import { readFileSync } from 'node:fs';
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from './config_error.js';

export type YamlPath = (string | number)[];

/** A parsed YAML file's value, and a way to point a problem at the line of any path in it. */
export interface YamlFile {
  readonly value: unknown;
  locate(at: YamlPath, message: string): ConfigProblem;
}

export function readYamlFile(file: string): YamlFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(file, [{ line: 0, col: 0, message: `cannot read config: ${(e as Error).message}` }]);
  }
  return parseYaml(text, file);
}

export function parseYaml(text: string, file: string): YamlFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => ({ line: e.linePos?.[0].line ?? 0, col: e.linePos?.[0].col ?? 0, message: e.message.split('\n')[0]! })),
    );
  }
  return {
    value: doc.toJS(),
    locate: (at, message) => {
      const pos = lines.linePos(offsetOf(doc, at));
      return { line: pos.line, col: pos.col, message };
    },
  };
}

/** Validates `value` (found at `base` in the file) against `schema`, or throws every problem at its YAML line. */
export function validateYaml<S extends z.ZodType>(
  schema: S,
  yaml: YamlFile,
  file: string,
  value = yaml.value,
  base: YamlPath = [],
): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ConfigError(file, issuesToProblems(parsed.error.issues, base, yaml.locate));
  return parsed.data;
}

export function issuesToProblems(issues: z.core.$ZodIssue[], base: YamlPath, locate: YamlFile['locate'], stage?: string): ConfigProblem[] {
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
