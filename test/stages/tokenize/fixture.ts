import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { PretrainedName } from '../../../stages/tokenize/pretrained.js';

/** Python tiktoken's ids, made by bench/tokenizer/make_fixture.py. */
export interface TiktokenFixture {
  adversarial: string[];
  with_specials: string[];
  /** Sample corpus docs, each cut to its first `doc_chars` characters. */
  docs: { id: string; text: string }[];
  encodings: Record<PretrainedName, { adversarial: number[][]; with_specials: number[][]; docs: { tokens: number; sha256: string }[] }>;
}

/** TIKTOKEN_FIXTURE points at another fixture, e.g. one of whole docs (make_fixture.py … 0). */
const file = process.env.TIKTOKEN_FIXTURE ?? path.join(import.meta.dirname, '../../fixtures/tokenize/tiktoken.json.gz');
export const fixture = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as TiktokenFixture;
