import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../../../stages/sources/warc/charset.js';

// Bytes of "日本語" in EUC-JP, and "é" in windows-1252.
const EUCJP = Buffer.from([0xc6, 0xfc, 0xcb, 0xdc, 0xb8, 0xec]);
const LATIN = Buffer.from('<p>caf\xe9</p>', 'latin1');

function decode(body: Buffer, httpCharset?: string) {
  const tallies: string[] = [];
  return { ...decodeHtml(body, httpCharset, (k) => tallies.push(k)), tallies };
}

describe('decodeHtml', () => {
  it('uses the HTTP charset first', () => {
    expect(decode(EUCJP, 'EUC-JP')).toMatchObject({ html: '日本語', charset: 'euc-jp' });
    expect(decode(LATIN, 'iso-8859-1')).toMatchObject({ html: '<p>café</p>', charset: 'windows-1252' });
  });

  it('falls back to <meta charset> and <meta http-equiv> in the first bytes', () => {
    const meta = Buffer.concat([Buffer.from('<meta charset="euc-jp">'), EUCJP]);
    expect(decode(meta)).toMatchObject({ charset: 'euc-jp' });
    expect(decode(meta).html).toContain('日本語');
    const equiv = Buffer.concat([
      Buffer.from('<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=Shift_JIS">'),
      Buffer.from([0x93, 0xfa]),
    ]);
    expect(decode(equiv)).toMatchObject({ charset: 'shift_jis' });
    expect(decode(equiv).html).toContain('日');
  });

  it('lets a byte-order mark win over the labels, as browsers do', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<p>café</p>')]);
    expect(decode(bom, 'windows-1252')).toMatchObject({ html: '<p>café</p>', charset: 'utf-8' });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<p>hi</p>', 'utf16le')]);
    expect(decode(utf16)).toMatchObject({ html: '<p>hi</p>', charset: 'utf-16le' });
  });

  it('guesses UTF-8 when the bytes are valid UTF-8, else windows-1252', () => {
    expect(decode(Buffer.from('<p>日本語 café</p>'))).toMatchObject({ html: '<p>日本語 café</p>', charset: 'utf-8' });
    expect(decode(LATIN)).toMatchObject({ html: '<p>café</p>', charset: 'windows-1252' });
  });

  it('tallies a label TextDecoder does not know and falls back to the next evidence', () => {
    const meta = Buffer.concat([Buffer.from('<meta charset="euc-jp">'), EUCJP]);
    expect(decode(meta, 'x-no-such-charset')).toMatchObject({ charset: 'euc-jp', tallies: ['charset:unknown_label'] });
    expect(decode(LATIN, 'klingon')).toMatchObject({ charset: 'windows-1252', tallies: ['charset:unknown_label'] });
  });
});
