/**
 * Lines that only date the article ("05. Februar 2020", "Oct 9, 2019, 3:59 PM", "Aktualisiert am
 * 23.10.2018"): recognised by the shape of dates and clock times, in any language, not by words.
 */

const DATE_OR_TIME = new RegExp(
  [
    /\d{1,2}[./-] ?\d{1,2}[./-] ?\d{2,4}/, // 23.10.2018, 10/23/18
    /\d{4}-\d{2}-\d{2}/, // 2018-10-23
    /\d{1,2}:\d{2}(?: ?[ap]\.?m\.?)?/, // 05:28, 3:59 pm
    /\d{1,2}\.? [^\W\d]{3,}\.?,? \d{4}/u, // 5. Mai 2019, 11 Jan 2019
    /[^\W\d]{3,}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}/u, // Oct 9, 2019
  ]
    .map((r) => r.source)
    .join('|'),
  'giu',
);

/** A line this short may be a dateline; longer ones are sentences that mention a date. */
const DATELINE_MAX = 40;
/** What may remain beside the dates: a label ("Aktualisiert am"), a weekday, a place. */
const DATELINE_REST = 20;

export function isDateline(line: string): boolean {
  if (line.length >= DATELINE_MAX) return false;
  const rest = line.replace(DATE_OR_TIME, '');
  return rest.length < line.length && rest.replace(/[\s\p{P}]/gu, '').length <= DATELINE_REST;
}
