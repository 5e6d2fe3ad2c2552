import { HashedStrings, HASH_START, hashStep } from './hashed_strings.js';
import { urlParts } from './normalize_url.js';

const SLASH = 0x2f;
const QUESTION = 0x3f;

/**
 * Listed URLs, as UT1 writes them (`host/path`, no scheme). An entry covers that URL and everything
 * below it: the same key, or a longer one continuing with `/` or `?` (SquidGuard's URL-list rule).
 */
export class UrlPrefixIndex {
  private readonly set = new HashedStrings();

  get size(): number {
    return this.set.size;
  }

  add(entry: string): void {
    const key = urlParts(entry)?.key;
    if (!key) return;
    let h = HASH_START;
    for (let i = 0; i < key.length; i++) h = hashStep(h, key.charCodeAt(i));
    this.set.add(key, h);
  }

  /** Tests each prefix of the URL key that ends at a `/` or `?`, and the whole key, hashing as it goes. */
  covers(key: string): boolean {
    let h = HASH_START;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      if ((c === SLASH || c === QUESTION) && this.set.has(h, key, 0, i)) return true;
      h = hashStep(h, c);
    }
    return this.set.has(h, key, 0, key.length);
  }
}
