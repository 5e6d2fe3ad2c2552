/** Above this share of C0 control characters (other than tab, newline, form feed, CR) a body is binary. */
const BINARY_SHARE = 0.05;
/** Above this share of U+FFFD the declared or guessed encoding was wrong and the text is noise. */
const UNDECODABLE_SHARE = 0.1;

/** Why decoded HTML is not text worth keeping (`warc:binary_body`, `warc:undecodable`), or undefined if it is. */
export function textProblem(html: string): string | undefined {
  let controls = 0;
  let replacements = 0;
  for (let i = 0; i < html.length; i++) {
    const c = html.charCodeAt(i);
    if (c < 0x20) {
      if (c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) controls++;
    } else if (c === 0xfffd) replacements++;
  }
  if (controls > html.length * BINARY_SHARE) return 'warc:binary_body';
  if (replacements > html.length * UNDECODABLE_SHARE) return 'warc:undecodable';
  return undefined;
}
