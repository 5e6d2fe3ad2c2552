import type { DocShardLayout } from '../arrow/doc_schema.js';
import type { OutputKind, TaskOutputs } from '../task/outputs.js';
import { arrowDocFiles } from './arrow_doc_files.js';
import type { DocFileFormat, DocFileSettings, DocFileWriter } from './doc_file_format.js';

/**
 * A doc file that a task writes: it lands under its final name only when the task commits, once
 * a re-read of the whole file counted the rows its writer declared.
 */
export async function openTaskDocFile(
  outputs: TaskOutputs,
  relPath: string,
  kind: OutputKind,
  format: DocFileFormat,
  layout: DocShardLayout,
  settings: DocFileSettings = {},
): Promise<DocFileWriter> {
  const tmp = outputs.open(relPath, kind, async (file, declared) => {
    const rows = await format.countRows(file, settings);
    if (rows !== declared.rows) throw new Error(`${file} holds ${rows} rows, its writer wrote ${declared.rows}`);
  });
  const writer = await format.create(tmp, layout, settings);
  return {
    write: (doc, reason) => writer.write(doc, reason),
    async close() {
      const rows = await writer.close();
      outputs.close(relPath, { rows });
      return rows;
    },
  };
}

/** The Arrow IPC file a task hands to the next phase (`intermediate`), or keeps its rejects in. */
export const openTaskShard = (outputs: TaskOutputs, relPath: string, kind: OutputKind, layout: DocShardLayout) =>
  openTaskDocFile(outputs, relPath, kind, arrowDocFiles, layout);
