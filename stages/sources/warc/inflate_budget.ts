import { PIECE_BYTES } from './compressed_input.js';

/**
 * Inflated bytes allowed per compressed byte read so far, on top of one largest record. HTML and
 * WARC headers inflate 3 to 10 times; deflate's limit is about 1032. A gzip bomb (a small member
 * that inflates to gigabytes) is cut at this ratio, so the work stays in proportion to the input.
 */
const MAX_RATIO = 100;
/** Room for the WARC and HTTP headers around the largest record. */
const HEADER_ALLOWANCE = 1024 * 1024;

/**
 * How many bytes a gzip file may inflate to: one largest record, plus `MAX_RATIO` times the
 * compressed bytes read. Checked at the ends of the pieces zlib is fed, which fall at fixed file
 * offsets, so a file is cut at the same byte on every run.
 */
export class InflateBudget {
  /** Bytes inflated so far. */
  inflated = 0;
  private readonly floor: number;

  constructor(maxRecordBytes: number) {
    this.floor = maxRecordBytes + HEADER_ALLOWANCE;
  }

  /** The bytes that may still be inflated from the compressed bytes before file offset `end`. */
  room(end: number): number {
    return this.floor + MAX_RATIO * end - this.inflated;
  }

  /** The room at the end of the piece `offset` is in: the least a member starting there will have. */
  roomInPiece(offset: number): number {
    return this.room((Math.floor(offset / PIECE_BYTES) + 1) * PIECE_BYTES);
  }
}
