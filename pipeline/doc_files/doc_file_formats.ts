import { ShardError } from '../arrow/shard_error.js';
import { arrowDocFiles } from './arrow_doc_files.js';
import type { DocFileFormat } from './doc_file_format.js';
import { jsonlDocFiles } from './jsonl_doc_files.js';

/** The formats `write` writes and Sieve reads back, by the name `write: { format }` takes. */
export const DOC_FILE_FORMATS = {
  arrow: arrowDocFiles,
  jsonl: jsonlDocFiles,
} as const satisfies Record<string, DocFileFormat>;

export type DocFileFormatName = keyof typeof DOC_FILE_FORMATS;
export const DOC_FILE_FORMAT_NAMES = Object.keys(DOC_FILE_FORMATS) as [DocFileFormatName, ...DocFileFormatName[]];

/** The format a doc file's name says; a name no format writes is a ShardError listing the endings that are. */
export function docFileFormatOf(file: string): DocFileFormat {
  const endings = (format: DocFileFormat) => [format.extension(undefined), ...format.compressions.map((c) => format.extension(c))];
  const format = Object.values(DOC_FILE_FORMATS).find((f: DocFileFormat) => endings(f).some((e) => file.endsWith(e)));
  if (format) return format;
  const known = [...new Set(Object.values(DOC_FILE_FORMATS).flatMap(endings))];
  throw new ShardError(file, `its name ends in none of ${known.join(', ')}`, 'doc file');
}
