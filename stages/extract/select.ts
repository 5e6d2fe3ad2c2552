import type { WorkBudget } from './budget.js';
import { HEADINGS, inlineText, isChrome, linkDensity } from './blocks.js';
import type { El } from './dom.js';
import { hintWeight } from './hints.js';

/** How much of a paragraph's score reaches each ancestor level: readability's decay. */
const LEVEL_SHARE = [1, 1 / 2, 1 / 6, 1 / 9];
/** Paragraphs shorter than this say nothing about where the article is. */
const MIN_PARAGRAPH = 25;
/** Climb to a wrapper only for a real gain of prose, and only when the rest of what it adds is little. */
const CLIMB_MIN_GAIN = 80;
const CLIMB_PROSE_SHARE = 0.6;
/** Siblings between two joined blocks join too unless this much of their text is links. */
const GAP_MAX_LINK_DENSITY = 0.5;
/** A run this long renders as a paragraph-length line (runs count trimmed text, lines add the spaces). */
const PROSE_RUN = 90;
const PARAGRAPH_TAGS = new Set(['p', 'pre', 'blockquote', 'td', 'dd', 'li']);

function baseScore(el: El): number {
  switch (el.tag) {
    case 'article':
    case 'main':
      return 10;
    case 'div':
    case 'section':
      return 5;
    case 'pre':
    case 'td':
    case 'blockquote':
      return 3;
    case 'ul':
    case 'ol':
    case 'dl':
    case 'th':
    case 'li':
      return -3;
    default:
      return HEADINGS.has(el.tag) ? -5 : 0;
  }
}

export interface Selection {
  /** The main-content block and the siblings that continue it, in page order. */
  blocks: El[];
  /**
   * The <article> or <main> around them, when there is one close by: its other prose (a lead
   * above the body, a closing paragraph below an ad) belongs to the article too.
   */
  frame?: El;
  /**
   * Characters in paragraph-length runs of text anywhere outside the page's chrome: about the most
   * prose a render of the whole page could hold, known before rendering it.
   */
  pageProse: number;
}

/** How far above the main block an enclosing <article> or <main> still frames it. */
const FRAME_LEVELS = 4;

function frameOf(top: El, body: El): El | undefined {
  let a = top.parent;
  for (let level = 0; a && a !== body && level < FRAME_LEVELS; level++, a = a.parent) {
    if (a.tag === 'article' || a.tag === 'main') return a;
  }
  return undefined;
}

/**
 * Finds the block that holds the article: every run of prose scores its enclosing blocks (more
 * for length and commas, less the further up), blocks are weighted by their class/id and
 * discounted by their link density, and the best one wins. Siblings that score close to it or
 * read as prose join it, since articles are often split across adjacent blocks.
 */
export function selectMain(body: El, siblingShare: number, includeComments: boolean, useHints: boolean, budget: WorkBudget): Selection {
  const scores = new Map<El, number>();
  // Characters of prose under each block, at any depth: what climbing to a wrapper would gain.
  const prose = new Map<El, number>();
  let pageProse = 0;
  const add = (el: El, points: number) => {
    const prior = scores.get(el) ?? baseScore(el) + hintWeight(el.hint);
    scores.set(el, prior + points);
  };

  const scoreRun = (el: El, run: { text: number; link: number; commas: number }) => {
    if (run.text < MIN_PARAGRAPH || run.link / run.text > 0.5) return;
    const points = 1 + Math.min(run.commas, 10) + Math.min(Math.floor(run.text / 100), 3);
    // A <p> scores its container; a <div> with bare text is its own container.
    let target: El | undefined = PARAGRAPH_TAGS.has(el.tag) ? el.parent : el;
    for (let level = 0; target && level < LEVEL_SHARE.length; level++) {
      add(target, points * LEVEL_SHARE[level]!);
      if (target === body) break;
      target = target.parent;
    }
    for (let a: El | undefined = el; a; a = a === body ? undefined : a.parent) {
      budget.charge(1);
      prose.set(a, (prose.get(a) ?? 0) + run.text);
    }
  };

  const visit = (el: El, inLink: boolean) => {
    // The node, and its children that inlineText reads.
    budget.charge(1 + el.children.length);
    if (el !== body && isChrome(el, body, includeComments, useHints)) return;
    if (!HEADINGS.has(el.tag)) {
      const run = inlineText(el);
      // A table row renders as one line of its cells.
      const line = el.tag === 'tr' ? el.text : run.text;
      if (line >= PROSE_RUN) pageProse += line;
      // Blocks inside a link are teaser cards: their text is the link's, never the article's.
      if (!inLink) scoreRun(el, run);
    }
    for (const c of el.children) if (typeof c !== 'string') visit(c, inLink || c.tag === 'a');
  };
  visit(body, false);

  let top: El | undefined;
  let topScore = -Infinity;
  for (const [el, score] of scores) {
    const final = score * (1 - linkDensity(el));
    scores.set(el, final);
    if (final > topScore) {
      top = el;
      topScore = final;
    }
  }
  if (!top) return { blocks: [body], pageProse };
  top = climb(top, body, prose, (el) => isChrome(el, body, includeComments, useHints));
  topScore = Math.max(topScore, scores.get(top) ?? 0);

  const parent = top.parent;
  if (!parent || top === body) return { blocks: [top], pageProse };
  const frame = frameOf(top, body);
  const threshold = Math.max(10, topScore * siblingShare);
  const siblings = parent.children.filter((c): c is El => typeof c !== 'string' && !isChrome(c, body, includeComments, useHints));
  const joins = siblings.map((c) => {
    if (c === top) return true;
    if ((scores.get(c) ?? 0) >= threshold) return true;
    if (c.tag !== 'p') return false;
    const ld = linkDensity(c);
    return (c.text > 80 && ld < 0.25) || (c.text > 0 && ld === 0 && c.commas > 0);
  });
  // What stands between two joined siblings (a subheading, an ingredient list, a data table) is
  // part of the same article unless it reads as a link list.
  const first = joins.indexOf(true);
  const last = joins.lastIndexOf(true);
  const blocks = siblings.filter((c, i) => joins[i] || (i > first && i < last && linkDensity(c) < GAP_MAX_LINK_DENSITY));
  return { blocks, frame, pageProse };
}

/**
 * Articles split into several sibling sections (one per paragraph group, between image blocks)
 * leave each section scoring on its own: move up to the wrapper while what it adds is mostly prose.
 */
function climb(top: El, body: El, prose: Map<El, number>, chrome: (el: El) => boolean): El {
  let current = top;
  while (current !== body && current.parent) {
    const parent = current.parent;
    if (chrome(parent)) break;
    const gained = (prose.get(parent) ?? 0) - (prose.get(current) ?? 0);
    const added = parent.text - current.text;
    if (added > 0 && (gained < CLIMB_MIN_GAIN || gained < added * CLIMB_PROSE_SHARE)) break;
    current = parent;
  }
  return current;
}
