import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeStatus } from '../../pipeline/executor/slurm/describe_status.js';
import { formatStats } from '../../pipeline/report/format_stats.js';
import type { RunStats } from '../../pipeline/report/run_stats.js';
import type { RunManifest } from '../../pipeline/run/manifest.js';
import { sieve } from '../helpers/cli.js';
import { writeShard } from '../helpers/shards.js';

/** Sequences a page can carry that steer a terminal: window title, clear screen, an OSC 8 link, a one-byte CSI, a bidi override. */
const TITLE = '\x1b]0;pwned\x07';
const CLEAR = '\x1b[2J';
const LINK = '\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\';
const CSI = '\u009b31m';
const BIDI = '\u202egnp.exe';
const HOSTILE = `${TITLE}${CLEAR}${LINK}${CSI}${BIDI}`;

/** ESC, BEL, the C1 range (CSI among it), DEL and the bidi overrides: none may reach the terminal raw. */
const RAW_CONTROL = /[\x07\x1b\x7f\u0080-\u009f\u202a-\u202e\u2066-\u2069]/u;

describe('crawl-derived text printed to a terminal', () => {
  it('sieve inspect (and --json) prints no terminal control bytes from a shard text, url and meta', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sieve-escapes-'));
    const file = path.join(dir, 'hostile.arrow');
    await writeShard(
      file,
      [
        {
          id: `id${CSI}`,
          text: `before ${HOSTILE}\nsecond line ${CLEAR}after`,
          url: `https://example.org/${TITLE}${LINK}`,
          meta: { title: HOSTILE },
        },
      ],
      { title: 'string' },
    );
    const text = await sieve(['inspect', file]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).not.toMatch(RAW_CONTROL);
    // Shown, not dropped: the reader sees that the page held them.
    expect(text.stdout).toContain('before \\u001b]0;pwned\\u0007');
    expect(text.stdout).toContain('\\u009b31m');
    expect(text.stdout).toMatch(/^ {2}second line \\u001b\[2Jafter$/m);

    const json = await sieve(['inspect', file, '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(json.stdout).not.toMatch(RAW_CONTROL);
    const doc = JSON.parse(json.stdout) as { text: string; url: string; meta: { title: string }; id: string };
    // The JSON still decodes to the exact strings.
    expect(doc.meta.title).toBe(HOSTILE);
    expect(doc.id).toBe(`id${CSI}`);
  });

  it('sieve stats tables and status error lines show control characters, never send them', () => {
    const stats = {
      runDir: 'r',
      name: 'x',
      complete: true,
      tasks: [],
      funnel: [
        {
          step: 'url_filter',
          stage: 'url_filter',
          phase: 'p0',
          docsIn: 2,
          docsOut: 1,
          bytesIn: 2,
          bytesOut: 1,
          kept: 0.5,
          drops: [{ reason: `bad${CLEAR}`, docs: 1, share: 0.5 }],
          partial: false,
        },
      ],
      output: { shards: 1, docs: 1, bytes: 1, textBytes: 1, tokenShards: 0, tokens: null, rejectShards: 0, rejectDocs: 0 },
      languages: [{ stage: 'write', rows: [{ key: `en${CSI}`, docs: 1, share: 1 }] }],
      partitions: [],
      lengths: [],
      domains: { stage: 'write', distinct: 1, rows: [{ key: `evil${TITLE}.org`, docs: 1, share: 1 }] },
      dedup: [],
      downloads: null,
      training: [],
    } satisfies RunStats;
    const text = formatStats(stats);
    expect(text).not.toMatch(RAW_CONTROL);
    expect(text).toContain('evil\\u001b]0;pwned\\u0007.org');

    const manifest = {
      plan: { phases: [{ id: 'p0', kind: 'stream', tasks: 1, input: { from: 'source' }, steps: [] }] },
      input: { id: 'warc' },
    };
    const status = describeStatus(
      manifest as unknown as RunManifest,
      [{ phase: 'p0', rank: 0, state: 'failed', error: `cannot parse ${HOSTILE}`, log: 'x.log' }] as Parameters<typeof describeStatus>[1],
    );
    expect(status).not.toMatch(RAW_CONTROL);
    expect(status).toContain('cannot parse \\u001b]0;pwned');
  });
});
