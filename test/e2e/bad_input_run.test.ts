import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../pipeline/run/ledger.js';
import { sieve } from '../helpers/cli.js';
import { readShardDir } from '../helpers/shards.js';
import { httpResponse, page, REAL, warcRecord } from '../stages/sources/warc/warc_fixtures.js';

/** One input dir holding every kind of bad input next to good pages. */
function badInputs(dir: string): void {
  copyFileSync(path.join(REAL, 'edge_cases', 'resiliparse', 'clipped.warc.gz'), path.join(dir, 'truncated.warc.gz'));
  writeFileSync(path.join(dir, 'zero.warc.gz'), '');
  writeFileSync(
    path.join(dir, 'mixed.warc.gz'),
    Buffer.concat(
      [
        page(1),
        // Content-Length runs 9 kB past the block, into the next record: the reader cuts it at that record.
        warcRecord(httpResponse('<p>a page whose Content-Length lies</p>'), { id: 'liar', contentLength: 9_000 }),
        page(4),
      ].map((r) => gzipSync(r)),
    ),
  );
  writeFileSync(
    path.join(dir, 'payloads.warc'),
    Buffer.concat([
      page(2),
      warcRecord('not an http message at all', { id: 'nothttp' }),
      warcRecord(
        httpResponse(Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0xca, 0xc0, 0xbd, 0xe7].concat(Array(400).fill(0xa1))), {
          'Content-Type': 'text/html; charset=utf-8',
        }),
        { id: 'gbk-as-utf8' },
      ),
      warcRecord(httpResponse(Buffer.alloc(50 * 1024 * 1024, 'a')), { id: 'huge' }),
      warcRecord(httpResponse(Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7) % 32))), { id: 'binary' }),
      page(3),
    ]),
  );
}

describe('a run over bad input', () => {
  it('completes, keeps every good page, and counts each bad input under its own reason', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sieve-bad-'));
    badInputs(dir);
    const runDir = path.join(dir, 'run');
    const config = path.join(dir, 'bad.yaml');
    writeFileSync(
      config,
      `name: bad\nrun_dir: ${runDir}\ninput:\n  warc: { paths: ["${dir}/*.warc*"] }\nstages:\n  - html_to_text: {}\n  - write: {}\nexecutor: { local: { tasks: 2, workers: 2, retries: 0 } }\n`,
    );
    const result = await sieve(['run', config]);
    expect(result.stderr).not.toMatch(/sieve:/);
    expect(result.code).toBe(0);

    const ids = (await readShardDir(path.join(runDir, 'docs'))).map((d) => d.id);
    expect(ids).toEqual(expect.arrayContaining(['page-1', 'page-2', 'page-3', 'page-4', 'liar']));
    const ledger = Ledger.open(runDir);
    const { dropped, counts } = ledger.stageTotals().warc!;
    ledger.close();
    expect(dropped).toMatchObject({
      'warc:truncated': 1,
      'warc:empty_file': 1,
      'warc:not_http': 1,
      'warc:undecodable': 1,
      'warc:body_too_large': 1,
      'warc:binary_body': 1,
    });
    expect(counts['warc:content_length_repaired']).toBe(1);
  });
});
