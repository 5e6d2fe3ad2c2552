import { extractText } from '../../stages/extract/extract_text.js';
import { extractOptions } from '../../stages/extract/options.js';

/** The main text `extract` keeps from `html` with these options; a dropped page fails the test with its reason. */
export function mainText(html: string, options: object = {}): string {
  const result = extractText(html, extractOptions.parse(options));
  if ('reason' in result) throw new Error(result.reason);
  return result.text;
}

/** A paragraph of plain prose, long and sentence-like enough to count as content. */
export const longParagraph = (topic: string) =>
  `<p>The ${topic} is described here in a long paragraph that runs well past a single line of text, ` +
  `with enough words, commas and detail that nobody would mistake it for a menu entry or a label.</p>`;
