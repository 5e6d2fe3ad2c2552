import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDocShard } from '../../../pipeline/arrow/doc_shard_reader.js';
import { DocShardWriter } from '../../../pipeline/arrow/doc_shard_writer.js';
import { ShardError } from '../../../pipeline/arrow/shard_error.js';
import { collect } from '../../helpers/context.js';
import { startSieve, type CliResult } from '../../helpers/cli.js';
import { writeShard } from '../../helpers/shards.js';

const dir = mkdtempSync(path.join(tmpdir(), 'sieve-arrow-file-'));
const docs = Array.from({ length: 5 }, (_, i) => ({
  id: `d${i}`,
  text: `text of doc ${i}`,
  url: `https://example.org/${i}`,
  meta: { n: i },
}));

async function goodShard(name: string): Promise<Buffer> {
  const file = path.join(dir, name);
  await writeShard(file, docs, { n: 'int32' });
  return readFileSync(file);
}

/** `sieve inspect <file>`, killed after `ms`: a reader that loops fails the test instead of hanging it. */
function inspectWithin(file: string, ms: number): Promise<CliResult & { killed: boolean }> {
  const child = startSieve(['inspect', file]);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    process.kill(-child.pid!, 'SIGKILL');
  }, ms);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, killed });
    }),
  );
}

describe('corrupt Arrow files', () => {
  // The first message apache-arrow reads starts after the 8-byte magic; its metadata length follows its continuation marker.
  it.each([7, -2])(
    'a metadata length of %i is one ShardError line from sieve inspect, not a hang',
    async (length) => {
      const bytes = await goodShard(`meta-${length}.arrow`);
      bytes.writeInt32LE(length, 12);
      const file = path.join(dir, `meta-${length}.arrow`);
      writeFileSync(file, bytes);
      const result = await inspectWithin(file, 10_000);
      expect(result.killed, 'sieve inspect still running after 10 s').toBe(false);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `sieve: ${file}: corrupt Arrow shard (message at byte 8: metadata length ${length} is not a positive multiple of 8 inside the file)\n`,
      );
    },
    20_000,
  );

  it('a truncated shard is one ShardError line, from the reader and from sieve inspect', async () => {
    const bytes = await goodShard('whole.arrow');
    const file = path.join(dir, 'truncated.arrow');
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await expect(collect(readDocShard(file))).rejects.toThrow(ShardError);
    await expect(collect(readDocShard(file))).rejects.toThrow(
      `${file}: corrupt Arrow shard (no ARROW1 magic at its end: the file is cut short)`,
    );
    const result = await inspectWithin(file, 10_000);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`sieve: ${file}: corrupt Arrow shard (no ARROW1 magic at its end: the file is cut short)\n`);
  }, 20_000);

  it('a stream-format shard cut between two batches is one ShardError line, not fewer docs', async () => {
    const stream = async (name: string, n: number) => {
      const writer = await DocShardWriter.create(
        path.join(dir, name),
        { meta: { n: 'int32' }, html: false, reason: false },
        { rows: 2, bytes: 1 << 20 },
        'stream',
      );
      for (const doc of docs.slice(0, n)) await writer.write(doc);
      await writer.close();
      return readFileSync(path.join(dir, name));
    };
    // A one-batch stream without its end-of-stream marker is the five-doc stream cut after its first batch.
    const one = await stream('one.arrow', 2);
    const five = await stream('five.arrow', 5);
    const cut = one.subarray(0, one.length - 8);
    expect(five.subarray(0, cut.length).equals(cut)).toBe(true);
    const file = path.join(dir, 'cut-stream.arrow');
    writeFileSync(file, cut);
    expect(await collect(readDocShard(path.join(dir, 'five.arrow')))).toHaveLength(5);
    await expect(collect(readDocShard(file))).rejects.toThrow(
      `${file}: corrupt Arrow shard (its stream ends without the end-of-stream marker: it is cut short)`,
    );
  });

  it('a shard that is not the one its run recorded is refused before a doc is read', async () => {
    const bytes = await goodShard('recorded.arrow');
    const file = path.join(dir, 'recorded.arrow');
    const at = bytes.indexOf('text of doc 3');
    bytes[at] = 'T'.charCodeAt(0);
    const recorded = { bytes: bytes.length, sha256: 'f'.repeat(64) };
    writeFileSync(file, bytes);
    // Without a record the flipped byte reads as different text: only the checksum tells.
    expect((await collect(readDocShard(file))).map((d) => d.text)).toContain('Text of doc 3');
    await expect(collect(readDocShard(file, recorded))).rejects.toThrow('its sha256 differs from the one recorded when it was written');
  });
});
