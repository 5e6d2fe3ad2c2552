import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { OptionError } from '../../../pipeline/config/config_error.js';
import type { MetaSchema } from '../../../pipeline/doc.js';
import { defineStage } from '../../../pipeline/registry.js';
import { countedDownload } from '../http/counted_download.js';
import { Downloader, type DownloadEvents } from '../http/downloader.js';
import { defaultHttpOptions, httpOptions, httpPolicy } from '../http/http_options.js';
import { COMMONCRAWL_HTTPS } from '../http/remote_url.js';
import { ignoreBytes, warcDocs, warcMeta } from '../warc/warc_docs.js';
import { htmlPolicy, pageOptions } from '../warc/warc_source.js';
import { selectFiles } from './select_files.js';

const options = z
  .object({
    /** The crawl, e.g. `CC-MAIN-2024-10`. */
    crawl: z.string().regex(/^CC-MAIN-\d{4}-\d{2}$/, 'a crawl id looks like CC-MAIN-2024-10'),
    /** Where `crawl-data/…` is served: Common Crawl's public endpoint, or a mirror. */
    base_url: z.url().default(COMMONCRAWL_HTTPS),
    /** `all`, or the first N files of the listing (after `segments`). */
    files: z.union([z.literal('all'), z.number().int().positive()]).default('all'),
    /** A seeded random draw of N files instead of the first N. */
    sample: z.object({ files: z.number().int().positive(), seed: z.number().int() }).strict().optional(),
    /** Segment indexes (`"0-9"`, `"42"`, inclusive, in listing order) or names (`"1707947473347.0"`). */
    segments: z
      .array(z.string().regex(/^(\d+(-\d+)?|\d+\.\d+)$/, 'a segment index ("3"), range ("0-9") or name ("1707947473347.0")'))
      .min(1)
      .optional(),
    ...pageOptions,
    /** Retries, backoff, stall timeout and concurrency of the downloads. */
    http: httpOptions.default(defaultHttpOptions),
  })
  .strict()
  .refine((o) => !(o.sample && o.files !== 'all'), { message: 'give either files: N or sample, not both', path: ['sample'] });

const meta: MetaSchema = { ...warcMeta, crawl: 'string' };

/**
 * The most a crawl's `warc.paths.gz` may hold, downloaded or inflated: Common Crawl's list up to
 * about 100,000 files in some 15 MB. More is not a listing, and is refused before it fills memory.
 */
const MAX_LISTING_BYTES = 64 * 1024 * 1024;

/** The text of a gzipped listing; one that will not inflate, or inflates past `MAX_LISTING_BYTES`, is refused naming its URL. */
function inflateListing(url: string, gz: Buffer): string {
  try {
    return gunzipSync(gz, { maxOutputLength: MAX_LISTING_BYTES }).toString('utf8');
  } catch (e) {
    const why =
      (e as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE'
        ? `inflates to more than ${MAX_LISTING_BYTES >> 20} MiB`
        : `does not inflate (${(e as Error).message})`;
    throw new OptionError([], `${url} ${why}: not a Common Crawl listing`);
  }
}

/**
 * HTML pages of a Common Crawl crawl: the files of its `warc.paths.gz` listing, selected once at plan
 * time and split across tasks by the planner, each streamed over HTTP into the `warc` reader.
 */
export const commoncrawlSource = defineStage({
  name: 'commoncrawl',
  kind: 'source',
  summary: 'read HTML pages of a Common Crawl crawl over HTTP (all, first N, a seeded sample, or segments)',
  options,
  create: (opts) => {
    const base = opts.base_url.endsWith('/') ? opts.base_url : `${opts.base_url}/`;
    const policy = htmlPolicy(opts);
    const downloader = new Downloader(httpPolicy(opts.http));
    return {
      kind: 'source',
      async listInputs() {
        const listing = `${base}crawl-data/${opts.crawl}/warc.paths.gz`;
        // Planning has no task logger: retries and redirects go to stderr, so a slow or offline start,
        // or a listing served from elsewhere, is visible.
        const events: DownloadEvents = {
          onRetry: (e) => console.warn(`${listing}: ${e.error.message}; retry ${e.failures} in ${Math.round(e.delayMs)} ms`),
          onRedirect: (e) => console.warn(`${listing}: redirected to ${e.to}`),
        };
        const paths = inflateListing(listing, await downloader.fetch(listing, MAX_LISTING_BYTES, undefined, events))
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l.length > 0);
        let chosen: string[];
        try {
          chosen = selectFiles(paths, opts);
        } catch (e) {
          throw new OptionError(['segments'], `${(e as Error).message} (${listing})`);
        }
        if (chosen.length === 0) throw new OptionError([], `no file selected from the ${paths.length} of ${listing}`);
        return { inputs: chosen.map((p) => base + p), meta };
      },
      async *read(input, ctx, onRead = ignoreBytes) {
        for await (const doc of warcDocs(input, policy, countedDownload(downloader, ctx), ctx, onRead)) {
          doc.meta.crawl = opts.crawl;
          yield doc;
        }
      },
    };
  },
});
