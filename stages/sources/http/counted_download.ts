import type { StageContext } from '../../../pipeline/stage.js';
import { addTo } from '../../../pipeline/stats.js';
import type { Downloader } from './downloader.js';

/**
 * Opens URLs through `downloader` for a stage: retries, ignored Ranges and redirects to another host
 * are counted (and retries and redirects logged); the task's abort signal applies.
 */
export function countedDownload(downloader: Downloader, ctx: StageContext): (url: string) => AsyncIterable<Buffer> {
  return (url) =>
    downloader.stream(url, ctx.signal, {
      onRetry: (e) => {
        addTo(ctx.counters.counts, 'http:retries');
        ctx.log.warn(`${e.url}: ${e.error.message}; retry ${e.failures} from byte ${e.received} in ${Math.round(e.delayMs)} ms`);
      },
      onRangeIgnored: () => addTo(ctx.counters.counts, 'http:range_ignored'),
      onRedirect: (e) => {
        addTo(ctx.counters.counts, 'http:redirected');
        ctx.log.info(`${e.url}: redirected to ${e.to}`);
      },
    });
}
