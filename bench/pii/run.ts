/**
 * PII detection precision and recall per kind on labelled samples, side by side for the stage's
 * detectors (checksums, public-IP ranges, context) and for their bare regexes (every candidate
 * accepted), so the table shows what the validation buys.
 *
 *   npx tsx bench/pii/run.ts [pii data folder, default ../shared/data/pii]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DETECTORS, type Detector, type PiiKind } from '../../stages/pii/detectors.js';
import { detect } from '../../stages/pii/pii.js';

const dir = process.argv[2] ?? path.resolve('..', 'shared', 'data', 'pii');

/** IPv4 and IPv6 are scored together: the samples label both IP_ADDRESS. */
type Kind = 'email' | 'ip' | 'phone' | 'credit_card' | 'iban';
const KINDS: Kind[] = ['email', 'ip', 'phone', 'credit_card', 'iban'];
const asKind = (k: PiiKind): Kind => (k === 'ipv4' || k === 'ipv6' ? 'ip' : k);
const PRESIDIO: Record<string, Kind> = {
  EMAIL_ADDRESS: 'email',
  IP_ADDRESS: 'ip',
  PHONE_NUMBER: 'phone',
  CREDIT_CARD: 'credit_card',
  IBAN_CODE: 'iban',
};

interface Span {
  kind: Kind;
  start: number;
  end: number;
}
interface Sample {
  text: string;
  gold: Span[];
  /** A unit-test row checks one kind: detections of other kinds in it are not scored. */
  about?: Kind;
}

/** presidio-research's synthetic sentences: every span labelled, so any other detection is a false positive. */
function synthetic(file: string): Sample[] {
  const rows = JSON.parse(readFileSync(path.join(dir, 'presidio_research', file), 'utf8')) as {
    full_text: string;
    spans: { entity_type: string; start_position: number; end_position: number }[];
  }[];
  return rows.map((r) => ({
    text: r.full_text,
    gold: r.spans.flatMap((s) =>
      PRESIDIO[s.entity_type] ? [{ kind: PRESIDIO[s.entity_type]!, start: s.start_position, end: s.end_position }] : [],
    ),
  }));
}

/** Presidio's recognizer unit tests for our kinds: hard positives and negatives, one kind per row. */
function unitTests(): Sample[] {
  const files: Record<string, Kind> = {
    'test_email_recognizer.py': 'email',
    'test_ip_recognizer.py': 'ip',
    'test_phone_recognizer.py': 'phone',
    'test_credit_card_recognizer.py': 'credit_card',
    'test_iban_recognizer.py': 'iban',
  };
  const lines = readFileSync(path.join(dir, 'presidio_analyzer_testcases', 'recognizer_testcases.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean);
  return lines.flatMap((line) => {
    const row = JSON.parse(line) as {
      source_file: string;
      text?: string;
      iban?: string;
      expected_positions?: number[][];
      expected_res?: number[][];
    };
    const kind = files[path.basename(row.source_file)];
    const text = row.text ?? row.iban;
    const positions = row.expected_positions ?? row.expected_res;
    if (!kind || text === undefined || !positions) return [];
    return [{ text, about: kind, gold: positions.map(([start, end]) => ({ kind, start: start!, end: end! })) }];
  });
}

const bare: Detector[] = DETECTORS.map((d) => ({ ...d, accept: (m: string) => m }));

function score(samples: Sample[], detectors: readonly Detector[]) {
  const counts = new Map(KINDS.map((k) => [k, { gold: 0, found: 0, truePos: 0, hitGold: 0 }]));
  for (const s of samples) {
    const found = detect(s.text, detectors).map((d) => ({ kind: asKind(d.kind), start: d.start, end: d.end }));
    const overlaps = (a: Span, b: Span) => a.kind === b.kind && a.start < b.end && b.start < a.end;
    for (const g of s.gold) {
      const c = counts.get(g.kind)!;
      c.gold++;
      if (found.some((f) => overlaps(f, g))) c.hitGold++;
    }
    for (const f of found) {
      if (s.about && f.kind !== s.about) continue;
      const c = counts.get(f.kind)!;
      c.found++;
      if (s.gold.some((g) => overlaps(f, g))) c.truePos++;
    }
  }
  return counts;
}

const pct = (a: number, b: number) => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)}%`);
const datasets: [string, Sample[]][] = [
  ['presidio synth_dataset_v2 (1,500 sentences)', synthetic('synth_dataset_v2.json')],
  ['presidio generated_large (2,109 sentences)', synthetic('generated_large.json')],
  ['presidio recognizer unit tests (one kind per row)', unitTests()],
];

console.log(
  `${'kind'.padEnd(12)}${'gold'.padStart(6)} | ${'sieve P'.padStart(8)} ${'sieve R'.padStart(8)} | ${'regex P'.padStart(8)} ${'regex R'.padStart(8)}`,
);
for (const [name, samples] of datasets) {
  console.log(`\n${name}`);
  const validated = score(samples, DETECTORS);
  const regexOnly = score(samples, bare);
  for (const k of KINDS) {
    const v = validated.get(k)!;
    const r = regexOnly.get(k)!;
    console.log(
      `${k.padEnd(12)}${String(v.gold).padStart(6)} | ${pct(v.truePos, v.found).padStart(8)} ${pct(v.hitGold, v.gold).padStart(8)} | ${pct(r.truePos, r.found).padStart(8)} ${pct(r.hitGold, r.gold).padStart(8)}`,
    );
  }
}
