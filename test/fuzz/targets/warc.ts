import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { warcSource } from '../../../stages/sources/warc/warc_source.js';
import type { SourceStage } from '../../../pipeline/stage.js';
import { testContext } from '../../helpers/context.js';
import { page, warcRecord } from '../../stages/sources/warc/warc_fixtures.js';
import { outcomeOf, type FuzzTarget } from '../fuzz_target.js';

const SAMPLE = path.resolve(import.meta.dirname, '..', '..', '..', 'datasets', 'sample');

/** A gzip member whose header carries a file name and an extra field, as some writers make them. */
function namedMember(record: Buffer): Buffer {
  const plain = gzipSync(record);
  const header = Buffer.concat([
    Buffer.from([0x1f, 0x8b, 0x08, 0x0c]),
    plain.subarray(4, 10),
    Buffer.from([2, 0, 0x41, 0x42]),
    Buffer.from('r.warc\0'),
  ]);
  return Buffer.concat([header, plain.subarray(10)]);
}

/** WARC files as the `warc` source reads them: gzip members and plain records, from the bundled real crawls. */
export const target: FuzzTarget = {
  name: 'warc',
  async seeds() {
    const gz = ['jwarc_cc.warc.gz', 'clueweb12_0000tw-00.warc.gz', 'whirlwind.warc.gz'].map((f) => readFileSync(path.join(SAMPLE, f)));
    // One gzip member per record, the way most crawlers write: a real Common Crawl excerpt (50 members) and small ones.
    const perRecord = readFileSync(path.join(SAMPLE, 'resiliparse_CC-MAIN-2020-34_excerpt.warc.gz'));
    const pages = [1, 2, 3, 4, 5, 6].map((n) => page(n));
    const small = Buffer.concat(pages.map((p) => gzipSync(p)));
    const named = Buffer.concat([gzipSync(pages[0]!), namedMember(pages[1]!), gzipSync(pages[2]!)]);
    // A member that inflates a thousand times over, between two good ones: the inflation budget cuts it.
    const bomb = gzipSync(Buffer.concat([warcRecord('', { contentLength: 64 << 20 }), Buffer.alloc(64 << 20)]), { level: 1 });
    const withBomb = Buffer.concat([gzipSync(pages[0]!), bomb, gzipSync(pages[1]!)]);
    // Plain (uncompressed) WARC too, so mutations reach the record framing and not only the gzip layer.
    return [...gz, perRecord, small, named, withBomb, ...gz.map((b) => gunzipSync(b)), Buffer.concat(pages)];
  },
  dictionary: [
    'WARC/1.0\r\n',
    'WARC/0.18\n',
    'Content-Length: 99999999\r\n',
    'Content-Length: 0\r\n',
    'WARC-Type: response\r\n',
    'HTTP/1.1 200 OK\r\n',
    'Content-Encoding: gzip\r\n',
    'Transfer-Encoding: chunked\r\n',
    'Content-Type: text/html; charset=utf-16\r\n',
    '\r\n\r\n',
    // Gzip member headers: plain, with a name (FNAME), with every flag, with reserved flags, an empty member.
    '\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03',
    '\x1f\x8b\x08\x08\x00\x00\x00\x00\x00\xffname\x00',
    '\x1f\x8b\x08\x1e\x00\x00\x00\x00\x00\x03\x02\x00ab',
    '\x1f\x8b\x08\xe0\x00\x00\x00\x00\x00\x03',
    '\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\x03\x00\x00\x00\x00\x00\x00\x00\x00\x00',
    // Deflate blocks: a stored block header, a final empty fixed block, an invalid block type.
    '\x00\x05\x00\xfa\xff',
    '\x03\x00',
    '\x07',
    // A trailer-sized run of zeros (padding between members) and of 0xff.
    '\x00\x00\x00\x00\x00\x00\x00\x00',
    '\xff\xff\xff\xff\xff\xff\xff\xff',
  ],
  async run(input) {
    const ctx = testContext();
    const file = path.join(ctx.runDir, 'case.warc.gz');
    writeFileSync(file, input);
    const opts = warcSource.options.parse({ paths: [file] });
    const stage = warcSource.create(opts, { baseDir: ctx.runDir, runDir: ctx.runDir }) as SourceStage;
    for await (const _ of stage.read(file, ctx));
    return outcomeOf(ctx.counters);
  },
};
