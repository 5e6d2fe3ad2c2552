import { open } from 'node:fs/promises';
import { RecordBatchReader, type RecordBatch, type Schema } from 'apache-arrow';
import { sha256 } from '../task/file_outputs.js';
import { batchProblem } from './check_batch.js';
import { checkFraming } from './ipc_framing.js';
import { ShardError } from './shard_error.js';

/** What a run recorded of a file it wrote (its task result, its ledger): checked before the file is read. */
export interface RecordedFile {
  bytes: number;
  sha256: string;
}

/** An Arrow IPC file whose framing checked out; its batches are checked as they are decoded. */
export interface ArrowFile {
  readonly schema: Schema;
  batches(): AsyncGenerator<RecordBatch>;
  close(): Promise<void>;
}

/**
 * The one way Sieve opens an Arrow file: the size and sha256 the run recorded (when given), then
 * the framing, are checked before apache-arrow reads a byte, and every failure after that is a
 * ShardError naming the file, so a corrupt file is one clear line, never a loop or a stack.
 */
export async function openArrowFile(file: string, recorded?: RecordedFile): Promise<ArrowFile> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (recorded) await checkRecorded(file, size, recorded);
    await checkFraming(handle, size);
    const reader = await RecordBatchReader.from(handle);
    await reader.open();
    const listed = reader.isFile() ? reader.footer?.numRecordBatches : undefined;
    return {
      schema: reader.schema,
      batches: () => checkedBatches(file, reader, listed),
      close: () => handle.close(),
    };
  } catch (e) {
    await handle.close();
    throw asShardError(file, e);
  }
}

/** Opens `file`, hands it to `use`, closes it. */
export async function withArrowFile<T>(file: string, use: (arrow: ArrowFile) => Promise<T>, recorded?: RecordedFile): Promise<T> {
  const arrow = await openArrowFile(file, recorded);
  try {
    return await use(arrow);
  } finally {
    await arrow.close();
  }
}

async function* checkedBatches(file: string, reader: AsyncIterable<RecordBatch>, listed: number | undefined): AsyncGenerator<RecordBatch> {
  let read = 0;
  const iterator = reader[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<RecordBatch>;
    try {
      next = await iterator.next();
    } catch (e) {
      throw asShardError(file, e);
    }
    if (next.done) break;
    const problem = batchProblem(next.value);
    if (problem) throw new ShardError(file, problem);
    read++;
    yield next.value;
  }
  if (listed !== undefined && read !== listed) throw new ShardError(file, `its footer lists ${listed} batches, ${read} could be read`);
}

/** Checks a file of size `size` against what its run recorded, before any of it is parsed; `what` names its kind in the error. */
export async function checkRecorded(file: string, size: number, recorded: RecordedFile, what?: string): Promise<void> {
  if (size !== recorded.bytes) throw new ShardError(file, `${size} bytes, where ${recorded.bytes} were written`, what);
  if ((await sha256(file)) !== recorded.sha256)
    throw new ShardError(file, 'its sha256 differs from the one recorded when it was written', what);
}

/** apache-arrow's errors, and the framing check's, as one ShardError; errors of the file system (a failed syscall) stay as they are. */
function asShardError(file: string, e: unknown): Error {
  if (e instanceof ShardError || (e instanceof Error && 'syscall' in e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new ShardError(file, message.split('\n')[0]!.slice(0, 200));
}
