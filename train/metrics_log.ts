import { existsSync, readFileSync } from 'node:fs';
import { appendFile, writeFile } from 'node:fs/promises';

export type MetricsRecord = Record<string, number | string>;

/** `metrics.jsonl`: one JSON object per line (training steps, validation losses, the start record). */
export class MetricsLog {
  private constructor(private readonly file: string) {}

  /** Opens the log; a resumed run first drops the records written after its checkpoint's step. */
  static async open(file: string, resumeStep: number): Promise<MetricsLog> {
    const kept = (existsSync(file) ? readMetrics(file) : []).filter(
      (r) => resumeStep > 0 && (r.step === undefined || Number(r.step) <= resumeStep),
    );
    await writeFile(file, kept.map((r) => `${JSON.stringify(r)}\n`).join(''));
    return new MetricsLog(file);
  }

  async write(record: MetricsRecord): Promise<void> {
    await appendFile(this.file, `${JSON.stringify(record)}\n`);
  }
}

export function readMetrics(file: string): MetricsRecord[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as MetricsRecord);
}
