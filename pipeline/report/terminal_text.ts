/**
 * Text from the crawl (pages, URLs, WARC headers) printed where a terminal may read it. Control
 * characters would steer the terminal instead of printing (set the window title, clear the screen,
 * open OSC 8 links, reorder text with bidi overrides), so each is shown as its `\uXXXX` escape:
 * C0 controls, DEL, C1 controls (U+009B is a CSI by itself) and the bidi embeddings, overrides and
 * isolates U+202A–202E, U+2066–2069.
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** The same but newline and tab, for text laid out over lines. */
const CONTROLS_BUT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** What JSON.stringify leaves raw: it escapes only C0 controls. */
const RAW_IN_JSON = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const escaped = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** A string for one line of terminal output: every control character shown as its escape. */
export const terminalLine = (s: string): string => s.replace(CONTROLS, escaped);

/** A string for terminal output over several lines: newlines and tabs kept, other controls shown as escapes. */
export const terminalText = (s: string): string => s.replace(CONTROLS_BUT_LAYOUT, escaped);

/** JSON with no raw control character: the escapes added are JSON's own, so it parses to the same value. */
export const terminalJson = (value: unknown, indent?: number): string => JSON.stringify(value, null, indent).replace(RAW_IN_JSON, escaped);
