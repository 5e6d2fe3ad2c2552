import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { PATTERN_NAMES, PATTERNS } from './patterns.js';
import { isPretrained, loadPretrained } from './pretrained.js';
import { Tokenizer } from './tokenizer.js';
import { parseTiktoken } from './vocabulary.js';

/**
 * A saved tokenizer is two files side by side:
 *
 * - `<stem>.tiktoken`: the mergeable tokens, `base64(bytes) rank` per line, in tiktoken's format.
 * - `<stem>.json`: what the ranks need to make a tokenizer:
 *   `{ "format": "sieve-bpe", "version": 1, "name", "pattern": "gpt2"|"cl100k"|"o200k",
 *      "pat_str": <the pattern in tiktoken's syntax>, "ranks": "<stem>.tiktoken",
 *      "ranks_sha256": <sha256 of that file>, "special_tokens": { "<|endoftext|>": id, … } }`
 *
 * In Python: `tiktoken.Encoding(name, pat_str=j["pat_str"], special_tokens=j["special_tokens"],
 * mergeable_ranks=tiktoken.load.load_tiktoken_bpe(ranks_path))`.
 */
const header = z.object({
  format: z.literal('sieve-bpe'),
  version: z.literal(1),
  name: z.string().min(1),
  pattern: z.enum(PATTERN_NAMES),
  pat_str: z.string(),
  ranks: z.string().min(1),
  ranks_sha256: z.string().regex(/^[0-9a-f]{64}$/),
  special_tokens: z.record(z.string(), z.number().int().nonnegative()),
});
export type TokenizerHeader = z.infer<typeof header>;

/** The contents of a tokenizer's two files, `<stem>.json` and `<stem>.tiktoken`. */
export function tokenizerFiles(tokenizer: Tokenizer, stem: string): { json: string; tiktoken: string } {
  const tiktoken = tokenizer.vocab.toTiktoken();
  const h: TokenizerHeader = {
    format: 'sieve-bpe',
    version: 1,
    name: tokenizer.name,
    pattern: tokenizer.pattern,
    pat_str: PATTERNS[tokenizer.pattern].tiktoken,
    ranks: `${stem}.tiktoken`,
    ranks_sha256: createHash('sha256').update(tiktoken).digest('hex'),
    special_tokens: { ...tokenizer.specialTokens },
  };
  return { json: `${JSON.stringify(h, null, 2)}\n`, tiktoken };
}

/** Reads a tokenizer saved by `tokenizerFiles` from its `.json` file (or a folder holding one). */
export async function readTokenizerFile(file: string): Promise<Tokenizer> {
  const jsonPath = statSync(file).isDirectory() ? onlyJson(file) : file;
  const parsed = header.safeParse(JSON.parse(await readFile(jsonPath, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `${jsonPath} is not a sieve tokenizer: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const h = parsed.data;
  const ranksPath = path.resolve(path.dirname(jsonPath), h.ranks);
  const ranks = await readFile(ranksPath, 'utf8');
  const sha = createHash('sha256').update(ranks).digest('hex');
  if (sha !== h.ranks_sha256) throw new Error(`${ranksPath} has sha256 ${sha}, ${jsonPath} expects ${h.ranks_sha256}`);
  return new Tokenizer({ name: h.name, pattern: h.pattern, vocab: parseTiktoken(ranks), specialTokens: h.special_tokens });
}

/** `gpt2`, `cl100k_base`, `o200k_base`, or the path of a saved tokenizer (relative to `baseDir`). */
export function resolveTokenizer(spec: string, baseDir: string): Promise<Tokenizer> {
  if (isPretrained(spec)) return loadPretrained(spec);
  const file = path.resolve(baseDir, spec);
  if (!existsSync(file)) throw new Error(`tokenizer "${spec}" is neither gpt2, cl100k_base, o200k_base nor a file (looked at ${file})`);
  return readTokenizerFile(file);
}

function onlyJson(dir: string): string {
  const file = path.join(dir, 'tokenizer.json');
  if (!existsSync(file)) throw new Error(`${dir} holds no tokenizer.json`);
  return file;
}
