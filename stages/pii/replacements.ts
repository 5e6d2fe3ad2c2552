import { createHash } from 'node:crypto';
import { luhnValid } from './checksums.js';
import type { PiiKind } from './detectors.js';

/**
 * Fixed stand-ins. Addresses come from ranges reserved for documentation (RFC 2606, 5737, 3849),
 * so they read naturally, belong to no one, and a second pass leaves them alone.
 */
export const DEFAULT_PLACEHOLDERS: Readonly<Record<PiiKind, string>> = {
  email: 'email@example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  phone: '<PHONE>',
  credit_card: '<CREDIT_CARD>',
  iban: '<IBAN>',
};

const DOC_V4 = ['192.0.2', '198.51.100', '203.0.113'];

/**
 * A fake of the same kind and shape derived from a keyed hash of the value: the same address maps
 * to the same fake throughout the corpus (so "who wrote to whom" survives), and without the salt
 * the fake does not lead back to the value.
 */
export function fakeValue(kind: PiiKind, value: string, salt: string): string {
  const hash = createHash('sha256').update(`${salt}\0${kind}\0${value}`).digest();
  const digit = (i: number) => String(hash[i % hash.length]! % 10);
  switch (kind) {
    case 'email':
      return `user-${hash.subarray(0, 4).toString('hex')}@example.com`;
    case 'ipv4':
      return `${DOC_V4[hash[0]! % 3]}.${(hash[1]! % 254) + 1}`;
    case 'ipv6':
      return `2001:db8::${hash.readUInt16BE(0).toString(16)}:${hash.readUInt16BE(2).toString(16)}`;
    case 'phone': {
      // Same layout; the leading + and the separators stay, every digit is replaced.
      let i = 0;
      return value.replace(/\d/g, () => digit(i++));
    }
    case 'credit_card': {
      // Same layout, but a failing Luhn digit: the fake can never be a real card number.
      let i = 0;
      const fake = value.replace(/\d/g, () => digit(i++));
      if (!luhnValid(fake.replace(/\D/g, ''))) return fake;
      return fake.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
    }
    case 'iban': {
      // Check digits 00 never pass mod 97, so the fake is not a valid account.
      let i = 0;
      return value.slice(0, 2) + '00' + value.slice(4).replace(/[A-Z0-9]/g, () => digit(i++));
    }
  }
}
