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

describe('stats tables', () => {
  const text = formatStats(tokenizedRun());

  it('stay within 100 columns, cutting long reasons rather than wrapping', () => {
    for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(100);
    expect(text).toMatch(/language:other.*…$/m);
    expect(text).toMatch(/^ {2}a_language_stage.*… +1,234,567,890 /m);
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
