import type { RunStats, Share } from './run_stats.js';
import { bytes, count, int, pct, TERMINAL_WIDTH, textTable, type Column, type Row } from './text_table.js';

const TOP_REASONS = 3;
const TOP_LANGUAGES = 15;
const MAX_LANGUAGE_SOURCES = 3;

/** `sieve stats` for the terminal: one titled section after another, each an aligned table. */
export function formatStats(stats: RunStats, width = TERMINAL_WIDTH): string {
  const sections = [
    header(stats),
    funnel(stats, width),
    downloads(stats, width),
    output(stats, width),
    languages(stats, width),
    partitions(stats, width),
    lengths(stats, width),
    domains(stats, width),
    dedup(stats, width),
    training(stats, width),
  ];
  return `${sections.filter(Boolean).join('\n\n')}\n`;
}

function header(stats: RunStats): string {
  const lines = [`run ${stats.name}  ${stats.runDir}`];
  if (stats.complete) {
    lines.push(`complete: ${completeTasks(stats)}`);
  } else {
    lines.push('PARTIAL: the run is still going or was stopped; rows marked * include live counters of unfinished tasks');
    for (const p of stats.tasks) {
      const extra = [p.unfinished && `${p.unfinished} running or killed`, p.failed && `${p.failed} failed`].filter(Boolean);
      lines.push(`  ${p.phase}: ${p.done}/${p.tasks} tasks done${extra.length ? ` (${extra.join(', ')})` : ''}`);
    }
  }
  return lines.join('\n');
}

/** `23 tasks in 4 phases (p0 4, p1 14, p2 1, p3 4)`: a complete run's tasks, shared by the terminal and the HTML report. */
export function completeTasks(stats: RunStats): string {
  const total = stats.tasks.reduce((n, p) => n + p.tasks, 0);
  return `${count(total, 'task')} in ${count(stats.tasks.length, 'phase')} (${stats.tasks.map((p) => `${p.phase} ${p.tasks}`).join(', ')})`;
}

/**
 * One row per stage, its top drop reasons on lines under it: each reason's name is shown whole,
 * however long, with its count and share of the stage's docs in aligned under `dropped` and `share`.
 */
function funnel(stats: RunStats, width: number): string {
  const rows: Row[] = [];
  const figures = (docs: number, share: number) => ['', '', '', '', int(docs), pct(share)];
  for (const r of stats.funnel) {
    const dropped = r.drops.reduce((n, d) => n + d.docs, 0);
    rows.push([
      `${r.step}${r.partial ? ' *' : ''}`,
      int(r.docsIn),
      int(r.docsOut),
      r.kept === null ? '–' : pct(r.kept),
      bytes(r.bytesOut),
      dropped ? int(dropped) : '',
    ]);
    for (const d of r.drops.slice(0, TOP_REASONS)) rows.push({ label: d.reason, cells: figures(d.docs, d.share) });
    const rest = r.drops.slice(TOP_REASONS);
    if (rest.length > 0) {
      const docs = rest.reduce((n, d) => n + d.docs, 0);
      const share = rest.reduce((n, d) => n + d.share, 0);
      rows.push({ label: count(rest.length, 'more reason'), cells: figures(docs, share) });
    }
  }
  const table = textTable(
    [
      { header: 'stage' },
      { header: 'docs in', align: 'right' },
      { header: 'docs out', align: 'right' },
      { header: 'kept', align: 'right' },
      { header: 'bytes out', align: 'right' },
      { header: 'dropped', align: 'right' },
      { header: 'share', align: 'right' },
    ],
    rows,
    width,
  );
  return `Funnel (top drop reasons under each stage; share of the docs it took in)\n${table}`;
}

function downloads(stats: RunStats, width: number): string {
  if (!stats.downloads) return '';
  const table = textTable([{ header: 'event' }, { header: 'count', align: 'right' }], downloadRows(stats.downloads.counts), width);
  return `Downloads (${stats.downloads.stage})\n${table}`;
}

/** The download counts as label/value rows in name order, shared by the terminal and the HTML report. */
export function downloadRows(counts: Record<string, number>): string[][] {
  return Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => [k, int(v)]);
}

function output(stats: RunStats, width: number): string {
  const rows = outputRows(stats);
  return `Output${stats.complete ? '' : ' (completed tasks only)'}\n${textTable([{ header: '' }, { header: '', align: 'right' }], rows, width)}`;
}

/** The output figures as label/value rows, shared by the terminal and the HTML report. */
export function outputRows(stats: RunStats): string[][] {
  const o = stats.output;
  return [
    ['doc shards', int(o.shards)],
    ['documents', int(o.docs)],
    ['shard bytes', bytes(o.bytes)],
    ['text bytes', bytes(o.textBytes)],
    ['tokens', o.tokens === null ? 'not tokenized' : `${int(o.tokens)} in ${int(o.tokenShards)} shards`],
    ['rejects kept', `${int(o.rejectDocs)} docs in ${int(o.rejectShards)} shards`],
  ];
}

/** One table, a docs/share column pair per counting step, so input and output languages line up. */
function languages(stats: RunStats, width: number): string {
  const sources = stats.languages.slice(-MAX_LANGUAGE_SOURCES);
  if (sources.length === 0) return '';
  const last = sources[sources.length - 1]!;
  const keys = [...new Set(sources.flatMap((s) => s.rows.map((r) => r.key)))].sort(
    (a, b) =>
      docsOf(last.rows, b) - docsOf(last.rows, a) || docsOf(sources[0]!.rows, b) - docsOf(sources[0]!.rows, a) || a.localeCompare(b),
  );
  const row = (label: string, pick: (rows: Share[]) => Share[]) => [
    label,
    ...sources.flatMap((s) => {
      const rows = pick(s.rows);
      return rows.length ? [int(rows.reduce((n, r) => n + r.docs, 0)), pct(rows.reduce((n, r) => n + r.share, 0))] : ['', ''];
    }),
  ];
  const rest = new Set(keys.slice(TOP_LANGUAGES));
  const rows = keys.slice(0, TOP_LANGUAGES).map((k) => row(k, (rs) => rs.filter((r) => r.key === k)));
  if (rest.size > 0) rows.push(row(`${rest.size} others`, (rs) => rs.filter((r) => rest.has(r.key))));
  const columns: Column[] = [
    { header: 'language' },
    ...sources.flatMap((s) => [
      { header: `at ${s.stage}`, align: 'right' as const },
      { header: 'share', align: 'right' as const },
    ]),
  ];
  return `Languages (docs counted at each step)\n${textTable(columns, rows, width)}`;
}

function partitions(stats: RunStats, width: number): string {
  return stats.partitions
    .map((p) => {
      const rows = p.rows.map((r) => [r.key, int(r.docs), pct(r.share)]);
      const table = textTable([{ header: 'folder' }, { header: 'docs', align: 'right' }, { header: 'share', align: 'right' }], rows, width);
      return `Partitions (docs ${p.stage} wrote per folder)\n${table}`;
    })
    .join('\n\n');
}

const docsOf = (rows: Share[], key: string) => rows.find((r) => r.key === key)?.docs ?? 0;

function lengths(stats: RunStats, width: number): string {
  if (stats.lengths.length === 0) return '';
  const ps = stats.lengths[0]!.quantiles.map((q) => `p${Math.round(q.p * 100)}`);
  // "chars at write", "tokens at tokenize": each unit was measured where it is known.
  const rows = stats.lengths.map((d) => [`${d.unit} at ${d.stage}`, int(d.docs), int(d.mean), ...d.quantiles.map((q) => int(q.value))]);
  const table = textTable(
    [
      { header: 'length' },
      { header: 'docs', align: 'right' },
      { header: 'mean', align: 'right' },
      ...ps.map((header) => ({ header, align: 'right' as const })),
    ],
    rows,
    width,
  );
  return `Document length (quantiles from a log-scale histogram, within ±9%)\n${table}`;
}

function domains(stats: RunStats, width: number): string {
  if (!stats.domains) return '';
  const rows = stats.domains.rows.map((r) => [int(r.docs), pct(r.share), r.key]);
  const table = textTable([{ header: 'docs', align: 'right' }, { header: 'share', align: 'right' }, { header: 'domain' }], rows, width);
  return `Top domains (docs reaching ${stats.domains.stage}; ${int(stats.domains.distinct)} listed hosts)\n${table}`;
}

function dedup(stats: RunStats, width: number): string {
  if (stats.dedup.length === 0) return '';
  const parts = stats.dedup.map((d) => {
    const rows = [['docs dropped', int(d.dropped)], ...Object.entries(d.counts).map(([k, v]) => [k, int(v)])];
    let text = `Dedup: ${d.stage}\n${textTable([{ header: 'figure' }, { header: 'value', align: 'right' }], rows, width)}`;
    if (d.clusterSizes.length > 0) {
      const sizes = d.clusterSizes.map((c) => [c.size, int(c.clusters)]);
      text += `\n${textTable([{ header: 'cluster size' }, { header: 'clusters', align: 'right' }], sizes, width)}`;
    }
    return text;
  });
  return parts.join('\n\n');
}

function training(stats: RunStats, width: number): string {
  if (stats.training.length === 0) return '';
  const rows = stats.training.map((t) => {
    const last = (xs: { step: number; value: number }[]) => xs.at(-1);
    const loss = last(t.loss);
    const val = last(t.valLoss);
    return [
      t.name,
      loss ? int(loss.step) : '–',
      loss ? loss.value.toFixed(3) : '–',
      val ? `${val.value.toFixed(3)} (step ${int(val.step)})` : '–',
      t.unigramEntropy === undefined ? '–' : t.unigramEntropy.toFixed(3),
      t.unigramValLoss === undefined ? '–' : t.unigramValLoss.toFixed(3),
    ];
  });
  const table = textTable(
    [
      { header: 'training run' },
      { header: 'steps', align: 'right' },
      { header: 'loss', align: 'right' },
      { header: 'val loss', align: 'right' },
      { header: 'unigram entropy', align: 'right' },
      { header: 'unigram on val', align: 'right' },
    ],
    rows,
    width,
  );
  return `Training (nats per token)\n${table}`;
}
