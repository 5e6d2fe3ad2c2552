import { docReader, shardsToRead } from '../report/doc_source.js';
import { parseWhere } from '../report/doc_filter.js';
import { formatDoc } from '../report/format_doc.js';
import { selectDocs } from '../report/select_docs.js';
import { terminalJson } from '../report/terminal_text.js';

export interface InspectOptions {
  where: string[];
  sample?: number;
  seed?: number;
  rejects?: string;
  tokens?: boolean;
  tokenizer?: string;
  json?: boolean;
}

const FIRST = 10;

/**
 * `sieve inspect`: documents of a shard or run (or a stage's rejects, with reasons; or token shards,
 * decoded back to text), readable or as JSON lines.
 */
export async function inspectCommand(target: string, options: InspectOptions): Promise<number> {
  // `sieve inspect … | head` closes the pipe early: that ends the listing, it is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const conditions = options.where.map(parseWhere);
  const shards = shardsToRead(target, { rejects: options.rejects, tokens: options.tokens });
  const seed = options.seed ?? 1;
  const want = options.sample ? { sample: options.sample, seed } : { limit: FIRST };
  const selection = await selectDocs(shards, conditions, want, await docReader(shards, options.tokenizer));
  if (options.json) {
    for (const doc of selection.docs) process.stdout.write(`${terminalJson(doc)}\n`);
    return 0;
  }
  for (const doc of selection.docs) process.stdout.write(`${formatDoc(doc)}\n\n`);
  const what = options.rejects ? `rejects of ${options.rejects}` : 'docs';
  const filter = conditions.length ? ` matching ${options.where.join(' and ')}` : '';
  const summary = options.sample
    ? `${selection.docs.length} of ${selection.matched} ${what}${filter} in ${shards.length} shards, sampled with seed ${seed}`
    : selection.complete
      ? `${selection.docs.length} ${what}${filter} in ${shards.length} shards (all shown)`
      : `first ${selection.docs.length} ${what}${filter} shown; more match (--sample N for a random sample)`;
  process.stdout.write(`${summary}\n`);
  return 0;
}
