import { z } from 'zod';
import { defineStage } from '../../pipeline/registry.js';
import { addTo } from '../../pipeline/stats.js';
import type { LanguageBackend } from './backend.js';
import { FASTTEXT_LANGUAGES, loadFastText } from './fasttext_backend.js';
import { FRANC_LANGUAGES, loadFranc } from './franc_backend.js';
import { FRANC_TO_ISO1 } from './iso639.js';

const isoCode = z
  .string()
  .regex(/^[a-z]{2,3}$/, 'a lower-case ISO 639-1 code such as "en"')
  .refine((code) => !(code in FRANC_TO_ISO1), { error: (issue) => `use the ISO 639-1 code "${FRANC_TO_ISO1[issue.input as string]}"` });

const options = z
  .object({
    /** fastText lid.176 (FineWeb's; the more accurate in bench/language) or franc's trigrams. */
    backend: z.enum(['fasttext', 'franc']).default('fasttext'),
    /** Languages to keep (ISO 639-1); `null` keeps any language that clears `min_score`. */
    keep: z.array(isoCode).nonempty().nullable().default(['en']),
    /** A doc is kept when a kept language scores above this. */
    min_score: z.number().min(0).max(1).default(0.65),
    /** Label every doc and drop none. */
    label_only: z.boolean().default(false),
  })
  .strict()
  .superRefine((o, ctx) => {
    const known = o.backend === 'fasttext' ? FASTTEXT_LANGUAGES : FRANC_LANGUAGES;
    for (const [i, code] of (o.keep ?? []).entries()) {
      if (!known.has(code))
        ctx.addIssue({ code: 'custom', path: ['keep', i], message: `the ${o.backend} backend never labels a text "${code}"` });
    }
  });

// Loaded once per process: every task in a worker shares the model.
const backends = new Map<string, Promise<LanguageBackend>>();
function backend(name: 'fasttext' | 'franc'): Promise<LanguageBackend> {
  let loaded = backends.get(name);
  if (!loaded) backends.set(name, (loaded = name === 'fasttext' ? loadFastText() : Promise.resolve(loadFranc())));
  return loaded;
}

/**
 * Labels each doc with its most likely language and that language's score (meta `language`,
 * `language_score`, counted as `language:<code>`), then keeps it if one of the kept languages
 * scores above `min_score`. Drops are `language:other` (another language won) or
 * `language:low_score` (a kept language won, below the threshold).
 */
export const language = defineStage({
  name: 'language',
  kind: 'stream',
  summary: 'label docs with their language (fastText lid.176 or franc) and keep the configured ones',
  options,
  create: (opts) => ({
    kind: 'stream',
    meta: { language: 'string', language_score: 'float64' },
    async *run(docs, ctx) {
      const identify = await backend(opts.backend);
      const keep = opts.keep && new Set<string>(opts.keep);
      for await (const doc of docs) {
        const guesses = identify.identify(doc.text, 3);
        const best = guesses[0]!;
        doc.meta.language = best.language;
        doc.meta.language_score = best.score;
        addTo(ctx.counters.counts, `language:${best.language}`);
        const kept = opts.label_only || guesses.some((g) => (!keep || keep.has(g.language)) && g.score > opts.min_score);
        if (kept) yield doc;
        else ctx.drop(doc, !keep || keep.has(best.language) ? 'language:low_score' : 'language:other');
      }
    },
  }),
});
