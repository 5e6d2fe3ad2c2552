import type { RunStats, Share } from './run_stats.js';
import { bytes, int, pct, textTable, type Column } from './text_table.js';

const TOP_REASONS = 3;
const TOP_LANGUAGES = 15;
const MAX_LANGUAGE_SOURCES = 3;

/** `sieve stats` for the terminal: one titled section after another, each an aligned table. */
export function formatStats(stats: RunStats): string {
  const sections = [
    header(stats),
    funnel(stats),
    downloads(stats),
    output(stats),
    languages(stats),
    partitions(stats),
    lengths(stats),
    domains(stats),
    dedup(stats),
    training(stats),
  ];
  return `${sections.filter(Boolean).join('\n\n')}\n`;
}

function header(stats: RunStats): string {
  const lines = [`run ${stats.name}  ${stats.runDir}`];
  if (stats.complete) {
    lines.push(`complete: ${stats.tasks.map((p) => `${p.phase} ${p.tasks}/${p.tasks}`).join(', ')} tasks`);
  } else {
    lines.push('PARTIAL: the run is still going or was stopped; rows marked * include live counters of unfinished tasks');
    for (const p of stats.tasks) {
      const extra = [p.unfinished && `${p.unfinished} running or killed`, p.failed && `${p.failed} failed`].filter(Boolean);
      lines.push(`  ${p.phase}: ${p.done}/${p.tasks} tasks done${extra.length ? ` (${extra.join(', ')})` : ''}`);
    }
  }
  return lines.join('\n');
}

function funnel(stats: RunStats): string {
  const rows: string[][] = [];
  for (const r of stats.funnel) {
    const reasons = r.drops.slice(0, TOP_REASONS).map((d) => `${d.reason} ${int(d.docs)} (${pct(d.share)})`);
    const rest = r.drops.slice(TOP_REASONS);
    if (rest.length > 0) reasons.push(`${rest.length} more reasons ${int(rest.reduce((n, d) => n + d.docs, 0))}`);
    const dropped = r.drops.reduce((n, d) => n + d.docs, 0);
    rows.push([
      `${r.step}${r.partial ? ' *' : ''}`,
      int(r.docsIn),
      int(r.docsOut),
      r.kept === null ? '–' : pct(r.kept),
      bytes(r.bytesOut),
      dropped ? int(dropped) : '',
      reasons[0] ?? '',
    ]);
    for (const reason of reasons.slice(1)) rows.push(['', '', '', '', '', '', reason]);
  }
  const table = textTable(
    [
      { header: 'stage' },
      { header: 'docs in', align: 'right' },
      { header: 'docs out', align: 'right' },
      { header: 'kept', align: 'right' },
      { header: 'bytes out', align: 'right' },
      { header: 'dropped', align: 'right' },
      { header: 'top drop reasons (share)' },
    ],
    rows,
  );
  return `Funnel\n${table}`;
}

function downloads(stats: RunStats): string {
  if (!stats.downloads) return '';
  const table = textTable([{ header: 'event' }, { header: 'count', align: 'right' }], downloadRows(stats.downloads.counts));
  return `Downloads (${stats.downloads.stage})\n${table}`;
}

/** The download counts as label/value rows in name order, shared by the terminal and the HTML report. */
export function downloadRows(counts: Record<string, number>): string[][] {
  return Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => [k, int(v)]);
}

function output(stats: RunStats): string {
  const rows = outputRows(stats);
  return `Output${stats.complete ? '' : ' (completed tasks only)'}\n${textTable([{ header: '' }, { header: '', align: 'right' }], rows)}`;
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
function languages(stats: RunStats): string {
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
  return `Languages (docs counted at each step)\n${textTable(columns, rows)}`;
}

function partitions(stats: RunStats): string {
  return stats.partitions
    .map((p) => {
      const rows = p.rows.map((r) => [r.key, int(r.docs), pct(r.share)]);
      const table = textTable([{ header: 'folder' }, { header: 'docs', align: 'right' }, { header: 'share', align: 'right' }], rows);
      return `Partitions (docs ${p.stage} wrote per folder)\n${table}`;
    })
    .join('\n\n');
}

const docsOf = (rows: Share[], key: string) => rows.find((r) => r.key === key)?.docs ?? 0;

function lengths(stats: RunStats): string {
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
  );
  return `Document length (quantiles from a log-scale histogram, within ±9%)\n${table}`;
}

function domains(stats: RunStats): string {
  if (!stats.domains) return '';
  const rows = stats.domains.rows.map((r) => [int(r.docs), pct(r.share), r.key]);
  const table = textTable([{ header: 'docs', align: 'right' }, { header: 'share', align: 'right' }, { header: 'domain' }], rows);
  return `Top domains (docs reaching ${stats.domains.stage}; ${int(stats.domains.distinct)} listed hosts)\n${table}`;
}

function dedup(stats: RunStats): string {
  if (stats.dedup.length === 0) return '';
  const parts = stats.dedup.map((d) => {
    const rows = [['docs dropped', int(d.dropped)], ...Object.entries(d.counts).map(([k, v]) => [k, int(v)])];
    let text = `Dedup: ${d.stage}\n${textTable([{ header: 'figure' }, { header: 'value', align: 'right' }], rows)}`;
    if (d.clusterSizes.length > 0) {
      const sizes = d.clusterSizes.map((c) => [c.size, int(c.clusters)]);
      text += `\n${textTable([{ header: 'cluster size' }, { header: 'clusters', align: 'right' }], sizes)}`;
    }
    return text;
  });
  return parts.join('\n\n');
}

function training(stats: RunStats): string {
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
  );
  return `Training (nats per token)\n${table}`;
}
