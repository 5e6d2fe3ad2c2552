import type { WorkBudget } from './budget.js';
import type { El } from './dom.js';
import { isCommentHint } from './hints.js';

function inside(el: El, blocks: Set<El>, budget: WorkBudget): boolean {
  for (let a: El | undefined = el; a; a = a.parent) {
    budget.charge(1);
    if (blocks.has(a)) return true;
  }
  return false;
}

/**
 * The page's comment sections outside the selected main content, outermost first in page order:
 * what `include_comments` appends after the article, since themes put comments beside it.
 */
export function commentSections(body: El, selected: El[], budget: WorkBudget): El[] {
  const chosen = new Set(selected);
  const found: El[] = [];
  const visit = (el: El) => {
    budget.charge(1);
    if (isCommentHint(el.hint) && el.text > 0) {
      if (!inside(el, chosen, budget)) found.push(el);
      return;
    }
    for (const c of el.children) if (typeof c !== 'string') visit(c);
  };
  visit(body);
  return found;
}
