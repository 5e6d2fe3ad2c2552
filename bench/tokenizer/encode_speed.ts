// Single-thread encode speed of one JS tokenizer on the bench docs (cl100k_base, ordinary text):
//   npx tsx bench/tokenizer/encode_speed.ts <sieve|sieve-cold|js-tiktoken|gpt-tokenizer|tiktoken-wasm> <docs.json> [reps]
// Prints {tool, mb, tokens, mb_per_s: [per rep]} as JSON. sieve-cold clears the chunk cache before each rep.
import { readFileSync } from 'node:fs';
import { encode as gptTokenizerEncode } from 'gpt-tokenizer/encoding/cl100k_base';
import { getEncoding } from 'js-tiktoken';
import { get_encoding } from 'tiktoken';
import { loadPretrained } from '../../stages/tokenize/pretrained.js';

const [tool, docsPath, repsArg] = process.argv.slice(2);
if (!tool || !docsPath) throw new Error('usage: encode_speed.ts <tool> <docs.json> [reps]');
const docs = JSON.parse(readFileSync(docsPath, 'utf8')) as string[];
const reps = Number(repsArg ?? 3);

async function encoder(): Promise<{ encode: (text: string) => number; beforeRep?: () => void }> {
  switch (tool) {
    case 'sieve':
    case 'sieve-cold': {
      const tokenizer = await loadPretrained('cl100k_base');
      return {
        encode: (t) => tokenizer.encodeOrdinary(t).length,
        beforeRep: tool === 'sieve-cold' ? () => tokenizer.clearCache() : undefined,
      };
    }
    case 'js-tiktoken': {
      const enc = getEncoding('cl100k_base');
      return { encode: (t) => enc.encode(t, [], []).length };
    }
    case 'gpt-tokenizer':
      return { encode: (t) => gptTokenizerEncode(t, { disallowedSpecial: new Set() }).length };
    case 'tiktoken-wasm': {
      const enc = get_encoding('cl100k_base');
      return { encode: (t) => enc.encode_ordinary(t).length };
    }
    default:
      throw new Error(`unknown tool ${tool}`);
  }
}

const { encode, beforeRep } = await encoder();
const mb = docs.reduce((n, d) => n + Buffer.byteLength(d), 0) / 1e6;
const speeds: number[] = [];
let tokens = 0;
for (let rep = 0; rep < reps; rep++) {
  beforeRep?.();
  const started = performance.now();
  tokens = 0;
  for (const doc of docs) tokens += encode(doc);
  speeds.push(mb / ((performance.now() - started) / 1000));
}
console.log(JSON.stringify({ tool, mb, tokens, mb_per_s: speeds }));
