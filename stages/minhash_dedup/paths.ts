import path from 'node:path';

/** The barrier's files, relative to the run dir (under the stage's work dir). */
const pad = (n: number, width = 5) => String(n).padStart(width, '0');

export const minhashFiles = {
  /** Collect task `rank`'s signatures of one band, sorted. */
  signatures: (workDir: string, band: number, rank: number) => path.join(workDir, 'signatures', `band-${pad(band, 3)}`, `${pad(rank)}.bin`),
  /** Collect task `rank`'s docs in the order of the local indexes its signature records carry: `[id, url]` per line. */
  docTable: (workDir: string, rank: number) => path.join(workDir, 'docs', `${pad(rank)}.jsonl`),
  /** Sorted runs a collect task spills when its buffer fills; merged into its signature files, then removed. */
  spillDir: (workDir: string, rank: number) => path.join(workDir, 'spill', pad(rank)),
  /** One band's duplicate pairs. */
  pairs: (workDir: string, band: number) => path.join(workDir, 'pairs', `band-${pad(band, 3)}.bin`),
  /** Ids that apply task `rank` drops, one JSON string per line. */
  drops: (workDir: string, rank: number) => path.join(workDir, 'drops', `${pad(rank)}.jsonl`),
  clusters: (workDir: string) => path.join(workDir, 'clusters.jsonl'),
};
