import { homedir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import '../../../stages/index.js';
import { ConfigError } from '../../../pipeline/config/config_error.js';
import { parseConfig } from '../../../pipeline/config/load_config.js';

function problemsOf(yaml: string): string[] {
  try {
    parseConfig(yaml, 'p.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message.split('\n');
  }
  throw new Error('config was accepted');
}

const head = `name: t
run_dir: runs/t
input:
  warc: { paths: [x.warc.gz] }
`;

describe('config loading', () => {
  it('accepts a valid pipeline and fills in defaults', () => {
    const { config } = parseConfig(`${head}stages:\n  - html_to_text: {}\n  - exact_dedup: {}\n  - write: {}\n`, 'p.yaml');
    expect(config.stages.map((s) => s.id)).toEqual(['html_to_text', 'exact_dedup', 'write']);
    expect(config.stages[2]!.options).toMatchObject({ path: 'docs', format: 'arrow' });
    expect(config.executor.local.retries).toBe(2);
  });

  it('names the line and column of an unknown stage and suggests the closest name', () => {
    const [line] = problemsOf(`${head}stages:\n  - html_to_text: {}\n  - exact_dedupe: {}\n`);
    expect(line).toMatch(/^p\.yaml:7:5: unknown stage "exact_dedupe" \(did you mean "exact_dedup"\?\)/);
  });

  it('names the line of an unknown option', () => {
    const [line] = problemsOf(`${head}stages:\n  - write:\n      path: out\n      codec: zstd\n`);
    expect(line).toMatch(/^p\.yaml:8:7: write: unknown option "codec"/);
  });

  it('names the line of a mistyped option', () => {
    const [line] = problemsOf(`${head}stages:\n  - exact_dedup:\n      buckets: many\n`);
    expect(line).toMatch(/^p\.yaml:7:7: exact_dedup: "buckets" .*number/i);
  });

  it('points at a source used as a stage', () => {
    const [line] = problemsOf(`${head}stages:\n  - warc: {}\n`);
    expect(line).toMatch(/^p\.yaml:6:5: "warc" is a source stage, not allowed here/);
  });

  it('reports YAML syntax errors with their position', () => {
    const [line] = problemsOf(`name: t\nrun_dir: [unclosed\n`);
    expect(line).toMatch(/^p\.yaml:\d+:\d+: /);
  });

  it('reports a missing top-level key', () => {
    const [line] = problemsOf(`name: t\ninput:\n  warc: { paths: [a] }\nstages:\n  - write: {}\n`);
    expect(line).toMatch(/^p\.yaml:1:1: .*run_dir/);
  });

  it('refuses a rejects list naming a stage that is not there', () => {
    const [line] = problemsOf(`${head}stages:\n  - write: {}\nrejects: [exact_dedup]\n`);
    expect(line).toMatch(/^p\.yaml:7:11: rejects names "exact_dedup"/);
  });

  it('gives a repeated stage a distinct id', () => {
    const { config } = parseConfig(`${head}stages:\n  - write: { path: a }\n  - write: { path: b }\n`, 'p.yaml');
    expect(config.stages.map((s) => s.id)).toEqual(['write', 'write#2']);
  });

  it('refuses output paths that leave the run dir, pointing at their YAML line', () => {
    expect(problemsOf(`${head}stages:\n  - write:\n      path: ../../escape\n`)[0]).toMatch(
      /^p\.yaml:7:7: write: "path" must stay inside the run dir: "\.\." is not allowed/,
    );
    expect(problemsOf(`${head}stages:\n  - write: { path: docs/../../x }\n`)[0]).toMatch(
      /^p\.yaml:6:14: write: "path" must stay inside the run dir/,
    );
    expect(problemsOf(`${head}stages:\n  - write_tokens: { path: /tmp/tokens }\n`)[0]).toMatch(
      /^p\.yaml:6:21: write_tokens: "path" must be relative to the run dir, not absolute/,
    );
    expect(problemsOf(`${head}stages:\n  - tokenize: { train: { vocab_size: 300, save: ../tok } }\n`)[0]).toMatch(
      /^p\.yaml:6:43: tokenize: "train\.save" must stay inside the run dir/,
    );
    // Inside the run dir, however written, is fine, and stored in its plain form.
    const { config } = parseConfig(`${head}stages:\n  - write: { path: ./out/docs/ }\n`, 'p.yaml');
    expect(config.stages[0]!.options).toMatchObject({ path: 'out/docs' });
  });

  it('expands run_dir ~ and ~/ to the home directory as a shell would, and refuses $VAR', () => {
    const body = `input:\n  warc: { paths: [x.warc.gz] }\nstages:\n  - write: {}\n`;
    expect(parseConfig(`name: t\nrun_dir: "~"\n${body}`, 'p.yaml').config.runDir).toBe(homedir());
    expect(parseConfig(`name: t\nrun_dir: ~/runs/t\n${body}`, 'p.yaml').config.runDir).toBe(path.join(homedir(), 'runs', 't'));
    expect(parseConfig(`name: t\nrun_dir: runs/~x\n${body}`, 'p.yaml').config.runDir).toBe(path.resolve('runs/~x'));
    expect(problemsOf(`name: t\nrun_dir: $SCRATCH/runs\n${body}`)[0]).toMatch(/^p\.yaml:2:1: "run_dir" \$SCRATCH is not expanded/);
    expect(problemsOf(`name: t\nrun_dir: ~bob/runs\n${body}`)[0]).toMatch(
      /^p\.yaml:2:1: "run_dir" ~bob \(another user's home\) is not expanded/,
    );
  });
});
