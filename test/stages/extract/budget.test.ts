import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../../pipeline/config/load_config.js';
import { WorkBudget } from '../../../stages/extract/budget.js';
import { extractText, workLimit, type Extraction } from '../../../stages/extract/extract_text.js';
import { extractOptions } from '../../../stages/extract/options.js';
import '../../../stages/index.js';
import { decodeHtml } from '../../../stages/sources/warc/charset.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const pages = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.html.gz'))
  .map((f) => decodeHtml(gunzipSync(readFileSync(path.join(FIXTURES, f))), undefined, () => {}).html);
const defaults = extractOptions.parse({});

/**
 * A clock that moves `step` ms each time it is read: 10 s is a machine so loaded that every page
 * outlasts any time budget, 0 one so idle that none ever does.
 */
function clock(step: number): void {
  vi.restoreAllMocks();
  let now = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => (now += step));
  vi.spyOn(Date, 'now').mockImplementation(() => (now += step));
}

const paragraph = '<p>A paragraph of the story, long enough to count as prose, with commas, clauses and a full stop.</p>';
/** 100,000 unclosed nested tags: htmlparser2's open-element stack makes such a page quadratic to parse. */
const hostile = `<html><body>${'<div><span>'.repeat(50_000)}${paragraph}</body></html>`;

describe('extract work budget', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('gives the same text when the clock lies: the budget counts work, not time', () => {
    const honest = pages.map((html) => extractText(html, defaults));
    clock(10_000);
    const hurried = pages.map((html) => extractText(html, defaults));
    // The outcomes first, so a failure reads as a list of reasons rather than of whole articles.
    const outcome = (r: Extraction) => ('reason' in r ? r.reason : 'text');
    expect(hurried.map(outcome)).toEqual(honest.map(outcome));
    expect(hurried).toEqual(honest);
  });

  it('drops a hostile page as extract:over_budget, cut off at the same unit of work whatever the clock says', () => {
    clock(0);
    expect(extractText(hostile, defaults)).toEqual({ reason: 'extract:over_budget' });
    const spent = [0, 10_000].map((step) => {
      clock(step);
      const budget = new WorkBudget(workLimit(hostile, defaults));
      expect(extractText(hostile, defaults, budget)).toEqual({ reason: 'extract:over_budget' });
      return budget.used;
    });
    expect(spent[1]).toBe(spent[0]);
  });

  it('gives real pages several times the work they need', () => {
    for (const html of pages) {
      const budget = new WorkBudget(Infinity);
      extractText(html, defaults, budget);
      expect(budget.used / workLimit(html, defaults)).toBeLessThan(0.25);
    }
  });

  it('refuses the retired time budget at its YAML line, naming the work budget that replaced it', () => {
    const yaml = 'name: t\nrun_dir: runs/t\ninput:\n  warc: { paths: [x.warc.gz] }\nstages:\n  - extract: { timeout_ms: 2000 }\n';
    expect(() => parseConfig(yaml, 'p.yaml')).toThrow(/^p\.yaml:6:16: extract: "timeout_ms" is retired: .*"work_per_char"/);
  });
});
