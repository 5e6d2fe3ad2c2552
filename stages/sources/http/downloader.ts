import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request, type Dispatcher } from 'undici';
import { backoffMs, parseRetryAfter } from './backoff.js';
import { DownloadSlots } from './download_slots.js';
import { isHttpUrl } from './remote_url.js';

export interface HttpPolicy {
  /** Failed attempts tolerated per download before it fails. */
  retries: number;
  backoffMs: number;
  maxBackoffMs: number;
  /** No byte (or no response head) for this long abandons the attempt. */
  stallTimeoutMs: number;
  /** Downloads this downloader runs at once. */
  maxConcurrent: number;
}

/** What a download went through, for the stage's counters and log. */
export interface DownloadEvents {
  /** An attempt failed; the next starts after `delayMs`, from byte `received`. */
  onRetry?(e: { url: string; failures: number; delayMs: number; received: number; error: Error }): void;
  /** A Range request was answered with the whole body: the bytes already delivered are skipped. */
  onRangeIgnored?(url: string): void;
  /** Redirects led to another host than `url`'s: `to` is the URL that answered. Once per download, unless a retry lands on yet another host. */
  onRedirect?(e: { url: string; to: string }): void;
}

/** A download that failed for good; the message starts with the URL. */
export class DownloadError extends Error {
  constructor(
    readonly url: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${url}: ${message}`, options);
    this.name = 'DownloadError';
  }
}

/** No retry can mend it: a 404, or a file that changed between two attempts. */
class PermanentError extends Error {}

/** Worth another attempt, no sooner than the server asked. */
class TransientError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs = 0,
  ) {
    super(message);
  }
}

const RETRY_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);
/** The statuses fetch() follows; for a GET they all mean "ask there instead". */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/** What survives from one attempt to the next. */
interface Progress {
  received: number;
  /** Size of the whole file, once an answer told it. */
  total: number | undefined;
  /** Strong ETag or Last-Modified of the first answer, sent as If-Range so a resume never splices two versions. */
  validator: string | undefined;
  /** The other host redirects last led to, once reported. */
  redirectedTo: string | undefined;
}

/**
 * GETs files over HTTP(S) as a stream of chunks that survives an unreliable network: failed
 * attempts (resets, 5xx/429, stalls, short bodies) are retried with capped exponential backoff and
 * jitter, and each retry resumes with a Range request from the last byte delivered. A server that
 * ignores Range is handled by skipping what was already delivered. After the retry budget the
 * stream throws a DownloadError naming the URL; it never ends early without one.
 *
 * Up to 5 redirects are followed, to http(s) URLs only, whatever the host (Common Crawl's CDN
 * redirects); each attempt starts again from the URL asked for, since a redirect's target may be
 * temporary (302/307, signed CDN URLs), and If-Range still guards against a different version there.
 *
 * Written on undici's `request` rather than its RetryAgent, which has no jitter and fails outright
 * when a server answers a resume with the whole body; redirects are followed here rather than by
 * its redirect interceptor, which neither tells where a refused redirect pointed nor fails on too many.
 */
export class Downloader {
  private readonly slots: DownloadSlots;
  private readonly dispatcher: Dispatcher;

  constructor(readonly policy: HttpPolicy) {
    this.slots = new DownloadSlots(policy.maxConcurrent);
    this.dispatcher = new Agent({ headersTimeout: policy.stallTimeoutMs, bodyTimeout: policy.stallTimeoutMs });
  }

  /** The bytes of `url`, in order, each exactly once. Holds one download slot until it ends. */
  async *stream(url: string, signal?: AbortSignal, events: DownloadEvents = {}): AsyncGenerator<Buffer> {
    const release = await this.slots.acquire();
    const progress: Progress = { received: 0, total: undefined, validator: undefined, redirectedTo: undefined };
    let failures = 0;
    try {
      for (;;) {
        try {
          yield* this.attempt(url, progress, signal, events);
          return;
        } catch (err) {
          if (signal?.aborted) throw err;
          const error = err as Error;
          if (err instanceof PermanentError || failures >= this.policy.retries) {
            const bytes = `${progress.received} of ${progress.total ?? '?'} bytes received`;
            throw new DownloadError(url, `download failed after ${failures + 1} attempt(s), ${bytes}: ${error.message}`, { cause: err });
          }
          failures++;
          const wait = backoffMs(
            failures,
            this.policy.backoffMs,
            this.policy.maxBackoffMs,
            err instanceof TransientError ? err.retryAfterMs : 0,
          );
          events.onRetry?.({ url, failures, delayMs: wait, received: progress.received, error });
          await sleep(wait, undefined, { signal });
        }
      }
    } finally {
      release();
    }
  }

  /** The whole body in memory, for small files such as listings; one over `maxBytes` is refused as it arrives. */
  async fetch(url: string, maxBytes: number, signal?: AbortSignal, events?: DownloadEvents): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const part of this.bounded(url, maxBytes, signal, events)) parts.push(part);
    return Buffer.concat(parts);
  }

  /** The body into `file`; one over `maxBytes` is refused as it arrives, leaving what came in `file`. */
  async toFile(url: string, file: string, maxBytes: number, signal?: AbortSignal, events?: DownloadEvents): Promise<void> {
    await pipeline(Readable.from(this.bounded(url, maxBytes, signal, events)), createWriteStream(file));
  }

  private async *bounded(url: string, maxBytes: number, signal?: AbortSignal, events?: DownloadEvents): AsyncGenerator<Buffer> {
    let size = 0;
    for await (const part of this.stream(url, signal, events)) {
      size += part.length;
      if (size > maxBytes) throw new DownloadError(url, `the body is over ${maxBytes} bytes`);
      yield part;
    }
  }

  private async *attempt(url: string, p: Progress, signal: AbortSignal | undefined, events: DownloadEvents): AsyncGenerator<Buffer> {
    const headers: Record<string, string> = {};
    if (p.received > 0) {
      headers.range = `bytes=${p.received}-`;
      if (p.validator) headers['if-range'] = p.validator;
    }
    const { res, at } = await this.follow(url, headers, signal);
    const host = new URL(at).host;
    if (host !== new URL(url).host && host !== p.redirectedTo) {
      p.redirectedTo = host;
      events.onRedirect?.({ url, to: at });
    }
    const status = res.statusCode;
    if (status !== 200 && status !== 206) {
      await res.body.dump();
      const what = at === url ? `HTTP ${status}` : `HTTP ${status} from ${at}`;
      if (RETRY_STATUSES.has(status)) throw new TransientError(what, parseRetryAfter(res.headers['retry-after']));
      throw new PermanentError(what);
    }
    let skip = 0;
    if (status === 206) {
      const range = parseContentRange(first(res.headers['content-range']));
      if (range?.start !== p.received) {
        await res.body.dump();
        throw new TransientError(`asked for bytes from ${p.received}, got Content-Range ${first(res.headers['content-range'])}`);
      }
      p.total ??= range.total;
    } else {
      const validator = validatorOf(res.headers);
      const length = contentLength(res.headers);
      if (p.received > 0) {
        if ((p.validator && validator !== p.validator) || (p.total !== undefined && length !== undefined && length !== p.total)) {
          await res.body.dump();
          throw new PermanentError('the file changed between two attempts');
        }
        skip = p.received;
        events.onRangeIgnored?.(url);
      }
      p.validator = validator;
      p.total = length;
    }
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      let bytes = chunk;
      if (skip > 0) {
        if (bytes.length <= skip) {
          skip -= bytes.length;
          continue;
        }
        bytes = bytes.subarray(skip);
        skip = 0;
      }
      p.received += bytes.length;
      yield bytes;
    }
    if (skip > 0 || (p.total !== undefined && p.received < p.total)) {
      throw new TransientError(`the body ended after ${p.received} of ${p.total ?? '?'} bytes`);
    }
  }

  /** GETs `url`, following redirects: the answer that is not one, and the URL that gave it. */
  private async follow(
    url: string,
    headers: Record<string, string>,
    signal: AbortSignal | undefined,
  ): Promise<{ res: Dispatcher.ResponseData; at: string }> {
    let at = url;
    for (let hops = 0; ; hops++) {
      const res = await request(at, { dispatcher: this.dispatcher, headers, signal });
      const location = REDIRECT_STATUSES.has(res.statusCode) ? first(res.headers.location) : undefined;
      if (location === undefined) return { res, at };
      await res.body.dump();
      if (!URL.canParse(location, at)) throw new PermanentError(`redirected to ${JSON.stringify(location)}, which is not a URL`);
      const next = new URL(location, at).href;
      if (!isHttpUrl(next)) throw new PermanentError(`redirected to ${next}, which is not http(s)`);
      if (hops === MAX_REDIRECTS) throw new PermanentError(`more than ${MAX_REDIRECTS} redirects, the last to ${next}`);
      at = next;
    }
  }
}

type Headers = Record<string, string | string[] | undefined>;

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function contentLength(h: Headers): number | undefined {
  const v = first(h['content-length']);
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

function validatorOf(h: Headers): string | undefined {
  const etag = first(h.etag);
  // A weak ETag may not be used in If-Range.
  if (etag && !etag.startsWith('W/')) return etag;
  return first(h['last-modified']);
}

function parseContentRange(v: string | undefined): { start: number; total: number | undefined } | undefined {
  const m = v && /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(v.trim());
  if (!m) return undefined;
  return { start: Number(m[1]), total: m[2] === '*' ? undefined : Number(m[2]) };
}
