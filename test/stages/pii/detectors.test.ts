import { describe, expect, it } from 'vitest';
import { DETECTORS, type PiiKind } from '../../../stages/pii/detectors.js';
import { detect } from '../../../stages/pii/pii.js';
import { growth, LINEAR } from './growth.js';

/** Inputs built to make each detector's pattern rescan: long runs of the characters it matches. */
const ADVERSARIAL: [PiiKind, string, (n: number) => string][] = [
  ['email', 'a run of local-part characters', (n) => 'a'.repeat(n)],
  ['email', 'a dotted run of local-part characters', (n) => 'a.'.repeat(n / 2)],
  ['email', 'a run of domain labels', (n) => `a@${'b.'.repeat(n / 2)}`],
  ['phone', 'a run of digits', (n) => '1'.repeat(n)],
  ['phone', 'a run of digit pairs', (n) => '12 '.repeat(n / 3)],
  ['phone', 'a run of country codes', (n) => '+1 '.repeat(n / 3)],
  ['credit_card', 'a run of digits', (n) => '1'.repeat(n)],
  ['credit_card', 'a run of spaced digits', (n) => '1 '.repeat(n / 2)],
  ['credit_card', 'a run of dashed digits', (n) => '1-'.repeat(n / 2)],
  ['ipv6', 'a run of hex digits and colons', (n) => 'a:'.repeat(n / 2)],
  ['ipv6', 'a run of colons', (n) => ':'.repeat(n)],
  ['ipv6', 'a run of full groups', (n) => 'abcd:'.repeat(n / 5)],
  ['ipv4', 'a run of dotted numbers', (n) => '1.'.repeat(n / 2)],
  ['ipv4', 'a run of dotted octets', (n) => '255.'.repeat(n / 4)],
  ['iban', 'a run of letters and digits', (n) => 'AB12'.repeat(n / 4)],
  ['iban', 'a run of groups of four', (n) => 'DE89 3704 '.repeat(n / 10)],
  ['iban', 'a run of capitals', (n) => 'A'.repeat(n)],
];

describe('pii detectors on adversarial input', () => {
  it.each(ADVERSARIAL)('%s scans %s in linear time', (kind, _shape, make) => {
    const detector = DETECTORS.find((d) => d.kind === kind)!;
    expect(growth(make, (text) => detect(text, [detector]), 20_000)).toBeLessThan(LINEAR);
  });

  it('scans a 300,000-character run of e-mail local-part characters in linear time, and finds the address after it', () => {
    // The unbounded local part made every start position rescan the run: 300,000 characters took over 150 s.
    expect(
      growth(
        (n) => 'a'.repeat(n),
        (text) => detect(text, DETECTORS),
        20_000,
      ),
    ).toBeLessThan(LINEAR);
    const spans = detect(`${'a'.repeat(300_000)} ann@corp.org`, DETECTORS);
    expect(spans.map((s) => s.value)).toEqual(['ann@corp.org']);
  });

  it('takes addresses only within the RFC 5321 and 1035 lengths', () => {
    const local64 = `${'a'.repeat(64)}@corp.org`;
    const domain253 = `ann@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(57)}.org`;
    expect(detect(`${local64} ${domain253}`, DETECTORS).map((s) => s.value)).toEqual([local64, domain253]);
    expect(detect(`a${local64} ${domain253.replace('ann@', 'ann@x')}`, DETECTORS)).toEqual([]);
  });
});
