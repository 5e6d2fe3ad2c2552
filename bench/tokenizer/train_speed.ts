// Trains a BPE vocabulary with Sieve's trainer on the bench docs, single thread, and prints
// {tool, vocab, seconds, count_seconds, merge_seconds} as JSON: counting pre-token chunks, then learning merges.
//   npx tsx bench/tokenizer/train_speed.ts <docs.json> [vocab size] [out dir for the tokenizer files]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tokenizerFiles } from '../../stages/tokenize/tokenizer_file.js';
import { ChunkCounter } from '../../stages/tokenize/train/chunk_counts.js';
import { trainTokenizer } from '../../stages/tokenize/train/train_tokenizer.js';

const [docsPath, vocabArg, outDir] = process.argv.slice(2);
if (!docsPath) throw new Error('usage: train_speed.ts <docs.json> [vocab size] [out dir]');
const docs = JSON.parse(readFileSync(docsPath, 'utf8')) as string[];
const vocabSize = Number(vocabArg ?? 32768);

const started = performance.now();
const counter = new ChunkCounter('cl100k');
for (const doc of docs) counter.add(doc);
const counted = performance.now();
const tokenizer = trainTokenizer(counter.counts, { name: 'bench', pattern: 'cl100k', vocabSize, specialTokens: ['<|endoftext|>'] });
const done = performance.now();
if (outDir) {
  mkdirSync(outDir, { recursive: true });
  const files = tokenizerFiles(tokenizer, 'tokenizer');
  writeFileSync(path.join(outDir, 'tokenizer.json'), files.json);
  writeFileSync(path.join(outDir, 'tokenizer.tiktoken'), files.tiktoken);
}
console.log(
  JSON.stringify({
    tool: 'sieve',
    vocab: tokenizer.nVocab,
    seconds: (done - started) / 1000,
    count_seconds: (counted - started) / 1000,
    merge_seconds: (done - counted) / 1000,
  }),
);
