import { readManifest, type RunManifest } from '../run/manifest.js';
import { addTo, emptyCounters, mergeCounters, totalDropped, type StageCounters } from '../stats.js';
import { OTHER_DOMAINS } from './domain_tally.js';
import { lengthDistribution, lengthUnits, type LengthDistribution } from './length_histogram.js';
import { completedShards, readRunState, type PhaseTasks } from './run_state.js';
import { trainingCurves, type TrainingCurve } from './training_curves.js';

export interface DropReason {
  reason: string;
  docs: number;
  /** Of the docs that entered the stage. */
  share: number;
}

export interface FunnelRow {
  /** `exact_dedup.apply` for a barrier's part, the stage id otherwise. */
  step: string;
  stage: string;
  phase: string;
  docsIn: number;
  docsOut: number;
  bytesIn: number;
  bytesOut: number;
  /** Share of docs in that went out; null while none came in. */
  kept: number | null;
  drops: DropReason[];
  /** Some of the phase's tasks have not finished: the figures are what they had flushed so far. */
  partial: boolean;
}

export interface Share {
  key: string;
  docs: number;
  share: number;
}

export interface DedupStats {
  stage: string;
  /** The stage's own tallies (clusters, pairs, duplicates...), summed over its phases. */
  counts: Record<string, number>;
  /** Clusters per size bucket, smallest first, when the stage records them. */
  clusterSizes: { size: string; clusters: number }[];
  dropped: number;
}

export interface RunStats {
  runDir: string;
  name: string;
  complete: boolean;
  tasks: PhaseTasks[];
  funnel: FunnelRow[];
  output: {
    shards: number;
    docs: number;
    bytes: number;
    /** Bytes of text the writers received, before Arrow framing. */
    textBytes: number;
    tokenShards: number;
    tokens: number | null;
    rejectShards: number;
    rejectDocs: number;
  };
  /**
   * Languages as each counting step saw them, in funnel order: a language stage tallies the docs it
   * labels (before it filters), the writer those it writes.
   */
  languages: { stage: string; rows: Share[] }[];
  /** Docs per output folder, for each writer whose path is partitioned by meta keys (`docs/{language}`). */
  partitions: { stage: string; rows: Share[] }[];
  /** Where the length and domain figures were counted: the step nearest the output that did. */
  lengths: (LengthDistribution & { stage: string })[];
  domains: { stage: string; distinct: number; rows: Share[] } | null;
  dedup: DedupStats[];
  /** The source's `http:` counts (retries, ignored Ranges, redirects to another host); null when it has none. */
  downloads: { stage: string; counts: Record<string, number> } | null;
  /** Loss curves of training runs kept under this run dir. */
  training: TrainingCurve[];
}

const TOP_DOMAINS = 20;

/** Everything `sieve stats` shows, from the result files of completed tasks and the live counters of the others. */
export function runStats(runDir: string): RunStats {
  const manifest = readManifest(runDir);
  const state = readRunState(runDir, manifest);
  const totals = new Map<string, StageCounters>();
  const at = (phase: string, stage: string) => {
    const key = `${phase}\t${stage}`;
    return totals.get(key) ?? totals.set(key, emptyCounters()).get(key)!;
  };
  for (const r of state.results) for (const [stage, c] of Object.entries(r.stages)) mergeCounters(at(r.phase, stage), c);
  for (const [phase, byStage] of state.live) for (const [stage, c] of byStage) mergeCounters(at(phase, stage), c);
  const unfinished = new Set(state.phases.filter((p) => p.done < p.tasks).map((p) => p.phase));

  const funnel = funnelRows(manifest, (phase, stage) => totals.get(`${phase}\t${stage}`) ?? emptyCounters(), unfinished);
  // The last step that counted something is nearest the output: prefer it for output figures.
  const fromLast = (has: (counts: Record<string, number>) => boolean) => {
    for (const row of [...funnel].reverse()) {
      const counts = totals.get(`${row.phase}\t${row.stage}`)?.counts ?? {};
      if (has(counts)) return { stage: row.step, counts };
    }
    return undefined;
  };

  const shards = (kind: 'docs' | 'tokens' | 'rejects') => completedShards(state, kind);
  const docShards = shards('docs');
  const tokenShards = shards('tokens');
  const rejectShards = shards('rejects');
  const writers = funnel.filter((r) => manifest.stages.find((s) => s.id === r.stage)?.name === 'write');
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

  const languages = funnel
    .map((row) => ({ stage: row.step, rows: shares(totals.get(`${row.phase}\t${row.stage}`)?.counts ?? {}, 'language:') }))
    .filter((l) => l.rows.length > 0);
  const partitions = writers
    .map((row) => ({ stage: row.step, rows: shares(totals.get(`${row.phase}\t${row.stage}`)?.counts ?? {}, 'partition:') }))
    .filter((p) => p.rows.length > 0);
  // Each unit from the step nearest the output that measured it: chars at the writer, tokens at a tokenizer after it.
  const units = [...new Set(funnel.flatMap((row) => lengthUnits(totals.get(`${row.phase}\t${row.stage}`)?.counts ?? {})))].sort();
  const lengths = units.map((unit) => {
    const source = fromLast((c) => lengthUnits(c).includes(unit))!;
    return { stage: source.stage, ...lengthDistribution(source.counts, unit)! };
  });
  const domainSource = fromLast((c) => Object.keys(c).some((k) => k.startsWith('domain:')));

  return {
    runDir,
    name: manifest.name,
    complete: state.complete,
    tasks: state.phases,
    funnel,
    output: {
      shards: docShards.length,
      docs: sum(docShards.map((s) => s.rows)),
      bytes: sum(docShards.map((s) => s.bytes)),
      textBytes: sum(writers.map((w) => w.bytesOut)),
      tokenShards: tokenShards.length,
      tokens: tokenShards.length > 0 ? sum(tokenShards.map((s) => s.tokens ?? 0)) : null,
      rejectShards: rejectShards.length,
      rejectDocs: sum(rejectShards.map((s) => s.rows)),
    },
    languages,
    partitions,
    lengths,
    domains: domainSource ? domainStats(domainSource.stage, domainSource.counts) : null,
    dedup: dedupStats(manifest, totals),
    downloads: downloadStats(manifest.input.id, totals),
    training: trainingCurves(runDir),
  };
}

/** The stages in the order docs meet them: the source, then each phase's steps; reduce phases move no docs. */
function funnelRows(manifest: RunManifest, get: (phase: string, stage: string) => StageCounters, unfinished: Set<string>): FunnelRow[] {
  const rows: FunnelRow[] = [];
  const add = (phase: string, stage: string, step: string, source = false) => {
    const c = { ...get(phase, stage) };
    // A source sets docsIn (records read) only when its input ends; a live counter lacks it yet.
    if (source) c.docsIn = Math.max(c.docsIn, c.docsOut + totalDropped(c));
    const drops = Object.entries(c.dropped)
      .map(([reason, docs]) => ({ reason, docs, share: c.docsIn > 0 ? docs / c.docsIn : 0 }))
      .sort((a, b) => b.docs - a.docs || a.reason.localeCompare(b.reason));
    rows.push({
      step,
      stage,
      phase,
      docsIn: c.docsIn,
      docsOut: c.docsOut,
      bytesIn: c.bytesIn,
      bytesOut: c.bytesOut,
      kept: c.docsIn > 0 ? c.docsOut / c.docsIn : null,
      drops,
      partial: unfinished.has(phase),
    });
  };
  for (const phase of manifest.plan.phases) {
    if (phase.kind !== 'stream') continue;
    if (phase.input.from === 'source') add(phase.id, manifest.input.id, `${manifest.input.id} (source)`, true);
    for (const step of phase.steps) {
      // A collect passes every doc through; it earns a row only if it dropped unreadable input.
      if (step.part === 'collect' && totalDropped(get(phase.id, step.stage)) === 0) continue;
      add(phase.id, step.stage, step.part === 'run' ? step.stage : `${step.stage}.${step.part}`);
    }
  }
  return rows;
}

function shares(counts: Record<string, number>, prefix: string): Share[] {
  const rows = Object.entries(counts)
    .filter(([k]) => k.startsWith(prefix))
    .map(([k, docs]) => ({ key: k.slice(prefix.length), docs, share: 0 }));
  const total = rows.reduce((n, r) => n + r.docs, 0);
  for (const r of rows) r.share = total > 0 ? r.docs / total : 0;
  return rows.sort((a, b) => b.docs - a.docs || a.key.localeCompare(b.key));
}

function domainStats(stage: string, counts: Record<string, number>): RunStats['domains'] {
  const all = shares(counts, 'domain:');
  const named = all.filter((r) => r.key !== OTHER_DOMAINS);
  const other = all.find((r) => r.key === OTHER_DOMAINS);
  // Hosts a task lumped under (other) are not in the top list, but their docs count in the shares.
  return { stage, distinct: named.length, rows: [...named.slice(0, TOP_DOMAINS), ...(other ? [other] : [])] };
}

function downloadStats(source: string, totals: Map<string, StageCounters>): RunStats['downloads'] {
  const counts: Record<string, number> = {};
  for (const [key, c] of totals) {
    if (!key.endsWith(`\t${source}`)) continue;
    for (const [k, v] of Object.entries(c.counts)) if (k.startsWith('http:')) addTo(counts, k, v);
  }
  return Object.keys(counts).length > 0 ? { stage: source, counts } : null;
}

function dedupStats(manifest: RunManifest, totals: Map<string, StageCounters>): DedupStats[] {
  const out: DedupStats[] = [];
  for (const stage of manifest.stages.filter((s) => s.name.includes('dedup'))) {
    const merged = emptyCounters();
    for (const [key, c] of totals) if (key.endsWith(`\t${stage.id}`)) mergeCounters(merged, c);
    const counts: Record<string, number> = {};
    const clusterSizes: DedupStats['clusterSizes'] = [];
    for (const [k, v] of Object.entries(merged.counts)) {
      if (k.startsWith('cluster_size:')) clusterSizes.push({ size: k.slice('cluster_size:'.length), clusters: v });
      else counts[k] = v;
    }
    clusterSizes.sort((a, b) => parseInt(a.size) - parseInt(b.size));
    out.push({ stage: stage.id, counts, clusterSizes, dropped: totalDropped(merged) });
  }
  return out;
}
