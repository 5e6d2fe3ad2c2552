import { francAll } from 'franc';
import { data } from 'franc/data.js';
import { expressions } from 'franc/expressions.js';
import type { LanguageBackend } from './backend.js';
import { UNKNOWN } from './backend.js';
import { FRANC_TO_ISO1 } from './iso639.js';

// Trigram models per script, plus the scripts only one language writes (their key is that language).
const CODES = [...Object.values(data).flatMap((models) => Object.keys(models)), ...Object.keys(expressions).filter((s) => !(s in data))];
export const FRANC_LANGUAGES: ReadonlySet<string> = new Set(CODES.map((code) => FRANC_TO_ISO1[code] ?? code));

/**
 * franc's trigram ranking. franc gives distances normalized so the best is always 1; the score
 * here is the margin over the runner-up (1 - second): 0 for a tie, 1 for a script only one
 * language writes (Greek, Hangul...). It is not a probability: on the lingua sentences the median
 * margin is 0.18 when franc is right and 0.03 when it is wrong, so use a `min_score` near 0.05.
 */
export function loadFranc(): LanguageBackend {
  return {
    languages: FRANC_LANGUAGES,
    identify(text, k) {
      const ranked = francAll(text, { minLength: 10 });
      const [first, second] = ranked;
      if (!first || first[0] === 'und') return [{ language: UNKNOWN, score: 0 }];
      const margin = 1 - (second?.[1] ?? 0);
      return ranked.slice(0, k).map(([code], i) => ({
        language: FRANC_TO_ISO1[code] ?? code,
        // Only the winner has a margin; the others are ranked below it with none.
        score: i === 0 ? margin : 0,
      }));
    },
  };
}
