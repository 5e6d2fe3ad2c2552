import { createHash } from 'node:crypto';
import type { Doc } from '../../../pipeline/doc.js';
import { decodeHtml } from './charset.js';
import { decodePayload } from './content_coding.js';
import { lastHeader, parseContentType, parseHttpResponse } from './http_payload.js';
import type { WarcRecord } from './record_reader.js';
import { textProblem } from './text_checks.js';

export interface HtmlPolicy {
  /** Mime types kept, lower-case. */
  contentTypes: ReadonlySet<string>;
  maxBodyBytes: number;
}

/** A doc, or the named reason the record is not one. */
export type Outcome = { doc: Doc } | { reason: string };

/** `<urn:uuid:…>` → `urn:uuid:…`: WARC/0.17 and wget write the brackets, others do not. */
function unbracket(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v?.startsWith('<') && v.endsWith('>') ? v.slice(1, -1).trim() : v || undefined;
}

/** Turns a `response` record into a doc: a 2xx HTML page, decoded to a string. */
export function responseToDoc(record: WarcRecord, policy: HtmlPolicy, tally: (key: string) => void): Outcome {
  if (!record.block) return { reason: 'warc:body_too_large' };
  const res = parseHttpResponse(record.block);
  if (!res) return { reason: 'warc:not_http' };
  if (res.status < 200 || res.status > 299) return { reason: 'warc:http_status' };
  const { mime, charset: httpCharset } = parseContentType(lastHeader(res, 'content-type'));
  if (!policy.contentTypes.has(mime)) return { reason: 'warc:not_html' };
  const payload = decodePayload(res, policy.maxBodyBytes, tally);
  if ('reason' in payload) return payload;
  if (payload.body.length === 0) return { reason: 'warc:empty_body' };
  const { html, charset } = decodeHtml(payload.body, httpCharset, tally);
  const problem = textProblem(html);
  if (problem) return { reason: problem };

  const url = unbracket(record.headers.get('warc-target-uri'));
  const recordId = unbracket(record.headers.get('warc-record-id'));
  const id =
    recordId?.replace(/^urn:uuid:/i, '') ??
    createHash('sha1')
      .update(`${url ?? ''}\n${html}`)
      .digest('hex');
  return {
    doc: {
      id,
      text: '',
      url,
      html,
      meta: {
        warc_date: record.headers.get('warc-date') ?? null,
        warc_record_id: recordId ?? null,
        content_type: mime,
        charset,
        http_status: res.status,
      },
    },
  };
}
