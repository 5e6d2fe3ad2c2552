import type { El } from './dom.js';
import { CHROME_TAGS, isBoilerplateHint, isCommentHint, isContentHint, isHeaderHint } from './hints.js';

/** Elements that flow inside a line of text rather than starting one. */
export const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'img',
  'ins',
  'kbd',
  'label',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
  'nobr',
]);

export const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Share of a block's text that sits inside links: menus and link lists are mostly links, prose is not. */
export function linkDensity(el: El): number {
  return el.text === 0 ? 0 : el.link / el.text;
}

/** Text of the element's own line runs: its text nodes and inline children, not its child blocks. */
export function inlineText(el: El): { text: number; link: number; commas: number } {
  let text = 0;
  let link = 0;
  let commas = 0;
  for (const c of el.children) {
    if (typeof c === 'string') {
      text += c.trim().length;
      for (let i = c.indexOf(','); i !== -1; i = c.indexOf(',', i + 1)) commas++;
    } else if (INLINE.has(c.tag)) {
      text += c.text;
      link += c.link;
      commas += c.commas;
    }
  }
  return { text, link, commas };
}

/** Characters of text that make a header-named block an article's lead rather than a title bar. */
const HEADER_LEAD = 60;

/**
 * Whether a block is page chrome (navigation, share bars, cookie notices...) by its tag or class/id.
 * A chrome-looking block that holds most of the unlinked text around it is a misnamed wrapper and is kept:
 * themes put `has-sidebar` or a whole page's `<form>` around the article. `useHints` false
 * trusts tags alone: the retry for pages whose class names mislead the hints.
 */
export function isChrome(el: El, context: Pick<El, 'text' | 'link'>, includeComments: boolean, useHints: boolean): boolean {
  const comment = useHints && isCommentHint(el.hint);
  if (comment) return !includeComments && el.text - el.link < (context.text - context.link) * 0.9;
  // An article's own header holds its lead; the site's header is logo and links.
  const chromeTag = CHROME_TAGS.has(el.tag) || (el.tag === 'header' && linkDensity(el) > 0.25);
  // A block named a header is the site's unless it holds a lead: some prose and few links.
  const siteHeader = linkDensity(el) > 0.25 || el.text < HEADER_LEAD;
  // <article> and <main> name the content themselves.
  const contentTag = el.tag === 'article' || el.tag === 'main';
  const chromeHint =
    useHints && (isBoilerplateHint(el.hint) || (isHeaderHint(el.hint) && siteHeader)) && !contentTag && !isContentHint(el.hint);
  if (!chromeTag && !chromeHint) return false;
  return el.text - el.link < (context.text - context.link) * 0.5;
}
