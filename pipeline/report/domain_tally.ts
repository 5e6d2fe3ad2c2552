import { addTo } from '../stats.js';

/**
 * Documents per host, recorded by the writer into its counts as `domain:<host>`. A crawl task can
 * see millions of hosts, so each task keeps only its top ones and lumps the rest under
 * `domain:(other)`: the merged top list stays exact for hosts big enough to matter.
 */
export const DOMAINS_PER_TASK = 500;
export const OTHER_DOMAINS = '(other)';

export class DomainTally {
  private readonly docs = new Map<string, number>();

  add(url: string | undefined): void {
    const host = hostOf(url);
    this.docs.set(host, (this.docs.get(host) ?? 0) + 1);
  }

  /** Writes the top hosts into `counts`; called once, when the task's stream ends. */
  flushTo(counts: Record<string, number>, keep = DOMAINS_PER_TASK): void {
    const ranked = [...this.docs].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    for (const [i, [host, n]] of ranked.entries()) addTo(counts, `domain:${i < keep ? host : OTHER_DOMAINS}`, n);
    this.docs.clear();
  }
}

export function hostOf(url: string | undefined): string {
  if (!url) return '(no url)';
  try {
    return new URL(url).hostname.replace(/^www\./, '') || '(no host)';
  } catch {
    return '(bad url)';
  }
}
