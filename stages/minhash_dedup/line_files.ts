import { createReadStream } from 'node:fs';

/** Validator for a file of JSON lines: exactly the declared number of whole lines. */
export async function checkLineCount(file: string, declared: { rows: number }): Promise<void> {
  let lines = 0;
  let last = 10;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
    if (chunk.length > 0) last = chunk[chunk.length - 1]!;
  }
  if (last !== 10) throw new Error(`${file} ends in a partial line`);
  if (lines !== declared.rows) throw new Error(`${file} holds ${lines} lines, ${declared.rows} were written`);
}
