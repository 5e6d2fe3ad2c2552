import { domainToASCII } from 'node:url';

/**
 * A host as lists and URLs are compared: lower case, IDN in punycode, no port, no trailing dot, no
 * leading `www.`. Empty when nothing is left.
 */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (!h.startsWith('[')) h = h.replace(/:\d*$/, '');
  if (h.endsWith('.')) h = h.slice(0, -1);
  // Only a non-ASCII host needs IDNA (URL hostnames arrive in punycode already): it is the costly step.
  if (/[^\x00-\x7f]/.test(h)) h = domainToASCII(h) || h;
  return h.startsWith('www.') ? h.slice(4) : h;
}

export interface UrlParts {
  /** Normalized host. */
  host: string;
  /** Host, path and query, lower case, without scheme, port, fragment or trailing slash: what URL list entries are compared with. */
  key: string;
}

/** The parts of a URL (with or without a scheme) the lists are matched against, or undefined when it has no host. */
export function urlParts(url: string): UrlParts | undefined {
  const parsed = parse(url) ?? parse(`http://${url}`);
  if (!parsed?.hostname) return undefined;
  const host = normalizeHost(parsed.hostname);
  if (!host) return undefined;
  let key = `${host}${parsed.pathname}${parsed.search}`.toLowerCase();
  while (key.endsWith('/')) key = key.slice(0, -1);
  return { host, key };
}

function parse(url: string): URL | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Calls `visit` with each token of the lower-cased URL, tokens being runs of ASCII letters and digits
 * as FineWeb splits them (`/cocktail-recipes` gives `cocktail` and `recipes`, never `cock`).
 */
export function forEachToken(url: string, visit: (token: string) => void): void {
  const lower = url.toLowerCase();
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 0;
    const alnum = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (alnum && start < 0) start = i;
    else if (!alnum && start >= 0) {
      visit(lower.slice(start, i));
      start = -1;
    }
  }
}

/** Lower case with everything but ASCII letters and digits removed: how FineWeb normalizes its word lists. */
export function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
}
