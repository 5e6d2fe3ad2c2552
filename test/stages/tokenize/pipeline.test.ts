import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTokenShard, tokenShardInfo } from '../../../pipeline/arrow/token_shard_reader.js';
import { loadPretrained } from '../../../stages/tokenize/pretrained.js';
import { readTokenizerFile } from '../../../stages/tokenize/tokenizer_file.js';
import { SIEVE, sieve } from '../../helpers/cli.js';
import { writeShard } from '../../helpers/shards.js';
import { fixture } from './fixture.js';

const dir = mkdtempSync(path.join(tmpdir(), 'sieve-tokenize-'));
const docs = fixture.docs.slice(0, 60).map((d) => ({ id: d.id, text: d.text, meta: {} }));
const textOf = new Map(docs.map((d) => [d.id, d.text]));

async function run(name: string, tokenize: string): Promise<string> {
  const runDir = path.join(dir, name);
  const config = path.join(dir, `${name}.yaml`);
  writeFileSync(
    config,
    [
      `name: ${name}`,
      `run_dir: ${runDir}`,
      'input:',
      `  arrow: { paths: ["${dir}/input/*.arrow"] }`,
      'stages:',
      `  - tokenize: ${tokenize}`,
      '  - write_tokens: { path: tokens }',
      'executor: { local: { tasks: 2, workers: 2 } }',
    ].join('\n'),
  );
  const result = await sieve(['run', config]);
  expect(result.code, result.stderr).toBe(0);
  return runDir;
}

async function shards(runDir: string) {
  const files = readdirSync(path.join(runDir, 'tokens'))
    .sort()
    .map((f) => path.join(runDir, 'tokens', f));
  const rows: { id: string; tokens: Uint16Array | Uint32Array }[] = [];
  for (const file of files) for await (const row of readTokenShard(file)) rows.push(row);
  return { files, rows };
}

beforeAll(async () => {
  await writeShard(path.join(dir, 'input', '0.arrow'), docs.slice(0, 30));
  await writeShard(path.join(dir, 'input', '1.arrow'), docs.slice(30));
});

describe('tokenize + write_tokens in a pipeline', () => {
  it('trains a tokenizer on the corpus, saves it, and writes uint16 token shards counted in the ledger', async () => {
    const runDir = await run('train', '{ train: { vocab_size: 1024 } }');
    const tokenizer = await readTokenizerFile(path.join(runDir, 'tokenizer', 'tokenizer.json'));
    expect(tokenizer.nVocab).toBe(1024);
    const { files, rows } = await shards(runDir);
    const { schema } = await tokenShardInfo(files[0]!);
    expect(String(schema.fields[1]!.type)).toBe('List<Uint16>');
    expect(schema.metadata.get('sieve.tokenizer.ranks_sha256')).toBe(tokenizer.vocab.sha256());
    expect(schema.metadata.get('sieve.tokenizer.end_of_text')).toBe('1023');
    expect(rows.map((r) => r.id).sort()).toEqual(docs.map((d) => d.id).sort());
    for (const row of rows) {
      expect(row.tokens[row.tokens.length - 1]).toBe(1023);
      expect(tokenizer.decode(row.tokens.subarray(0, -1))).toBe(textOf.get(row.id));
    }
    const ledger = new Database(path.join(runDir, 'ledger.sqlite'), { readonly: true });
    const catalog = ledger.prepare(`SELECT rows, tokens FROM shards WHERE kind = 'tokens'`).all() as { rows: number; tokens: number }[];
    ledger.close();
    expect(catalog.reduce((n, s) => n + s.rows, 0)).toBe(docs.length);
    expect(catalog.reduce((n, s) => n + s.tokens, 0)).toBe(rows.reduce((n, r) => n + r.tokens.length, 0));

    // The saved tokenizer loads as a plain stream stage and encodes the same.
    const again = await shards(await run('reuse', `{ tokenizer: ${path.join(runDir, 'tokenizer')} }`));
    expect(new Map(again.rows.map((r) => [r.id, [...r.tokens]]))).toEqual(new Map(rows.map((r) => [r.id, [...r.tokens]])));
  });

  it('encodes with a pretrained vocabulary: uint32 ids for o200k_base, each doc ended by end-of-text', async () => {
    const { files, rows } = await shards(await run('o200k', '{ tokenizer: o200k_base }'));
    const o200k = await loadPretrained('o200k_base');
    const { schema } = await tokenShardInfo(files[0]!);
    expect(String(schema.fields[1]!.type)).toBe('List<Uint32>');
    expect(schema.metadata.get('sieve.tokenizer')).toBe('o200k_base');
    for (const row of rows) expect([...row.tokens]).toEqual([...o200k.encodeOrdinary(textOf.get(row.id)!), o200k.endOfText]);
  });
});

describe('sieve tokenizer', () => {
  const cli = (args: string[], input: string) => execFileSync(process.execPath, [SIEVE, 'tokenizer', ...args], { input }).toString();

  it('encodes and decodes', async () => {
    const ids = cli(['encode', '--tokenizer', 'gpt2'], 'Hello world<|endoftext|>').trim();
    expect(ids.split(' ').map(Number)).toEqual((await loadPretrained('gpt2')).encodeOrdinary('Hello world<|endoftext|>'));
    expect(cli(['encode', '--tokenizer', 'gpt2', '--special'], 'Hi<|endoftext|>').trim()).toBe('17250 50256');
    expect(cli(['decode', '--tokenizer', 'gpt2'], ids)).toBe('Hello world<|endoftext|>');
  });

  it('trains from doc shards into a loadable tokenizer', async () => {
    const out = path.join(dir, 'cli-trained');
    cli(['train', path.join(dir, 'input', '0.arrow'), '--vocab-size', '600', '--out', out], '');
    const tokenizer = await readTokenizerFile(path.join(out, 'tokenizer.json'));
    expect(tokenizer.nVocab).toBe(600);
    expect(cli(['decode', '--tokenizer', path.join(out, 'tokenizer.json')], cli(['encode', '--tokenizer', out], 'round trip ✓'))).toBe(
      'round trip ✓',
    );
  });
});
