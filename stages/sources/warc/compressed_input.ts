/**
 * Compressed bytes are handed to zlib in pieces that end at multiples of this file offset, whatever
 * sizes the reads or the network delivered, so the inflation budget is checked at the same points
 * on every run.
 */
export const PIECE_BYTES = 64 * 1024;

/**
 * The bytes of a member kept for a rescan after it fails: per-record members are far smaller, and a
 * larger one (a whole-file member) is rescanned from where it failed instead.
 */
const KEEP_LIMIT = 16 * 1024 * 1024;

/**
 * The compressed bytes of a file, read in order and addressed by file offset. Holds what has not
 * been passed yet, plus the bytes from a mark on (up to `KEEP_LIMIT`), so a reader can go back to
 * just after the start of a member that turned out damaged and look for the next one there.
 */
export class CompressedInput {
  private buf: Buffer = Buffer.alloc(0);
  /** File offset of `buf[0]`. */
  private base = 0;
  private ended = false;
  private mark: number | undefined;
  /** File offset of the next byte. */
  offset = 0;

  constructor(private readonly chunks: AsyncIterator<Buffer>) {}

  /** Bytes held from `offset` on. */
  get held(): number {
    return this.base + this.buf.length - this.offset;
  }

  /** Reads until at least `n` bytes are held from `offset` on, or the input ends; returns how many are. */
  async ensure(n: number): Promise<number> {
    if (this.held >= n || this.ended) return this.held;
    if (this.mark !== undefined && this.offset - this.mark > KEEP_LIMIT) this.mark = undefined;
    const keep = Math.min(this.mark ?? this.offset, this.offset);
    // Whatever sizes the chunks come in, the bytes kept are copied once per call.
    const parts = [this.buf.subarray(keep - this.base)];
    let held = this.held;
    while (held < n) {
      const r = await this.chunks.next();
      if (r.done) {
        this.ended = true;
        break;
      }
      parts.push(r.value);
      held += r.value.length;
    }
    this.buf = parts[0]!.length === 0 && parts.length === 2 ? parts[1]! : Buffer.concat(parts);
    this.base = keep;
    return this.held;
  }

  /** Up to `n` held bytes from `offset` on, without passing them. */
  view(n: number): Buffer {
    const at = this.offset - this.base;
    return this.buf.subarray(at, at + n);
  }

  /** The bytes from `offset` to the next multiple of `PIECE_BYTES` (fewer at the end of input; none past it). */
  async piece(): Promise<Buffer> {
    const want = PIECE_BYTES - (this.offset % PIECE_BYTES);
    return this.view(Math.min(want, await this.ensure(want)));
  }

  pass(n: number): void {
    this.offset += n;
  }

  /** Keeps the bytes from `offset` on, for `backToMark`. */
  setMark(): void {
    this.mark = this.offset;
  }

  /** Back to the byte after the mark, when it is still held; else stays where it is. */
  backToMark(): void {
    if (this.mark !== undefined && this.mark >= this.base) this.offset = this.mark + 1;
  }

  clearMark(): void {
    this.mark = undefined;
  }

  /**
   * Passes bytes up to the next `magic` (true), or to the end of input (false). A match across two
   * reads is found too.
   */
  async seek(magic: Buffer): Promise<boolean> {
    for (;;) {
      const held = await this.ensure(magic.length);
      const at = this.buf.indexOf(magic, this.offset - this.base);
      if (at >= 0) {
        this.offset = this.base + at;
        return true;
      }
      // Keep the last bytes: they may begin a match that the next read completes.
      const rest = Math.max(0, Math.min(held, magic.length - 1));
      if (this.ended) {
        this.offset += held;
        return false;
      }
      this.offset += held - rest;
      await this.ensure(rest + 1);
    }
  }

  /** Releases the underlying stream (a download) when reading stops early. */
  async close(): Promise<void> {
    await this.chunks.return?.();
  }
}
