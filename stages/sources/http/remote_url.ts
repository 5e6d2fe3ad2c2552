/** Common Crawl's public HTTPS endpoint, which serves the `s3://commoncrawl/` bucket without credentials. */
export const COMMONCRAWL_HTTPS = 'https://data.commoncrawl.org/';

const S3_COMMONCRAWL = 's3://commoncrawl/';

/** True for an input read over HTTP rather than from disk. */
export function isHttpUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

/**
 * The HTTP(S) URL a `paths` entry names, or undefined for a local path. `s3://commoncrawl/…` maps to
 * the public endpoint; other buckets need credentials this reader does not handle, so they are refused.
 */
export function remoteUrl(entry: string): string | undefined {
  if (isHttpUrl(entry)) return entry;
  if (entry.startsWith(S3_COMMONCRAWL)) return COMMONCRAWL_HTTPS + entry.slice(S3_COMMONCRAWL.length);
  if (/^s3:\/\//i.test(entry)) throw new Error(`only s3://commoncrawl/ is readable (over ${COMMONCRAWL_HTTPS}), not "${entry}"`);
  return undefined;
}
