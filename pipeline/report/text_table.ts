import { terminalLine } from './terminal_text.js';

/** Aligned plain-text tables for the terminal, kept within a fixed width. */

export interface Column {
  header: string;
  align?: 'left' | 'right';
}

export const TERMINAL_WIDTH = 100;
const MIN_TEXT_WIDTH = 12;

/**
 * Renders rows under their headers, two spaces apart. When the table is wider than `width`, text
 * columns (names, reasons, hosts) are cut with an ellipsis rather than letting lines wrap; figures
 * are never cut. Cells (hosts, languages, reasons come from the crawl) have their control characters shown as escapes.
 */
export function textTable(columns: Column[], cells: string[][], width = TERMINAL_WIDTH, indent = '  '): string {
  const rows = cells.map((row) => row.map(terminalLine));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => [...(r[i] ?? '')].length)));
  let overflow = widths.reduce((a, b) => a + b + 2, indent.length - 2) - width;
  for (; overflow > 0; overflow--) {
    // Take a column from the widest text column each time, so long names and long reasons share the cut.
    let widest = -1;
    for (const [i, c] of columns.entries()) {
      if (c.align !== 'right' && widths[i]! > MIN_TEXT_WIDTH && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    }
    if (widest < 0) break;
    widths[widest]!--;
  }
  const line = (cells: string[]) =>
    indent +
    columns
      .map((c, i) => {
        const cell = fit(cells[i] ?? '', widths[i]!);
        return c.align === 'right' ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!);
      })
      .join('  ')
      .trimEnd();
  // A table of label/value pairs has no headers: no header line then.
  const head = columns.some((c) => c.header) ? [line(columns.map((c) => c.header))] : [];
  return [...head, ...rows.map(line)].join('\n');
}

function fit(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, width - 1).join('')}…`;
}

export const int = (n: number) => Math.round(n).toLocaleString('en-US');
export const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

export function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${n} B` : `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}
