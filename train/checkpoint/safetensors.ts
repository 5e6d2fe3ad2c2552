import { open, readFile } from 'node:fs/promises';

/**
 * The safetensors layout (Hugging Face): an 8-byte little-endian header length, a JSON header of
 * `name → { dtype, shape, data_offsets }` plus string `__metadata__`, then the raw little-endian
 * tensor bytes. Chosen so PyTorch and HF tools read Sieve checkpoints as they are.
 */
export type StoredTensor = { shape: number[]; data: Float32Array } | { shape: number[]; data: Int32Array };

const DTYPES = { F32: Float32Array, I32: Int32Array } as const;

export async function writeSafetensors(file: string, tensors: Map<string, StoredTensor>, metadata: Record<string, string>): Promise<void> {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const [name, t] of tensors) {
    header[name] = {
      dtype: t.data instanceof Float32Array ? 'F32' : 'I32',
      shape: t.shape,
      data_offsets: [offset, offset + t.data.byteLength],
    };
    offset += t.data.byteLength;
  }
  // The header is padded with spaces to a multiple of 8 so the data that follows stays aligned.
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((8 + Buffer.byteLength(json)) % 8)) % 8);
  const head = Buffer.alloc(8 + Buffer.byteLength(json));
  head.writeBigUInt64LE(BigInt(Buffer.byteLength(json)), 0);
  head.write(json, 8);
  const handle = await open(file, 'w');
  try {
    await handle.write(head);
    for (const t of tensors.values()) await handle.write(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function readSafetensors(file: string): Promise<{ tensors: Map<string, StoredTensor>; metadata: Record<string, string> }> {
  const bytes = await readFile(file);
  if (bytes.length < 8) throw new Error(`${file} is too short to be a safetensors file`);
  const size = Number(bytes.readBigUInt64LE(0));
  if (8 + size > bytes.length) throw new Error(`${file} is truncated (header of ${size} bytes, file of ${bytes.length})`);
  const header = JSON.parse(bytes.toString('utf8', 8, 8 + size)) as Record<
    string,
    { dtype: string; shape: number[]; data_offsets: [number, number] }
  >;
  const base = 8 + size;
  const tensors = new Map<string, StoredTensor>();
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = entry as unknown as Record<string, string>;
      continue;
    }
    const Type = DTYPES[entry.dtype as keyof typeof DTYPES];
    if (!Type) throw new Error(`${file}: tensor "${name}" has dtype ${entry.dtype}; Sieve writes only F32 and I32`);
    const [from, to] = entry.data_offsets;
    if (base + to > bytes.length) throw new Error(`${file} is truncated inside tensor "${name}"`);
    // Copied out so the tensor is aligned whatever its offset in the file.
    const data = new Type(bytes.buffer.slice(bytes.byteOffset + base + from, bytes.byteOffset + base + to));
    tensors.set(name, { shape: entry.shape, data } as StoredTensor);
  }
  return { tensors, metadata };
}
