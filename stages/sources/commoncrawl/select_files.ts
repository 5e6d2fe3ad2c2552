import { createHash } from 'node:crypto';

/** Which files of a crawl's listing to read. */
export interface Selection {
  /** Every file, or the first N (after `segments`). */
  files: 'all' | number;
  /** N files drawn at random with a seed instead of the first N; the same seed draws the same files. */
  sample?: { files: number; seed: number };
  /**
   * Segments to read: `"3"` or `"0-9"` (inclusive) index the crawl's segments in listing order;
   * a segment's own name (`"1707947473347.0"`) picks it by name.
   */
  segments?: string[];
}

const SEGMENT = /\/segments\/([^/]+)\//;

/** The selected paths, in listing order. An error when the selection names something the listing lacks. */
export function selectFiles(paths: string[], sel: Selection): string[] {
  let chosen = sel.segments ? inSegments(paths, sel.segments) : paths;
  if (sel.sample) chosen = sample(chosen, sel.sample.files, sel.sample.seed);
  else if (sel.files !== 'all') chosen = chosen.slice(0, sel.files);
  return chosen;
}

function inSegments(paths: string[], specs: string[]): string[] {
  const order: string[] = [];
  for (const p of paths) {
    const s = SEGMENT.exec(p)?.[1];
    if (s !== undefined && order[order.length - 1] !== s && !order.includes(s)) order.push(s);
  }
  const wanted = new Set<string>();
  for (const spec of specs) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(spec);
    if (!range) {
      if (!order.includes(spec)) throw new Error(`segment "${spec}" is not in the listing`);
      wanted.add(spec);
      continue;
    }
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    if (to < from || to >= order.length) throw new Error(`segments "${spec}": the crawl has segments 0-${order.length - 1}`);
    for (let i = from; i <= to; i++) wanted.add(order[i]!);
  }
  return paths.filter((p) => wanted.has(SEGMENT.exec(p)?.[1] ?? ''));
}

/** Ranks paths by a hash of seed and path, so a draw depends on neither the machine nor the listing's order. */
function sample(paths: string[], n: number, seed: number): string[] {
  const rank = (p: string) => createHash('sha256').update(`${seed}\0${p}`).digest('hex');
  const keep = new Set(
    paths
      .map((p) => ({ p, r: rank(p) }))
      .sort((a, b) => (a.r < b.r ? -1 : a.r > b.r ? 1 : 0))
      .slice(0, n)
      .map((x) => x.p),
  );
  return paths.filter((p) => keep.has(p));
}
