import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RecordedFile } from '../arrow/arrow_file.js';
import { shardSchema } from '../arrow/doc_shard_reader.js';
import { arrowDocFiles } from '../doc_files/arrow_doc_files.js';
import { docFileFormatOf } from '../doc_files/doc_file_formats.js';
import type { ShardRow } from '../run/ledger.js';
import { readManifest } from '../run/manifest.js';
import type { ShardDoc } from './doc_filter.js';
import { isTokenShard, readTokenDocs, shardTokenizer } from './token_docs.js';
import { ReportError } from './report_error.js';
import { completedShards, readRunState } from './run_state.js';

/** A shard to read, with the size and sha256 its run recorded when it comes from a run dir. */
export interface ShardFile {
  /** Absolute path. */
  file: string;
  recorded?: RecordedFile;
  /** Rows its run recorded. */
  rows?: number;
}

export interface RunShards {
  /** The output doc shards of completed tasks. */
  docs: ShardFile[];
  /** Rejects shards, by the stage that dropped them, in pipeline order. */
  rejects: Map<string, ShardFile[]>;
  tokens: ShardFile[];
}

/** The doc and rejects shards of a run's completed tasks, from their result files; each is checked against its recorded checksum when read. */
export function runShards(runDir: string): RunShards {
  const manifest = readManifest(runDir);
  const state = readRunState(runDir, manifest);
  const shard = (s: ShardRow): ShardFile => ({
    file: path.join(runDir, s.path),
    recorded: { bytes: s.bytes, sha256: s.sha256 },
    rows: s.rows,
  });
  const rejects = new Map<string, ShardFile[]>(manifest.stages.map((s) => [s.id, []]));
  for (const s of completedShards(state, 'rejects')) {
    // Rejects live at rejects/<stage>/<phase>-<rank>.arrow.
    const stage = s.path.split('/')[1]!;
    rejects.set(stage, [...(rejects.get(stage) ?? []), shard(s)]);
  }
  for (const [stage, files] of rejects) if (files.length === 0) rejects.delete(stage);
  return { docs: completedShards(state, 'docs').map(shard), rejects, tokens: completedShards(state, 'tokens').map(shard) };
}

export interface InspectTarget {
  /** A run's rejects of this stage, with the reason of each drop. */
  rejects?: string;
  /** A run's token shards, decoded, instead of its doc shards. */
  tokens?: boolean;
}

/** The shards `inspect` reads: one file, or a run's output doc shards, token shards or rejects of one stage. */
export function shardsToRead(target: string, want: InspectTarget = {}): ShardFile[] {
  if (!existsSync(target)) throw new ReportError(`${target} does not exist`);
  if (statSync(target).isFile()) {
    if (want.rejects || want.tokens) throw new ReportError('--rejects and --tokens take a run dir, not a shard file');
    return [{ file: target }];
  }
  const shards = runShards(target);
  if (want.tokens) {
    if (shards.tokens.length === 0) throw new ReportError(`${target} has no token shards (no write_tokens stage has completed a task)`);
    return shards.tokens;
  }
  if (!want.rejects) {
    if (shards.docs.length === 0) throw new ReportError(`${target} has no doc shards yet (no write stage has completed a task)`);
    return shards.docs;
  }
  const mine = shards.rejects.get(want.rejects);
  if (!mine) {
    const kept = [...shards.rejects.keys()];
    throw new ReportError(
      `${target} holds no rejects of stage "${want.rejects}"` +
        (kept.length ? `; stages with rejects: ${kept.join(', ')}` : '; the run kept no rejects (set `rejects: true` in its config)'),
    );
  }
  return mine;
}

/** How to read `shards` as docs: as they are, or, for token shards, decoded with their tokenizer. */
export async function docReader(
  shards: ShardFile[],
  tokenizerSpec: string | undefined,
): Promise<(shard: ShardFile) => AsyncIterable<ShardDoc>> {
  if (docFileFormatOf(shards[0]!.file) !== arrowDocFiles) return readShardDocs;
  const schema = await shardSchema(shards[0]!.file);
  if (!isTokenShard(schema)) return readShardDocs;
  const tokenizer = await shardTokenizer(schema, tokenizerSpec, process.cwd());
  return (shard) => readTokenDocs(shard, tokenizer);
}

/** The docs of a doc file of any format `write` makes. */
export const readShardDocs = (shard: ShardFile): AsyncIterable<ShardDoc> => docFileFormatOf(shard.file).read(shard.file, shard.recorded);
