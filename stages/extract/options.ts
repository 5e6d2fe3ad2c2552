import { z } from 'zod';

/** The stage's YAML options; the defaults are the ones tuned on bench/extraction's development sets. */
export const extractOptions = z
  .object({
    /** Trafilatura's switch: `precision` trims doubtful blocks, `recall` keeps them; `balanced` is the tuned middle. */
    favor: z.enum(['precision', 'balanced', 'recall']).default('balanced'),
    include_comments: z.boolean().default(false),
    include_tables: z.boolean().default(true),
    /** Fewer characters of main text than this and the page is dropped as having no content. */
    min_chars: z.number().int().min(0).default(100),
    /** Per-document time budget; a page that takes longer is dropped, never waited on. */
    timeout_ms: z.number().int().positive().default(2000),
  })
  .strict();

export type ExtractOptions = z.output<typeof extractOptions>;
