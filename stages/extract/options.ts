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
    /**
     * The per-document work budget: units of work (a character parsed, a node visited, a character
     * rendered) a page may cost per character of its HTML, above a fixed allowance. A page that
     * needs more is dropped as `extract:over_budget`. Real pages need under 4 (bench/extraction/work.ts).
     */
    work_per_char: z.number().positive().default(10),
    /** Retired: a time budget made the output depend on machine load. */
    timeout_ms: z
      .never({ error: 'is retired: the time budget became a work budget, "work_per_char", so output no longer depends on machine load' })
      .optional(),
  })
  .strict();

export type ExtractOptions = z.output<typeof extractOptions>;
