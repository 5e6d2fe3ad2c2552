import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sieve } from '../helpers/cli.js';
import { writeShard } from '../helpers/shards.js';

describe('output paths', () => {
  it('a write path with .. is refused before the run starts: nothing is written outside the run dir', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sieve-escape-'));
    const inputs = path.join(dir, 'inputs');
    mkdirSync(inputs);
    await writeShard(path.join(inputs, 'in.arrow'), [{ id: 'a', text: 'some text', meta: {} }]);
    const runDir = path.join(dir, 'runs', 'escape');
    const config = path.join(inputs, 'escape.yaml');
    writeFileSync(
      config,
      `name: escape\nrun_dir: ${runDir}\ninput:\n  arrow: { paths: ["${inputs}/in.arrow"] }\nstages:\n  - write: { path: "../../escape" }\nexecutor: { local: { tasks: 1, workers: 1 } }\n`,
    );
    const result = await sieve(['run', config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`sieve: ${config}:6:14: write: "path" must stay inside the run dir: ".." is not allowed\n`);
    // Only what the test made: no escape/ beside the runs, no run dir either.
    expect(readdirSync(dir).sort()).toEqual(['inputs']);
  });
});
