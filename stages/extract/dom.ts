import { Parser } from 'htmlparser2';
import type { WorkBudget } from './budget.js';

/** An element of the light tree the extractor walks: only what the heuristics read. */
export interface El {
  tag: string;
  /** class and id, lower-cased and space separated: what the boilerplate hints match. */
  hint: string;
  parent: El | undefined;
  children: Node[];
  /** Characters of trimmed text in the subtree. */
  text: number;
  /** Of which inside links. */
  link: number;
  commas: number;
}

export type Node = El | string;

export interface ParsedPage {
  root: El;
  /** The <body>, or the root when a page has none. */
  body: El;
  frameset: boolean;
}

/** Never part of the visible text: not kept in the tree at all. */
const INVISIBLE = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'head',
  'title',
  'iframe',
  'object',
  'embed',
  'canvas',
  'select',
  'button',
  'input',
  'textarea',
  'video',
  'audio',
  'map',
  'dialog',
]);

/** What may stand in <head>: any other tag there means the page left </head> out and its body began. */
const HEAD_TAGS = new Set(['meta', 'link', 'title', 'script', 'style', 'base', 'noscript', 'template']);

/** Deeper elements are flattened into their ancestor at this depth, so no walk can blow the stack. */
const MAX_DEPTH = 200;
/** Parse in slices so the work budget is checked even inside one huge page. */
const CHUNK = 16 * 1024;
/**
 * htmlparser2 keeps the open elements in an array it unshifts, shifts and searches for each tag,
 * so a tag costs the depth of that stack and deep nesting makes parsing quadratic. Moving or
 * comparing a stack entry takes under a nanosecond, a 16th to a 32nd of what a unit of the
 * rest of the work takes (bench/extraction/work.ts); it is charged as a 16th.
 */
const STACK_ENTRIES_PER_UNIT = 16;

const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

function isHidden(attribs: Record<string, string>): boolean {
  return (
    attribs.hidden !== undefined ||
    attribs['aria-hidden'] === 'true' ||
    (attribs.style !== undefined && HIDDEN_STYLE.test(attribs.style)) ||
    attribs.type === 'hidden'
  );
}

/**
 * Classes that say nothing about the block: WordPress lists the post's taxonomy (`tag-news`,
 * `category-sport`), and page builders name their layout boxes (`elementor-widget-container`
 * holds an article's paragraphs as often as a sidebar's).
 */
const NEUTRAL_CLASS = /(?:^|\s)(?:(?:tag|category|format|status|type|postid)-|elementor-)\S*/g;

function hintOf(attribs: Record<string, string>): string {
  return `${attribs.class ?? ''} ${attribs.id ?? ''}`.toLowerCase().replace(NEUTRAL_CLASS, ' ');
}

function element(tag: string, hint: string, parent: El | undefined): El {
  return { tag, hint, parent, children: [], text: 0, link: 0, commas: 0 };
}

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i !== -1; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

/** Builds the light tree with htmlparser2's forgiving tokenizer, dropping invisible and hidden subtrees as it goes. */
export function parsePage(html: string, budget: WorkBudget): ParsedPage {
  const root = element('#root', '', undefined);
  let body: El | undefined;
  let frameset = false;
  let current = root;
  let depth = 0;
  // One entry per open tag: whether it made an element (false when skipped or flattened).
  const opened: boolean[] = [];
  // The deepest the open-element stack got during the slice being parsed.
  let peak = 0;
  let skipping = 0;
  // Whether the skip in progress is the <head> itself, with nothing open inside it.
  let inHead = false;

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        // Browsers close an unclosed <head> at the first body tag; htmlparser2 does so only at <body>.
        if (inHead && skipping === 1 && !HEAD_TAGS.has(name)) {
          skipping = 0;
          inHead = false;
        }
        if (opened.length >= peak) peak = opened.length + 1;
        if (skipping > 0 || INVISIBLE.has(name) || isHidden(attribs)) {
          if (skipping === 0) inHead = name === 'head';
          skipping++;
          opened.push(false);
          return;
        }
        if (name === 'frameset' || name === 'frame') frameset = true;
        if (depth >= MAX_DEPTH || name === 'html') {
          opened.push(false);
          return;
        }
        const hint = attribs.class || attribs.id ? hintOf(attribs) : '';
        const el = element(name, hint, current);
        current.children.push(el);
        if (name === 'body' && !body) body = el;
        current = el;
        depth++;
        opened.push(true);
      },
      ontext(data) {
        if (skipping > 0) return;
        current.children.push(data);
        const n = data.trim().length;
        if (n > 0) {
          current.text += n;
          current.commas += count(data, ',');
        }
      },
      onclosetag() {
        const made = opened.pop();
        if (made === undefined) return;
        if (!made) {
          if (skipping > 0) skipping--;
          if (skipping === 0) inHead = false;
          return;
        }
        const el = current;
        if (el.tag === 'a') el.link = el.text;
        current = el.parent ?? root;
        current.text += el.text;
        current.link += el.link;
        current.commas += el.commas;
        depth--;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  for (let i = 0; i < html.length; i += CHUNK) {
    const slice = html.slice(i, i + CHUNK);
    peak = opened.length;
    parser.write(slice);
    budget.charge(slice.length + (count(slice, '<') * peak) / STACK_ENTRIES_PER_UNIT);
  }
  parser.end();
  // Unclosed elements never saw their close event: fold their counts up now.
  while (current !== root) {
    const el = current;
    if (el.tag === 'a') el.link = el.text;
    current = el.parent!;
    current.text += el.text;
    current.link += el.link;
    current.commas += el.commas;
  }
  return { root, body: body ?? root, frameset };
}
