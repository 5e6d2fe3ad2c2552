import { z } from 'zod';
import type { HttpPolicy } from './downloader.js';

/** The `http:` block of a source that reads over the network; every default spelled out here. */
export const httpOptions = z
  .object({
    /** Failed attempts a file may have (resets, 5xx, stalls) before its task fails. */
    retries: z.number().int().min(0).default(8),
    /** First wait before a retry; doubled after each failure, with jitter. */
    backoff_ms: z.number().int().min(0).default(1000),
    /** Longest wait between two attempts. */
    max_backoff_ms: z.number().int().min(0).default(60_000),
    /** An answer that sends no byte for this long is abandoned and resumed. */
    stall_timeout_ms: z.number().int().positive().default(60_000),
    /** Downloads one process runs at once. */
    max_concurrent: z.number().int().positive().default(4),
  })
  .strict();

export const defaultHttpOptions = httpOptions.parse({});

export function httpPolicy(o: z.output<typeof httpOptions>): HttpPolicy {
  return {
    retries: o.retries,
    backoffMs: o.backoff_ms,
    maxBackoffMs: o.max_backoff_ms,
    stallTimeoutMs: o.stall_timeout_ms,
    maxConcurrent: o.max_concurrent,
  };
}
