/** What `readLine` returns: the bytes before the `\n` (a view, `\r` kept), and whether a `\n` ended it. */
export interface Line {
  bytes: Buffer;
  terminated: boolean;
}

/**
 * A mark in a stream of inflated bytes: the bytes from offset `lostFrom` up to here came from a gzip
 * member that broke off, and the rest of that member is missing. What follows starts a new member.
 */
export interface Gap {
  readonly lostFrom: number;
}

/**
 * Line, exact-length and skip reads over a stream of chunks, holding at most one partial line plus
 * what a caller asks for. A failing stream (a download that gave up) ends the input and leaves its
 * error in `error`, so every byte that arrived before the failure is still read. At a `Gap` the
 * input reads as ended, with the gap in `gap`, until `resume`.
 */
export class ByteSource {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private ended = false;
  /** The stream's error, when it failed rather than ended. */
  error: unknown;
  /** The gap the input stops at, once a read has come to it. */
  gap: Gap | undefined;
  /** Bytes handed out or skipped so far: the stream offset of the next byte. */
  consumed = 0;

  constructor(private readonly chunks: AsyncIterator<Buffer | Gap>) {}

  private get available(): number {
    return this.buf.length - this.pos;
  }

  /** Appends the next chunk to what is left of the buffer; false once the stream is over. */
  private async fill(): Promise<boolean> {
    const chunk = await this.next();
    if (!chunk) return false;
    this.buf = this.available > 0 ? Buffer.concat([this.buf.subarray(this.pos), chunk]) : chunk;
    this.pos = 0;
    return true;
  }

  private async next(): Promise<Buffer | undefined> {
    while (!this.ended && !this.gap) {
      try {
        const r = await this.chunks.next();
        if (r.done) this.ended = true;
        else if ('lostFrom' in r.value) this.gap = r.value;
        else if (r.value.length > 0) return r.value;
      } catch (err) {
        this.error = err;
        this.ended = true;
      }
    }
    return undefined;
  }

  /** True when every byte before the gap has been read. */
  get atGap(): boolean {
    return this.gap !== undefined && this.available === 0;
  }

  /** Drops what is left before the gap and reads on after it. */
  resume(): void {
    this.consumed += this.available;
    this.buf = Buffer.alloc(0);
    this.pos = 0;
    this.gap = undefined;
  }

  /** Releases the stream (a file or a download) when reading stops early. */
  async close(): Promise<void> {
    await this.chunks.return?.();
  }

  /** True when no byte is left (before the gap, at one). */
  async atEnd(): Promise<boolean> {
    return this.available === 0 && !(await this.fill());
  }

  /**
   * The next line, or undefined at the end of input. A line longer than `maxBytes` comes back in
   * pieces (unterminated), so junk without newlines never piles up in memory.
   */
  async readLine(maxBytes: number): Promise<Line | undefined> {
    let scanned = 0;
    for (;;) {
      const nl = this.buf.indexOf(0x0a, this.pos + scanned);
      if (nl >= 0 && nl - this.pos < maxBytes) return this.take(nl - this.pos, 1);
      if (this.available >= maxBytes) return this.take(maxBytes, 0);
      scanned = this.available;
      if (!(await this.fill())) return this.available > 0 ? this.take(this.available, 0) : undefined;
    }
  }

  private take(length: number, terminator: number): Line {
    const bytes = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length + terminator;
    this.consumed += length + terminator;
    return { bytes, terminated: terminator > 0 };
  }

  /** Puts bytes back in front of what is left, for a reader that went too far. */
  unread(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.buf = Buffer.concat([bytes, this.buf.subarray(this.pos)]);
    this.pos = 0;
    this.consumed -= bytes.length;
  }

  /** The next `n` bytes, fewer only when the input ends first. */
  async read(n: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    await this.pass(n, (part) => parts.push(part));
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  /** Streams past the next `n` bytes without keeping them; returns how many there were. */
  skip(n: number): Promise<number> {
    return this.pass(n, () => {});
  }

  private async pass(n: number, sink: (part: Buffer) => void): Promise<number> {
    let left = n;
    while (left > 0) {
      if (this.available === 0) {
        const chunk = await this.next();
        if (!chunk) break;
        this.buf = chunk;
        this.pos = 0;
      }
      const take = Math.min(left, this.available);
      sink(this.buf.subarray(this.pos, this.pos + take));
      this.pos += take;
      left -= take;
    }
    this.consumed += n - left;
    return n - left;
  }
}
