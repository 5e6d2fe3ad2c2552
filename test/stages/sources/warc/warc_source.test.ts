import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { stageDefinition } from '../../../../pipeline/registry.js';
import '../../../../stages/sources/warc/warc_source.js';
import { httpResponse, page, readWarc, REAL, tmpFile, warcRecord, warcStage } from './warc_fixtures.js';

const pageIds = (...n: number[]) => n.map((i) => `page-${i}`);

describe('warc source: real crawls', () => {
  // Pages = the inventory's HTML responses, less those with a non-2xx status (aut: 140 → 94, ukwa: 36 → 32).
  const cases: [string, number][] = [
    ['real_crawls/clueweb09_en0000-00.warc.gz', 23],
    ['real_crawls/clueweb09_en_sample_100docs_warc0.18.warc.gz', 100],
    ['real_crawls/clueweb09_ja_quirk_eucjp.warc.gz', 29],
    ['real_crawls/clueweb12_0000tw-00.warc.gz', 3],
    ['cc/resiliparse_CC-MAIN-2020-34_excerpt.warc.gz', 16],
    ['cc/jwarc_cc.warc.gz', 1],
    ['cc/whirlwind/whirlwind.warc.gz', 1],
    ['real_crawls/dolma_wget_2024/sample-0000.warc.gz', 22],
    ['real_crawls/dolma_wget_2024/sample-0001.warc.gz', 15],
    ['real_crawls/aut_IAH-20080430204825-00000-blackbook.warc.gz', 94],
    ['real_crawls/ukwa_gov.uk-revisit-warcs/BL-20140325121225068-00000-32090~opera~8443.warc.gz', 32],
  ];
  it.each(cases)('reads every 2xx HTML response of %s', async (file, pages) => {
    const { docs, ctx } = await readWarc(path.join(REAL, file));
    expect(docs).toHaveLength(pages);
    expect(new Set(docs.map((d) => d.id)).size).toBe(pages);
    expect(ctx.counters.dropped['warc:truncated']).toBeUndefined();
    expect(ctx.counters.dropped['warc:content_length_mismatch']).toBeUndefined();
  });

  it('agrees with WARC_INVENTORY.tsv where every HTML response is a 200', async () => {
    const inventory = readFileSync(path.join(REAL, 'WARC_INVENTORY.tsv'), 'utf8')
      .split('\n')
      .map((l) => l.split('\t'));
    for (const file of [
      'real_crawls/clueweb09_en0000-00.warc.gz',
      'real_crawls/clueweb09_en_sample_100docs_warc0.18.warc.gz',
      'real_crawls/dolma_wget_2024/sample-0000.warc.gz',
    ]) {
      const html = Number(inventory.find((row) => row[0] === file)![6]);
      expect((await readWarc(path.join(REAL, file))).docs, file).toHaveLength(html);
    }
  });

  it('puts the record id, URL, date, content type, charset and status on each doc', async () => {
    const { docs, ctx } = await readWarc(path.join(REAL, 'cc/jwarc_cc.warc.gz'));
    expect(docs[0]).toMatchObject({
      id: 'ececb7b0-ed4d-4d27-9ae8-2676df51cf7d',
      text: '',
      url: 'http://commoncrawl.org/',
      meta: {
        warc_date: '2019-12-10T10:00:01Z',
        warc_record_id: 'urn:uuid:ececb7b0-ed4d-4d27-9ae8-2676df51cf7d',
        content_type: 'text/html',
        charset: 'utf-8',
        http_status: 200,
      },
    });
    expect(docs[0]!.html).toContain('<title>Common Crawl</title>');
    expect(ctx.counters.bytesIn).toBeGreaterThan(20_000);
    expect(ctx.counters.counts).toEqual({ 'record:response': 1 });
  });

  it('strips the <…> brackets wget puts around the target URI', async () => {
    const { docs } = await readWarc(path.join(REAL, 'real_crawls/dolma_wget_2024/sample-0000.warc.gz'));
    expect(docs.every((d) => d.url!.startsWith('http'))).toBe(true);
  });

  it('tallies the records that are not pages by type', async () => {
    const { ctx } = await readWarc(path.join(REAL, 'real_crawls/aut_IAH-20080430204825-00000-blackbook.warc.gz'));
    expect(ctx.counters.counts).toMatchObject({
      'record:warcinfo': 1,
      'record:response': 299,
      'record:request': 261,
      'record:metadata': 261,
    });
    // The 38 DNS lookups Heritrix stores as response records are not HTTP.
    expect(ctx.counters.dropped).toEqual({ 'warc:not_http': 38, 'warc:not_html': 120, 'warc:http_status': 47 });
  });

  it('decodes EUC-JP Japanese pages stored decoded under Content-Encoding: gzip (ClueWeb09)', async () => {
    const { docs, ctx } = await readWarc(path.join(REAL, 'real_crawls/clueweb09_ja_quirk_eucjp.warc.gz'));
    expect(docs.every((d) => d.meta.charset === 'euc-jp')).toBe(true);
    expect(docs.some((d) => d.html!.includes('ブラウニー ブリーフケース【ヘッドポーター HEADPORTER 吉田かばん】'))).toBe(true);
    expect(docs.every((d) => !d.html!.includes('\ufffd'))).toBe(true);
    expect(ctx.counters.counts['content_encoding:not_applied']).toBe(29);
  });

  it('undoes gzip and brotli transfer compression to the same page as the uncompressed one', async () => {
    const dir = path.join(REAL, 'edge_cases/ukwa/compression');
    const pages = await Promise.all(
      ['none', 'gzip', 'brotli'].map(async (c) => (await readWarc(path.join(dir, `transfer_compression_${c}.warc.gz`))).docs),
    );
    for (const docs of pages) expect(docs).toHaveLength(1);
    const [none, gzip, brotli] = pages.map((d) => d[0]!.html!.trim());
    expect(none).toContain('<html');
    expect(gzip).toBe(none);
    expect(brotli).toBe(none);
  });

  it('dechunks a chunked response', async () => {
    const { docs } = await readWarc(path.join(REAL, 'edge_cases/warcio/example-iana.org-chunked.warc'));
    expect(docs).toHaveLength(1);
    expect(docs[0]!.html).toMatch(/^<!doctype html>/i);
    expect(docs[0]!.html).toContain('</html>');
  });
});

describe('warc source: bad input is counted, never thrown', () => {
  it('counts a gzip stream cut off mid-record as truncated (resiliparse clipped.warc.gz)', async () => {
    const { docs, ctx } = await readWarc(path.join(REAL, 'edge_cases/resiliparse/clipped.warc.gz'));
    expect(docs).toEqual([]);
    expect(ctx.counters.dropped).toEqual({ 'warc:truncated': 1 });
  });

  it('keeps every record before the cut of a truncated multi-member gzip', async () => {
    const gz = Buffer.concat([page(1), page(2), page(3)].map((r) => gzipSync(r)));
    const file = tmpFile('cut.warc.gz', gz.subarray(0, gz.length - 20));
    const { docs, ctx } = await readWarc(file);
    expect(docs.map((d) => d.id)).toEqual(pageIds(1, 2));
    expect(ctx.counters.dropped).toEqual({ 'warc:truncated': 1 });
  });

  it('counts gzip that is corrupt rather than cut short, and keeps the records before it', async () => {
    const gz = Buffer.concat([gzipSync(page(1)), Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(40, 0xff)]);
    const { docs, ctx } = await readWarc(tmpFile('corrupt.warc.gz', gz));
    expect(docs.map((d) => d.id)).toEqual(pageIds(1));
    expect(ctx.counters.dropped).toEqual({ 'warc:corrupt_gzip': 1 });
  });

  it('repairs the lying Content-Length of warcio example-bad-length.warc', async () => {
    const { docs, ctx } = await readWarc(path.join(REAL, 'edge_cases/warcio_js/example-bad-length.warc'));
    expect(docs.map((d) => d.url)).toEqual(['http://example.com/']);
    expect(docs[0]!.html).toContain('<title>Example Domain</title>');
    expect(ctx.counters.counts).toMatchObject({ 'warc:content_length_repaired': 1, 'record:request': 2, 'record:revisit': 1 });
    expect(ctx.counters.dropped).toEqual({});
  });

  it('drops a record whose Content-Length lies past repair and reads the records around it', async () => {
    const liar = warcRecord(httpResponse('<p>liar</p>'), { id: 'liar', contentLength: 5 });
    const file = Buffer.concat([page(1), liar, Buffer.from('junk\r\n'.repeat(50)), page(2)]);
    const { docs, ctx } = await readWarc(tmpFile('liar.warc', file), { max_body_bytes: 200 });
    expect(docs.map((d) => d.id)).toEqual(pageIds(1, 2));
    expect(ctx.counters.dropped).toEqual({ 'warc:content_length_mismatch': 1 });
  });

  it('skips payloads that are not HTTP: DNS records, resource records, garbage status lines', async () => {
    const file = Buffer.concat([
      page(1),
      warcRecord('20080430204825\nwww.archive.org.\t589\tIN\tA\t207.241.229.39\n', {
        id: 'dns',
        uri: 'dns:www.archive.org',
        contentType: 'text/dns',
      }),
      warcRecord('<html>a stored page</html>', { type: 'resource', id: 'res', contentType: 'text/html' }),
      warcRecord('\x00\x01garbage where a status line belongs\r\n\r\n<html></html>', { id: 'garbage' }),
      page(2),
    ]);
    const { docs, ctx } = await readWarc(tmpFile('not-http.warc', file));
    expect(docs.map((d) => d.id)).toEqual(pageIds(1, 2));
    expect(ctx.counters.dropped).toEqual({ 'warc:not_http': 3 });
  });

  it('keeps only 2xx HTML responses', async () => {
    const file = Buffer.concat([
      page(1),
      warcRecord(httpResponse('<p>gone</p>', { 'Content-Type': 'text/html' }, 404), { id: 'missing' }),
      warcRecord(httpResponse('{"a":1}', { 'Content-Type': 'application/json' }), { id: 'json' }),
      warcRecord(httpResponse('<p>x</p>', { 'Content-Type': 'application/xhtml+xml' }), { id: 'xhtml' }),
    ]);
    const { docs, ctx } = await readWarc(tmpFile('status.warc', file));
    expect(docs.map((d) => d.id)).toEqual(['page-1', 'xhtml']);
    expect(ctx.counters.dropped).toEqual({ 'warc:http_status': 1, 'warc:not_html': 1 });
    const json = await readWarc(tmpFile('status.warc', file), { content_types: ['application/json'] });
    expect(json.docs.map((d) => d.id)).toEqual(['json']);
  });

  it('drops a page whose bytes do not fit its charset (GBK labelled UTF-8) as undecodable', async () => {
    const gbk = Buffer.from(new Array(200).fill([0xd6, 0xd0, 0xce, 0xc4]).flat()); // 中文, in GBK
    const body = Buffer.concat([Buffer.from('<html><body>'), gbk, Buffer.from('</body></html>')]);
    const file = Buffer.concat([page(1), warcRecord(httpResponse(body), { id: 'gbk' }), page(2)]);
    const { docs, ctx } = await readWarc(tmpFile('gbk.warc', file));
    expect(docs.map((d) => d.id)).toEqual(pageIds(1, 2));
    expect(ctx.counters.dropped).toEqual({ 'warc:undecodable': 1 });
  });

  it('drops a binary body labelled text/html', async () => {
    const png = Buffer.concat([
      Buffer.from('\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR', 'latin1'),
      Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 31) % 256)),
    ]);
    const file = Buffer.concat([page(1), warcRecord(httpResponse(png, { 'Content-Type': 'text/html' }), { id: 'png' }), page(2)]);
    const { docs, ctx } = await readWarc(tmpFile('binary.warc', file));
    expect(docs.map((d) => d.id)).toEqual(pageIds(1, 2));
    expect(ctx.counters.dropped).toEqual({ 'warc:binary_body': 1 });
  });

  it('streams past a 50 MB body and reads the records around it', async () => {
    const file = tmpFile('big.warc', '');
    const out = createWriteStream(file);
    const body = 50 * 1024 * 1024;
    const head = httpResponse('', { 'Content-Type': 'text/html' });
    out.write(page(1));
    out.write(`WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:big>\r\nContent-Length: ${head.length + body}\r\n\r\n`);
    out.write(head);
    const mb = Buffer.alloc(1024 * 1024, '<p>spam</p>\n');
    for (let i = 0; i < 50; i++) if (!out.write(mb)) await once(out, 'drain');
    out.write('\r\n\r\n');
    out.end(page(2));
    await once(out, 'finish');
    const { docs, ctx } = await readWarc(file);
    expect(docs.map((d) => d.id)).toEqual(pageIds(1, 2));
    expect(ctx.counters.dropped).toEqual({ 'warc:body_too_large': 1 });
  });

  it('counts a zero-byte file', async () => {
    for (const name of ['empty.warc', 'empty.warc.gz']) {
      const { docs, ctx } = await readWarc(tmpFile(name, ''));
      expect(docs).toEqual([]);
      expect(ctx.counters.dropped).toEqual({ 'warc:empty_file': 1 });
    }
  });
});

describe('warc source: options and inputs', () => {
  it('is registered as a source named warc', () => {
    expect(stageDefinition('warc')).toMatchObject({ name: 'warc', kind: 'source' });
  });

  it('rejects unknown options', () => {
    expect(stageDefinition('warc')!.options.safeParse({ paths: ['x'], max_body: 1 }).success).toBe(false);
  });

  it('expands globs relative to the base dir into a sorted, unique list of files', async () => {
    const stage = warcStage({
      paths: ['real_crawls/dolma_wget_2024/*.warc.gz', 'real_crawls/dolma_wget_2024/sample-0000.warc.gz', 'cc/jwarc_cc.warc.gz'],
    });
    const { inputs, meta } = await stage.listInputs();
    expect(inputs).toEqual([
      path.join(REAL, 'cc/jwarc_cc.warc.gz'),
      path.join(REAL, 'real_crawls/dolma_wget_2024/sample-0000.warc.gz'),
      path.join(REAL, 'real_crawls/dolma_wget_2024/sample-0001.warc.gz'),
    ]);
    expect(meta).toEqual({
      warc_date: 'string',
      warc_record_id: 'string',
      content_type: 'string',
      charset: 'string',
      http_status: 'int32',
    });
  });

  it('takes a literal file name with ~ as it is', async () => {
    const file = 'real_crawls/ukwa_gov.uk-revisit-warcs/BL-20140325121225068-00000-32090~opera~8443.warc.gz';
    expect((await warcStage({ paths: [file] }).listInputs()).inputs).toEqual([path.join(REAL, file)]);
  });

  it('names the pattern that matches nothing', async () => {
    await expect(warcStage({ paths: ['cc/*.warc.gz', 'nowhere/*.warc.gz'] }).listInputs()).rejects.toThrow(/nowhere\/\*\.warc\.gz/);
  });
});
