import type { Doc, MetaSchema } from '../../../pipeline/doc.js';
import type { StageContext } from '../../../pipeline/stage.js';
import { addTo } from '../../../pipeline/stats.js';
import { responseToDoc, type HtmlPolicy } from './html_doc.js';
import { openWarc, type OpenUrl } from './open_input.js';
import { readWarcRecords } from './record_reader.js';

/** The meta keys of a doc read from a WARC response record. */
export const warcMeta: MetaSchema = {
  warc_date: 'string',
  warc_record_id: 'string',
  content_type: 'string',
  charset: 'string',
  http_status: 'int32',
};

/** For a caller that does not follow the bytes read. */
export const ignoreBytes = (_bytes: number): void => {};

/**
 * The HTML pages of one WARC file (a path or an http(s) URL), with every record that is not one
 * counted under a reason. A download that fails for good throws after the pages before the failure.
 * `onRead` is told the file's bytes as they are read (compressed, as stored or downloaded).
 */
export async function* warcDocs(
  input: string,
  policy: HtmlPolicy,
  openUrl: OpenUrl,
  ctx: StageContext,
  onRead: (bytes: number) => void,
): AsyncGenerator<Doc> {
  const tally = (key: string) => addTo(ctx.counters.counts, key);
  const skip = (reason: string) => ctx.skip(reason);
  const records = readWarcRecords(await openWarc(input, openUrl, { maxRecordBytes: policy.maxBodyBytes, skip }, onRead), {
    maxBodyBytes: policy.maxBodyBytes,
    skip,
    count: tally,
  });
  for await (const record of records) {
    ctx.counters.bytesIn += record.contentLength;
    tally(`record:${record.type || 'untyped'}`);
    if (record.type === 'resource') ctx.skip('warc:not_http');
    if (record.type !== 'response') continue;
    const outcome = responseToDoc(record, policy, tally);
    if ('doc' in outcome) yield outcome.doc;
    else ctx.skip(outcome.reason);
  }
}
