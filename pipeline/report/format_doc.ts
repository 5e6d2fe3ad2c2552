import { codePoints } from './length_histogram.js';
import type { Located } from './select_docs.js';
import { terminalLine, terminalText } from './terminal_text.js';

const TEXT_PREVIEW = 600;
const TEXT_LINES = 12;
const WIDTH = 100;

/** One doc for a reader: a rule naming where it lives, its fields and meta, then its text, indented; control characters shown, never sent. */
export function formatDoc(doc: Located): string {
  const rule = `── ${terminalLine(doc.shard)} row ${doc.row} `;
  const lines = [rule.padEnd(WIDTH, '─')];
  lines.push(`id      ${terminalLine(doc.id)}`);
  if (doc.url) lines.push(`url     ${terminalLine(doc.url)}`);
  if (doc.reason) lines.push(`reason  ${terminalLine(doc.reason)}`);
  const meta = Object.entries(doc.meta)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => terminalLine(`${k}=${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(4) : String(v)}`));
  if (meta.length) lines.push(...wrap(meta, 'meta    '));
  const length = codePoints(doc.text);
  const textLines = terminalText([...doc.text].slice(0, TEXT_PREVIEW).join(''))
    .split('\n')
    .filter((l) => l.trim());
  const shown = textLines.slice(0, TEXT_LINES);
  const cut = length > TEXT_PREVIEW || textLines.length > TEXT_LINES;
  lines.push(`text    ${length.toLocaleString('en-US')} chars${cut ? ', the start shown' : ''}`);
  for (const line of shown) lines.push(`  ${line.trimEnd()}`);
  if (cut) lines.push('  …');
  return lines.join('\n');
}

/** Meta pairs flowed onto lines of at most WIDTH columns under one label. */
function wrap(items: string[], label: string): string[] {
  const lines: string[] = [];
  let current: string[] = [];
  const flush = () => lines.push((lines.length ? ' '.repeat(label.length) : label) + current.join('  '));
  for (const item of items) {
    if (current.length > 0 && label.length + [...current, item].join('  ').length > WIDTH) {
      flush();
      current = [];
    }
    current.push(item);
  }
  flush();
  return lines;
}
