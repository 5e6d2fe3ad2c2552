import { writeFile } from 'node:fs/promises';
import { formatStats } from '../report/format_stats.js';
import { htmlReport } from '../report/html_report.js';
import { runStats } from '../report/run_stats.js';
import { sampleDocs } from '../report/sample_docs.js';
import { terminalJson } from '../report/terminal_text.js';

export interface StatsOptions {
  json?: boolean;
  html?: string;
}

/** `sieve stats <run_dir>`: terminal tables, `--json` for scripts, `--html` for a report page. */
export async function statsCommand(runDir: string, options: StatsOptions): Promise<number> {
  const stats = runStats(runDir);
  if (options.html) await writeFile(options.html, htmlReport(stats, await sampleDocs(runDir)));
  process.stdout.write(options.json ? `${terminalJson(stats, 2)}\n` : formatStats(stats));
  if (options.html) process.stderr.write(`report written to ${options.html}\n`);
  return 0;
}
