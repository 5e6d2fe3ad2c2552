import { z } from 'zod';

/** FineWeb's MinHash settings are the defaults: word 5-grams, 14 bands of 8 rows (threshold ≈ 0.72). */
export const minhashOptions = z
  .object({
    /** Words per shingle. */
    ngram: z.number().int().min(1).default(5),
    /** Bands: docs that agree on every row of any one band are duplicate candidates. One reduce task each. */
    bands: z.number().int().min(1).max(256).default(14),
    /** Hashes per band. */
    rows: z.number().int().min(1).max(64).default(8),
    /** Seeds the hash family; every task of a run must use the same one (the config makes sure). */
    seed: z.number().int().min(0).default(1),
    /** Docs whose signatures a collect task sorts in memory before spilling a sorted run to disk. */
    sort_buffer: z.number().int().min(1).default(100_000),
    /** Also write `clusters.jsonl` (each cluster's kept id and members with URLs) into the barrier folder. */
    clusters_file: z.boolean().default(false),
  })
  .strict();

export type MinhashOptions = z.output<typeof minhashOptions>;
