import path from 'node:path';
import { completeTasks, downloadRows, outputRows } from './format_stats.js';
import type { RunStats } from './run_stats.js';
import type { DocSample, DocSamples } from './sample_docs.js';
import { barChart, escapeXml as esc, funnelChart, histogramChart, lineChart } from './svg_charts.js';
import { bytes, int, pct } from './text_table.js';

const SAMPLE_TEXT = 1500;

/** The `--html` report: one file with its styles and SVG charts inline, readable offline. */
export function htmlReport(stats: RunStats, samples: DocSamples): string {
  const body = [
    `<h1>Sieve run <code>${esc(stats.name)}</code></h1>`,
    `<p class="dir">${esc(stats.runDir)}</p>`,
    status(stats),
    section(
      'Funnel',
      funnelChart(stats.funnel.map((r) => ({ label: r.step + (r.partial ? ' *' : ''), docsIn: r.docsIn, docsOut: r.docsOut }))) +
        funnelTable(stats),
    ),
    stats.downloads &&
      section(
        `Downloads <small>${esc(stats.downloads.stage)}</small>`,
        table(['event', 'count'], downloadRows(stats.downloads.counts), [1]),
      ),
    section('Output', outputTable(stats)),
    ...stats.languages.map((l) =>
      section(
        `Languages <small>docs counted at ${esc(l.stage)}</small>`,
        barChart(l.rows.slice(0, 20).map((r) => ({ label: r.key, value: r.docs, note: `(${pct(r.share)})` }))),
      ),
    ),
    ...stats.lengths.map((d) =>
      section(
        `Document length in ${esc(d.unit)} <small>docs reaching ${esc(d.stage)}; mean ${int(d.mean)}, ${d.quantiles.map((q) => `p${Math.round(q.p * 100)} ${int(q.value)}`).join(', ')}</small>`,
        histogramChart(d.histogram.map((b) => ({ label: compact(b.lo), value: b.docs, note: `${int(b.lo)}–${int(b.hi - 1)} ${d.unit}` }))),
      ),
    ),
    stats.domains &&
      section(
        `Top domains <small>docs reaching ${esc(stats.domains.stage)}</small>`,
        barChart(stats.domains.rows.map((r) => ({ label: r.key, value: r.docs, note: `(${pct(r.share)})` }))),
      ),
    ...stats.dedup.map((d) =>
      section(
        `Dedup: ${esc(d.stage)}`,
        table(['figure', 'value'], [['docs dropped', int(d.dropped)], ...Object.entries(d.counts).map(([k, v]) => [esc(k), int(v)])], [1]) +
          (d.clusterSizes.length
            ? barChart(
                d.clusterSizes.map((c) => ({
                  label: `size ${c.size}`,
                  value: c.clusters,
                  note: c.clusters === 1 ? 'cluster' : 'clusters',
                })),
              )
            : ''),
      ),
    ),
    ...stats.training.map((t) =>
      section(
        `Training: ${esc(t.name)} <small>loss in nats per token</small>`,
        lineChart(
          [
            { label: 'train loss', color: '#3b7dd8', points: t.loss.map((p) => ({ x: p.step, y: p.value })) },
            { label: 'validation loss', color: '#d8663b', points: t.valLoss.map((p) => ({ x: p.step, y: p.value })) },
          ],
          [
            ...(t.unigramEntropy === undefined ? [] : [{ label: 'unigram entropy', y: t.unigramEntropy }]),
            ...(t.unigramValLoss === undefined ? [] : [{ label: 'unigram on val', y: t.unigramValLoss }]),
          ],
        ),
      ),
    ),
    section(
      `Sample documents <small>drawn at random with seed ${samples.seed} (another: <code>sieve stats --html FILE --seed N</code>)</small>`,
      samples.groups.map(sampleBlock).join('') || '<p>No document shards yet.</p>',
    ),
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sieve stats: ${esc(stats.name)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:980px;color:#222;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
small{color:#666;font-weight:normal}.dir{color:#666;margin-top:-.6rem}
table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem}td,th{padding:.2rem .7rem;border-bottom:1px solid #eee;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.partial{background:#fff4d6;border:1px solid #e8c66a;padding:.5rem .8rem}.complete{color:#2a7a2a}
details{margin:.3rem 0;border:1px solid #e4e4e4;border-radius:4px;padding:.3rem .6rem}summary{cursor:pointer}
pre{white-space:pre-wrap;font-size:.85rem;background:#fafafa;padding:.5rem;max-height:22rem;overflow:auto}
.meta{font-size:.8rem;color:#555}.reason{color:#b03a2e;font-weight:600}
</style></head><body>
${body.filter(Boolean).join('\n')}
</body></html>
`;
}

function status(stats: RunStats): string {
  if (stats.complete) return `<p class="complete">Complete: ${esc(completeTasks(stats))}.</p>`;
  const phases = stats.tasks.map(
    (p) =>
      `${esc(p.phase)}: ${p.done}/${p.tasks} done${p.unfinished ? `, ${p.unfinished} running or killed` : ''}${p.failed ? `, ${p.failed} failed` : ''}`,
  );
  return `<p class="partial"><strong>Partial figures.</strong> The run is still going or was stopped; stages marked * include the live counters of unfinished tasks. ${phases.join('; ')}.</p>`;
}

function funnelTable(stats: RunStats): string {
  const rows = stats.funnel.map((r) => [
    esc(r.step) + (r.partial ? ' *' : ''),
    int(r.docsIn),
    int(r.docsOut),
    r.kept === null ? '–' : pct(r.kept),
    bytes(r.bytesOut),
    r.drops.map((d) => `${esc(d.reason)} ${int(d.docs)} (${pct(d.share)})`).join('<br>'),
  ]);
  return table(['stage', 'docs in', 'docs out', 'kept', 'bytes out', 'drop reasons (share of docs in)'], rows, [1, 2, 3, 4]);
}

function outputTable(stats: RunStats): string {
  return table(['', ''], outputRows(stats), [1]);
}

function sampleBlock(sample: DocSample): string {
  const docs = sample.docs.map((d) => {
    const meta = Object.entries(d.meta)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => `${esc(k)}=${esc(String(v))}`)
      .join(' · ');
    const text = [...d.text].slice(0, SAMPLE_TEXT).join('');
    return `<details><summary>${d.reason ? `<span class="reason">${esc(d.reason)}</span> ` : ''}${esc(d.url ?? d.id)}</summary>
<div class="meta">${esc(path.basename(d.shard))} row ${d.row} · id ${esc(d.id)}${meta ? ` · ${meta}` : ''}</div>
<pre>${esc(text)}${text.length < d.text.length ? '\n…' : ''}</pre></details>`;
  });
  return `<h3>${esc(sample.title)}</h3>${docs.join('\n')}`;
}

function section(title: string, content: string): string {
  return `<section><h2>${title}</h2>${content}</section>`;
}

/** `cells` are HTML already escaped by the caller; `numeric` columns align right. */
function table(headers: string[], rows: string[][], numeric: number[] = []): string {
  const cls = (i: number) => (numeric.includes(i) ? ' class="n"' : '');
  const head = headers.some(Boolean) ? `<tr>${headers.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join('')}</tr>` : '';
  return `<table>${head}${rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join('')}</tr>`).join('')}</table>`;
}

/** Short axis labels: 1200 → 1.2k. */
function compact(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(n >= 1e4 ? 0 : 1)}k`;
  return String(n);
}
