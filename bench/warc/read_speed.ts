// Decompressed MB/s of the WARC reader (inflating and framing records, no HTML work): one file read
// `rounds` times, reported by wall time and by this process's CPU time (steadier on a shared machine).
//   npx tsx bench/warc/read_speed.ts [file.warc.gz] [rounds]
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openWarc } from '../../stages/sources/warc/open_input.js';
import { readWarcRecords } from '../../stages/sources/warc/record_reader.js';

const file = path.resolve(process.argv[2] || 'datasets/sample/aut_IAH-20080430204825-00000-blackbook.warc.gz');
const rounds = Number(process.argv[3] ?? 10);
const noUrls = () => {
  throw new Error('local files only');
};

let bytes = 0;
let records = 0;
const dropped: Record<string, number> = {};
const t0 = performance.now();
const c0 = process.cpuUsage();
for (let i = 0; i < rounds; i++) {
  const opts = { maxBodyBytes: 10 << 20, skip: (r: string) => void (dropped[r] = (dropped[r] ?? 0) + 1), count: () => {} };
  for await (const record of readWarcRecords(
    await openWarc(file, noUrls, { maxRecordBytes: opts.maxBodyBytes, skip: opts.skip }, () => {}),
    opts,
  )) {
    records++;
    bytes += record.contentLength;
  }
}
const wall = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(c0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const mb = bytes / 1e6;
console.log(`${path.basename(file)} x${rounds}: ${records} records, ${mb.toFixed(0)} MB of blocks`);
console.log(
  `wall ${wall.toFixed(2)} s = ${(mb / wall).toFixed(0)} MB/s; cpu ${cpuSeconds.toFixed(2)} s = ${(mb / cpuSeconds).toFixed(0)} MB/s`,
);
if (Object.keys(dropped).length) console.log('dropped', dropped);
