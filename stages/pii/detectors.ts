import { isIPv6 } from 'node:net';
import { ibanValid, luhnValid } from './checksums.js';
import { isPublicIPv4, isPublicIPv6 } from './ip_ranges.js';

export const PII_KINDS = ['email', 'ipv4', 'ipv6', 'phone', 'credit_card', 'iban'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

/**
 * Finds one kind of PII: a regex proposes candidates, `accept` confirms one and returns the part
 * that is PII (a prefix of the match: a trailing dot or word the regex took is left alone), or
 * null to leave the candidate as it is.
 */
export interface Detector {
  readonly kind: PiiKind;
  readonly pattern: RegExp;
  accept(match: string, text: string, index: number): string | null;
}

const LOCAL_CHAR = "A-Za-z0-9!#$%'*+^_`{|}~-";
/**
 * At most 64 characters (RFC 5321), starting where a run of local-part characters starts: the
 * look-behind and the bounded look-ahead stop each start position inside a long run from
 * rescanning the rest of it, which made a 300,000-character run take minutes.
 */
const LOCAL = `(?<![${LOCAL_CHAR}])(?=[.${LOCAL_CHAR}]{1,64}@)[${LOCAL_CHAR}]+(?:\\.[${LOCAL_CHAR}]+)*`;
/** Labels of at most 63 characters (RFC 1035), at most 127 of them: a name has at most 253 characters. */
const DOMAIN = '(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.){1,126}(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{2,59})';
const MAX_DOMAIN = 253;
/** Retina image names (`logo@2x.png`) look like addresses; no real TLD is a file extension. */
const FILE_TLD = /\.(?:png|jpe?g|gif|svg|webp|ico|bmp|css|js)$/i;

/**
 * RFC 5322 local parts without `/`, `=`, `?` and `&`: inside a URL (`?to=ann@x.org`,
 * `/users/ann@x.org/`) the address starts after them, and a path like `medium.com/@ann` has no
 * local part at all.
 */
const email: Detector = {
  kind: 'email',
  pattern: new RegExp(`${LOCAL}@${DOMAIN}(?![A-Za-z0-9_-])`, 'g'),
  accept: (m) => (FILE_TLD.test(m) || m.length - m.indexOf('@') - 1 > MAX_DOMAIN ? null : m),
};

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
/** Text before a dotted quad that makes it a version number ("v1.2.3.4", "version 10.0.0.1"). */
const VERSION_BEFORE = /(?:\bv|\bversion|\bver\.?|\brelease|\bbuild|\bfirmware|\brev\.?)\s*$/i;

/** A dotted quad standing alone: not part of a longer dotted number (1.2.3.4.5), not a version. */
const ipv4: Detector = {
  kind: 'ipv4',
  pattern: new RegExp(`(?<![\\p{L}\\p{N}_.])(?:${OCTET}\\.){3}${OCTET}(?![\\p{L}\\p{N}_]|\\.\\p{N})`, 'gu'),
  accept: (m, text, index) => (VERSION_BEFORE.test(text.slice(Math.max(0, index - 12), index)) || !isPublicIPv4(m) ? null : m),
};

/** Any run of hex digits, colons and dots with two colons or more; Node's parser decides what is an address. */
const ipv6: Detector = {
  kind: 'ipv6',
  pattern: /(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?::?(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])/g,
  accept: (m) => (isIPv6(m) && isPublicIPv6(m) ? m : null),
};

/** A date at the start ("2020-06-20", "20.06.2020"), possibly followed by the hour. */
const DATE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})(?!\d)/;
/** The US social security number layout (3-2-4), which is not a phone number. */
const SSN = /^\d{3}-\d{2}-\d{4}$/;
/**
 * Phone numbers written the usual ways: optional +country or 00 prefix, optional (area code),
 * groups split by a space, dot or dash (never a line break: numbers on two lines are two
 * numbers), an optional extension. 9 to 15 digits (ITU E.164 caps numbers at 15), written with a
 * separator or a leading +, and not shaped like a date or a social security number.
 */
const phone: Detector = {
  kind: 'phone',
  pattern:
    /(?<![\w+])(?:\+\d{1,3}[ .-]?|00\d{1,3}[ .-])?(?:\(\d{1,5}\)[ .-]?)?\d{2,8}(?:[ .-]\d{2,8}){0,4}(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![\w])/g,
  accept(m) {
    const main = m.replace(/\s?(?:x|ext\.?)\s?\d{1,5}$/, '');
    const digits = main.replace(/\D/g, '').length;
    if (digits < 9 || digits > 15 || DATE.test(main) || SSN.test(main)) return null;
    return /[ .()-]|^\+/.test(main) ? m : null;
  },
};

/** Card networks: issuer prefix and the number lengths each issues (Visa, Maestro, JCB, Dankort, UATP, Mastercard, Amex, Discover, Diners, UnionPay). */
const CARD_NETWORKS: readonly [RegExp, readonly number[]][] = [
  [/^4/, [13, 16, 19]],
  [/^(?:5018|5020|5038|5[6-8]|6304|6759|676[1-3]|6390)/, [12, 13, 14, 15, 16, 17, 18, 19]], // Maestro
  [/^(?:2131|1800)/, [15]], // JCB's 15-digit range
  [/^5019/, [16]], // Dankort
  [/^1/, [15]], // UATP
  [/^(?:5[1-5]|2[2-7])/, [16]],
  [/^3[47]/, [15]],
  [/^6(?:011|5|4[4-9])/, [16, 17, 18, 19]],
  [/^35/, [16, 17, 18, 19]],
  [/^3[068]/, [14, 15, 16, 17, 18, 19]],
  [/^62/, [16, 17, 18, 19]],
];

/** 12 to 19 digits, in groups split by spaces or dashes, of a card network's prefix and length, with a valid Luhn digit. */
const creditCard: Detector = {
  kind: 'credit_card',
  pattern: /(?<![\w-])\d(?:[ -]?\d){11,18}(?![\w-])/g,
  accept(m) {
    const digits = m.replace(/\D/g, '');
    const network = CARD_NETWORKS.some(([prefix, lengths]) => prefix.test(digits) && lengths.includes(digits.length));
    return network && luhnValid(digits) ? m : null;
  },
};

/**
 * IBANs, compact or in groups of four, with a valid ISO 7064 mod-97 check. The grouped form may
 * have run into a following upper-case word; then the longest valid prefix of whole groups wins.
 */
const iban: Detector = {
  kind: 'iban',
  pattern: /\b[A-Za-z]{2}\d{2}(?:[A-Za-z0-9]{11,30}|(?: [A-Za-z0-9]{4}){2,7}(?: [A-Za-z0-9]{1,4})?)\b/g,
  accept(m) {
    const groups = m.split(' ');
    for (let n = groups.length; n >= 1; n--) {
      const candidate = groups.slice(0, n).join(' ');
      const compact = candidate.replace(/ /g, '').toUpperCase();
      if (compact.length >= 15 && compact.length <= 34 && ibanValid(compact)) return candidate;
    }
    return null;
  },
};

/**
 * In the order they run: structured kinds first, so a card or account number is replaced before
 * the looser phone pattern sees its digits.
 */
export const DETECTORS: readonly Detector[] = [email, iban, creditCard, ipv6, ipv4, phone];
