import { closeSync, openSync, readSync } from 'node:fs';
import { MinHeap } from './merge_lines.js';

/** Where the merge stands: the current record is `buf[offset, offset + recordSize)`, read from `files[source]`. */
export interface MergedRecord {
  buf: Buffer;
  offset: number;
  source: number;
}

const CHUNK_RECORDS = 4096;

/**
 * k-way merge of binary files of fixed-size records, each file sorted by the bytes of the first
 * `keyBytes` of its records (unsigned, memcmp order: big-endian integers sort as numbers). Holds one
 * chunk per file, so a reduce step's memory does not grow with the corpus. Ties come out in file
 * order. Synchronous on purpose: a reduce task owns its process, and an await per record would
 * cost more than the comparison it waits for.
 *
 * The yielded record is a view that the next step overwrites: copy what you keep.
 */
export function* mergeSortedRecords(files: string[], recordSize: number, keyBytes: number): Generator<MergedRecord> {
  const cursors = files.map((file, source) => new RecordCursor(file, source, recordSize));
  try {
    const heads = cursors.filter((c) => c.advance());
    const heap = new MinHeap(
      heads,
      (a, b) => a.buf.compare(b.buf, b.offset, b.offset + keyBytes, a.offset, a.offset + keyBytes) || a.source - b.source,
    );
    const out: MergedRecord = { buf: Buffer.alloc(0), offset: 0, source: 0 };
    while (heap.size > 0) {
      const top = heap.peek();
      out.buf = top.buf;
      out.offset = top.offset;
      out.source = top.source;
      yield out;
      if (top.advance()) heap.siftDown(0);
      else heap.pop();
    }
  } finally {
    for (const c of cursors) c.close();
  }
}

/** Reads a file of records a chunk at a time; `offset` points at the current record. */
class RecordCursor {
  readonly buf: Buffer;
  offset = 0;
  private end = 0;
  private fd: number | undefined;

  constructor(
    readonly file: string,
    readonly source: number,
    private readonly recordSize: number,
  ) {
    this.buf = Buffer.alloc(recordSize * CHUNK_RECORDS);
    this.fd = openSync(file, 'r');
    this.offset = -recordSize;
  }

  /** Moves to the next record; false at the end of the file. */
  advance(): boolean {
    this.offset += this.recordSize;
    if (this.offset < this.end) return true;
    if (this.fd === undefined) return false;
    this.end = readFull(this.fd, this.buf);
    this.offset = 0;
    if (this.end % this.recordSize !== 0) throw new Error(`${this.file}: size is not a multiple of the ${this.recordSize}-byte record`);
    if (this.end > 0) return true;
    this.close();
    return false;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** Fills `buf` unless the file ends first; returns the bytes read. */
function readFull(fd: number, buf: Buffer): number {
  let n = 0;
  while (n < buf.length) {
    const got = readSync(fd, buf, n, buf.length - n, null);
    if (got === 0) break;
    n += got;
  }
  return n;
}
