// Reading a WARC over loopback HTTP vs from disk: the same file through the `warc` source, rounds
// alternating so both see the same machine state. The server runs in a child process, as a remote
// server would, so the reader's CPU time (user + system, this process only) is the reading cost alone:
// on a shared, loaded machine it is steadier than wall time.
// Without a file it reads every bundled sample WARC concatenated three times (about 13 MB; gzip
// members and WARC records both concatenate), so that a round is long enough to time.
//   npx tsx bench/http_vs_disk/read_bench.ts [file.warc.gz] [rounds]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { warcSource } from '../../stages/sources/warc/warc_source.js';
import type { SourceStage } from '../../pipeline/stage.js';
import { testContext } from '../../test/helpers/context.js';

const file = process.argv[2] ? path.resolve(process.argv[2]) : concatenatedSample();
const rounds = Number(process.argv[3] ?? 9);

function concatenatedSample(): string {
  const dir = path.resolve('datasets', 'sample');
  const parts = readdirSync(dir)
    .filter((f) => f.endsWith('.warc.gz'))
    .sort()
    .map((f) => readFileSync(path.join(dir, f)));
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'sieve-bench-')), 'sample-x3.warc.gz');
  writeFileSync(out, Buffer.concat([...parts, ...parts, ...parts]));
  return out;
}

const SERVER = `
const { createServer } = require('node:http');
const { createReadStream, statSync } = require('node:fs');
const file = process.argv[1];
const size = statSync(file).size;
const server = createServer((req, res) => {
  res.writeHead(200, { 'content-length': String(size) });
  createReadStream(file, { highWaterMark: 1 << 20 }).pipe(res);
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

async function main(): Promise<void> {
  const server = spawn(process.execPath, ['-e', SERVER, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(server.stdout, 'data')) as [Buffer];
  const port = Number(line.toString().trim());
  const url = `http://127.0.0.1:${port}/${path.basename(file)}`;
  const stage = warcSource.create(warcSource.options.parse({ paths: ['unused'] }), { baseDir: '.', runDir: '.' }) as SourceStage;

  const time = async (input: string) => {
    const ctx = testContext();
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    let docs = 0;
    let chars = 0;
    for await (const doc of stage.read(input, ctx)) {
      docs++;
      chars += doc.html?.length ?? 0;
    }
    const c = process.cpuUsage(c0);
    return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, docs, chars };
  };

  await time(file);
  await time(url);
  const disk: number[] = [];
  const http: number[] = [];
  const diskCpu: number[] = [];
  const httpCpu: number[] = [];
  let counts = '';
  for (let i = 0; i < rounds; i++) {
    const d = await time(file);
    const h = await time(url);
    if (d.docs !== h.docs || d.chars !== h.chars) throw new Error(`disk read ${d.docs} docs, HTTP ${h.docs}`);
    counts = `${d.docs} docs, ${d.chars} chars of HTML`;
    disk.push(d.ms);
    http.push(h.ms);
    diskCpu.push(d.cpuMs);
    httpCpu.push(h.cpuMs);
  }
  server.kill();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  // The fastest round is what the code costs; the median also carries the noise of a shared machine.
  const best = (xs: number[]) => Math.min(...xs);
  const mb = statSync(file).size / 1e6;
  console.log(`${path.basename(file)} (${mb.toFixed(2)} MB gzip, ${counts}), ${rounds} rounds`);
  const head = ['best ms', 'median ms', 'best MB/s', 'median cpu ms'];
  console.log(`${'source'.padEnd(8)} ${head.map((h) => h.padStart(13)).join(' ')}`);
  for (const [name, xs, cpu] of [
    ['disk', disk, diskCpu],
    ['http', http, httpCpu],
  ] as const) {
    const cols = [best(xs).toFixed(1), median(xs).toFixed(1), (mb / (best(xs) / 1000)).toFixed(1), median(cpu).toFixed(1)];
    console.log(`${name.padEnd(8)} ${cols.map((c) => c.padStart(13)).join(' ')}`);
  }
  const ratio = (a: number[], b: number[], f: (xs: number[]) => number) => `${(f(a) / f(b)).toFixed(3)}x`;
  console.log(
    `http / disk: wall best ${ratio(http, disk, best)}, wall median ${ratio(http, disk, median)}, cpu median ${ratio(httpCpu, diskCpu, median)}`,
  );
}

await main();
