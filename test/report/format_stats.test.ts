import { describe, expect, it } from 'vitest';
import { formatStats } from '../../pipeline/report/format_stats.js';
import { lengthDistribution, recordLength } from '../../pipeline/report/length_histogram.js';
import type { RunStats } from '../../pipeline/report/run_stats.js';

/** Figures of a tokenized, language-filtered run: what the sample run cannot show yet. */
function tokenizedRun(): RunStats {
  const counts: Record<string, number> = {};
  for (let n = 1; n <= 1000; n++) recordLength(counts, 'tokens', n * 7);
  return {
    runDir: 'runs/x',
    name: 'x',
    complete: true,
    tasks: [{ phase: 'p0', tasks: 2, done: 2, unfinished: 0, failed: 0 }],
    funnel: [
      {
        step: 'a_language_stage_with_a_very_long_identifier_indeed',
        stage: 'language',
        phase: 'p0',
        docsIn: 1_234_567_890,
        docsOut: 234_567_890,
        bytesIn: 5e12,
        bytesOut: 1e12,
        kept: 0.19,
        drops: [{ reason: 'language:other_with_a_long_reason_name_that_goes_on_and_on_and_on', docs: 1e9, share: 0.81 }],
        partial: false,
      },
    ],
    output: { shards: 2, docs: 1000, bytes: 10, textBytes: 9, tokenShards: 2, tokens: 3_503_500, rejectShards: 0, rejectDocs: 0 },
    languages: [
      {
        stage: 'language',
        rows: [
          { key: 'en', docs: 900, share: 0.9 },
          { key: 'de', docs: 100, share: 0.1 },
        ],
      },
      { stage: 'write', rows: [{ key: 'en', docs: 800, share: 1 }] },
    ],
    partitions: [
      {
        stage: 'write',
        rows: [
          { key: 'en', docs: 600, share: 0.75 },
          { key: '_missing', docs: 200, share: 0.25 },
        ],
      },
    ],
    lengths: [{ stage: 'tokenize', ...lengthDistribution(counts, 'tokens')! }],
    domains: null,
    dedup: [
      {
        stage: 'minhash_dedup',
        counts: { clusters: 3 },
        clusterSizes: [
          { size: '2', clusters: 2 },
          { size: '3-4', clusters: 1 },
        ],
        dropped: 4,
      },
    ],
    downloads: { stage: 'commoncrawl', counts: { 'http:retries': 12, 'http:redirected': 3 } },
    training: [
      {
        name: 'train/tiny',
        loss: [
          { step: 1, value: 8.9 },
          { step: 300, value: 4.25 },
        ],
        valLoss: [{ step: 300, value: 5.125 }],
        unigramEntropy: 6.2248,
        unigramValLoss: 5.6826,
      },
    ],
  };
}

/** The funnel of `tokenizedRun` with five drop reasons, one of them longer than any terminal is wide. */
function manyReasons(): RunStats {
  const run = tokenizedRun();
  const row = run.funnel[0]!;
  const reasons = [
    'language:other_with_a_long_reason_name_that_goes_on_and_on_and_on',
    `language:${'x'.repeat(150)}`,
    'language:low_score',
    'language:undetermined',
    'language:empty',
  ];
  row.drops = reasons.map((reason, i) => ({ reason, docs: 5e8 / 2 ** i, share: 0.4 / 2 ** i }));
  return run;
}

/** The column where each line's text ends. */
const ends = (lines: string[]) => lines.map((l) => [...l].length);

describe('stats tables', () => {
  const text = formatStats(tokenizedRun());

  it('keep within the width, a stage name too long for its column on a line of its own rather than cut', () => {
    for (const width of [90, 100, 160]) {
      const lines = formatStats(tokenizedRun(), width).split('\n');
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(width);
      expect(text).not.toMatch(/…/);
    }
    const lines = text.split('\n');
    const name = lines.indexOf('  a_language_stage_with_a_very_long_identifier_indeed');
    expect(name).toBeGreaterThan(0);
    expect(lines[name + 1]).toMatch(/^ +1,234,567,890 +234,567,890 +19\.0% +931\.3 GiB +1,000,000,000$/);
  });

  it("show each drop reason's whole name under its stage, its count and share aligned under dropped and share, at any width", () => {
    for (const width of [60, 80, 100, 200]) {
      const lines = formatStats(manyReasons(), width).split('\n');
      const header = lines.find((l) => l.startsWith('  stage '))!;
      const dropped = header.indexOf('dropped') + 'dropped'.length;
      const share = header.length;
      const figures = lines.filter((l) => /^ +[\d,]+ +\d+\.\d%$/.test(l) || /^ {4}\S.* [\d,]+ +\d+\.\d%$/.test(l));
      // Three reasons and the rest summed up, each with its figures in the two columns.
      expect(figures).toHaveLength(4);
      expect(ends(figures)).toEqual(figures.map(() => share));
      for (const l of figures) expect(l.slice(0, dropped)).toMatch(/\d$/);
      // Names are never cut: joined back over their lines, each is there in full.
      const joined = lines.map((l) => l.trim()).join('');
      expect(joined).toContain('language:other_with_a_long_reason_name_that_goes_on_and_on_and_on');
      expect(joined).toContain(`language:${'x'.repeat(150)}`);
      expect(lines).toContain(
        '    language:low_score'.padEnd(dropped - '125,000,000'.length) + '125,000,000' + '10.0%'.padStart(share - dropped),
      );
      expect(lines.join('\n')).toMatch(/^ {4}2 more reasons +93,750,000 +7\.5%$/m);
    }
    const narrow = formatStats(manyReasons(), 60).split('\n');
    const long = narrow.findIndex((l) => l.startsWith('    language:xxx'));
    // Wrapped at the width, the figures on the line after it.
    expect(narrow.slice(long, long + 3).map((l) => [...l].length)).toEqual([60, 60, 51]);
    expect(narrow[long + 3]).toMatch(/^ +250,000,000 +20\.0%$/);
  });

  it('count in words that agree with the figure', () => {
    const one = tokenizedRun();
    one.tasks = [{ phase: 'p0', tasks: 1, done: 1, unfinished: 0, failed: 0 }];
    expect(formatStats(one)).toMatch(/^complete: 1 task in 1 phase \(p0 1\)$/m);
    expect(text).toMatch(/^complete: 2 tasks in 1 phase \(p0 2\)$/m);
    const reasons = manyReasons();
    reasons.funnel[0]!.drops.pop();
    expect(formatStats(reasons)).toMatch(/^ {4}1 more reason +62,500,000 +5\.0%$/m);
  });

  it('line languages up across the steps that counted them, and show tokens and cluster sizes', () => {
    expect(text).toMatch(/^ {2}language +at language +share +at write +share$/m);
    expect(text).toMatch(/^ {2}en +900 +90\.0% +800 +100\.0%$/m);
    expect(text).toMatch(/^ {2}de +100 +10\.0%$/m);
    expect(text).toMatch(/^ {2}tokens +3,503,500 in 2 shards$/m);
    expect(text).toMatch(/^ {2}tokens at tokenize +1,000 +3,504 +\d/m);
    expect(text).toMatch(/^ {2}3-4 +1$/m);
  });

  it('show the docs a partitioned writer put in each folder', () => {
    expect(text).toMatch(
      /^Partitions \(docs write wrote per folder\)\n {2}folder +docs +share\n {2}en +600 +75\.0%\n {2}_missing +200 +25\.0%$/m,
    );
  });

  it("show the source's download retries and redirects to another host", () => {
    expect(text).toMatch(/^Downloads \(commoncrawl\)\n {2}event +count\n {2}http:redirected +3\n {2}http:retries +12$/m);
  });

  it("show each training run's last loss next to the unigram baselines", () => {
    expect(text).toMatch(/^Training \(nats per token\)$/m);
    expect(text).toMatch(/^ {2}train\/tiny +300 +4\.250 +5\.125 \(step 300\) +6\.225 +5\.683$/m);
  });
});
