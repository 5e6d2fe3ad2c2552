import { describe, expect, it } from 'vitest';
import { ibanValid, luhnValid } from '../../../stages/pii/checksums.js';
import { DETECTORS } from '../../../stages/pii/detectors.js';
import { detect } from '../../../stages/pii/pii.js';
import { doc } from '../quality/docs.js';
import { runStage, streamStage } from '../quality/run_stage.js';
import { growth, LINEAR } from './growth.js';

const ALL = { kinds: ['email', 'ipv4', 'ipv6', 'phone', 'credit_card', 'iban'] };

async function scrubbed(text: string, options: Record<string, unknown> = ALL): Promise<string> {
  return (await runStage(streamStage('pii', options), [doc(text)])).out[0]!.text;
}

describe('pii', () => {
  it('replaces emails and public IPs by default, leaving private and documentation addresses', async () => {
    const text =
      'Write to jane.doe@gmail.com. The server 8.8.4.4 talks to 192.168.1.20, 127.0.0.1 and 203.0.113.7 over 2001:4860:4860::8888 and ::1.';
    expect(await scrubbed(text, {})).toBe(
      'Write to email@example.com. The server 192.0.2.1 talks to 192.168.1.20, 127.0.0.1 and 203.0.113.7 over 2001:db8::1 and ::1.',
    );
  });

  it('finds emails inside URLs but not handles, retina images or ids that only look like them', async () => {
    const text =
      'mailto:ann@corp.org?subject=hi https://x.io/unsubscribe?email=bob@site.io&list=7 https://medium.com/@john.smith/post logo@2x.png flickr.com/photos/12345678@N00/';
    expect(await scrubbed(text)).toBe(
      'mailto:email@example.com?subject=hi https://x.io/unsubscribe?email=email@example.com&list=7 https://medium.com/@john.smith/post logo@2x.png flickr.com/photos/12345678@N00/',
    );
  });

  it('leaves version numbers and longer dotted numbers that look like IPs', async () => {
    const text = 'Update to version 10.2.0.1 or v4.4.8.8; section 1.2.3.4.5 of the spec; build 8.8.8.8 is out. The host was 8.8.8.8.';
    expect(await scrubbed(text)).toBe(text.replace(/8\.8\.8\.8\.$/, '192.0.2.1.'));
  });

  it('replaces card numbers only when they pass Luhn and carry a network prefix', async () => {
    const text = 'Paid with 4111 1111 1111 1111; order 4111 1111 1111 1112 and tracking 1234-5678-9012-3452 are not cards.';
    expect(await scrubbed(text)).toBe('Paid with <CREDIT_CARD>; order 4111 1111 1111 1112 and tracking 1234-5678-9012-3452 are not cards.');
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('1234567890123452')).toBe(true); // Luhn-valid, but no card network starts with 1
  });

  it('replaces IBANs with a valid checksum, stopping before a following capitalized word', async () => {
    const text = 'Pay to DE89 3704 0044 0532 0130 00 AND NOT DE89 3704 0044 0532 0130 01, or GB82WEST12345698765432.';
    expect(await scrubbed(text)).toBe('Pay to <IBAN> AND NOT DE89 3704 0044 0532 0130 01, or <IBAN>.');
    expect(ibanValid('GB82WEST12345698765432')).toBe(true);
  });

  it('replaces phone numbers when asked, not dates or short numbers', async () => {
    const text = 'Call +1 (415) 555-0132 or 030 1234 5678 before 2024-03-15; room 12 45.';
    expect(await scrubbed(text, { kinds: ['phone'] })).toBe('Call <PHONE> or <PHONE> before 2024-03-15; room 12 45.');
  });

  it('gives the same fake to the same value, and counts replacements per kind', async () => {
    const text = 'From ann@corp.org to bob@corp.org, cc ann@corp.org; host 8.8.8.8.';
    const { out, ctx } = await runStage(streamStage('pii', { replacement: 'fake' }), [doc(text)]);
    const emails = out[0]!.text.match(/user-[0-9a-f]{8}@example\.com/g)!;
    expect(emails).toHaveLength(3);
    expect(emails[0]).toBe(emails[2]);
    expect(emails[0]).not.toBe(emails[1]);
    expect(out[0]!.text).toMatch(/host (192\.0\.2|198\.51\.100|203\.0\.113)\.\d+\.$/);
    expect(ctx.counters.counts).toMatchObject({ 'pii:email': 3, 'pii:ipv4': 1, docs_changed: 1 });
  });

  it('checks 40,000 e-mails against the spans already claimed in linear time, and replaces them all', async () => {
    // Each span was checked against every earlier one: 40,000 e-mails took 7.8 s, four times more per doubling.
    const emails = (n: number) => 'x@y.com '.repeat(n / 8);
    expect(growth(emails, (text) => detect(text, DETECTORS), 80_000)).toBeLessThan(LINEAR);
    const { out, ctx } = await runStage(streamStage('pii', ALL), [doc(emails(320_000))]);
    expect(ctx.counters.counts['pii:email']).toBe(40_000);
    expect(out[0]!.text).toBe('email@example.com '.repeat(40_000));
  });

  it('drops a document over its scan budget as pii:over_budget instead of passing it on unscrubbed', async () => {
    const long = doc(`${'word '.repeat(200)}ann@corp.org`);
    const short = doc('Mail ann@corp.org.');
    const { out, ctx } = await runStage(streamStage('pii', { max_scanned_chars: 3_000 }), [long, short]);
    expect(out.map((d) => d.text)).toEqual(['Mail email@example.com.']);
    expect(ctx.rejected).toEqual([{ doc: long, reason: 'pii:over_budget' }]);
  });

  it('takes placeholders as options and passes clean docs through untouched', async () => {
    expect(await scrubbed('Mail ann@corp.org.', { placeholders: { email: '[EMAIL]' } })).toBe('Mail [EMAIL].');
    const clean = doc('Nothing personal here.');
    expect((await runStage(streamStage('pii'), [clean])).out[0]).toBe(clean);
  });
});
