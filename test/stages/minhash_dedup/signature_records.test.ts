import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSortedRecords, RecordLayout, SignatureBuffer } from '../../../stages/minhash_dedup/signature_records.js';
import { testContext } from '../../helpers/context.js';

describe('signature files', () => {
  const layout = new RecordLayout(2);

  it('are written sorted by band value as big-endian records, and pass validation', async () => {
    const buffer = new SignatureBuffer(3, 4);
    // Three docs, two bands of two rows; band 1 of doc 2 sorts first, and 0x100 after 0xff (numeric, not byte order of LE).
    buffer.sigs.set([5, 1, 0x100, 0, 7, 7, 0xff, 9, 5, 0, 3, 3]);
    buffer.docIndex.set([10, 11, 12]);
    buffer.count = 3;
    const file = path.join(testContext().runDir, 'band1.bin');
    expect(buffer.writeBand(1, layout, file)).toBe(3);
    const bytes = readFileSync(file);
    expect([0, 1, 2].map((k) => bytes.readUInt32BE(k * layout.recordSize + layout.keyBytes))).toEqual([12, 11, 10]);
    await checkSortedRecords(layout)(file, { rows: 3 });
  });

  it('fail validation when out of order, cut short or miscounted', async () => {
    const dir = testContext().runDir;
    const record = (a: number, b: number, doc: number) => {
      const buf = Buffer.alloc(layout.recordSize);
      buf.writeUInt32BE(a, 0);
      buf.writeUInt32BE(b, 4);
      buf.writeUInt32BE(doc, 8);
      return buf;
    };
    const unsorted = path.join(dir, 'unsorted.bin');
    writeFileSync(unsorted, Buffer.concat([record(1, 2, 0), record(1, 1, 1)]));
    await expect(checkSortedRecords(layout)(unsorted, { rows: 2 })).rejects.toThrow(/sorts before/);
    const partial = path.join(dir, 'partial.bin');
    writeFileSync(partial, Buffer.concat([record(1, 1, 0), record(1, 2, 1).subarray(0, 5)]));
    await expect(checkSortedRecords(layout)(partial, { rows: 1 })).rejects.toThrow(/partial/);
    const sorted = path.join(dir, 'sorted.bin');
    writeFileSync(sorted, Buffer.concat([record(1, 1, 0), record(1, 2, 1)]));
    await expect(checkSortedRecords(layout)(sorted, { rows: 3 })).rejects.toThrow(/holds 2 records/);
  });
});
