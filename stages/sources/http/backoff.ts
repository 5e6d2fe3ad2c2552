/**
 * How long to wait before attempt `failures + 1`: exponential, capped, with "equal jitter" (half
 * fixed, half random) so that tasks hit by the same 503 spread out instead of returning together.
 * A server's Retry-After is a floor.
 */
export function backoffMs(failures: number, baseMs: number, maxMs: number, retryAfterMs = 0, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** (failures - 1));
  return Math.max(Math.min(retryAfterMs, maxMs), ceiling / 2 + (random() * ceiling) / 2);
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; 0 when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return 0;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? 0 : Math.max(0, at - now);
}
