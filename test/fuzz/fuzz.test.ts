import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';

/** Cases per target in the suite; `bench/fuzz/run.ts --cases 5000` runs the long version. */
const CASES = 150;
const SEED = 7;

const targets = readdirSync(path.join(REPO, 'test', 'fuzz', 'targets'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3));

describe('fuzzed input', () => {
  it.each(targets)('%s: every mutated case is read clean or counted as bad, none crashes or hangs', async (target) => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'bench/fuzz/run.ts', '--targets', target, '--cases', String(CASES), '--seed', String(SEED), '--json'],
      { cwd: REPO, maxBuffer: 16 << 20 },
    ).catch((e: { stdout?: string; stderr?: string }) => {
      // run.ts exits 1 when it found crashes or hangs; its report is still on stdout.
      if (e.stdout) return { stdout: e.stdout };
      throw new Error(e.stderr ?? String(e));
    });
    const { reports } = JSON.parse(stdout) as {
      reports: { cases: number; clean: number; bad: number; crashes: unknown[]; hangs: unknown[] }[];
    };
    const report = reports[0]!;
    expect(report.crashes).toEqual([]);
    expect(report.hangs).toEqual([]);
    expect(report.cases).toBe(CASES);
    expect(report.clean + report.bad).toBe(CASES);
    // The mutations reach the readers' error paths, not only their happy path.
    expect(report.bad).toBeGreaterThan(0);
  });
});
