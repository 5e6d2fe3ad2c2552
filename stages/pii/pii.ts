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
  })
  .strict();

/**
 * Formatter: replaces emails and public IP addresses in the text (FineWeb), and optionally phone
 * numbers, Luhn-valid card numbers and mod-97-valid IBANs. Counts replacements per kind as
 * `pii:<kind>` and changed docs as `docs_changed`.
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
          const { text, found } = scrub(doc.text, detectors, replace);
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

/**
 * Every accepted PII span in the text, in text order and never overlapping: detectors run in
 * priority order and a later one cannot claim characters an earlier one took.
 */
export function detect(text: string, detectors: readonly Detector[]): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const d of detectors) {
    for (const m of text.matchAll(d.pattern)) {
      const value = d.accept(m[0], text, m.index);
      if (value === null) continue;
      const span = { kind: d.kind, start: m.index, end: m.index + value.length, value };
      if (!spans.some((s) => s.start < span.end && span.start < s.end)) spans.push(span);
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** Replaces each detected span; returns the new text and the count per kind. */
export function scrub(
  text: string,
  detectors: readonly Detector[],
  replace: (kind: PiiKind, value: string) => string,
): { text: string; found: Partial<Record<PiiKind, number>> } {
  const found: Partial<Record<PiiKind, number>> = {};
  let out = '';
  let at = 0;
  for (const span of detect(text, detectors)) {
    out += text.slice(at, span.start) + replace(span.kind, span.value);
    at = span.end;
    found[span.kind] = (found[span.kind] ?? 0) + 1;
  }
  return { text: out + text.slice(at), found };
}
