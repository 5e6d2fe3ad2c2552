import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sieve } from '../helpers/cli.js';
import { fingerprints, readShardDir, writeShard } from '../helpers/shards.js';
import { mountTmpfs, remountTmpfs, unmountTmpfs } from '../helpers/tmpfs.js';

const dir = mkdtempSync(path.join(tmpdir(), 'sieve-full-disk-'));
const small = path.join(dir, 'small');
const cannotMount = mountTmpfs(small, '1m');
const words = 'a sentence of plain words that fills the page with text '.repeat(30);

function config(name: string, runDir: string): string {
  const file = path.join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    `name: full\nrun_dir: ${runDir}\ninput:\n  arrow: { paths: ["${dir}/in-*.arrow"] }\nstages:\n  - write: {}\nexecutor: { local: { tasks: 2, workers: 1, retries: 1 } }\n`,
  );
  return file;
}

beforeAll(async () => {
  // About 2.4 MB of docs: more than the 1 MB file system holds.
  for (let f = 0; f < 3; f++) {
    const docs = Array.from({ length: 400 }, (_, i) => ({ id: `f${f}-${i}`, text: `${f}.${i} ${words}`, meta: {} }));
    await writeShard(path.join(dir, `in-${f}.arrow`), docs);
  }
});

afterAll(() => {
  if (!cannotMount) unmountTmpfs(small);
});

describe.skipIf(cannotMount)(`a full or read-only file system${cannotMount ? ` (skipped: ${cannotMount})` : ''}`, () => {
  it('a run hitting a full disk prints one line naming the file system, and resumes to the same output once there is space', async () => {
    const runDir = path.join(small, 'run');
    const full = await sieve(['run', config('full', runDir)]);
    expect(full.code).toBe(1);
    // Progress lines, then one line that says what happened and what to do: no stack.
    const said = full.stderr.split('\n').filter((l) => l.startsWith('sieve:'));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(
      new RegExp(
        `^sieve: no space left on the file system at ${small} \\(.*\\): free space there, then run the same command again to resume$`,
      ),
    );
    expect(full.stderr).not.toMatch(/^\s+at /m);

    remountTmpfs(small, 'size=64m');
    const resumed = await sieve(['run', config('full', runDir)]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const reference = path.join(dir, 'reference');
    expect((await sieve(['run', config('reference', reference)])).code).toBe(0);
    const docs = await readShardDir(path.join(runDir, 'docs'));
    expect(docs).toHaveLength(1200);
    expect(fingerprints(docs)).toEqual(fingerprints(await readShardDir(path.join(reference, 'docs'))));
  }, 120_000);

  it('sieve status and sieve stats succeed on a run dir whose ledger cannot be written', async () => {
    const runDir = path.join(small, 'run');
    // The ledger lost (a run copied from a cluster, killed before indexing): only the result files tell.
    rmSync(path.join(runDir, 'ledger.sqlite'), { force: true });
    rmSync(path.join(runDir, 'ledger.sqlite-wal'), { force: true });
    rmSync(path.join(runDir, 'ledger.sqlite-shm'), { force: true });
    remountTmpfs(small, 'ro');
    try {
      const status = await sieve(['status', runDir]);
      expect(status.stderr).toBe('');
      expect(status.code).toBe(0);
      expect(status.stdout).toMatch(/^p0 +2 +2 /m);
      const stats = await sieve(['stats', runDir, '--json']);
      expect(stats.stderr).toBe('');
      expect(stats.code).toBe(0);
      expect((JSON.parse(stats.stdout) as { output: { docs: number } }).output.docs).toBe(1200);
      const inspect = await sieve(['inspect', runDir]);
      expect(inspect.code, inspect.stderr).toBe(0);
    } finally {
      remountTmpfs(small, 'rw');
    }
  }, 60_000);
});
