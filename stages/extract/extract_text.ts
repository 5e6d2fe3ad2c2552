import { Budget, BudgetExceeded } from './budget.js';
import { commentSections } from './comments.js';
import { parsePage } from './dom.js';
import type { ExtractOptions } from './options.js';
import { renderBlocks, type RenderRules } from './render.js';
import { selectMain } from './select.js';
import { notHtmlReason } from './sniff.js';

export type Extraction = { text: string } | { reason: string };

/** Main text shorter than this is suspicious enough to retry without class/id hints. */
const RETRY_BELOW = 500;

/**
 * How each `favor` setting trades boilerplate for missed text. `fallbackBelow`/`fallbackFactor`:
 * a pick shorter than that many characters gives way to the whole page less its chrome when that
 * is `fallbackFactor` times longer (never, favoring precision).
 */
const FAVOR = {
  precision: { siblingShare: 0.3, maxLinkDensity: 0.33, keepTitleAndCaptions: false, fallbackBelow: 0, fallbackFactor: 0 },
  balanced: { siblingShare: 0.2, maxLinkDensity: 0.7, keepTitleAndCaptions: false, fallbackBelow: 2000, fallbackFactor: 2 },
  recall: { siblingShare: 0.1, maxLinkDensity: 0.8, keepTitleAndCaptions: true, fallbackBelow: 3000, fallbackFactor: 1.5 },
} as const;

/** The main text of one page, or the reason there is none (drop reasons are prefixed `extract:`). */
export function extractText(html: string, options: ExtractOptions): Extraction {
  const notHtml = notHtmlReason(html);
  if (notHtml) return { reason: notHtml };
  const budget = new Budget(options.timeout_ms);
  const favor = FAVOR[options.favor];
  try {
    const page = parsePage(html, budget);
    const rulesFor = (useHints: boolean): RenderRules => ({
      includeTables: options.include_tables,
      includeComments: options.include_comments,
      maxLinkDensity: favor.maxLinkDensity,
      keepTitleAndCaptions: favor.keepTitleAndCaptions,
      useHints,
    });
    const attempt = (useHints: boolean) => {
      const rules = rulesFor(useHints);
      const { blocks, frame } = selectMain(page.body, favor.siblingShare, options.include_comments, useHints, budget);
      const lines = renderBlocks(blocks, rules, budget, frame);
      if (options.include_comments) for (const c of commentSections(page.body, blocks)) lines.push(...renderBlocks([c], rules, budget));
      return lines.join('\n');
    };
    let text = attempt(true);
    // Class names sometimes mislead (`l-outer--nav` around a whole page): when the hints left
    // next to nothing of a page that has text, try again trusting tags alone.
    if (text.length < RETRY_BELOW && page.body.text - page.body.link > RETRY_BELOW * 2) {
      const retry = attempt(false);
      if (retry.length > text.length) text = retry;
    }
    // A short pick on a page with much more clean prose elsewhere picked the wrong block: take the
    // whole page less its chrome and link lists instead.
    if (text.length < favor.fallbackBelow) {
      const whole = renderBlocks([page.body], rulesFor(true), budget).join('\n');
      if (whole.length > text.length * favor.fallbackFactor) text = whole;
    }
    if (text.length >= options.min_chars) return { text };
    return { reason: page.frameset ? 'extract:frameset' : 'extract:too_short' };
  } catch (e) {
    if (e instanceof BudgetExceeded) return { reason: 'extract:timeout' };
    throw e;
  }
}
