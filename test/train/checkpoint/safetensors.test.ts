import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSafetensors, writeSafetensors } from '../../../train/checkpoint/safetensors.js';

describe('safetensors files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sieve-st-'));
  const file = path.join(dir, 'a.safetensors');
  const tensors = new Map([
    ['wte', { shape: [2, 3], data: Float32Array.from([1, -2, 3.5, 0, 1e-8, 7]) }],
    ['vocab.token_ids', { shape: [3], data: Int32Array.from([5, 9, -1]) }],
  ]);

  it('round-trip tensors and metadata, in the layout other tools read (8-byte header length, JSON, aligned data)', async () => {
    await writeSafetensors(file, tensors, { sieve: '{"step":3}' });
    const bytes = readFileSync(file);
    const headerSize = Number(bytes.readBigUInt64LE(0));
    expect((8 + headerSize) % 8).toBe(0);
    const header = JSON.parse(bytes.toString('utf8', 8, 8 + headerSize)) as Record<string, { dtype: string; data_offsets: number[] }>;
    expect(header.wte).toMatchObject({ dtype: 'F32', shape: [2, 3], data_offsets: [0, 24] });
    expect(header['vocab.token_ids']).toMatchObject({ dtype: 'I32', data_offsets: [24, 36] });
    const back = await readSafetensors(file);
    expect(back.metadata).toEqual({ sieve: '{"step":3}' });
    expect(back.tensors.get('wte')).toEqual(tensors.get('wte'));
    expect(back.tensors.get('vocab.token_ids')).toEqual(tensors.get('vocab.token_ids'));
  });

  it('say so when a file is cut short, instead of returning garbage', async () => {
    await writeSafetensors(file, tensors, {});
    const cut = path.join(dir, 'cut.safetensors');
    writeFileSync(cut, readFileSync(file).subarray(0, -4));
    await expect(readSafetensors(cut)).rejects.toThrow(/truncated inside tensor "vocab.token_ids"/);
  });
});
