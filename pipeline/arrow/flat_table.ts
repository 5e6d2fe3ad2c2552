/**
 * A flatbuffer table read with every offset checked against its buffer. apache-arrow's flatbuffer
 * reads past the end return zeros, so a corrupt length can make it loop billions of times; reading
 * Arrow's metadata through this first turns such a length into an error.
 */
export class FlatTable {
  private readonly vtable: number;
  private readonly vtableSize: number;

  private constructor(
    private readonly view: DataView,
    private readonly pos: number,
  ) {
    this.vtable = pos - int32(view, pos);
    this.vtableSize = uint16(view, this.vtable);
    need(view, this.vtable, this.vtableSize);
  }

  /** The table a buffer's root offset points at. */
  static root(bytes: Uint8Array): FlatTable {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return new FlatTable(view, uint32(view, 0));
  }

  uint8(slot: number): number {
    const at = this.at(slot);
    return at === undefined ? 0 : (need(this.view, at, 1), this.view.getUint8(at));
  }

  /** A 64-bit integer field; beyond 2^53 it is no size or offset a file can have, so it is refused. */
  int64(slot: number): number {
    const at = this.at(slot);
    return at === undefined ? 0 : int64(this.view, at);
  }

  table(slot: number): FlatTable | undefined {
    const at = this.at(slot);
    return at === undefined ? undefined : new FlatTable(this.view, at + uint32(this.view, at));
  }

  /** A vector whose elements take `width` bytes each: its length and where its elements start, checked to lie inside the buffer. */
  vector(slot: number, width: number): { length: number; start: number } | undefined {
    const at = this.at(slot);
    if (at === undefined) return undefined;
    const vec = at + uint32(this.view, at);
    const length = uint32(this.view, vec);
    need(this.view, vec + 4, length * width);
    return { length, start: vec + 4 };
  }

  /** The tables of a vector of tables. */
  tables(slot: number): FlatTable[] {
    const vec = this.vector(slot, 4);
    if (!vec) return [];
    return Array.from({ length: vec.length }, (_, i) => {
      const at = vec.start + 4 * i;
      return new FlatTable(this.view, at + uint32(this.view, at));
    });
  }

  /** An integer inside a struct element of a vector, at an absolute offset `vector` returned. */
  structInt(at: number, width: 4 | 8): number {
    return width === 4 ? int32(this.view, at) : int64(this.view, at);
  }

  /** Absolute offset of a field, or undefined when the table does not set it. */
  private at(slot: number): number | undefined {
    const entry = 4 + 2 * slot;
    if (entry + 2 > this.vtableSize) return undefined;
    const offset = uint16(this.view, this.vtable + entry);
    return offset === 0 ? undefined : this.pos + offset;
  }
}

function need(view: DataView, at: number, n: number): void {
  if (!(at >= 0 && n >= 0 && at + n <= view.byteLength))
    throw new RangeError(`its metadata reads ${n} bytes at ${at}, past its ${view.byteLength} bytes`);
}

function uint16(view: DataView, at: number): number {
  need(view, at, 2);
  return view.getUint16(at, true);
}

function int32(view: DataView, at: number): number {
  need(view, at, 4);
  return view.getInt32(at, true);
}

function uint32(view: DataView, at: number): number {
  need(view, at, 4);
  return view.getUint32(at, true);
}

/** Sizes and offsets beyond 2^53 are no file's: refused rather than rounded. */
function int64(view: DataView, at: number): number {
  need(view, at, 8);
  const value = view.getBigInt64(at, true);
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError(`integer ${value} out of range`);
  return Number(value);
}
