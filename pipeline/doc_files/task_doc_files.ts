import path from 'node:path';
import type { DocShardLayout } from '../arrow/doc_schema.js';
import type { Doc } from '../doc.js';
import type { TaskOutputs } from '../task/outputs.js';
import type { DocFileFormat, DocFileSettings, DocFileWriter } from './doc_file_format.js';
import { partitionOf, templateKeys } from './partition_path.js';
import { openTaskDocFile } from './task_doc_file.js';

export interface DocFilesPlan {
  format: DocFileFormat;
  settings: DocFileSettings;
  layout: DocShardLayout;
  /** The output folder, relative to the run dir; `{key}` placeholders partition it by meta value. */
  path: string;
  /** A file holds at most this many docs. */
  maxRows?: number;
  /** A file holds at most this many bytes of docs (see `docBytes`), or one doc alone when that is larger. */
  maxBytes?: number;
  /** Files open at once; past it the least recently written one is closed, and its folder's next doc starts a new part. */
  maxOpen: number;
}

interface OpenFile {
  writer: DocFileWriter;
  rows: number;
  bytes: number;
}

/**
 * The doc files one task writes. Without partitions or size limits that is one file,
 * `<dir>/<rank>.<ext>`, as before; otherwise `<folder>/<rank>-<part>.<ext>`, parts numbered from 0
 * per folder in the order the task fills them. Where a file is cut depends on the docs and the
 * config alone, so the names and contents are the same on every run.
 */
export class TaskDocFiles {
  private readonly open = new Map<string, OpenFile>();
  private readonly nextPart = new Map<string, number>();
  private readonly partitioned: boolean;
  private readonly parted: boolean;

  constructor(
    private readonly outputs: TaskOutputs,
    private readonly rank: number,
    private readonly plan: DocFilesPlan,
  ) {
    this.partitioned = templateKeys(plan.path).length > 0;
    this.parted = this.partitioned || plan.maxRows !== undefined || plan.maxBytes !== undefined;
  }

  /** Writes `doc` to its folder's file; resolves to its partition's label (undefined when the path has none). */
  async write(doc: Doc): Promise<string | undefined> {
    const { dir, label } = this.partitioned ? partitionOf(this.plan.path, doc) : { dir: this.plan.path, label: undefined };
    const bytes = docBytes(doc, this.plan.layout);
    let file = this.open.get(dir);
    if (file && (file.rows === this.plan.maxRows || (file.rows > 0 && file.bytes + bytes > (this.plan.maxBytes ?? Infinity)))) {
      await this.closeFile(dir);
      file = undefined;
    }
    if (file) {
      // Most recently written last: the first entry is the one to close when too many are open.
      this.open.delete(dir);
      this.open.set(dir, file);
    } else {
      if (this.open.size === this.plan.maxOpen) await this.closeFile(this.open.keys().next().value!);
      file = await this.openFile(dir);
    }
    await file.writer.write(doc);
    file.rows++;
    file.bytes += bytes;
    return label;
  }

  /** Closes every open file. A task that wrote nothing to an unpartitioned path still writes one empty file, carrying the schema. */
  async close(): Promise<void> {
    if (!this.partitioned && this.nextPart.size === 0) await this.openFile(this.plan.path);
    for (const dir of [...this.open.keys()]) await this.closeFile(dir);
  }

  private async openFile(dir: string): Promise<OpenFile> {
    const part = this.nextPart.get(dir) ?? 0;
    this.nextPart.set(dir, part + 1);
    const name = `${pad(this.rank, 5)}${this.parted ? `-${pad(part, 5)}` : ''}${this.plan.format.extension(this.plan.settings.compression)}`;
    const { format, layout, settings } = this.plan;
    const writer = await openTaskDocFile(this.outputs, path.posix.join(dir, name), 'docs', format, layout, settings);
    const file = { writer, rows: 0, bytes: 0 };
    this.open.set(dir, file);
    return file;
  }

  private async closeFile(dir: string): Promise<void> {
    const file = this.open.get(dir)!;
    this.open.delete(dir);
    await file.writer.close();
  }
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A doc's size as size limits count it: UTF-8 bytes of its strings, 8 for a number or a boolean; before any encoding or compression. */
export function docBytes(doc: Doc, layout: DocShardLayout): number {
  let bytes = Buffer.byteLength(doc.id) + Buffer.byteLength(doc.text) + Buffer.byteLength(doc.url ?? '');
  if (layout.html) bytes += Buffer.byteLength(doc.html ?? '');
  for (const key of Object.keys(layout.meta)) {
    const value = doc.meta[key];
    bytes += typeof value === 'string' ? Buffer.byteLength(value) : value === null || value === undefined ? 0 : 8;
  }
  return bytes;
}
