/**
 * Charts as inline SVG strings: the report page must open with no network and no script, and
 * three chart shapes do not justify bundling a charting library. Hovering a bar shows its figure
 * (an SVG <title>).
 */

export const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const FONT = 'font-family="system-ui, sans-serif" font-size="12"';

export interface FunnelBar {
  label: string;
  docsIn: number;
  docsOut: number;
}

/** One row per stage: the kept docs as a solid bar, the dropped ones as a pale tail after it. */
export function funnelChart(rows: FunnelBar[], width = 860): string {
  const labelW = 220;
  const rowH = 26;
  const max = Math.max(1, ...rows.map((r) => r.docsIn));
  const scale = (n: number) => ((width - labelW - 150) * n) / max;
  const height = rows.length * rowH + 10;
  const bars = rows.map((r, i) => {
    const y = 5 + i * rowH;
    const kept = scale(r.docsOut);
    const dropped = scale(Math.max(0, r.docsIn - r.docsOut));
    const share = r.docsIn > 0 ? ` (${((100 * r.docsOut) / r.docsIn).toFixed(1)}% kept)` : '';
    return (
      `<g><title>${escapeXml(r.label)}: ${fmt(r.docsIn)} in, ${fmt(r.docsOut)} out${share}</title>` +
      `<text x="${labelW - 8}" y="${y + 17}" text-anchor="end" ${FONT}>${escapeXml(r.label)}</text>` +
      `<rect class="kept" x="${labelW}" y="${y + 3}" width="${kept.toFixed(1)}" height="${rowH - 6}" fill="#3b7dd8"/>` +
      `<rect class="dropped" x="${(labelW + kept).toFixed(1)}" y="${y + 3}" width="${dropped.toFixed(1)}" height="${rowH - 6}" fill="#f0b4a8"/>` +
      `<text x="${(labelW + kept + dropped + 6).toFixed(1)}" y="${y + 17}" ${FONT}>${fmt(r.docsOut)} / ${fmt(r.docsIn)}</text></g>`
    );
  });
  return svg(width, height, bars.join(''), 'funnel: documents kept (blue) and dropped (red) per stage');
}

export interface Bar {
  label: string;
  value: number;
  note?: string;
}

/** Horizontal bars, largest first as given: languages, domains, drop reasons. */
export function barChart(rows: Bar[], width = 640): string {
  const labelW = 200;
  const rowH = 20;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const height = rows.length * rowH + 10;
  const bars = rows.map((r, i) => {
    const y = 5 + i * rowH;
    const w = ((width - labelW - 110) * r.value) / max;
    const text = `${fmt(r.value)}${r.note ? ` ${r.note}` : ''}`;
    return (
      `<g><title>${escapeXml(r.label)}: ${escapeXml(text)}</title>` +
      `<text x="${labelW - 8}" y="${y + 14}" text-anchor="end" ${FONT}>${escapeXml(shorten(r.label, 26))}</text>` +
      `<rect class="bar" x="${labelW}" y="${y + 2}" width="${w.toFixed(1)}" height="${rowH - 4}" fill="#3b7dd8"/>` +
      `<text x="${(labelW + w + 6).toFixed(1)}" y="${y + 14}" ${FONT}>${escapeXml(text)}</text></g>`
    );
  });
  return svg(width, height, bars.join(''), 'bar chart');
}

/** Vertical bars over ordered buckets (a length histogram); every few buckets get an axis label. */
export function histogramChart(bars: Bar[], width = 860, height = 220): string {
  const pad = { left: 50, bottom: 40, top: 10 };
  const max = Math.max(1, ...bars.map((b) => b.value));
  const plotH = height - pad.bottom - pad.top;
  const step = (width - pad.left - 10) / Math.max(1, bars.length);
  const labelEvery = Math.max(1, Math.ceil(bars.length / 12));
  const parts = bars.map((b, i) => {
    const h = (plotH * b.value) / max;
    const x = pad.left + i * step;
    const label =
      i % labelEvery === 0
        ? `<text x="${(x + step / 2).toFixed(1)}" y="${height - pad.bottom + 14}" text-anchor="middle" ${FONT}>${escapeXml(b.label)}</text>`
        : '';
    return (
      `<g><title>${escapeXml(b.note ?? b.label)}: ${fmt(b.value)} docs</title>` +
      `<rect class="bar" x="${(x + 1).toFixed(1)}" y="${(pad.top + plotH - h).toFixed(1)}" width="${Math.max(1, step - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="#3b7dd8"/></g>${label}`
    );
  });
  const axis =
    `<line x1="${pad.left}" y1="${pad.top + plotH}" x2="${width - 10}" y2="${pad.top + plotH}" stroke="#888"/>` +
    `<text x="${pad.left - 6}" y="${pad.top + 10}" text-anchor="end" ${FONT}>${fmt(max)}</text>` +
    `<text x="${pad.left - 6}" y="${pad.top + plotH}" text-anchor="end" ${FONT}>0</text>`;
  return svg(width, height, axis + parts.join(''), 'histogram');
}

/** Series with up to this many points have each point marked. */
const MAX_DOTTED = 30;
/** Between the plot and its legend: clear of a point marked at the last step. */
const LEGEND_GAP = 16;

export interface Series {
  label: string;
  color: string;
  points: { x: number; y: number }[];
}

/** Lines over a shared x axis (training step), with optional dashed reference levels (baselines). */
export function lineChart(series: Series[], levels: { label: string; y: number }[], width = 860, height = 260): string {
  const pad = { left: 50, right: 170, top: 10, bottom: 30 };
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const ys = [...series.flatMap((s) => s.points.map((p) => p.y)), ...levels.map((l) => l.y)].filter(Number.isFinite);
  const [x0, x1] = [Math.min(0, ...xs), Math.max(1, ...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const sx = (x: number) => pad.left + ((width - pad.left - pad.right) * (x - x0)) / (x1 - x0 || 1);
  const sy = (y: number) => pad.top + ((height - pad.top - pad.bottom) * (y1 - y)) / (y1 - y0 || 1);
  // A sparse series (validation every few hundred steps, a run stopped early) gets a dot on each point: one point is no line.
  const dots = (s: Series) =>
    s.points.length > MAX_DOTTED
      ? ''
      : s.points
          .map(
            (p) =>
              `<circle class="point" cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="3" fill="${s.color}"><title>${escapeXml(`${s.label} at step ${fmt(p.x)}: ${p.y.toFixed(3)}`)}</title></circle>`,
          )
          .join('');
  const lines = series.map(
    (s, i) =>
      `<g><title>${escapeXml(s.label)}</title><polyline fill="none" stroke="${s.color}" stroke-width="1.5" points="${s.points
        .map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`)
        .join(' ')}"/>${dots(s)}` +
      `<text x="${width - pad.right + LEGEND_GAP}" y="${pad.top + 14 + i * 16}" fill="${s.color}" ${FONT}>${escapeXml(s.label)}</text></g>`,
  );
  const refs = levels.map(
    (l, i) =>
      `<g><title>${escapeXml(l.label)}: ${l.y.toFixed(3)}</title><line x1="${pad.left}" x2="${width - pad.right}" y1="${sy(l.y).toFixed(1)}" y2="${sy(l.y).toFixed(1)}" stroke="#999" stroke-dasharray="4 3"/>` +
      `<text x="${width - pad.right + LEGEND_GAP}" y="${pad.top + 14 + (series.length + i) * 16}" fill="#777" ${FONT}>${escapeXml(`${l.label} ${l.y.toFixed(2)}`)}</text></g>`,
  );
  const axis =
    `<line x1="${pad.left}" y1="${height - pad.bottom}" x2="${width - pad.right}" y2="${height - pad.bottom}" stroke="#888"/>` +
    `<text x="${pad.left - 6}" y="${pad.top + 10}" text-anchor="end" ${FONT}>${y1.toFixed(1)}</text>` +
    `<text x="${pad.left - 6}" y="${height - pad.bottom}" text-anchor="end" ${FONT}>${y0.toFixed(1)}</text>` +
    `<text x="${width - pad.right}" y="${height - pad.bottom + 16}" text-anchor="end" ${FONT}>step ${fmt(x1)}</text>`;
  return svg(width, height, axis + refs.join('') + lines.join(''), 'line chart');
}

function svg(width: number, height: number, body: string, label: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeXml(label)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${body}</svg>`;
}

/** Long labels (hostnames) lose their start, which is the least telling part of a host. */
function shorten(label: string, max: number): string {
  return label.length <= max ? label : `…${label.slice(label.length - max + 1)}`;
}
