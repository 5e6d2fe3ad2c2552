import { z } from 'zod';
import { defineStage } from '../../pipeline/registry.js';
import { addTo } from '../../pipeline/stats.js';
import { DETECTORS, PII_KINDS, type Detector, type PiiKind } from './detectors.js';
import { DEFAULT_PLACEHOLDERS, fakeValue } from './replacements.js';

const options = z
  .object({
    /** What to replace. FineWeb replaced emails and public IP addresses; the rest is opt-in. */
    kinds: z.array(z.enum(PII_KINDS)).default(['email', 'ipv4', 'ipv6']),
    /** `placeholder`: one fixed stand-in per kind; `fake`: a consistent fake value per distinct original. */
    replacement: z.enum(['placeholder', 'fake']).default('placeholder'),
    /** Per-kind overrides of the placeholders. */
    placeholders: z.partialRecord(z.enum(PII_KINDS), z.string()).default({}),
    /** Key for the `fake` hashes; change it per release so fakes cannot be matched across releases. */
    salt: z.string().default('sieve'),
    /**
     * The per-document work budget, in characters scanned: each detector of `kinds` reads the
     * whole text, and each candidate it proposes again. A document that needs more is dropped as
     * `pii:over_budget`, never passed on unscrubbed. The default takes a 10-million-character text with every kind.
     */
    max_scanned_chars: z.number().int().positive().default(100_000_000),
  })
  .strict();

/**
 * Formatter: replaces emails and public IP addresses in the text (FineWeb), and optionally phone
 * numbers, Luhn-valid card numbers and mod-97-valid IBANs. Counts replacements per kind as
 * `pii:<kind>` and changed docs as `docs_changed`; drops a doc over its work budget as `pii:over_budget`.
 */
export const pii = defineStage({
  name: 'pii',
  kind: 'stream',
  summary: 'formatter: replace emails, public IPs and optionally phones, cards, IBANs (rewrites text)',
  options,
  create: (opts) => {
    const enabled = new Set<PiiKind>(opts.kinds);
    const detectors = DETECTORS.filter((d) => enabled.has(d.kind));
    const placeholders = { ...DEFAULT_PLACEHOLDERS, ...opts.placeholders };
    const replace = (kind: PiiKind, value: string) =>
      opts.replacement === 'fake' ? fakeValue(kind, value, opts.salt) : placeholders[kind];
    return {
      kind: 'stream',
      async *run(docs, ctx) {
        for await (const doc of docs) {
          const scrubbed = scrub(doc.text, detectors, replace, opts.max_scanned_chars);
          if (!scrubbed) {
            ctx.drop(doc, 'pii:over_budget');
            continue;
          }
          const { text, found } = scrubbed;
          for (const [kind, n] of Object.entries(found)) addTo(ctx.counters.counts, `pii:${kind}`, n);
          if (text === doc.text) yield doc;
          else {
            addTo(ctx.counters.counts, 'docs_changed');
            yield { ...doc, text };
          }
        }
      },
    };
  },
});

export interface PiiSpan {
  kind: PiiKind;
  start: number;
  end: number;
  value: string;
}

/** Thrown when a text needs more scanning than its budget allows. */
class ScanBudgetExceeded extends Error {
  constructor() {
    super('pii scan budget exceeded');
  }
}

/**
 * Every accepted PII span in the text, in text order and never overlapping: detectors run in
 * priority order and a later one cannot claim characters an earlier one took. A detector's
 * candidates come in text order, so one pass along the spans already claimed checks them all.
 * Throws ScanBudgetExceeded past `budget` characters scanned (see `max_scanned_chars`).
 */
export function detect(text: string, detectors: readonly Detector[], budget = Infinity): PiiSpan[] {
  let scanned = text.length * detectors.length;
  if (scanned > budget) throw new ScanBudgetExceeded();
  let claimed: PiiSpan[] = [];
  for (const d of detectors) {
    const found: PiiSpan[] = [];
    // The first claimed span that ends after the current candidate starts.
    let next = 0;
    for (const m of text.matchAll(d.pattern)) {
      scanned += m[0].length;
      if (scanned > budget) throw new ScanBudgetExceeded();
      const value = d.accept(m[0], text, m.index);
      if (value === null) continue;
      const span = { kind: d.kind, start: m.index, end: m.index + value.length, value };
      while (next < claimed.length && claimed[next]!.end <= span.start) next++;
      if (next < claimed.length && claimed[next]!.start < span.end) continue;
      found.push(span);
    }
    claimed = mergeByStart(claimed, found);
  }
  return claimed;
}

/** Two lists of spans, each in text order, as one. */
function mergeByStart(a: PiiSpan[], b: PiiSpan[]): PiiSpan[] {
  if (b.length === 0) return a;
  const out: PiiSpan[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && a[i]!.start < b[j]!.start) ? a[i++]! : b[j++]!);
  return out;
}

/** Replaces each detected span; returns the new text and the count per kind, or undefined when the text is over `budget`. */
export function scrub(
  text: string,
  detectors: readonly Detector[],
  replace: (kind: PiiKind, value: string) => string,
  budget: number,
): { text: string; found: Partial<Record<PiiKind, number>> } | undefined {
  let spans: PiiSpan[];
  try {
    spans = detect(text, detectors, budget);
  } catch (e) {
    if (e instanceof ScanBudgetExceeded) return undefined;
    throw e;
  }
  const found: Partial<Record<PiiKind, number>> = {};
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + replace(span.kind, span.value);
    at = span.end;
    found[span.kind] = (found[span.kind] ?? 0) + 1;
  }
  return { text: out + text.slice(at), found };
}
