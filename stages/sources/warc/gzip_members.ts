import { constants, inflateRawSync } from 'node:zlib';
import type { Gap } from './byte_source.js';
import { CompressedInput } from './compressed_input.js';
import { GZIP_HEADER_LIMIT, gzipHeaderLength, MEMBER_MAGIC, usualHeaderFields } from './gzip_header.js';
import { InflateBudget } from './inflate_budget.js';
import { inflateInOneCall, streamMember } from './member_inflate.js';

export interface InflateOptions {
  /** The largest block the record reader keeps (`max_body_bytes`): the inflation budget starts with one such record. */
  maxRecordBytes: number;
  /** Counts input lost to damage, under a named reason. */
  skip(reason: string): void;
}

/** A header with unusual fields found by scanning is taken when this many of its compressed bytes inflate without error. */
const VERIFY_BYTES = 1024;
/**
 * Skipped bytes fewer than this cannot have hidden a record: the smallest gzip member that holds
 * one (a version line and a Content-Length) is 48 bytes. More may have been a member whose header
 * broke, so they count as a lost member.
 */
const SMALLEST_RECORD_MEMBER = 40;

/**
 * The inflated bytes of a gzip file, member by member, with damage confined to the member it is
 * in. A member whose header, deflate data, CRC or length is bad, or one cut short by the next, is
 * counted as `warc:corrupt_gzip`, and the next member is looked for from one byte after its start
 * (or from where it failed, for a member too large to keep). Bytes between members that start none
 * are `warc:gzip_junk`, a member that passes the inflation budget is `warc:gzip_bomb`, and one cut
 * off by the end of the file is `warc:truncated`. When a damaged member had already given bytes, a
 * `Gap` follows them, so that the record reader drops the record they began instead of joining it
 * to the next.
 */
export async function* inflateMembers(chunks: AsyncIterable<Buffer>, opts: InflateOptions): AsyncGenerator<Buffer | Gap> {
  const input = new CompressedInput(chunks[Symbol.asyncIterator]());
  const budget = new InflateBudget(opts.maxRecordBytes);
  try {
    while ((await input.ensure(1)) > 0) {
      const start = input.offset;
      const header = await headerLength(input);
      if (header === 'short') {
        opts.skip('warc:truncated');
        break;
      }
      if (header === 'bad') {
        input.pass(1);
        await nextMember(input);
        opts.skip(input.offset - start < SMALLEST_RECORD_MEMBER ? 'warc:gzip_junk' : 'warc:corrupt_gzip');
        continue;
      }
      input.setMark();
      input.pass(header);
      const lostFrom = budget.inflated;
      const whole = await inflateInOneCall(input, budget);
      if (whole) {
        input.clearMark();
        if (whole.length > 0) yield whole;
        continue;
      }
      const end = yield* streamMember(input, budget);
      if (end === 'ok') {
        input.clearMark();
        continue;
      }
      if (budget.inflated > lostFrom) yield { lostFrom };
      opts.skip(end === 'over' ? 'warc:gzip_bomb' : end === 'cut' ? 'warc:truncated' : 'warc:corrupt_gzip');
      if (end === 'cut') break;
      // A bomb is well formed up to where it was cut; a damaged member may have hidden the next one's header.
      if (end === 'bad') input.backToMark();
      input.clearMark();
      await nextMember(input);
    }
  } finally {
    await input.close();
  }
}

/** The length of the member header at `offset`: `bad` when there is none, `short` when the input ends inside it. */
async function headerLength(input: CompressedInput): Promise<number | 'short' | 'bad'> {
  for (let want = 16; ; want = Math.min(want * 16, GZIP_HEADER_LIMIT)) {
    const held = await input.ensure(want);
    const length = gzipHeaderLength(input.view(held));
    if (length !== 'short') return length;
    if (held < want) return 'short';
    if (want === GZIP_HEADER_LIMIT) return 'bad';
  }
}

/**
 * Passes bytes up to the next member header, or to the end of the input. A header is taken when its
 * fields are the usual ones (so a damaged member is found, and counted, rather than skipped) or its
 * data inflates: `1f 8b 08` alone turns up inside deflate data or junk by chance.
 */
async function nextMember(input: CompressedInput): Promise<void> {
  while (await input.seek(MEMBER_MAGIC)) {
    const header = await headerLength(input);
    if (typeof header === 'number' && (usualHeaderFields(input.view(header)) || (await inflatesAt(input, header)))) return;
    input.pass(1);
  }
}

/** True when the deflate data after a header of `header` bytes at `offset` starts without error. */
async function inflatesAt(input: CompressedInput, header: number): Promise<boolean> {
  const data = input.view(await input.ensure(header + VERIFY_BYTES)).subarray(header);
  try {
    // Output reaching the cap proves the data inflates as well as an error-free end does.
    inflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: 64 * VERIFY_BYTES });
    return true;
  } catch (err) {
    return (err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE';
  }
}
