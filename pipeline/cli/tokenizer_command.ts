import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readDocShard } from '../arrow/doc_shard_reader.js';
import { PATTERN_NAMES, type PatternName } from '../../stages/tokenize/patterns.js';
import { resolveTokenizer, tokenizerFiles } from '../../stages/tokenize/tokenizer_file.js';
import { ChunkCounter } from '../../stages/tokenize/train/chunk_counts.js';
import { trainTokenizer } from '../../stages/tokenize/train/train_tokenizer.js';

export const TOKENIZER_USAGE = `  sieve tokenizer encode [--tokenizer T] [--special]   stdin text -> token ids (T: gpt2, cl100k_base, o200k_base or a saved .json)
  sieve tokenizer decode [--tokenizer T]               stdin ids (space or comma separated) -> text
  sieve tokenizer train <file|shard.arrow>... --vocab-size N --out DIR [--pattern cl100k] [--name NAME]
`;

/** `sieve tokenizer …`: the tokenizer outside a pipeline. Its own flags, so they stay out of `sieve run`. */
export async function tokenizerCommand(argv: string[]): Promise<number> {
  try {
    return await tokenizer(argv);
  } catch (e) {
    if (!(e instanceof TokenizerUsageError)) throw e;
    process.stderr.write(`sieve tokenizer: ${e.message}\n`);
    return 2;
  }
}

async function tokenizer(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      tokenizer: { type: 'string', default: 'cl100k_base' },
      special: { type: 'boolean', default: false },
      'vocab-size': { type: 'string' },
      out: { type: 'string' },
      pattern: { type: 'string', default: 'cl100k' },
      name: { type: 'string', default: 'sieve-bpe' },
    },
  });
  const [action, ...inputs] = positionals;
  switch (action) {
    case 'encode': {
      const tokenizer = await resolveTokenizer(values.tokenizer, process.cwd());
      const text = readFileSync(0, 'utf8');
      const ids = values.special ? tokenizer.encode(text, 'all') : tokenizer.encodeOrdinary(text);
      process.stdout.write(`${ids.join(' ')}\n`);
      return 0;
    }
    case 'decode': {
      const tokenizer = await resolveTokenizer(values.tokenizer, process.cwd());
      const ids = readFileSync(0, 'utf8')
        .split(/[\s,[\]]+/)
        .filter(Boolean)
        .map(Number);
      process.stdout.write(tokenizer.decode(ids));
      return 0;
    }
    case 'train': {
      const vocabSize = Number(values['vocab-size']);
      if (!Number.isInteger(vocabSize) || vocabSize < 258) throw new TokenizerUsageError('train needs --vocab-size N (N ≥ 258)');
      if (!values.out) throw new TokenizerUsageError('train needs --out DIR');
      if (inputs.length === 0) throw new TokenizerUsageError('train needs input files: text files, or Arrow doc shards (.arrow)');
      if (!(PATTERN_NAMES as readonly string[]).includes(values.pattern))
        throw new TokenizerUsageError(`--pattern is one of ${PATTERN_NAMES.join(', ')}`);
      const pattern = values.pattern as PatternName;
      const counter = new ChunkCounter(pattern);
      for (const input of inputs) {
        if (input.endsWith('.arrow')) for await (const doc of readDocShard(input)) counter.add(doc.text);
        else counter.add(await readFile(input, 'utf8'));
      }
      const tokenizer = trainTokenizer(counter.counts, { name: values.name, pattern, vocabSize, specialTokens: [] });
      const files = tokenizerFiles(tokenizer, 'tokenizer');
      await mkdir(values.out, { recursive: true });
      await writeFile(path.join(values.out, 'tokenizer.tiktoken'), files.tiktoken);
      await writeFile(path.join(values.out, 'tokenizer.json'), files.json);
      process.stdout.write(
        `${tokenizer.nVocab} ids (${tokenizer.vocab.size - 256} merges) in ${path.join(values.out, 'tokenizer.json')}\n`,
      );
      return 0;
    }
    default:
      throw new TokenizerUsageError(`usage:\n${TOKENIZER_USAGE}`);
  }
}

class TokenizerUsageError extends Error {}
