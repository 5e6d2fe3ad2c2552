import { describe, expect, it } from 'vitest';
import { htmlReport } from '../../pipeline/report/html_report.js';
import type { RunStats } from '../../pipeline/report/run_stats.js';
import { lineChart } from '../../pipeline/report/svg_charts.js';

/** A run of one task that made one duplicate cluster, and a training run stopped after one validation. */
function smallRun(): RunStats {
  return {
    runDir: 'runs/x',
    name: 'x',
    complete: true,
    tasks: [{ phase: 'p0', tasks: 1, done: 1, unfinished: 0, failed: 0 }],
    funnel: [],
    output: { shards: 1, docs: 3, bytes: 10, textBytes: 9, tokenShards: 0, tokens: null, rejectShards: 0, rejectDocs: 0 },
    languages: [],
    partitions: [],
    lengths: [],
    domains: null,
    dedup: [{ stage: 'minhash_dedup', counts: { clusters: 1 }, clusterSizes: [{ size: '2', clusters: 1 }], dropped: 1 }],
    downloads: null,
    training: [
      {
        name: 'train/short',
        loss: [
          { step: 10, value: 7.9 },
          { step: 20, value: 7.1 },
        ],
        valLoss: [{ step: 20, value: 7.5 }],
      },
    ],
  };
}

describe('HTML report', () => {
  it('marks each point of a sparse series, so a single validation loss still shows', () => {
    const svg = lineChart([{ label: 'validation loss', color: '#d8663b', points: [{ x: 20, y: 7.5 }] }], []);
    expect(svg.match(/<circle class="point"/g)).toHaveLength(1);
    expect(svg).toContain('<title>validation loss at step 20: 7.500</title>');
    // A dense series is a line alone.
    const dense = Array.from({ length: 300 }, (_, i) => ({ x: i, y: 9 - i / 100 }));
    expect(lineChart([{ label: 'train loss', color: '#3b7dd8', points: dense }], [])).not.toContain('<circle');

    const page = htmlReport(smallRun(), { seed: 1, groups: [] });
    expect(page).toContain('<title>validation loss at step 20: 7.500</title>');
  });

  it('writes counts in words that agree with the figure', () => {
    const page = htmlReport(smallRun(), { seed: 1, groups: [] });
    expect(page).toContain('Complete: 1 task in 1 phase (p0 1).');
    expect(page).toContain('1 cluster</text>');
    expect(page).not.toMatch(/\b1 (clusters|tasks|phases)\b/);
  });

  it('says with which seed the sample documents were drawn', () => {
    const page = htmlReport(smallRun(), { seed: 42, groups: [] });
    expect(page).toMatch(/Sample documents <small>drawn at random with seed 42 /);
  });
});
