import { terminalLine } from './terminal_text.js';

/** Aligned plain-text tables for the terminal, kept within its width. */

export interface Column {
  header: string;
  align?: 'left' | 'right';
}

/**
 * A line under a row, indented under the first column (a drop reason under its stage): its label
 * runs on across the empty cells after it and does not widen the first column. `cells` are those of
 * the columns after the first.
 */
export interface SubRow {
  label: string;
  cells: string[];
}

export type Row = string[] | SubRow;

/** Where the output is not a terminal (a file, a pipe): the width tables are laid out for. */
export const TERMINAL_WIDTH = 100;
const MIN_TEXT_WIDTH = 12;
const SUB_INDENT = '  ';

/**
 * Renders rows under their headers, two spaces apart. When the table is wider than `width`, text
 * columns are made narrower, and text in them cut with an ellipsis (hosts, say) rather than letting
 * lines wrap; figures are never cut. The first column names the row, so it is never cut: a name
 * too wide for it takes a line of its own (wrapped at `width` if it must) with the row's figures
 * on the next line, in their columns; a sub-row's label likewise when it does not fit before the
 * row's first figure. Cells (hosts, languages, reasons come from the crawl) have their control
 * characters shown as escapes.
 */
export function textTable(columns: Column[], rows: Row[], width = TERMINAL_WIDTH, indent = '  '): string {
  const clean: Row[] = rows.map((r) =>
    Array.isArray(r) ? r.map(terminalLine) : { label: terminalLine(r.label), cells: r.cells.map(terminalLine) },
  );
  const cellsOf = (r: Row) => (Array.isArray(r) ? r : ['', ...r.cells]);
  const widths = columns.map((c, i) => Math.max(c.header.length, ...clean.map((r) => length(cellsOf(r)[i] ?? ''))));
  let overflow = widths.reduce((a, b) => a + b + 2, indent.length - 2) - width;
  for (; overflow > 0; overflow--) {
    // Take a column from the widest text column each time, so long names and long hosts share the cut.
    let widest = -1;
    for (const [i, c] of columns.entries()) {
      if (c.align !== 'right' && widths[i]! > MIN_TEXT_WIDTH && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    }
    if (widest < 0) break;
    widths[widest]!--;
  }
  const line = (cells: string[]) =>
    (
      indent +
      columns
        .map((c, i) => {
          const cell = fit(cells[i] ?? '', widths[i]!);
          return c.align === 'right' ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!);
        })
        .join('  ')
    ).trimEnd();
  const labelAt = indent.length + SUB_INDENT.length;
  const labelLines = (label: string) => wrapText(label, width - labelAt).map((l) => ' '.repeat(labelAt) + l);
  const render = (r: Row): string[] => {
    if (Array.isArray(r)) {
      if (length(r[0] ?? '') <= widths[0]!) return [line(r)];
      const rest = line(['', ...r.slice(1)]);
      return [...wrapText(r[0]!, width - indent.length).map((l) => indent + l), ...(rest ? [rest] : [])];
    }
    const cells = cellsOf(r);
    const first = cells.findIndex((c, i) => i > 0 && c !== '');
    if (first < 0) return labelLines(r.label);
    // The row as if it had no label: blank up to its first figure, which the label may run up to, two spaces short.
    const figures = line(cells);
    const figureAt = figures.length - figures.trimStart().length;
    if (labelAt + length(r.label) + 2 > figureAt) return [...labelLines(r.label), figures];
    return [' '.repeat(labelAt) + r.label + figures.slice(labelAt + length(r.label))];
  };
  // A table of label/value pairs has no headers: no header line then.
  const head = columns.some((c) => c.header) ? [line(columns.map((c) => c.header))] : [];
  return [...head, ...clean.flatMap(render)].join('\n');
}

const length = (text: string) => [...text].length;

function fit(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, width - 1).join('')}…`;
}

/**
 * `text` over lines of at most `width` characters, broken after a space, `:`, `_`, `/`, `.` or `-`
 * where one lies in the second half of the line, else at the width: nothing but a space broken at is lost.
 */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let rest = [...text];
  const w = Math.max(1, width);
  while (rest.length > w) {
    let cut = w;
    for (let i = w - 1; i >= Math.ceil(w / 2); i--) {
      if (/[\s:_/.-]/.test(rest[i]!)) {
        cut = i + 1;
        break;
      }
    }
    lines.push(rest.slice(0, cut).join('').trimEnd());
    rest = rest.slice(cut);
  }
  lines.push(rest.join(''));
  return lines;
}

export const int = (n: number) => Math.round(n).toLocaleString('en-US');
export const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

/** `1 cluster`, `2 clusters`: a count with its noun. */
export const count = (n: number, noun: string, plural = `${noun}s`) => `${int(n)} ${n === 1 ? noun : plural}`;

export const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

export function bytes(n: number): string {
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${n} B` : `${value.toFixed(value < 10 ? 2 : 1)} ${BYTE_UNITS[unit]}`;
}
