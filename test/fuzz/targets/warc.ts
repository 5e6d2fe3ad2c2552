import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { warcSource } from '../../../stages/sources/warc/warc_source.js';
import type { SourceStage } from '../../../pipeline/stage.js';
import { testContext } from '../../helpers/context.js';
import type { FuzzTarget } from '../fuzz_target.js';

const SAMPLE = path.resolve(import.meta.dirname, '..', '..', '..', 'datasets', 'sample');

/** WARC files as the `warc` source reads them: gzip members and plain records, from the bundled real crawls. */
export const target: FuzzTarget = {
  name: 'warc',
  async seeds() {
    const gz = ['jwarc_cc.warc.gz', 'clueweb12_0000tw-00.warc.gz', 'whirlwind.warc.gz'].map((f) => readFileSync(path.join(SAMPLE, f)));
    // Plain (uncompressed) WARC too, so mutations reach the record framing and not only the gzip layer.
    return [...gz, ...gz.map((b) => gunzipSync(b))];
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
    '\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03',
  ],
  async run(input) {
    const ctx = testContext();
    const file = path.join(ctx.runDir, 'case.warc.gz');
    writeFileSync(file, input);
    const opts = warcSource.options.parse({ paths: [file] });
    const stage = warcSource.create(opts, { baseDir: ctx.runDir, runDir: ctx.runDir }) as SourceStage;
    for await (const _ of stage.read(file, ctx));
    const reasons = Object.keys(ctx.counters.dropped);
    return reasons.length ? { outcome: 'bad', reasons } : { outcome: 'clean' };
  },
};
