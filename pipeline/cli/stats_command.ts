import { writeFile } from 'node:fs/promises';
import { formatStats } from '../report/format_stats.js';
import { htmlReport } from '../report/html_report.js';
import { runStats } from '../report/run_stats.js';
import { sampleDocs } from '../report/sample_docs.js';
import { terminalJson } from '../report/terminal_text.js';
import { TERMINAL_WIDTH } from '../report/text_table.js';
import { UsageError } from './usage_error.js';

export interface StatsOptions {
  json?: boolean;
  html?: string;
  /** Draws the report's sample docs. */
  seed?: number;
  /** Columns the tables fit in; by default the terminal's, or TERMINAL_WIDTH when the output is not a terminal. */
  width?: number;
}

/** `sieve stats <run_dir>`: terminal tables, `--json` for scripts, `--html` for a report page. */
export async function statsCommand(runDir: string, options: StatsOptions): Promise<number> {
  if (options.seed !== undefined && !options.html)
    throw new UsageError('--seed draws the sample docs of the --html report: give --html FILE too');
  const stats = runStats(runDir);
  if (options.html) await writeFile(options.html, htmlReport(stats, await sampleDocs(runDir, options.seed ?? 1)));
  const width = options.width ?? (process.stdout.isTTY ? process.stdout.columns : undefined) ?? TERMINAL_WIDTH;
  process.stdout.write(options.json ? `${terminalJson(stats, 2)}\n` : formatStats(stats, width));
  if (options.html) process.stderr.write(`report written to ${options.html}\n`);
  return 0;
}
