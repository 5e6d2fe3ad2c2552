import { BudgetExceeded, WorkBudget } from './budget.js';
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
 * How each `favor` setting trades boilerplate for missed text; the whole page less its chrome
 * replaces the pick when the pick is shorter than `shortBelow` characters and the whole is
 * `shortFactor` times longer, or when the whole holds `proseFactor` times the pick's length plus
 * `proseMargin` characters in paragraphs alone (never, favoring precision).
 */
const FAVOR = {
  precision: {
    siblingShare: 0.3,
    maxLinkDensity: 0.33,
    keepTitleAndCaptions: false,
    maxMetadata: 500,
    shortBelow: 0,
    shortFactor: 0,
    proseFactor: Infinity,
    proseMargin: 0,
  },
  balanced: {
    siblingShare: 0.2,
    maxLinkDensity: 0.7,
    keepTitleAndCaptions: false,
    maxMetadata: 500,
    shortBelow: 2000,
    shortFactor: 2,
    proseFactor: 1.2,
    proseMargin: 500,
  },
  recall: {
    siblingShare: 0.1,
    maxLinkDensity: 0.8,
    keepTitleAndCaptions: true,
    maxMetadata: 0,
    shortBelow: 3000,
    shortFactor: 1.5,
    proseFactor: 1.2,
    proseMargin: 200,
  },
} as const;

/** Lines this long are paragraphs; shorter ones may be menus, labels and titles. */
const PROSE_LINE = 100;

/** Characters in paragraph-length lines: what a wrong pick misses and menus cannot make up. */
function proseChars(text: string): number {
  let n = 0;
  for (const line of text.split('\n')) if (line.length >= PROSE_LINE) n += line.length;
  return n;
}

/** Work every page may use whatever its length, so a small page never runs short. */
const WORK_ALLOWANCE = 10_000_000;

/** The work a page may cost: the allowance and `work_per_char` for each character of its HTML. */
export function workLimit(html: string, options: ExtractOptions): number {
  return WORK_ALLOWANCE + options.work_per_char * html.length;
}

/**
 * The main text of one page, or the reason there is none (drop reasons are prefixed `extract:`).
 * `budget` is given only to measure the work a page takes.
 */
export function extractText(html: string, options: ExtractOptions, budget = new WorkBudget(workLimit(html, options))): Extraction {
  const notHtml = notHtmlReason(html);
  if (notHtml) return { reason: notHtml };
  const favor = FAVOR[options.favor];
  try {
    const page = parsePage(html, budget);
    const rulesFor = (useHints: boolean): RenderRules => ({
      includeTables: options.include_tables,
      includeComments: options.include_comments,
      maxLinkDensity: favor.maxLinkDensity,
      keepTitleAndCaptions: favor.keepTitleAndCaptions,
      maxMetadata: favor.maxMetadata,
      useHints,
    });
    const attempt = (useHints: boolean) => {
      const rules = rulesFor(useHints);
      const { blocks, frame, pageProse } = selectMain(page.body, favor.siblingShare, options.include_comments, useHints, budget);
      const lines = renderBlocks(blocks, rules, budget, frame);
      const comments = options.include_comments
        ? commentSections(page.body, blocks, budget).map((c) => renderBlocks([c], rules, budget))
        : [];
      return { text: [lines, ...comments].flat().join('\n'), pageProse };
    };
    const first = attempt(true);
    let text = first.text;
    // Class names sometimes mislead (`l-outer--nav` around a whole page): when the hints left
    // next to nothing of a page that has text, try again trusting tags alone.
    if (text.length < RETRY_BELOW && page.body.text - page.body.link > RETRY_BELOW * 2) {
      const retry = attempt(false).text;
      if (retry.length > text.length) text = retry;
    }
    // A short pick, or one with much less prose than the rest of the page, picked the wrong block
    // (a product's spec box, one part of a recipe): take the whole page less its chrome and link lists.
    // The whole is rendered only when the scoring walk saw enough prose for it to win.
    const proseBar = text.length * favor.proseFactor + favor.proseMargin;
    if (text.length < favor.shortBelow || first.pageProse > proseBar) {
      const whole = renderBlocks([page.body], rulesFor(true), budget).join('\n');
      const short = text.length < favor.shortBelow && whole.length > text.length * favor.shortFactor;
      if (short || proseChars(whole) > proseBar) text = whole;
    }
    if (text.length >= options.min_chars) return { text };
    return { reason: page.frameset ? 'extract:frameset' : 'extract:too_short' };
  } catch (e) {
    if (e instanceof BudgetExceeded) return { reason: 'extract:over_budget' };
    throw e;
  }
}
