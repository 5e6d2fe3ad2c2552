import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { crc32, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Gap } from '../../../../stages/sources/warc/byte_source.js';
import { inflateMembers } from '../../../../stages/sources/warc/gzip_members.js';
import { readWarcRecords } from '../../../../stages/sources/warc/record_reader.js';
import { httpResponse, page, readWarc, tmpFile, warcRecord } from './warc_fixtures.js';

const CLUEWEB = path.resolve('datasets', 'sample', 'clueweb09_en0000-00.warc.gz');

/** The ClueWeb09 sample (one gzip member, 24 records, 23 pages) recompressed one member per record, as most crawlers write. */
function perRecordMembers(): Buffer[] {
  const plain = gunzipSync(readFileSync(CLUEWEB)).toString('latin1');
  return plain
    .split(/(?=^WARC\/0\.18$)/m)
    .filter((r) => r.length > 0)
    .map((r) => gzipSync(Buffer.from(r, 'latin1')));
}

async function readMembers(members: Buffer[], options: Record<string, unknown> = {}) {
  const { docs, ctx } = await readWarc(tmpFile('per-record.warc.gz', Buffer.concat(members)), options);
  return { ids: docs.map((d) => d.id), dropped: ctx.counters.dropped };
}

/** A copy of `b` with the byte at `at` inverted. */
function flip(b: Buffer, at: number): Buffer {
  const out = Buffer.from(b);
  out[at]! ^= 0xff;
  return out;
}

/** A record of `n` bytes of text that does not compress, so its member is larger than one inflate call takes. */
function bigPage(id: string, n: number): Buffer {
  let x = 12345;
  const text = Array.from({ length: n }, () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return String.fromCharCode(97 + ((x >>> 16) % 26));
  }).join('');
  return warcRecord(httpResponse(`<html><body><p>${text}</p></body></html>`), { id });
}

/** A member that inflates to `n` bytes: a record claiming them, then zeros (gzip of zeros is about 1000:1). */
function bombMember(n: number): Buffer {
  const head = Buffer.from(`WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:bomb>\r\nContent-Length: ${n}\r\n\r\n`);
  return gzipSync(Buffer.concat([head, Buffer.alloc(n)]), { level: 1 });
}

/** Every record id `readWarcRecords` yields from `inflateMembers` over `file` fed in `chunk`-byte pieces, and the counts. */
async function inflateAndRead(file: Buffer, chunk: number, maxRecordBytes = 1 << 20) {
  const parts: Buffer[] = [];
  for (let i = 0; i < file.length; i += chunk) parts.push(file.subarray(i, i + chunk));
  const dropped: Record<string, number> = {};
  const skip = (r: string) => void (dropped[r] = (dropped[r] ?? 0) + 1);
  const ids: (string | undefined)[] = [];
  const inflated = inflateMembers(Readable.from(parts), { maxRecordBytes, skip });
  for await (const r of readWarcRecords(inflated, { maxBodyBytes: maxRecordBytes, skip, count: () => {} }))
    ids.push(r.headers.get('warc-record-id'));
  return { ids, dropped };
}

describe('warc source: damaged gzip members', () => {
  const members = perRecordMembers();

  it('reads the per-record recompressed sample whole: 24 members, 23 pages', async () => {
    expect(members).toHaveLength(24);
    const { ids, dropped } = await readMembers(members);
    expect(ids).toHaveLength(23);
    expect(dropped).toEqual({});
  });

  it('16 junk bytes between two members lose no record, and are counted', async () => {
    const { ids: all } = await readMembers(members);
    // Starting with NULs, which zlib's gunzip takes for padding and stops at, silently.
    const junk = Buffer.concat([Buffer.alloc(8), Buffer.from('junk!!!!')]);
    const { ids, dropped } = await readMembers([...members.slice(0, 6), junk, ...members.slice(6)]);
    expect(ids).toEqual(all);
    expect(dropped).toEqual({ 'warc:gzip_junk': 1 });
  });

  it('one flipped byte inside a member loses only that member’s record, and counts it', async () => {
    const { ids: all } = await readMembers(members);
    const damaged = flip(members[6]!, members[6]!.length >> 1);
    const { ids, dropped } = await readMembers([...members.slice(0, 6), damaged, ...members.slice(7)]);
    expect(ids).toEqual(all.filter((_, i) => i !== 5));
    expect(dropped).toEqual({ 'warc:corrupt_gzip': 1 });
  });

  it('a member cut short in the middle of the file loses only its record, and counts it', async () => {
    const { ids: all } = await readMembers(members);
    const cut = members[6]!.subarray(0, members[6]!.length >> 1);
    const { ids, dropped } = await readMembers([...members.slice(0, 6), cut, ...members.slice(7)]);
    expect(ids).toEqual(all.filter((_, i) => i !== 5));
    expect(dropped).toEqual({ 'warc:corrupt_gzip': 1 });
  });

  it('junk inserted at any member boundary loses no page', async () => {
    const { ids: all } = await readMembers(members);
    for (const junk of [Buffer.from('\x1f\x8b\x08junk that is no gzip member\n', 'latin1'), Buffer.from('0123456789abcdef')]) {
      for (let at = 0; at <= members.length; at++) {
        const { ids, dropped } = await readMembers([...members.slice(0, at), junk, ...members.slice(at)]);
        expect(ids, `junk after member ${at}`).toEqual(all);
        expect(dropped, `junk after member ${at}`).toEqual({ 'warc:gzip_junk': 1 });
      }
    }
  });

  it('a flipped byte in the header, the CRC or the length of a member loses only its record', async () => {
    const { ids: all } = await readMembers(members);
    const m = members[6]!;
    for (const at of [0, 1, 3, m.length - 8, m.length - 1]) {
      const { ids, dropped } = await readMembers([...members.slice(0, 6), flip(m, at), ...members.slice(7)]);
      expect(ids, `byte ${at}`).toEqual(all.filter((_, i) => i !== 5));
      expect(dropped, `byte ${at}`).toEqual({ 'warc:corrupt_gzip': 1 });
    }
  });

  it('a damaged member too large for one inflate call loses only its record too', async () => {
    const big = gzipSync(bigPage('big', 600_000));
    expect(big.length).toBeGreaterThan(256 * 1024);
    const file = [gzipSync(page(1)), flip(big, big.length >> 1), gzipSync(page(2))];
    const { ids, dropped } = await readMembers(file);
    expect(ids).toEqual(['page-1', 'page-2']);
    expect(dropped).toEqual({ 'warc:corrupt_gzip': 1 });
  });

  it('keeps the records before the damage in a whole-file member, and the members after it', async () => {
    const whole = readFileSync(CLUEWEB);
    const { ids: all } = await readMembers([whole]);
    const { ids, dropped } = await readMembers([flip(whole, whole.length >> 1), gzipSync(page(1))]);
    // What zlib inflated between the damage and its detection (at worst, the CRC at the member's end) was framed
    // as records; garbage that passed for a version line is counted as bad headers, never yielded.
    expect(ids.slice(0, -1)).toEqual(all.slice(0, ids.length - 1));
    expect(ids.length).toBeGreaterThan(5);
    expect(ids.at(-1)).toBe('page-1');
    expect(dropped['warc:corrupt_gzip']).toBe(1);
  });

  it('reads members whose headers carry a name, a comment, an extra field and a header CRC', async () => {
    const plain = gzipSync(page(1));
    // FLG = FHCRC | FEXTRA | FNAME | FCOMMENT.
    const fields = Buffer.concat([
      Buffer.from([0x1f, 0x8b, 0x08, 0x1e]),
      plain.subarray(4, 10),
      Buffer.from([3, 0, 1, 2, 3]),
      Buffer.from('page-1.warc\0a comment\0', 'latin1'),
    ]);
    const headerCrc = Buffer.alloc(2);
    headerCrc.writeUInt16LE(crc32(fields) & 0xffff);
    const header = Buffer.concat([fields, headerCrc]);
    const { ids, dropped } = await readMembers([gzipSync(page(2)), Buffer.concat([header, plain.subarray(10)]), gzipSync(page(3))]);
    expect(ids).toEqual(['page-2', 'page-1', 'page-3']);
    expect(dropped).toEqual({});
    headerCrc[0]! ^= 1;
    const badCrc = await readMembers([gzipSync(page(2)), Buffer.concat([fields, headerCrc, plain.subarray(10)]), gzipSync(page(3))]);
    expect(badCrc.ids).toEqual(['page-2', 'page-3']);
    expect(badCrc.dropped).toEqual({ 'warc:corrupt_gzip': 1 });
  });

  it('reads a plain WARC whose records hold gzip bodies as plain, with or without junk before them', async () => {
    const html = '<html><body><p>gzipped page</p></body></html>';
    const zipped = warcRecord(httpResponse(gzipSync(html), { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' }), { id: 'zipped' });
    for (const lead of ['', 'junk before the first record\n']) {
      const { docs, ctx } = await readWarc(tmpFile('plain.warc', Buffer.concat([Buffer.from(lead), zipped, page(1)])));
      expect(docs.map((d) => d.id)).toEqual(['zipped', 'page-1']);
      expect(docs[0]!.html).toBe(html);
      expect(ctx.counters.dropped).toEqual(lead ? { 'warc:garbage': 1 } : {});
    }
  });

  it('counts junk after the last member', async () => {
    const { ids, dropped } = await readMembers([gzipSync(page(1)), Buffer.from('trailing\n')]);
    expect(ids).toEqual(['page-1']);
    expect(dropped).toEqual({ 'warc:gzip_junk': 1 });
  });

  it('finds the same records and counts whatever sizes the input arrives in', async () => {
    const big = gzipSync(bigPage('big', 600_000));
    const file = Buffer.concat([
      ...members.slice(0, 3),
      Buffer.from('junk'),
      members[3]!,
      bombMember(64 << 20),
      flip(members[4]!, 40),
      members[5]!,
      flip(big, big.length >> 1),
      ...members.slice(6, 9),
      members[9]!.subarray(0, 100),
    ]);
    const expected = await inflateAndRead(file, 1 << 20);
    expect(expected.dropped).toEqual({ 'warc:gzip_junk': 1, 'warc:corrupt_gzip': 2, 'warc:gzip_bomb': 1, 'warc:truncated': 1 });
    for (const chunk of [1000, 4096, 65_537]) expect(await inflateAndRead(file, chunk), `chunks of ${chunk}`).toEqual(expected);
  });
});

describe('warc source: decompression is bounded', () => {
  it('cuts a gzip bomb member at the inflation budget, counts it, and reads the next records', async () => {
    const { ids, dropped } = await readMembers([gzipSync(page(1)), bombMember(64 << 20), gzipSync(page(2))], { max_body_bytes: 1000 });
    expect(ids).toEqual(['page-1', 'page-2']);
    expect(dropped).toEqual({ 'warc:gzip_bomb': 1 });
  });

  it('inflates a bomb only as far as one record plus 100 bytes a compressed byte', async () => {
    const file = Buffer.concat([gzipSync(page(1)), bombMember(64 << 20), gzipSync(page(2))]);
    let inflated = 0;
    for await (const b of inflateMembers(Readable.from([file]), { maxRecordBytes: 1000, skip: () => {} }))
      if (Buffer.isBuffer(b)) inflated += b.length;
    // A budget of 1000 + 1 MiB of headers, plus 100 a compressed byte checked at 64 KiB pieces: about 7.6 MB, not 64.
    expect(inflated).toBeLessThanOrEqual(1000 + (1 << 20) + 100 * (64 << 10) + page(2).length);
  });

  it('gives a gap after the bytes of a member that broke off, and none for one that gave nothing', async () => {
    const damaged = flip(gzipSync(page(2)), 40);
    const out: (Buffer | Gap)[] = [];
    for await (const b of inflateMembers(Readable.from([Buffer.concat([gzipSync(page(1)), damaged, gzipSync(page(3))])]), {
      maxRecordBytes: 1000,
      skip: () => {},
    }))
      out.push(b);
    expect(out.filter((b) => !Buffer.isBuffer(b))).toEqual([]);
    expect(Buffer.concat(out as Buffer[]).toString()).toBe(Buffer.concat([page(1), page(3)]).toString());
  });
});
