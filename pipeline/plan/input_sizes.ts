import { statSync } from 'node:fs';

/**
 * The size of each input that is a local file, so progress can follow the bytes read; null for
 * the others (a URL's size is known only once it downloads).
 */
export function inputSizes(inputs: string[]): (number | null)[] {
  return inputs.map((input) => {
    const stat = statSync(input, { throwIfNoEntry: false });
    return stat?.isFile() ? stat.size : null;
  });
}
