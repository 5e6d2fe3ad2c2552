import { HashedStrings, HASH_START, hashStep } from './hashed_strings.js';
import { normalizeHost } from './normalize_url.js';

/** Listed domains; a host is covered when it or any domain above it is listed. */
export class DomainIndex {
  private readonly set = new HashedStrings();

  get size(): number {
    return this.set.size;
  }

  add(domain: string): void {
    const d = normalizeHost(domain);
    if (!d) return;
    let h = HASH_START;
    for (let i = d.length - 1; i >= 0; i--) h = hashStep(h, d.charCodeAt(i));
    this.set.add(d, h);
  }

  /** Walks the (normalized) host from its end, testing each `label.…` suffix as it completes: linear in the host's length. */
  covers(host: string): boolean {
    let h = HASH_START;
    for (let i = host.length - 1; i >= 0; i--) {
      h = hashStep(h, host.charCodeAt(i));
      if ((i === 0 || host.charCodeAt(i - 1) === 0x2e) && this.set.has(h, host, i, host.length)) return true;
    }
    return false;
  }
}
