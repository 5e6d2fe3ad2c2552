import { runShards } from './doc_source.js';
import { selectDocs, type Located } from './select_docs.js';

export interface DocSample {
  /** `output`, or the stage whose rejects these are. */
  title: string;
  docs: Located[];
}

const OUTPUT_DOCS = 5;
const REJECTS_PER_STAGE = 3;

/**
 * A few documents for the report page: the first of the output and of each stage's rejects. Reading
 * stops after them, so this stays cheap on any corpus size.
 */
export async function sampleDocs(runDir: string): Promise<DocSample[]> {
  const shards = runShards(runDir);
  const samples: DocSample[] = [];
  if (shards.docs.length) samples.push({ title: 'output', docs: (await selectDocs(shards.docs, [], { limit: OUTPUT_DOCS })).docs });
  for (const [stage, files] of shards.rejects) {
    samples.push({ title: `rejects of ${stage}`, docs: (await selectDocs(files, [], { limit: REJECTS_PER_STAGE })).docs });
  }
  return samples;
}
