import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../pipeline/run/ledger.js';
import { REPO, sieve, startSieve } from '../helpers/cli.js';
import { waitFor } from '../helpers/run_dir.js';
import { fingerprints, readShardDir } from '../helpers/shards.js';

const SAMPLE = path.join(REPO, 'test', 'e2e', 'engine.yaml');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'sieve-e2e-'));

describe('the engine on the bundled sample', () => {
  it('writes doc shards whose rows match the ledger, and plans before running', async () => {
    const runDir = path.join(tmp(), 'run');
    const plan = await sieve(['plan', SAMPLE]);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/p0 +stream +4 tasks +first +warc → html_to_text → exact_dedup\.collect → \(handoff\)/);

    const run = await sieve(['run', SAMPLE, '--run-dir', runDir]);
    expect(run.stderr).not.toMatch(/sieve:/);
    expect(run.code).toBe(0);
    const docs = await readShardDir(path.join(runDir, 'docs'));
    const ledger = Ledger.open(runDir);
    const catalog = ledger.shards('docs');
    ledger.close();
    expect(docs.length).toBeGreaterThan(200);
    expect(catalog.reduce((n, s) => n + s.rows, 0)).toBe(docs.length);
    expect(new Set(docs.map((d) => d.id)).size).toBe(docs.length);
    expect(docs.every((d) => d.text.length > 0 && d.url && typeof d.meta.warc_date === 'string')).toBe(true);
    // Several languages made it through, Japanese among them.
    expect(docs.some((d) => /[\u3040-\u30ff]/.test(d.text))).toBe(true);
    expect(docs.some((d) => /[\u0400-\u04ff]/.test(d.text))).toBe(true);

    // A second run of the same command skips every completed task and changes nothing.
    const again = await sieve(['run', SAMPLE, '--run-dir', runDir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/tasks already complete, skipped/);
    expect(fingerprints(await readShardDir(path.join(runDir, 'docs')))).toEqual(fingerprints(docs));
  });

  it('resumes a run killed mid-phase and ends with exactly the documents of an uninterrupted run', async () => {
    const dir = tmp();
    const clean = path.join(dir, 'clean');
    const killed = path.join(dir, 'killed');
    const args = ['--tasks', '10', '--workers', '1'];
    expect((await sieve(['run', SAMPLE, '--run-dir', clean, ...args])).code).toBe(0);

    // One worker runs the tasks one by one: kill the whole process group once two are done.
    const child = startSieve(['run', SAMPLE, '--run-dir', killed, ...args]);
    const p0 = path.join(killed, 'tasks', 'p0');
    await waitFor(() => existsSync(p0) && readdirSync(p0).filter((f) => /^\d+\.json$/.test(f)).length >= 2);
    process.kill(-child.pid!, 'SIGKILL');
    await new Promise((resolve) => child.once('close', resolve));
    const doneBefore = readdirSync(p0).filter((f) => /^\d+\.json$/.test(f)).length;
    expect(doneBefore).toBeLessThan(10);

    const resumed = await sieve(['run', SAMPLE, '--run-dir', killed, ...args]);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(new RegExp(`\\(${doneBefore} tasks already complete, skipped\\)`));
    const expected = await readShardDir(path.join(clean, 'docs'));
    const actual = await readShardDir(path.join(killed, 'docs'));
    expect(actual.length).toBe(expected.length);
    expect(new Set(actual.map((d) => d.id)).size).toBe(actual.length);
    expect(fingerprints(actual)).toEqual(fingerprints(expected));
  });

  it('refuses a run dir written by a different config', async () => {
    const dir = tmp();
    const runDir = path.join(dir, 'run');
    expect((await sieve(['run', SAMPLE, '--run-dir', runDir, '--tasks', '2'])).code).toBe(0);
    const other = path.join(dir, 'other.yaml');
    writeFileSync(other, readFileSync(SAMPLE, 'utf8').replace('  - exact_dedup: {}\n', ''));
    const result = await sieve(['run', other, '--run-dir', runDir, '--tasks', '2']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/holds a run of a different pipeline/);
  });

  it('points at the paths line when an input pattern matches no file', async () => {
    const config = path.join(tmp(), 'missing.yaml');
    writeFileSync(config, readFileSync(SAMPLE, 'utf8').replace('datasets/sample/*.warc.gz', 'datasets/nowhere/*.warc.gz'));
    const result = await sieve(['run', config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/missing\.yaml:6:\d+: warc: .*datasets\/nowhere\/\*\.warc\.gz/);
  });
});
