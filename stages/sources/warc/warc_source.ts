import { z } from 'zod';
import { OptionError } from '../../../pipeline/config/config_error.js';
import { expandPaths } from '../../../pipeline/inputs/expand_paths.js';
import { defineStage } from '../../../pipeline/registry.js';
import { countedDownload } from '../http/counted_download.js';
import { Downloader } from '../http/downloader.js';
import { defaultHttpOptions, httpOptions, httpPolicy } from '../http/http_options.js';
import { remoteUrl } from '../http/remote_url.js';
import type { HtmlPolicy } from './html_doc.js';
import { ignoreBytes, warcDocs, warcMeta } from './warc_docs.js';

/** What decides which records become pages; shared with the sources built on this one. */
export const pageOptions = {
  /** Records with a larger content block are streamed past and counted as `warc:body_too_large`. */
  max_body_bytes: z
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  /** HTTP mime types kept as pages. */
  content_types: z.array(z.string().min(1)).min(1).default(['text/html', 'application/xhtml+xml']),
};

export function htmlPolicy(opts: { max_body_bytes: number; content_types: string[] }): HtmlPolicy {
  return { contentTypes: new Set(opts.content_types.map((t) => t.toLowerCase())), maxBodyBytes: opts.max_body_bytes };
}

const options = z
  .object({
    /**
     * `.warc` / `.warc.gz` files or globs, relative to the directory `sieve run` works in, or
     * http(s):// URLs, or s3://commoncrawl/ paths (read over Common Crawl's public HTTPS endpoint).
     */
    paths: z.array(z.string().min(1)).min(1),
    ...pageOptions,
    /** Retries, backoff, stall timeout and concurrency of URL downloads. */
    http: httpOptions.default(defaultHttpOptions),
  })
  .strict();

/** HTML pages from the `response` records of WARC files (WARC/0.17 to 1.1, plain or gzip), on disk or over HTTP. */
export const warcSource = defineStage({
  name: 'warc',
  kind: 'source',
  summary: 'read HTML pages from .warc / .warc.gz files, local or over http(s):// and s3://commoncrawl/',
  options,
  create: (opts, env) => {
    const policy = htmlPolicy(opts);
    const downloader = new Downloader(httpPolicy(opts.http));
    return {
      kind: 'source',
      async listInputs() {
        const urls: string[] = [];
        const local: string[] = [];
        for (const [i, entry] of opts.paths.entries()) {
          let url: string | undefined;
          try {
            url = remoteUrl(entry);
          } catch (e) {
            throw new OptionError(['paths', i], (e as Error).message);
          }
          if (url) urls.push(url);
          else local.push(entry);
        }
        const files = local.length > 0 ? await expandPaths(local, env.baseDir) : [];
        return { inputs: [...new Set([...files, ...urls])].sort(), meta: warcMeta };
      },
      read: (input, ctx, onRead = ignoreBytes) => warcDocs(input, policy, countedDownload(downloader, ctx), ctx, onRead),
    };
  },
});
