import { ByteSource, type Gap, type Line } from './byte_source.js';

// Hand-written: the `warcio` package silently stopped after 3 of 101 records on a real ClueWeb09 file and 2 of 24 on another.

/** One WARC record. Header names are lower-cased; a repeated header keeps its last value. */
export interface WarcRecord {
  /** `WARC/1.0`, `WARC/0.18`... */
  version: string;
  headers: Map<string, string>;
  /** `WARC-Type`, lower-cased (`response`, `request`, `warcinfo`...). */
  type: string;
  contentLength: number;
  /** The content block; undefined when it was over `maxBodyBytes` and streamed past. */
  block: Buffer | undefined;
}

export interface ReadOptions {
  /** Blocks larger than this are streamed past, never buffered. */
  maxBodyBytes: number;
  /** Counts input that never became a record, under a named reason. */
  skip(reason: string): void;
  /** Tallies something worth knowing that lost nothing (a repaired record). */
  count(key: string): void;
}

const MAX_LINE = 64 * 1024;
const MAX_HEADER_LINES = 1024;
const VERSION_LINE = /^WARC\/\d+\.\d+[ \t\r]*$/i;
const VERSION_LINE_INSIDE = /\n(WARC\/\d+\.\d+[ \t\r]*\n)/i;

function isVersionLine(line: Line): boolean {
  const b = line.bytes;
  // Cheap test first: resynchronisation runs this on every line of a damaged region.
  return b.length >= 8 && b.length < 32 && b[4] === 0x2f && VERSION_LINE.test(b.toString('latin1'));
}

/** A terminated line of nothing but spaces, tabs and carriage returns (writers pad records loosely). */
function isBlank(line: Line): boolean {
  if (!line.terminated || line.bytes.length > 8) return false;
  return line.bytes.every((c) => c === 0x0d || c === 0x20 || c === 0x09);
}

/** A line's bytes as they were in the file. */
function rawLine(line: Line): Buffer {
  return line.terminated ? Buffer.concat([line.bytes, NEWLINE]) : line.bytes;
}
const NEWLINE = Buffer.from('\n');

/**
 * Streams the records of one (decompressed) WARC file. Records are framed by their version line,
 * headers and Content-Length; `\n` line ends and WARC/0.17 to 1.1 are accepted. A record is yielded
 * only once the bytes after its block look right: blank lines (or none, as ClueWeb09 writes) and
 * then the next version line or the end of the file. Anything else means Content-Length lied: the
 * record is repaired when its true end can be found, else dropped, and reading resumes at the next
 * version line. Damage is counted, never thrown. At a `Gap` (a gzip member that broke off, counted
 * by the inflater) the record it cut is dropped, one that ended before the member began is kept,
 * and reading resumes at the next version line after it.
 */
export async function* readWarcRecords(chunks: AsyncIterable<Buffer | Gap>, opts: ReadOptions): AsyncGenerator<WarcRecord> {
  const src = new ByteSource(chunks[Symbol.asyncIterator]());
  try {
    yield* records(src, opts);
  } finally {
    await src.close();
  }
}

async function* records(src: ByteSource, opts: ReadOptions): AsyncGenerator<WarcRecord> {
  let truncated = false;
  let next = await firstVersionLine(src, opts);
  for (;;) {
    if (!next && src.atGap) {
      src.resume();
      next = await scanToVersionLine(src);
    }
    if (!next) break;
    const header = await readHeader(src, next);
    next = undefined;
    if (header === 'truncated') {
      truncated = !src.atGap;
      continue;
    }
    if (header === 'bad') {
      opts.skip('warc:bad_header');
      next = await scanToVersionLine(src);
      continue;
    }
    const type = (header.headers.get('warc-type') ?? '').toLowerCase();
    const blockStart = src.consumed;
    let block: Buffer | undefined;
    let got: number;
    if (header.contentLength <= opts.maxBodyBytes) {
      block = await src.read(header.contentLength);
      got = block.length;
    } else {
      got = await src.skip(header.contentLength);
    }
    if (got < header.contentLength) {
      // The input ends inside the block. A Content-Length that lied may have swallowed whole records: recover them.
      const inside = block ? VERSION_LINE_INSIDE.exec(block.toString('latin1')) : null;
      if (!block || !inside) {
        truncated = !src.atGap;
        continue;
      }
      const at = inside.index + 1;
      src.unread(block.subarray(at));
      if (intact(src, blockStart + at)) {
        opts.count('warc:content_length_repaired');
        yield { ...header, type, block: withoutSeparator(block.subarray(0, at)) };
      }
      next = await src.readLine(MAX_LINE);
      continue;
    }
    const blockEnd = src.consumed;
    const after = await lineAfterBlock(src);
    if ('next' in after) {
      next = after.next;
      if (intact(src, blockEnd)) yield { ...header, type, block };
      continue;
    }
    const repair = await repairBlock(src, block, after.passed, opts.maxBodyBytes);
    next = repair.next;
    if (repair.block) {
      if (!intact(src, blockStart + repair.block.length)) continue;
      opts.count('warc:content_length_repaired');
      yield { ...header, type, block: repair.block };
    } else if (!src.atGap) {
      opts.skip('warc:content_length_mismatch');
    }
  }
  if (src.error !== undefined) throw src.error;
  if (truncated) opts.skip('warc:truncated');
  else if (src.consumed === 0) opts.skip('warc:empty_file');
}

/** False when the input stopped at a gap and the record's bytes up to `end` reach into the member that broke off. */
function intact(src: ByteSource, end: number): boolean {
  return !src.gap || end <= src.gap.lostFrom;
}

/** The first version line; junk before it (or a file that is no WARC at all) is counted once. */
async function firstVersionLine(src: ByteSource, opts: ReadOptions): Promise<Line | undefined> {
  for (;;) {
    const line = await src.readLine(MAX_LINE);
    if (src.atGap) {
      src.resume();
      continue;
    }
    if (!line) return undefined;
    if (isBlank(line)) continue;
    if (isVersionLine(line)) return line;
    opts.skip('warc:garbage');
    return scanToVersionLine(src);
  }
}

/** The next version line, across gaps; undefined at the end of the input. */
async function scanToVersionLine(src: ByteSource): Promise<Line | undefined> {
  for (;;) {
    const line = await src.readLine(MAX_LINE);
    if (src.atGap) src.resume();
    else if (!line || isVersionLine(line)) return line;
  }
}

/**
 * The next record's version line (undefined at the end of the input or at a gap, where a new
 * member starts), or the bytes passed before finding something else.
 */
async function lineAfterBlock(src: ByteSource): Promise<{ next: Line | undefined } | { passed: Buffer[] }> {
  const passed: Buffer[] = [];
  for (;;) {
    const line = await src.readLine(MAX_LINE);
    if (!line || src.atGap) return { next: undefined };
    passed.push(rawLine(line));
    if (isBlank(line)) continue;
    return isVersionLine(line) ? { next: line } : { passed };
  }
}

/**
 * Finds where a record whose Content-Length lied really ends: at the next version line, inside the
 * block when the length was too long, past it when too short. Without a block (too large to hold),
 * or with no next record to prove the end, there is nothing to repair and only the resync is done.
 */
async function repairBlock(
  src: ByteSource,
  block: Buffer | undefined,
  passed: Buffer[],
  maxBytes: number,
): Promise<{ block?: Buffer; next: Line | undefined }> {
  const inside = block ? VERSION_LINE_INSIDE.exec(block.toString('latin1')) : null;
  if (block && inside) {
    const at = inside.index + 1;
    src.unread(Buffer.concat([block.subarray(at), ...passed]));
    return { block: withoutSeparator(block.subarray(0, at)), next: await src.readLine(MAX_LINE) };
  }
  let extra: Buffer[] | undefined = block ? passed : undefined;
  let size = (block?.length ?? 0) + passed.reduce((n, b) => n + b.length, 0);
  for (;;) {
    const line = await src.readLine(MAX_LINE);
    if (!line || src.atGap) return { next: undefined };
    if (isVersionLine(line)) return { block: extra && withoutSeparator(Buffer.concat([block!, ...extra])), next: line };
    size += line.bytes.length + 1;
    if (size > maxBytes) extra = undefined;
    extra?.push(rawLine(line));
  }
}

/** Drops the blank line pair that separates records; the block itself may end in newlines (or gzip bytes that look like them). */
function withoutSeparator(b: Buffer): Buffer {
  const n = b.length;
  if (n >= 4 && b[n - 4] === 0x0d && b[n - 3] === 0x0a && b[n - 2] === 0x0d && b[n - 1] === 0x0a) return b.subarray(0, n - 4);
  if (n >= 2 && b[n - 2] === 0x0a && b[n - 1] === 0x0a) return b.subarray(0, n - 2);
  return b;
}

interface Header {
  version: string;
  headers: Map<string, string>;
  contentLength: number;
}

async function readHeader(src: ByteSource, versionLine: Line): Promise<Header | 'bad' | 'truncated'> {
  const headers = new Map<string, string>();
  let last: string | undefined;
  for (let n = 0; ; n++) {
    if (n > MAX_HEADER_LINES) return 'bad';
    const line = await src.readLine(MAX_LINE);
    if (!line || !line.terminated) return line && line.bytes.length >= MAX_LINE ? 'bad' : 'truncated';
    if (isBlank(line)) break;
    const text = line.bytes.toString('utf8').trimEnd();
    const first = text.charCodeAt(0);
    if ((first === 0x20 || first === 0x09) && last !== undefined) {
      // A folded continuation line (allowed by the WARC grammar, used by some old writers).
      headers.set(last, `${headers.get(last)} ${text.trim()}`);
      continue;
    }
    const colon = text.indexOf(':');
    if (colon <= 0) continue;
    last = text.slice(0, colon).trim().toLowerCase();
    headers.set(last, text.slice(colon + 1).trim());
  }
  const length = headers.get('content-length');
  if (length === undefined || !/^\d{1,15}$/.test(length)) return 'bad';
  return { version: versionLine.bytes.toString('latin1').trim(), headers, contentLength: Number(length) };
}
