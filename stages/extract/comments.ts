import type { El } from './dom.js';
import { isCommentHint } from './hints.js';

function inside(el: El, blocks: Set<El>): boolean {
  for (let a: El | undefined = el; a; a = a.parent) if (blocks.has(a)) return true;
  return false;
}

/**
 * The page's comment sections outside the selected main content, outermost first in page order:
 * what `include_comments` appends after the article, since themes put comments beside it.
 */
export function commentSections(body: El, selected: El[]): El[] {
  const chosen = new Set(selected);
  const found: El[] = [];
  const visit = (el: El) => {
    if (isCommentHint(el.hint) && el.text > 0) {
      if (!inside(el, chosen)) found.push(el);
      return;
    }
    for (const c of el.children) if (typeof c !== 'string') visit(c);
  };
  visit(body);
  return found;
}
