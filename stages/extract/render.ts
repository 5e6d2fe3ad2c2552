import type { WorkBudget } from './budget.js';
import { HEADINGS, INLINE, isChrome, linkDensity } from './blocks.js';
import type { El, Node } from './dom.js';
import { isDateline } from './dateline.js';
import { isMetadataHint } from './hints.js';

export interface RenderRules {
  includeTables: boolean;
  includeComments: boolean;
  /** Blocks inside the article with more of their text in links than this are link lists: dropped. */
  maxLinkDensity: number;
  /** Keep the page title (<h1>) and figure captions, which article gold text usually leaves out. */
  keepTitleAndCaptions: boolean;
  /** Whether class/id words may mark chrome (see isChrome). */
  useHints: boolean;
  /** Blocks this short that read as article metadata (see isMetadata) are dropped; 0 keeps them. */
  maxMetadata: number;
}

/** Tags that hold an article's metadata rather than its text. */
// <small> is the small print: credits, dates, legal lines (dropped only when most of its line, see walk).
const METADATA_TAGS = new Set(['figcaption', 'time', 'address', 'small']);

/** Soft hyphens and zero-width characters: invisible on the page, and they split words for every later stage. */
const INVISIBLE_CHARS = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

/** Holds the current line while the walk appends inline text, and the finished lines. */
class Lines {
  readonly done: string[] = [];
  /** Indexes into `done` of heading lines. */
  readonly headings = new Set<number>();
  /** Indexes of code and table-row lines, which the tail trimming leaves alone. */
  readonly kept = new Set<number>();
  /** Characters of the blocks left out as chrome or link lists, by their position in `done`. */
  readonly removed = new Map<number, number>();
  private line = '';

  /** `datelines` false keeps lines that only date the article (see isDatelineAt). */
  constructor(private readonly datelines = true) {}

  text(s: string): void {
    this.line += s;
  }

  /** Ends the current line: paragraphs, headings, list items and table rows each get their own. */
  flush(): void {
    const l = this.line.replace(INVISIBLE_CHARS, '').replace(/\s+/g, ' ').trim();
    if (l !== '') this.done.push(l);
    this.line = '';
  }

  /** Notes a block left out here: a heading above it may have titled it. */
  removedHere(chars: number): void {
    this.removed.set(this.done.length, (this.removed.get(this.done.length) ?? 0) + chars);
  }

  /**
   * The lines, less the page's sign-off (see isSignOff) and copyright notice, headings of removed
   * blocks (see isOrphan) and, where metadata goes, datelines at either end (see isDatelineAt).
   */
  result(): string[] {
    let end = this.done.length;
    while (end > 1 && this.done.length - end < 3 && !this.kept.has(end - 1) && isSignOff(this.done[end - 1]!)) end--;
    // The site's copyright notice ends the article, with whatever small print follows it.
    const notice = this.done.findIndex((l, i) => i > 0 && i >= end - 3 && i < end && !this.kept.has(i) && COPYRIGHT.test(l));
    if (notice !== -1) end = notice;
    return this.done.slice(0, end).filter((l, i) => (!this.headings.has(i) || !this.isOrphan(i, end)) && !this.isDatelineAt(i, l, end));
  }

  /**
   * A heading followed by another heading or by the end titled a block the cleaning removed
   * ("Related articles"); so did one whose section lost more than it kept and kept little (a
   * teaser left over from a link list under "More on this"), unlike a title above a share bar.
   * Where nothing was removed under it, a heading stands for itself (a quote's title, a run of
   * subheadings).
   */
  private isOrphan(heading: number, end: number): boolean {
    let next = heading + 1;
    while (next < end && !this.headings.has(next)) next++;
    let lost = 0;
    let cut = false;
    for (let i = heading + 1; i <= next; i++) {
      lost += this.removed.get(i) ?? 0;
      cut ||= this.removed.has(i);
    }
    if (!cut) return false;
    if (next === heading + 1) return true;
    let kept = 0;
    for (let i = heading + 1; i < next; i++) kept += this.done[i]!.length;
    return kept < ORPHAN_SECTION_MAX && kept < lost;
  }

  /** A dateline among the first or last lines, where bylines sit; further in, a date may be an event's. */
  private isDatelineAt(i: number, line: string, end: number): boolean {
    return !this.datelines && (i < EDGE_LINES || i >= end - EDGE_LINES) && !this.kept.has(i) && isDateline(line);
  }

  /** Code keeps its own line breaks and indentation. */
  verbatim(s: string): void {
    this.flush();
    for (const l of s.replace(/\s+$/, '').split('\n')) if (l.trim() !== '') this.keep(l.replace(/\s+$/, ''));
  }

  /** A finished line that is exactly what the page shows: code, a table row. */
  keep(line: string): void {
    this.kept.add(this.done.length);
    this.done.push(line);
  }
}

/** A copyright notice: where the article has ended and the site's small print begins. */
const COPYRIGHT = /^(?:©|\(c\)|copyright\b)/i;

/** Lines at either end of the text where a dateline is dropped. */
const EDGE_LINES = 3;
/** An inline metadata element is dropped when the rest of its block holds fewer characters than this. */
const INLINE_METADATA_REST = 40;

/** A section that lost a block and keeps fewer characters than this is what is left of the removed block. */
const ORPHAN_SECTION_MAX = 300;

/** A short closing line that is not a sentence: "Related topics:", "Share this", "- Advertisement -". */
const TAIL_LINE_MAX = 50;
const SENTENCE_END = /[.!?…"'“”»«)\]]$/;

/** Articles end in a sentence; up to three short unpunctuated lines after the last one are the page's sign-off. */
function isSignOff(line: string): boolean {
  return line.length < TAIL_LINE_MAX && !SENTENCE_END.test(line);
}

const FRAMED_CONTAINERS = new Set(['div', 'section', 'article']);
const FRAMED_MAX_LINK_DENSITY = 0.25;
const FRAMED_PROSE = new Set(['p', 'div', 'section', 'blockquote']);
/** Structure an article carries beside its prose: ingredient lists, data tables, subheadings. */
const FRAMED_STRUCTURE = new Set(['ul', 'ol', 'dl', 'table', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * Outside the selected blocks but inside their article, only plain prose is taken (a lead, a
 * closing paragraph) and lists, tables and subheadings with next to no links.
 */
function isFramedProse(el: El): boolean {
  if (FRAMED_STRUCTURE.has(el.tag)) return el.text > 0 && linkDensity(el) < 0.1;
  return el.text >= 80 && linkDensity(el) < 0.2 && FRAMED_PROSE.has(el.tag);
}

/** A short paragraph that is all bold: a subheading in themes that have none. */
function isBoldLine(el: El): boolean {
  if (el.tag !== 'p' || el.text === 0 || el.text >= 60) return false;
  const parts = el.children.filter((c) => typeof c !== 'string' || c.trim() !== '');
  return parts.length === 1 && typeof parts[0] !== 'string' && (parts[0]!.tag === 'strong' || parts[0]!.tag === 'b');
}

/** What rendering a node costs: one unit, and one per character of text. */
function cost(node: Node): number {
  return typeof node === 'string' ? 1 + node.length : 1;
}

function rawText(node: Node, budget: WorkBudget): string {
  budget.charge(cost(node));
  if (typeof node === 'string') return node;
  if (node.tag === 'br') return '\n';
  return node.children.map((c) => rawText(c, budget)).join('');
}

/** A table that lays out the page rather than holding data: it contains blocks or other tables. */
function isLayoutTable(el: El, budget: WorkBudget): boolean {
  const stack = [...el.children];
  while (stack.length > 0) {
    const n = stack.pop()!;
    budget.charge(1);
    if (typeof n === 'string') continue;
    if (n.tag === 'table' || n.tag === 'p' || n.tag === 'div' || n.tag === 'ul' || HEADINGS.has(n.tag)) return true;
    // One push at a time: spreading an element's children as arguments overflows the stack past ~100,000.
    for (const c of n.children) stack.push(c);
  }
  return false;
}

/**
 * Writes the selected blocks as text, one line per paragraph, heading, list item or table row, and
 * leaves out what reads as chrome inside the article: nav and share bars, link lists, forms,
 * bylines and (unless asked for) comments and tables.
 */
export function renderBlocks(blocks: El[], rules: RenderRules, budget: WorkBudget, frame?: El): string[] {
  const out = new Lines(rules.maxMetadata === 0);
  const context = { text: blocks.reduce((n, b) => n + b.text, 0), link: blocks.reduce((n, b) => n + b.link, 0) };

  const cell = (el: El) => {
    const row = new Lines();
    for (const c of el.children) inline(c, row);
    row.flush();
    return row.done.join(' ');
  };

  const inline = (node: Node, into: Lines) => {
    budget.charge(cost(node));
    if (typeof node === 'string') into.text(node);
    else if (node.tag === 'br') into.text(' ');
    else for (const c of node.children) inline(c, into);
  };

  const table = (el: El) => {
    const rows: El[] = [];
    const stack: El[] = [el];
    while (stack.length > 0) {
      const n = stack.pop()!;
      budget.charge(1 + n.children.length);
      for (let i = n.children.length - 1; i >= 0; i--) {
        const c = n.children[i]!;
        if (typeof c === 'string') continue;
        if (c.tag === 'tr') rows.push(c);
        else if (c.tag !== 'table') stack.push(c);
      }
    }
    out.flush();
    for (const row of rows) {
      const cells = row.children.filter((c): c is El => typeof c !== 'string' && (c.tag === 'td' || c.tag === 'th'));
      const texts = cells.map(cell).filter((t) => t !== '');
      if (texts.length > 0) out.keep(texts.join(' | '));
    }
  };

  const walk = (node: Node, root: boolean) => {
    budget.charge(cost(node));
    if (typeof node === 'string') {
      out.text(node);
      return;
    }
    const el = node;
    if (el.tag === 'br') {
      out.flush();
      return;
    }
    if (INLINE.has(el.tag)) {
      // A date or byline span that is most of its line; in a sentence it is part of the sentence.
      if (isMetadata(el) && el.parent && el.parent.text - el.text < INLINE_METADATA_REST) return;
      for (const c of el.children) walk(c, false);
      return;
    }
    if (!root && skipBlock(el)) return;
    if (el.tag === 'pre') {
      out.verbatim(rawText(el, budget));
      return;
    }
    if (el.tag === 'table' && !isLayoutTable(el, budget)) {
      if (rules.includeTables) table(el);
      return;
    }
    out.flush();
    const first = out.done.length;
    for (const c of el.children) walk(c, false);
    out.flush();
    if (HEADINGS.has(el.tag) || isBoldLine(el)) for (let i = first; i < out.done.length; i++) out.headings.add(i);
  };

  const skipBlock = (el: El): boolean => {
    if (!rules.keepTitleAndCaptions && (el.tag === 'h1' || el.tag === 'figcaption')) return true;
    if (isMetadata(el)) return true;
    if (!isBoilerplate(el)) return false;
    out.removedHere(el.text);
    return true;
  };

  // Bylines, dates, credits: short, and named so even inside the article body.
  const isMetadata = (el: El): boolean =>
    el.text < rules.maxMetadata && (METADATA_TAGS.has(el.tag) || (rules.useHints && isMetadataHint(el.hint)));

  const isBoilerplate = (el: El): boolean => {
    if (isChrome(el, context, rules.includeComments, rules.useHints)) return true;
    if (el.tag === 'hr') return false;
    const ld = linkDensity(el);
    if (ld > rules.maxLinkDensity) return true;
    // Lists of links (related articles, tag lists) pass the density test only barely.
    if ((el.tag === 'ul' || el.tag === 'ol') && ld > rules.maxLinkDensity * 0.7) return true;
    // "Share", "Read more", "Next article": short lines made of one link.
    return el.text < 40 && el.link > 0 && ld > 0.6;
  };

  const core = new Set(blocks);
  // Blocks on the way from the frame down to the selected ones: walked through, not rendered whole.
  const path = new Set<El>();
  for (const b of blocks) for (let a = b.parent; a && frame && a !== frame.parent; a = a.parent) path.add(a);
  const framed = (el: El) => {
    budget.charge(1 + el.children.length);
    for (const c of el.children) {
      if (typeof c === 'string') continue;
      if (core.has(c)) walk(c, true);
      else if (path.has(c)) framed(c);
      else if (INLINE.has(c.tag) || skipBlock(c)) continue;
      else if (isFramedProse(c)) walk(c, false);
      // Look into the article's other sections for their prose, one block at a time; a section
      // with many links is a list of teaser cards, whose excerpts read as prose too.
      else if (FRAMED_CONTAINERS.has(c.tag) && linkDensity(c) < FRAMED_MAX_LINK_DENSITY) framed(c);
    }
    out.flush();
  };
  if (frame && path.has(frame)) framed(frame);
  else for (const b of blocks) walk(b, true);
  out.flush();
  return out.result();
}
