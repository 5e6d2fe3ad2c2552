import { createRequire } from 'node:module';
import { getLIDModel } from 'fasttext.wasm.js';
import type { LanguageBackend, LanguageGuess } from './backend.js';
import { UNKNOWN } from './backend.js';

/**
 * fastText labels are Wikipedia codes: two-letter ones are already ISO 639-1 (`nn` stays Nynorsk,
 * where the package's table folds it into `no`); longer ones (`als` = Swiss German) take the
 * package's ISO reading, 639-1 if there is one, else 639-3 (`gsw`).
 */
// The package's own label table (it ships no typings for it).
const labels = createRequire(import.meta.url)('fasttext.wasm.js/dist/models/language-identification/assets/languages.json') as Record<
  string,
  { alpha2: string | null; alpha3: string }
>;
const ISO = new Map<string, string>(
  Object.entries(labels).map(([label, l]) => [label, label.length === 2 ? label : (l.alpha2 ?? l.alpha3)]),
);

export const FASTTEXT_LANGUAGES: ReadonlySet<string> = new Set(ISO.values());

/**
 * fastText's lid.176 model, the identifier FineWeb used (its 917 kB quantized `.ftz` form, shipped
 * inside the fasttext.wasm.js package: nothing is downloaded). Newlines are folded to spaces first,
 * as fastText reads one line as one example.
 */
export async function loadFastText(): Promise<LanguageBackend> {
  const model = await (await getLIDModel()).load();
  return {
    languages: FASTTEXT_LANGUAGES,
    identify(text, k) {
      const line = text.replace(/\s+/g, ' ').trim();
      if (line === '') return [{ language: UNKNOWN, score: 0 }];
      const predictions = model.predict(line, k, 0);
      const guesses: LanguageGuess[] = [];
      try {
        for (let i = 0; i < predictions.size(); i++) {
          const [probability, label] = predictions.get(i);
          const code = label.replace('__label__', '');
          // The softmax of the quantized model can overshoot 1 by a few 1e-5.
          guesses.push({ language: ISO.get(code) ?? code, score: Math.min(1, probability) });
        }
      } finally {
        predictions.delete(); // an Emscripten vector: its WASM memory is not garbage-collected
      }
      return guesses.length > 0 ? guesses : [{ language: UNKNOWN, score: 0 }];
    },
  };
}
