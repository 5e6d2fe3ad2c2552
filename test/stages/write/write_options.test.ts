import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import '../../../stages/index.js';
import { prepareRun } from '../../../pipeline/cli/prepare_run.js';
import { ConfigError } from '../../../pipeline/config/config_error.js';
import { parseConfig } from '../../../pipeline/config/load_config.js';
import { writeShard } from '../../helpers/shards.js';

const head = `name: t\nrun_dir: runs/t\ninput:\n  warc: { paths: [x.warc.gz] }\nstages:\n`;

function writeOptions(options: string): unknown {
  return parseConfig(`${head}  - write: ${options}\n`, 'p.yaml').config.stages[0]!.options;
}

function problemOf(options: string): string {
  try {
    writeOptions(options);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('options were accepted');
}

describe('write options', () => {
  it('default to flat Arrow files under docs/ and take jsonl with its compressions', () => {
    expect(writeOptions('{}')).toMatchObject({ format: 'arrow', path: 'docs', layout: 'flat', max_open_files: 64 });
    expect(writeOptions('{ format: jsonl, compression: zstd }')).toMatchObject({ format: 'jsonl', compression: 'zstd' });
  });

  it("store datatrove's ${key} placeholder as {key}", () => {
    expect(writeOptions('{ path: "docs/${language}/x" }')).toMatchObject({ path: 'docs/{language}/x' });
  });

  it('refuse options that do not apply to the format, each naming the option', () => {
    expect(problemOf('{ format: parquet }')).toMatch(/^p\.yaml:6:14: write: "format" .*"arrow".*"jsonl"/);
    expect(problemOf('{ compression: zstd }')).toMatch(/"compression" arrow files have no compression option/);
    expect(problemOf('{ format: jsonl, compression: snappy }')).toMatch(/"compression" jsonl takes compression "gzip", "zstd", "none"/);
    expect(problemOf('{ format: jsonl, ipc: stream }')).toMatch(/"ipc" applies to format arrow, not jsonl/);
    expect(problemOf('{ format: jsonl, batch_rows: 10 }')).toMatch(/"batch_rows" jsonl files have no batches/);
    expect(problemOf('{ layout: datatrove, include_html: true }')).toMatch(/"include_html" the datatrove layout has no html field/);
  });

  it('refuse a broken placeholder, and a partitioned path that leaves the run dir', () => {
    expect(problemOf('{ path: "docs/{}" }')).toMatch(/"path" "\{\}" does not name a meta key/);
    expect(problemOf('{ path: "docs/{language" }')).toMatch(/"path" a "\{" or "\}" outside a \{meta_key\} placeholder/);
    expect(problemOf('{ path: "../{language}" }')).toMatch(/"path" must stay inside the run dir/);
  });

  it('refuse at plan time a placeholder that is no meta key of the docs reaching the writer, listing those that are', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sieve-write-plan-'));
    await writeShard(path.join(dir, 'in.arrow'), [{ id: 'a', text: 'x', meta: { language: 'en' } }], { language: 'string' });
    const config = path.join(dir, 'p.yaml');
    const yaml = (p: string) =>
      `name: t\nrun_dir: ${dir}/run\ninput:\n  arrow: { paths: ["${dir}/in.arrow"] }\nstages:\n  - write: { path: "${p}" }\n`;
    writeFileSync(config, yaml('docs/{lang}'));
    await expect(prepareRun(config)).rejects.toThrow(
      `${config}:6:14: write: {lang} is not a meta key of the docs reaching this stage; they carry: language`,
    );
    writeFileSync(config, yaml('docs/{language}'));
    await expect(prepareRun(config)).resolves.toMatchObject({ executor: 'local' });
  });
});
