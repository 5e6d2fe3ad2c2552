import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { warcSource } from '../../../../stages/sources/warc/warc_source.js';
import type { Doc } from '../../../../pipeline/doc.js';
import type { SourceStage } from '../../../../pipeline/stage.js';
import { collect, testContext, type TestContext } from '../../../helpers/context.js';

/** The shared real-WARC collection (tests run from the repo root). */
export const REAL = path.resolve('..', 'shared', 'data', 'warc');

/** An HTTP response message as a crawler stores it. */
export function httpResponse(
  body: Buffer | string,
  headers: Record<string, string> = { 'Content-Type': 'text/html; charset=utf-8' },
  status = 200,
): Buffer {
  const head = [`HTTP/1.1 ${status} X`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`), Buffer.from(body)]);
}

export interface RecordSpec {
  type?: string;
  id?: string;
  uri?: string;
  contentType?: string;
  /** Written as Content-Length instead of the block's true length. */
  contentLength?: number;
  version?: string;
  eol?: string;
}

/** One WARC record: version line, headers, block, separator. */
export function warcRecord(block: Buffer | string, spec: RecordSpec = {}): Buffer {
  const eol = spec.eol ?? '\r\n';
  const bytes = Buffer.from(block);
  const lines = [
    spec.version ?? 'WARC/1.0',
    `WARC-Type: ${spec.type ?? 'response'}`,
    `WARC-Record-ID: <urn:uuid:${spec.id ?? 'rec'}>`,
    `WARC-Date: 2024-01-01T00:00:00Z`,
    `WARC-Target-URI: ${spec.uri ?? `http://example.com/${spec.id ?? 'rec'}`}`,
    `Content-Type: ${spec.contentType ?? 'application/http; msgtype=response'}`,
    `Content-Length: ${spec.contentLength ?? bytes.length}`,
  ];
  return Buffer.concat([Buffer.from(lines.join(eol) + eol + eol), bytes, Buffer.from(eol + eol)]);
}

/** A good HTML page record with id `page-<n>`. */
export function page(n: number, spec: RecordSpec = {}): Buffer {
  return warcRecord(httpResponse(`<html><body><p>page ${n}</p></body></html>`), { id: `page-${n}`, ...spec });
}

export function tmpFile(name: string, bytes: Buffer | string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sieve-warc-')), name);
  writeFileSync(file, bytes);
  return file;
}

export function warcStage(options: Record<string, unknown> = {}, baseDir = REAL): SourceStage {
  const opts = warcSource.options.parse({ paths: ['unused'], ...options });
  return warcSource.create(opts, { baseDir, runDir: baseDir }) as SourceStage;
}

/** Reads one file through the stage: the docs it yields and the counters it left. */
export async function readWarc(file: string, options: Record<string, unknown> = {}): Promise<{ docs: Doc[]; ctx: TestContext }> {
  const ctx = testContext();
  const docs = await collect(warcStage(options).read(file, ctx));
  return { docs, ctx };
}
