import { closeSync, openSync, writeSync } from 'node:fs';

const FLUSH_BYTES = 1 << 20;

/** Appends bytes to a file through a 1 MiB buffer: many small records, few system calls. */
export class ChunkWriter {
  private readonly fd: number;
  private readonly buf = Buffer.alloc(FLUSH_BYTES);
  private used = 0;

  constructor(file: string) {
    this.fd = openSync(file, 'w');
  }

  /** Room for `bytes` more, flushing first if needed; returns the buffer and the offset to write at. */
  reserve(bytes: number): { buf: Buffer; at: number } {
    if (bytes > FLUSH_BYTES) throw new Error(`a ${bytes}-byte write does not fit the ${FLUSH_BYTES}-byte buffer`);
    if (this.used + bytes > FLUSH_BYTES) this.flush();
    const at = this.used;
    this.used += bytes;
    return { buf: this.buf, at };
  }

  write(bytes: Buffer, start = 0, end = bytes.length): void {
    const { buf, at } = this.reserve(end - start);
    bytes.copy(buf, at, start, end);
  }

  writeText(text: string): void {
    const bytes = Buffer.byteLength(text);
    if (bytes > FLUSH_BYTES) {
      this.flush();
      writeSync(this.fd, text);
      return;
    }
    const { buf, at } = this.reserve(bytes);
    buf.write(text, at);
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    let done = 0;
    while (done < this.used) done += writeSync(this.fd, this.buf, done, this.used - done);
    this.used = 0;
  }
}
