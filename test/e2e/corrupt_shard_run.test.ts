import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunManifest } from '../../pipeline/run/manifest.js';
import { sieve } from '../helpers/cli.js';
import { writeShard } from '../helpers/shards.js';

const dir = mkdtempSync(path.join(tmpdir(), 'sieve-corrupt-run-'));
const runDir = path.join(dir, 'run');

/** Flips one bit of the first occurrence of `text` in `file`: the framing stays valid, only the text changes. */
function flipTextBit(file: string, text: string): void {
  const bytes = readFileSync(file);
  const at = bytes.indexOf(text);
  expect(at).toBeGreaterThan(0);
  bytes[at]! ^= 0x20;
  writeFileSync(file, bytes);
}

beforeAll(async () => {
  for (let f = 0; f < 2; f++) {
    const docs = Array.from({ length: 6 }, (_, i) => ({ id: `f${f}-${i}`, text: `unique text number ${f * 10 + i}`, meta: {} }));
    await writeShard(path.join(dir, `in-${f}.arrow`), docs);
  }
  const config = path.join(dir, 'run.yaml');
  writeFileSync(
    config,
    `name: corrupt\nrun_dir: ${runDir}\ninput:\n  arrow: { paths: ["${dir}/in-*.arrow"] }\nstages:\n  - exact_dedup: {}\n  - write: {}\nexecutor: { local: { tasks: 1, workers: 1 } }\n`,
  );
  const result = await sieve(['run', config]);
  expect(result.code, result.stderr).toBe(0);
}, 60_000);

describe('shards damaged after their run wrote them', () => {
  it("a bit-flipped text byte in a run's doc shard is caught by its checksum in sieve inspect <run_dir>", async () => {
    const shard = path.join(runDir, 'docs', '00000.arrow');
    flipTextBit(shard, 'unique text number 3');
    const result = await sieve(['inspect', runDir]);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('nique text number 3');
    expect(result.stderr).toBe(`sieve: ${shard}: corrupt Arrow shard (its sha256 differs from the one recorded when it was written)\n`);
  });

  it('a bit-flipped handoff shard fails the task that reads it with one ShardError line', async () => {
    const manifest = JSON.parse(readFileSync(path.join(runDir, 'sieve.json'), 'utf8')) as RunManifest;
    const downstream = manifest.plan.phases.find((p) => p.kind === 'stream' && p.input.from === 'phase')!;
    const upstream = (downstream as { input: { phase: string } }).input.phase;
    const handoff = path.join(runDir, 'intermediate', upstream, '00000.arrow');
    flipTextBit(handoff, 'unique text number 12');
    const result = await sieve(['task', runDir, downstream.id, '0']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toBe(`sieve: ${handoff}: corrupt Arrow shard (its sha256 differs from the one recorded when it was written)\n`);
  });
});
