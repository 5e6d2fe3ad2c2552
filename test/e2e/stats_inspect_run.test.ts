import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hostOf } from '../../pipeline/report/domain_tally.js';
import { codePoints } from '../../pipeline/report/length_histogram.js';
import { runStats } from '../../pipeline/report/run_stats.js';
import { shardsToRead } from '../../pipeline/report/doc_source.js';
import { parseWhere } from '../../pipeline/report/doc_filter.js';
import { selectDocs } from '../../pipeline/report/select_docs.js';
import type { TaskResult } from '../../pipeline/task/task_result.js';
import { TokenShardWriter } from '../../pipeline/arrow/token_shard_writer.js';
import { loadPretrained } from '../../stages/tokenize/pretrained.js';
import { identity } from '../../stages/tokenize/write_tokens.js';
import { checkPage, findChromium } from '../helpers/headless_chromium.js';
import { REPO, sieve } from '../helpers/cli.js';
import { readShardDir } from '../helpers/shards.js';

const SAMPLE = path.join(REPO, 'test', 'e2e', 'engine.yaml');
const dir = mkdtempSync(path.join(tmpdir(), 'sieve-stats-'));
const runDir = path.join(dir, 'run');
const chromium = findChromium();

/** What `inspect` selects, in process: the CLI's own formatting is checked separately. */
async function inspect(target: string, where: string[], want: { limit: number } | { sample: number; seed: number }, rejects?: string) {
  return (await selectDocs(shardsToRead(target, { rejects }), where.map(parseWhere), want)).docs;
}

describe('sieve stats and inspect on the sample run', () => {
  beforeAll(async () => {
    const run = await sieve(['run', SAMPLE, '--run-dir', runDir]);
    expect(run.code).toBe(0);
  });

  it('reports totals that agree with a count made by reading the shards', async () => {
    const json = await sieve(['stats', runDir, '--json']);
    expect(json.code).toBe(0);
    const stats = JSON.parse(json.stdout) as ReturnType<typeof runStats>;
    const docs = await readShardDir(path.join(runDir, 'docs'));
    const shardFiles = readdirSync(path.join(runDir, 'docs')).filter((f) => f.endsWith('.arrow'));
    expect(stats.complete).toBe(true);
    expect(stats.output.docs).toBe(docs.length);
    expect(stats.output.shards).toBe(shardFiles.length);
    expect(stats.output.bytes).toBe(shardFiles.reduce((n, f) => n + statSync(path.join(runDir, 'docs', f)).size, 0));
    expect(stats.output.textBytes).toBe(docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0));

    // The funnel is a chain: each stage receives what the one before it passed on.
    const steps = stats.funnel.map((r) => r.step);
    expect(steps).toEqual(['warc (source)', 'html_to_text', 'exact_dedup.apply', 'write']);
    for (let i = 1; i < stats.funnel.length; i++) {
      expect(stats.funnel[i]!.docsIn).toBe(stats.funnel[i - 1]!.docsOut);
      // The source's bytes out too: what it handed on is what the first stage took in.
      expect(stats.funnel[i]!.bytesIn).toBe(stats.funnel[i - 1]!.bytesOut);
    }
    expect(stats.funnel.at(-1)!.docsOut).toBe(docs.length);

    // Every drop of a stage that kept rejects is in its rejects shards, under the same reason.
    for (const row of stats.funnel.filter((r) => r.stage === 'html_to_text' || r.stage === 'exact_dedup')) {
      const rejects = await readShardDir(path.join(runDir, 'rejects', row.stage));
      const byReason: Record<string, number> = {};
      for (const d of rejects) byReason[d.reason!] = (byReason[d.reason!] ?? 0) + 1;
      expect(Object.fromEntries(row.drops.map((d) => [d.reason, d.docs]))).toEqual(byReason);
    }
    const duplicates = await readShardDir(path.join(runDir, 'rejects', 'exact_dedup'));
    expect(stats.dedup.find((d) => d.stage === 'exact_dedup')).toMatchObject({
      dropped: duplicates.length,
      counts: { duplicates: duplicates.length },
    });

    const lengths = docs.map((d) => codePoints(d.text)).sort((a, b) => a - b);
    const chars = stats.lengths.find((l) => l.unit === 'chars')!;
    expect(chars.docs).toBe(docs.length);
    expect(chars.mean).toBeCloseTo(lengths.reduce((a, b) => a + b, 0) / lengths.length, 6);
    const median = chars.quantiles.find((q) => q.p === 0.5)!.value;
    const exactMedian = lengths[Math.floor(lengths.length / 2)]!;
    expect(Math.abs(median - exactMedian) / exactMedian).toBeLessThan(0.1);

    const hosts: Record<string, number> = {};
    for (const d of docs) hosts[hostOf(d.url)] = (hosts[hostOf(d.url)] ?? 0) + 1;
    for (const row of stats.domains!.rows) expect(row.docs).toBe(hosts[row.key]);
    expect(stats.domains!.rows[0]!.docs).toBe(Math.max(...Object.values(hosts)));
  });

  it('prints aligned tables that fit 100 columns', async () => {
    const result = await sieve(['stats', runDir]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(100);
    expect(result.stdout).toMatch(/^complete: 12 tasks in 3 phases \(p0 4, p1 4, p2 4\)$/m);
    expect(result.stdout).toMatch(/^ {2}exact_dedup\.apply +\d+ +\d+ +\d+\.\d% +[\d.]+ MiB +\d+\n {4}duplicate +\d+ +\d+\.\d%$/m);
    // Numbers right-aligned under their headers: every funnel row ends its docs-in figure where the header ends.
    const header = lines.find((l) => l.includes('docs in'))!;
    const end = header.indexOf('docs in') + 'docs in'.length;
    const funnelRows = lines.filter((l) => /^ {2}(warc|html_to_text|exact_dedup|write)/.test(l));
    expect(funnelRows).toHaveLength(4);
    for (const row of funnelRows) expect(row.slice(end - 1, end + 1)).toMatch(/^\d $/);
    // `--width` (or the terminal's own) lays the tables out for another width: a stage name too long for it on a line of its own.
    const narrow = await sieve(['stats', runDir, '--width', '72']);
    const funnel = narrow.stdout.split('\n\n').find((s) => s.startsWith('Funnel'))!;
    for (const line of funnel.split('\n')) expect([...line].length).toBeLessThanOrEqual(72);
    expect(funnel).toMatch(/^ {2}exact_dedup\.apply\n +\d+ +\d+ +\d+\.\d% +[\d.]+ MiB +\d+$/m);
  });

  it('marks partial figures from live counters of a killed run, rebuilding the ledger from result files', async () => {
    const killed = path.join(dir, 'killed');
    cpSync(runDir, killed, { recursive: true });
    for (const f of readdirSync(killed).filter((f) => f.startsWith('ledger.sqlite'))) rmSync(path.join(killed, f));
    // Task 1 of the last phase "was killed": no result file, only its last flushed counters.
    const resultFile = path.join(killed, 'tasks', 'p2', '00001.json');
    const result = JSON.parse(readFileSync(resultFile, 'utf8')) as TaskResult;
    rmSync(resultFile);
    const write = result.stages.write!;
    const flushed = { ...write, docsIn: Math.floor(write.docsIn / 2), docsOut: Math.floor(write.docsOut / 2) };
    writeFileSync(
      path.join(killed, 'tasks', 'p2', '00001.live.json'),
      JSON.stringify({ phase: 'p2', rank: 1, updatedAt: new Date().toISOString(), stages: { ...result.stages, write: flushed } }),
    );

    const full = runStats(runDir);
    const partial = runStats(killed);
    expect(partial.complete).toBe(false);
    expect(partial.tasks.find((t) => t.phase === 'p2')).toMatchObject({ done: 3, unfinished: 1 });
    const writeRow = partial.funnel.find((r) => r.step === 'write')!;
    expect(writeRow.partial).toBe(true);
    expect(writeRow.docsIn).toBe(full.funnel.find((r) => r.step === 'write')!.docsIn - write.docsIn + flushed.docsIn);
    // The source phase completed and is whole, though the ledger was rebuilt from result files.
    expect(partial.funnel[0]).toEqual(full.funnel[0]);
    // Output counts only shards of completed tasks.
    expect(partial.output.docs).toBe(full.output.docs - result.outputs.find((o) => o.kind === 'docs')!.rows);

    const text = await sieve(['stats', killed]);
    expect(text.stdout).toMatch(/^PARTIAL: /m);
    expect(text.stdout).toMatch(/^ {2}p2: 3\/4 tasks done \(1 running or killed\)$/m);
    expect(text.stdout).toMatch(/^ {2}write \* /m);
    expect(text.stdout).toMatch(/^Output \(completed tasks only\)$/m);
  });

  it('inspects docs with filters, repeatable samples and rejects with their reason', async () => {
    const all = await readShardDir(path.join(runDir, 'docs'));
    const ids = new Set(all.map((d) => d.id));

    const archive = await inspect(runDir, ['domain=archive.org', 'http_status=200'], { limit: 10 });
    expect(archive).toHaveLength(10);
    expect(archive.every((d) => hostOf(d.url) === 'archive.org' && d.meta.http_status === 200)).toBe(true);

    const sample = await inspect(runDir, [], { sample: 5, seed: 7 });
    expect(sample).toHaveLength(5);
    expect(sample.every((d) => ids.has(d.id))).toBe(true);
    expect(await inspect(runDir, [], { sample: 5, seed: 7 })).toEqual(sample);
    expect((await inspect(runDir, [], { sample: 5, seed: 8 })).map((d) => d.id)).not.toEqual(sample.map((d) => d.id));
    const notArchive = await inspect(runDir, ['domain!=archive.org'], { sample: 100_000, seed: 1 });
    expect(notArchive).toHaveLength(all.filter((d) => hostOf(d.url) !== 'archive.org').length);

    const rejects = await inspect(runDir, [], { sample: 100_000, seed: 1 }, 'exact_dedup');
    expect(rejects.length).toBeGreaterThan(0);
    expect(rejects.every((d) => d.reason === 'duplicate' && !ids.has(d.id))).toBe(true);
    expect(() => shardsToRead(runDir, { rejects: 'write' })).toThrow(/no rejects of stage "write"; stages with rejects: .*exact_dedup/);
    await expect(inspect(runDir, ['lang=de'], { limit: 1 })).rejects.toThrow(/--where lang: no such field; fields: .*http_status/);

    const json = await sieve(['inspect', runDir, '--rejects', 'html_to_text', '--json']);
    expect(JSON.parse(json.stdout.trim())).toMatchObject({
      reason: 'empty_text',
      shard: expect.stringMatching(/rejects\/html_to_text\/p0-\d+\.arrow$/),
    });
    const readable = await sieve(['inspect', path.join(runDir, 'docs', '00000.arrow'), '--where', 'domain=data.gov.uk', '--sample', '1']);
    expect(readable.stdout).toMatch(/^── .*00000\.arrow row \d+ ─+$/m);
    expect(readable.stdout).toMatch(/^url {5}https?:\/\/(www\.)?data\.gov\.uk/m);
    expect(readable.stdout).toMatch(/^meta {4}warc_date=\S+ .*\n( {8}.*\n)*.*http_status=200/m);
    expect(readable.stdout).toMatch(/^1 of \d+ docs matching domain=data\.gov\.uk in 1 shards, sampled with seed 1$/m);

    const badKey = await sieve(['inspect', runDir, '--where', 'lang=de']);
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toMatch(/--where lang: no such field; fields: .*http_status/);
  });

  it('decodes a token shard back to the original text', async () => {
    const docs = (await readShardDir(path.join(runDir, 'docs'))).slice(0, 6);
    const gpt2 = await loadPretrained('gpt2');
    const file = path.join(dir, 'tokens.arrow');
    const writer = await TokenShardWriter.create(file, identity(gpt2));
    const counts = new Map<string, number>();
    for (const d of docs) {
      const ids = gpt2.encode(d.text, new Set());
      counts.set(d.id, ids.length);
      await writer.write(d.id, ids);
    }
    await writer.close();

    const result = await sieve(['inspect', file, '--sample', '100', '--json']);
    expect(result.stderr).toBe('');
    const decoded = result.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { id: string; text: string; meta: { tokens: number } });
    expect(decoded.map((d) => d.id)).toEqual(docs.map((d) => d.id));
    for (const [i, d] of decoded.entries()) {
      expect(d.text).toBe(docs[i]!.text);
      expect(d.meta.tokens).toBe(counts.get(d.id));
    }
  });

  const browserTest = `writes a self-contained HTML report whose charts render in headless Chromium${chromium ? '' : ' (skipped: Debian chromium is not installed)'}`;
  it.skipIf(!chromium)(browserTest, async () => {
    // A training run kept under the run dir (metrics of a real train-tiny run) adds its loss chart.
    mkdirSync(path.join(runDir, 'train', 'tiny'), { recursive: true });
    cpSync(path.join(REPO, 'test', 'fixtures', 'train_metrics.jsonl'), path.join(runDir, 'train', 'tiny', 'metrics.jsonl'));
    // And one stopped at step 20, after a single validation: that point must show.
    mkdirSync(path.join(runDir, 'train', 'short'), { recursive: true });
    const first = readFileSync(path.join(REPO, 'test', 'fixtures', 'train_metrics.jsonl'), 'utf8')
      .split('\n')
      .slice(0, 21);
    writeFileSync(path.join(runDir, 'train', 'short', 'metrics.jsonl'), [...first, '{"step":20,"val_loss":7.5}', ''].join('\n'));
    const report = path.join(dir, 'report.html');
    const result = await sieve(['stats', runDir, '--html', report]);
    expect(result.code).toBe(0);
    const html = readFileSync(report, 'utf8');
    // Nothing to fetch: no scripts, stylesheets or images from elsewhere.
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);

    const page = await checkPage(
      chromium!,
      `file://${report}`,
      `(() => {
        const width = (sel) => [...document.querySelectorAll(sel)].filter((r) => r.getBoundingClientRect().width > 0).length;
        return { charts: document.querySelectorAll('svg').length, kept: width('svg rect.kept'), bars: width('svg rect.bar'), lines: width('svg polyline'),
                 points: [...document.querySelectorAll('svg circle.point')].filter((c) => c.getBoundingClientRect().width > 0).map((c) => c.textContent),
                 samples: document.querySelectorAll('details').length, reasons: [...document.querySelectorAll('.reason')].map((e) => e.textContent),
                 groups: [...document.querySelectorAll('h3')].map((e) => e.textContent),
                 seed: [...document.querySelectorAll('h2')].find((e) => e.textContent.startsWith('Sample documents')).textContent };
      })()`,
    );
    expect(page.errors).toEqual([]);
    const value = page.value as {
      charts: number;
      kept: number;
      bars: number;
      lines: number;
      points: string[];
      samples: number;
      reasons: string[];
      groups: string[];
      seed: string;
    };
    // train/short's loss and tiny's two curves are lines; short's single validation loss a point, drawn.
    expect(value.lines).toBe(3);
    expect(value.points).toContain('validation loss at step 20: 7.500');
    expect(value.groups).toEqual(['output', 'rejects of html_to_text', 'rejects of exact_dedup']);
    expect(value.seed).toMatch(/drawn at random with seed 1 /);
    expect(value.charts).toBeGreaterThanOrEqual(3);
    expect(value.kept).toBe(4);
    expect(value.bars).toBeGreaterThan(10);
    expect(value.samples).toBeGreaterThanOrEqual(5);
    expect(value.reasons).toContain('duplicate');
    expect(value.reasons).toContain('empty_text');
    const shotDir = path.join(tmpdir(), 'sieve-report');
    mkdirSync(shotDir, { recursive: true });
    const shot = path.join(shotDir, 'stats-report.png');
    writeFileSync(shot, page.png);
    expect(page.png.subarray(1, 4).toString()).toBe('PNG');
    console.log(`report screenshot: ${shot}`);
  });
});
