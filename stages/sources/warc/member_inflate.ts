import { constants, crc32, createInflateRaw, inflateRawSync, type InflateRaw } from 'node:zlib';
import type { CompressedInput } from './compressed_input.js';
import type { InflateBudget } from './inflate_budget.js';

/** Output buffer size of zlib; larger members come out in several. */
const INFLATE_CHUNK = 64 * 1024;
/**
 * A member whose compressed data ends within this many bytes is inflated in one synchronous call:
 * a stream's set-up and thread hops cost more than inflating the few KiB most members hold.
 */
const ONE_CALL_BYTES = 256 * 1024;

/** How a streamed member ended: `ok` (trailer matched and passed), `bad` data, CRC or length, `over` the budget, `cut` by the end of input. */
export type MemberEnd = 'ok' | 'bad' | 'over' | 'cut';

/** What `inflateRawSync` returns with `info: true` (the Node types give only the buffer): `bytesWritten` is the input used. */
interface InflatedWithInfo {
  buffer: Buffer;
  engine: { bytesWritten: number };
}

/**
 * The output of the member whose deflate data starts at `input.offset`, when that data ends within
 * `ONE_CALL_BYTES`, fits the budget everywhere and its trailer matches; the member is then passed.
 * Otherwise undefined, with nothing passed: `streamMember` finds out what went wrong where.
 */
export async function inflateInOneCall(input: CompressedInput, budget: InflateBudget): Promise<Buffer | undefined> {
  const data = input.view(await input.ensure(ONE_CALL_BYTES));
  let r: InflatedWithInfo;
  try {
    const room = Math.max(1, budget.roomInPiece(input.offset));
    const opts = { info: true, chunkSize: INFLATE_CHUNK, finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: room };
    r = inflateRawSync(data, opts) as unknown as InflatedWithInfo;
  } catch {
    return undefined;
  }
  const out = r.buffer;
  const used = r.engine.bytesWritten;
  // All of `data` used: the deflate stream may go on past it.
  if (used === data.length) return undefined;
  const trailer = input.view(await input.ensure(used + 8)).subarray(used);
  if (!matches(trailer, crc32(out), out.length)) return undefined;
  input.pass(used + 8);
  budget.inflated += out.length;
  return out;
}

/**
 * The output of the member whose deflate data starts at `input.offset`, fed to zlib piece by piece
 * within the budget; returns how the member ended, having passed what zlib used (and the trailer).
 */
export async function* streamMember(input: CompressedInput, budget: InflateBudget): AsyncGenerator<Buffer, MemberEnd> {
  const z = new PieceInflate();
  let crc = 0;
  let size = 0;
  try {
    for (;;) {
      const piece = await input.piece();
      if (piece.length === 0) return 'cut';
      const r = await z.write(piece, budget.room(input.offset + piece.length));
      input.pass(r.used);
      for (const b of r.out) {
        crc = crc32(b, crc);
        size += b.length;
        budget.inflated += b.length;
        yield b;
      }
      if (r.end === 'done') break;
      if (r.end !== 'more') return r.end;
    }
  } finally {
    z.close();
  }
  const trailer = input.view(await input.ensure(8));
  if (trailer.length < 8) return 'cut';
  if (!matches(trailer, crc, size)) return 'bad';
  input.pass(8);
  return 'ok';
}

/** The gzip trailer: CRC-32 of the output, then its length modulo 2^32. */
function matches(trailer: Buffer, crc: number, size: number): boolean {
  return trailer.length >= 8 && trailer.readUInt32LE(0) === crc && trailer.readUInt32LE(4) === size % 2 ** 32;
}

/**
 * What one piece of compressed bytes gave: the output, how many of the bytes the deflate stream
 * used, and where it stands: wants `more`, `done` (its end was in the piece), `bad` (corrupt data),
 * or `over` (the output passed the room it was given and was cut there).
 */
interface Inflated {
  out: Buffer[];
  used: number;
  end: 'more' | 'done' | 'bad' | 'over';
}

/**
 * The deflate stream of one gzip member, fed piece by piece. Built on zlib's raw inflate (the gzip
 * header and trailer are the caller's) because zlib's gunzip runs on into the next member by
 * itself, so it cannot tell where a member ended or which member broke.
 */
class PieceInflate {
  private readonly z: InflateRaw = createInflateRaw({ chunkSize: INFLATE_CHUNK });
  private out: Buffer[] = [];
  private outBytes = 0;
  private room = 0;
  private usedBefore = 0;
  private settle: ((r: Inflated) => void) | undefined;

  constructor() {
    this.z.on('data', (b: Buffer) => this.take(b));
    this.z.on('error', () => this.finish('bad'));
  }

  /** Inflates `piece`, stopping once more than `room` bytes came out (those past it are dropped). */
  write(piece: Buffer, room: number): Promise<Inflated> {
    this.out = [];
    this.outBytes = 0;
    this.room = room;
    this.usedBefore = this.z.bytesWritten;
    return new Promise((resolve) => {
      this.settle = resolve;
      this.z.write(piece, () => {
        // zlib stops taking input at the end of the deflate stream: a piece not used up held that end.
        this.finish(this.z.bytesWritten - this.usedBefore < piece.length ? 'done' : 'more');
      });
    });
  }

  private take(b: Buffer): void {
    if (!this.settle) return;
    if (this.outBytes + b.length > this.room) {
      this.out.push(b.subarray(0, Math.max(0, this.room - this.outBytes)));
      this.finish('over');
      return;
    }
    this.out.push(b);
    this.outBytes += b.length;
  }

  private finish(end: Inflated['end']): void {
    const settle = this.settle;
    if (!settle) return;
    this.settle = undefined;
    settle({ out: this.out, used: this.z.bytesWritten - this.usedBefore, end });
  }

  close(): void {
    this.z.destroy();
  }
}
