/** How much of the start of a body is sampled to decide whether it is HTML at all. */
const SAMPLE = 64 * 1024;
/** Text has almost no C0 controls; binary (images, archives, PDFs served as text/html) is full of them. */
const MAX_CONTROL_SHARE = 0.05;
/** Bytes that were not valid in the declared encoding decode to U+FFFD: many of them mean binary. */
const MAX_REPLACEMENT_SHARE = 0.2;
const TAG = /<(?:[a-zA-Z][a-zA-Z0-9-]*|!doctype|!--)/i;

/** Why a body labelled HTML is not HTML (binary, or plain text without a single tag), if it is not. */
export function notHtmlReason(html: string): string | undefined {
  const n = Math.min(html.length, SAMPLE);
  let controls = 0;
  let replacements = 0;
  for (let i = 0; i < n; i++) {
    const c = html.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) controls++;
    else if (c === 0xfffd) replacements++;
  }
  if (controls > n * MAX_CONTROL_SHARE || replacements > n * MAX_REPLACEMENT_SHARE) return 'extract:binary';
  if (!TAG.test(html.slice(0, SAMPLE))) return 'extract:not_html';
  return undefined;
}
