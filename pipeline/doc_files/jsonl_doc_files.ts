import { STREAM_COMPRESSIONS, type StreamCompression } from './compression.js';
import type { DocFileFormat } from './doc_file_format.js';
import { readJsonlDocs } from './jsonl_doc_reader.js';
import { JsonlDocWriter } from './jsonl_doc_writer.js';

const COMPRESSIONS = ['gzip', 'zstd', 'none'] as const satisfies readonly StreamCompression[];

/** The compression a JSONL file's name says: `.jsonl.gz`, `.jsonl.zst` or `.jsonl`. */
function compressionOf(file: string): StreamCompression {
  return COMPRESSIONS.find((c) => file.endsWith(`.jsonl${STREAM_COMPRESSIONS[c]}`)) ?? 'none';
}

/** JSON Lines, one doc per line, gzip-compressed by default (what datatrove's JsonlWriter writes). */
export const jsonlDocFiles: DocFileFormat = {
  compressions: COMPRESSIONS,
  batched: false,
  extension: (compression) => `.jsonl${STREAM_COMPRESSIONS[(compression ?? 'gzip') as StreamCompression]}`,
  create: (file, layout, settings) => JsonlDocWriter.create(file, layout, (settings.compression ?? 'gzip') as StreamCompression),
  async countRows(file, settings) {
    let rows = 0;
    for await (const _ of readJsonlDocs(file, (settings.compression ?? 'gzip') as StreamCompression)) rows++;
    return rows;
  },
  read: (file, recorded) => readJsonlDocs(file, compressionOf(file), recorded),
  async fields(file) {
    for await (const doc of readJsonlDocs(file, compressionOf(file))) return ['id', 'text', 'url', ...Object.keys(doc.meta)];
    return ['id', 'text', 'url'];
  },
};
