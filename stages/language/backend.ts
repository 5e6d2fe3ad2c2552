/** The most likely language of a text (ISO 639-1 where the language has such a code, else ISO 639-3) and a score in [0, 1]. */
export interface LanguageGuess {
  language: string;
  score: number;
}

/** A language identifier: ranked guesses, best first, at most `k`. */
export interface LanguageBackend {
  /** Every label it can give. */
  readonly languages: ReadonlySet<string>;
  identify(text: string, k: number): LanguageGuess[];
}

/** The label for text with no usable signal (empty, digits only). */
export const UNKNOWN = 'und';
