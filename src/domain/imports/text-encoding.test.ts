import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeText, sniffContainer } from './text-encoding.js';

const japanese = '事業所名,住所\r\n岡山訪問看護ステーション,岡山市北区大供1-1-1\r\n';

describe('decodeText', () => {
  it('reads UTF-8 without BOM', () => {
    expect(decodeText(Buffer.from(japanese, 'utf8'), 'auto')).toEqual({ text: japanese, encoding: 'utf8' });
  });

  it('reads UTF-8 with BOM and removes the BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(japanese, 'utf8')]);
    expect(decodeText(bytes, 'auto')).toEqual({ text: japanese, encoding: 'utf8-bom' });
  });

  it('falls back to Shift_JIS (CP932) when the bytes are not UTF-8, including CP932-only characters', () => {
    const text = `${japanese}髙橋医院,①丁目\r\n`;
    const bytes = iconv.encode(text, 'cp932');
    expect(decodeText(bytes, 'auto')).toEqual({ text, encoding: 'sjis' });
  });

  it('obeys an explicit encoding', () => {
    const bytes = iconv.encode(japanese, 'cp932');
    expect(decodeText(bytes, 'sjis').text).toBe(japanese);
    expect(decodeText(bytes, 'utf8').text).not.toBe(japanese);
  });
});

describe('sniffContainer', () => {
  it('recognises gzip and zip by their first bytes', () => {
    expect(sniffContainer(Uint8Array.from([0x1f, 0x8b, 8, 0]))).toBe('gzip');
    expect(sniffContainer(Buffer.from('PK\u0003\u0004rest', 'latin1'))).toBe('zip');
    expect(sniffContainer(Buffer.from('a,b\n'))).toBeNull();
  });
});
