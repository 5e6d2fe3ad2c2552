import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Gap } from '../../../../stages/sources/warc/byte_source.js';
import { readWarcRecords, type WarcRecord } from '../../../../stages/sources/warc/record_reader.js';
import { httpResponse, page, warcRecord } from './warc_fixtures.js';

/** Feeds `bytes` in chunks of `chunk` bytes, so framing is tested across every kind of boundary. */
async function read(bytes: Buffer, chunk = 7, maxBodyBytes = 1 << 20) {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.subarray(i, i + chunk));
  const dropped: Record<string, number> = {};
  const counts: Record<string, number> = {};
  const records: WarcRecord[] = [];
  const opts = {
    maxBodyBytes,
    skip: (r: string) => void (dropped[r] = (dropped[r] ?? 0) + 1),
    count: (k: string) => void (counts[k] = (counts[k] ?? 0) + 1),
  };
  for await (const r of readWarcRecords(Readable.from(parts), opts)) records.push(r);
  return { records, ids: records.map((r) => r.headers.get('warc-record-id')), dropped, counts };
}

const ids = (...n: number[]) => n.map((i) => `<urn:uuid:page-${i}>`);

/** Reads `parts` (inflated bytes, and a gap where a member was lost), each fed in chunks of 5 bytes. */
async function readParts(parts: (Buffer | Gap)[]) {
  const chunks = parts.flatMap((p): (Buffer | Gap)[] =>
    Buffer.isBuffer(p) ? Array.from({ length: Math.ceil(p.length / 5) }, (_, i) => p.subarray(i * 5, i * 5 + 5)) : [p],
  );
  const dropped: Record<string, number> = {};
  const opts = { maxBodyBytes: 1 << 20, skip: (r: string) => void (dropped[r] = (dropped[r] ?? 0) + 1), count: () => {} };
  const got: (string | undefined)[] = [];
  for await (const r of readWarcRecords(Readable.from(chunks), opts)) got.push(r.headers.get('warc-record-id'));
  return { ids: got, dropped };
}

describe('readWarcRecords', () => {
  it('frames records whatever the chunk boundaries', async () => {
    const file = Buffer.concat([page(1), page(2), page(3)]);
    for (const chunk of [1, 3, 64, 1 << 20]) {
      const { records, dropped } = await read(file, chunk);
      expect(records.map((r) => r.headers.get('warc-record-id'))).toEqual(ids(1, 2, 3));
      expect(records[1]!.block!.toString()).toContain('page 2');
      expect(dropped).toEqual({});
    }
  });

  it('accepts WARC/0.17, 0.18, 1.0, 1.1, a lower-case version line and bare \\n line ends', async () => {
    const file = Buffer.concat([
      page(1, { version: 'WARC/0.17' }),
      page(2, { version: 'WARC/0.18', eol: '\n' }),
      page(3, { version: 'WARC/1.1' }),
      page(4, { version: 'warc/1.0' }),
    ]);
    const { records, dropped } = await read(file);
    expect(records.map((r) => r.version)).toEqual(['WARC/0.17', 'WARC/0.18', 'WARC/1.1', 'warc/1.0']);
    expect(dropped).toEqual({});
  });

  it('accepts records with no separator at all, as ClueWeb09 writes them', async () => {
    const strip = (b: Buffer) => b.subarray(0, b.length - 4);
    const { ids: got, dropped } = await read(Buffer.concat([strip(page(1)), strip(page(2)), page(3)]));
    expect(got).toEqual(ids(1, 2, 3));
    expect(dropped).toEqual({});
  });

  it('recovers the records a Content-Length swallowed when it runs past the end of the file', async () => {
    const liar = warcRecord('0123456789', { id: 'liar', contentLength: 100_000 });
    const { records, dropped, counts } = await read(Buffer.concat([page(1), liar, page(2), page(3)]));
    expect(records.map((r) => r.headers.get('warc-record-id'))).toEqual([...ids(1), '<urn:uuid:liar>', ...ids(2, 3)]);
    expect(records[1]!.block!.toString()).toBe('0123456789');
    expect(counts).toEqual({ 'warc:content_length_repaired': 1 });
    expect(dropped).toEqual({});
  });

  it('repairs a Content-Length that is too short, ending the block at the next record', async () => {
    const body = Buffer.from('0123456789');
    const liar = warcRecord(body, { id: 'liar', contentLength: 4 });
    const { records, dropped, counts } = await read(Buffer.concat([page(1), liar, page(2)]));
    expect(records.map((r) => r.headers.get('warc-record-id'))).toEqual([...ids(1), '<urn:uuid:liar>', ...ids(2)]);
    expect(records[1]!.block!.toString()).toBe('0123456789');
    expect(counts).toEqual({ 'warc:content_length_repaired': 1 });
    expect(dropped).toEqual({});
  });

  it('repairs a Content-Length that is too long, keeping the record it ran into', async () => {
    const liar = warcRecord('short body', { id: 'liar', contentLength: 60 });
    const { records, dropped, counts } = await read(Buffer.concat([page(1), liar, page(2), page(3)]));
    expect(records.map((r) => r.headers.get('warc-record-id'))).toEqual([...ids(1), '<urn:uuid:liar>', ...ids(2, 3)]);
    expect(records[1]!.block!.toString()).toBe('short body');
    expect(counts).toEqual({ 'warc:content_length_repaired': 1 });
    expect(dropped).toEqual({});
  });

  it('drops a record followed by garbage it cannot be repaired from, and resynchronises', async () => {
    const garbage = Buffer.from('not a record\r\n'.repeat(30));
    const file = Buffer.concat([page(1), page(2).subarray(0, -4), garbage, Buffer.from('\r\n'), page(3)]);
    const tooBig = await read(file, 7, 200); // page 2 + garbage exceed the body limit: no repair
    expect(tooBig.ids).toEqual(ids(1, 3));
    expect(tooBig.dropped).toEqual({ 'warc:content_length_mismatch': 1 });

    const atEnd = await read(Buffer.concat([page(1), page(2).subarray(0, -4), garbage]));
    expect(atEnd.ids).toEqual(ids(1));
    expect(atEnd.dropped).toEqual({ 'warc:content_length_mismatch': 1 });
  });

  it('counts a record cut off at the end of the file as truncated and keeps the ones before', async () => {
    const third = page(3);
    for (const cut of [10, 150, third.length - 10]) {
      const { ids: got, dropped } = await read(Buffer.concat([page(1), page(2), third.subarray(0, cut)]));
      expect(got).toEqual(ids(1, 2));
      expect(dropped).toEqual({ 'warc:truncated': 1 });
    }
  });

  it('skips a record without a valid Content-Length as a bad header', async () => {
    const bad = Buffer.from('WARC/1.0\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\nbody\r\n\r\n');
    const { ids: got, dropped } = await read(Buffer.concat([page(1), bad, page(2)]));
    expect(got).toEqual(ids(1, 2));
    expect(dropped).toEqual({ 'warc:bad_header': 1 });
  });

  it('counts junk before the first record once, then reads on', async () => {
    const { ids: got, dropped } = await read(Buffer.concat([Buffer.from('GIF89a junk\n\x00\x01\n'), page(1)]));
    expect(got).toEqual(ids(1));
    expect(dropped).toEqual({ 'warc:garbage': 1 });
  });

  it('streams past a block over maxBodyBytes without holding it', async () => {
    const big = warcRecord(httpResponse('x'.repeat(5000)), { id: 'big' });
    const { records, dropped } = await read(Buffer.concat([page(1), big, page(2)]), 512, 1000);
    expect(records.map((r) => [r.headers.get('warc-record-id'), r.block === undefined])).toEqual([
      ['<urn:uuid:page-1>', false],
      ['<urn:uuid:big>', true],
      ['<urn:uuid:page-2>', false],
    ]);
    expect(dropped).toEqual({});
  });

  it('counts an empty input as an empty file', async () => {
    const { records, dropped } = await read(Buffer.alloc(0));
    expect(records).toEqual([]);
    expect(dropped).toEqual({ 'warc:empty_file': 1 });
  });

  it('at a gap, drops the record the lost member cut and reads on at the next version line after it', async () => {
    const p1 = page(1);
    const p2 = page(2);
    for (const cut of [3, 30, p2.length - 30, p2.length - 2]) {
      const { ids: got, dropped } = await readParts([p1, p2.subarray(0, cut), { lostFrom: p1.length }, page(3)]);
      expect(got, `cut at ${cut}`).toEqual(ids(1, 3));
      // The inflater counted the member; the reader adds nothing.
      expect(dropped).toEqual({});
    }
  });

  it('at a gap, keeps a record that ended before the lost member began, even one waiting for its next version line', async () => {
    const { ids: got } = await readParts([page(1), Buffer.from('WAR'), { lostFrom: page(1).length }, page(2)]);
    expect(got).toEqual(ids(1, 2));
  });

  it('at a gap, drops a whole record that came from the lost member (its CRC did not match)', async () => {
    const { ids: got } = await readParts([page(1), page(2), { lostFrom: page(1).length }, page(3)]);
    expect(got).toEqual(ids(1, 3));
  });

  it('at a gap before the first record, reads on after it without counting garbage', async () => {
    const { ids: got, dropped } = await readParts([Buffer.from('WARC/1.0\r\nWARC-Ty'), { lostFrom: 0 }, page(1)]);
    expect(got).toEqual(ids(1));
    expect(dropped).toEqual({});
  });

  it('at a gap, still reads the records a lying Content-Length swallowed before the lost member began', async () => {
    const liar = warcRecord('0123456789', { id: 'liar', contentLength: 100_000 });
    const before = Buffer.concat([page(1), liar, page(2), page(3)]);
    const { ids: got } = await readParts([before, page(4).subarray(0, 50), { lostFrom: before.length }, page(5)]);
    expect(got).toEqual([...ids(1), '<urn:uuid:liar>', ...ids(2, 3, 5)]);
  });
});
