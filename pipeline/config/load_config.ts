import path from 'node:path';
import { stageDefinition, stageNames } from '../registry.js';
import type { StageKind } from '../stage.js';
import { ConfigError, type ConfigProblem } from './config_error.js';
import { pipelineFileSchema, type PipelineConfig, type StageSpec } from './pipeline_config.js';
import { closest } from './suggest.js';
import { issuesToProblems, parseYaml, readYamlFile, validateYaml, type YamlFile, type YamlPath } from './yaml_file.js';

/** A validated config, plus a way to point later errors (missing input files) at its YAML. */
export interface LoadedConfig {
  readonly config: PipelineConfig;
  locate(at: YamlPath, message: string): ConfigProblem;
}

export function loadConfig(file: string, overrides: { runDir?: string } = {}): LoadedConfig {
  return configFromYaml(readYamlFile(file), file, overrides);
}

export function parseConfig(text: string, file: string, overrides: { runDir?: string } = {}): LoadedConfig {
  return configFromYaml(parseYaml(text, file), file, overrides);
}

function configFromYaml(yaml: YamlFile, file: string, overrides: { runDir?: string }): LoadedConfig {
  const { locate } = yaml;
  const raw = validateYaml(pipelineFileSchema, yaml, file);

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
