import { closeSync, openSync, readSync } from 'node:fs';
import { mergeSortedRecords } from '../../pipeline/sorted/merge_records.js';
import { ChunkWriter } from './chunk_writer.js';

/**
 * A band's signature record: the band's `rows` hash values, then the doc's index in its task's doc
 * table, all big-endian uint32 so that byte order (memcmp, what the merge compares) is numeric
 * order. Files are sorted by whole record: band values first, ties by doc index.
 */
export class RecordLayout {
  readonly keyBytes: number;
  readonly recordSize: number;

  constructor(readonly rows: number) {
    this.keyBytes = rows * 4;
    this.recordSize = this.keyBytes + 4;
  }
}

/** Signatures held in memory by a collect task until they are sorted and written. */
export class SignatureBuffer {
  readonly sigs: Uint32Array;
  readonly docIndex: Uint32Array;
  count = 0;

  constructor(
    readonly capacity: number,
    readonly size: number,
  ) {
    this.sigs = new Uint32Array(capacity * size);
    this.docIndex = new Uint32Array(capacity);
  }

  get full(): boolean {
    return this.count === this.capacity;
  }

  /** Writes band `band` of every buffered signature to `file`, sorted; returns the record count. */
  writeBand(band: number, layout: RecordLayout, file: string): number {
    const { sigs, size, docIndex, count } = this;
    const { rows, recordSize } = layout;
    const base = band * rows;
    const order = new Uint32Array(count);
    for (let i = 0; i < count; i++) order[i] = i;
    order.sort((a, b) => {
      const pa = a * size + base;
      const pb = b * size + base;
      for (let r = 0; r < rows; r++) {
        const d = sigs[pa + r]! - sigs[pb + r]!;
        if (d !== 0) return d;
      }
      return docIndex[a]! - docIndex[b]!;
    });
    const out = new ChunkWriter(file);
    for (let k = 0; k < count; k++) {
      const slot = order[k]!;
      const { buf, at } = out.reserve(recordSize);
      const p = slot * size + base;
      for (let r = 0; r < rows; r++) buf.writeUInt32BE(sigs[p + r]!, at + 4 * r);
      buf.writeUInt32BE(docIndex[slot]!, at + 4 * rows);
    }
    out.close();
    return count;
  }
}

/** Merges sorted runs of one band into `file`; returns the record count. */
export function mergeRuns(runs: string[], layout: RecordLayout, file: string): number {
  const out = new ChunkWriter(file);
  let count = 0;
  for (const { buf, offset } of mergeSortedRecords(runs, layout.recordSize, layout.recordSize)) {
    out.write(buf, offset, offset + layout.recordSize);
    count++;
  }
  out.close();
  return count;
}

/**
 * Completion means validated output: the file holds exactly the declared records, whole, in
 * sorted order. A reduce step that merged an unsorted file would silently miss duplicates.
 */
export function checkSortedRecords(layout: RecordLayout) {
  return async (file: string, declared: { rows: number }): Promise<void> => {
    const { recordSize } = layout;
    const buf = Buffer.alloc(recordSize * 4096);
    const prev = Buffer.alloc(recordSize);
    const fd = openSync(file, 'r');
    let records = 0;
    let carry = 0;
    try {
      for (;;) {
        const got = readSync(fd, buf, carry, buf.length - carry, null);
        const end = carry + got;
        let at = 0;
        for (; at + recordSize <= end; at += recordSize, records++) {
          if (records > 0 && buf.compare(prev, 0, recordSize, at, at + recordSize) < 0)
            throw new Error(`${file}: record ${records} sorts before the one above it`);
          buf.copy(prev, 0, at, at + recordSize);
        }
        carry = end - at;
        buf.copy(buf, 0, at, end);
        if (got === 0) break;
      }
    } finally {
      closeSync(fd);
    }
    if (carry !== 0) throw new Error(`${file}: ends in a partial ${carry}-byte record`);
    if (records !== declared.rows) throw new Error(`${file} holds ${records} records, ${declared.rows} were written`);
  };
}
