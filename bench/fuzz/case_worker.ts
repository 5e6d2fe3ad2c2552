import { parentPort, workerData } from 'node:worker_threads';
import type { FuzzOutcome, FuzzTarget } from '../../test/fuzz/fuzz_target.js';
import { fuzzCase } from '../../test/fuzz/mutate.js';

/** Which case to run; the worker derives the bytes itself, so no large input crosses threads. */
export interface CaseRequest {
  index: number;
}
export type CaseReply = FuzzOutcome | { error: string };

const { module, seed } = workerData as { module: string; seed: number };
const { target } = (await import(module)) as { target: FuzzTarget };
const seeds = await target.seeds();
const dictionary = target.dictionary ?? [];
const port = parentPort!;

port.on('message', async ({ index }: CaseRequest) => {
  let reply: CaseReply;
  try {
    reply = await target.run(fuzzCase(seeds, dictionary, seed, index));
  } catch (e) {
    reply = { error: (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).split('\n')[0]!.slice(0, 300) };
  }
  port.postMessage(reply);
});
port.postMessage('ready');
