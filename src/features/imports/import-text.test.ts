import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { ImportFormatError } from '../../domain/imports/import-types.js';
import { readImportText } from './import-text.js';

const text = 'kind,name,address\r\nclinic,髙橋内科クリニック①,岡山市北区大供1-1-1\r\n';
const utf8 = Buffer.from(text, 'utf8');
const utf8WithBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]);
const cp932 = iconv.encode(text, 'cp932');

describe('readImportText', () => {
  it.each([
    ['UTF-8', utf8, 'UTF-8'],
    ['UTF-8 with a BOM', utf8WithBom, 'UTF-8 (BOM付き)'],
    ['CP932', cp932, 'Shift_JIS (CP932)'],
  ])('detects %s on its own and reads the names unchanged', (_name, bytes, encoding) => {
    expect(readImportText(bytes, 'auto')).toEqual({ text, encoding, isCompressed: false });
  });

  it('refuses a Shift_JIS file read as UTF-8, naming the line and suggesting --encoding sjis', () => {
    expect(() => readImportText(cp932, 'utf8')).toThrow(ImportFormatError);
    expect(() => readImportText(cp932, 'utf8')).toThrow(
      '文字コードの誤り: 2行目に UTF-8 として読めない文字があります。Shift_JIS（Excel の CSV）のファイルなら --encoding sjis を指定するか、--encoding を付けずに実行して自動判定させてください。',
    );
  });

  it('refuses a UTF-8 file read as Shift_JIS, suggesting --encoding utf8', () => {
    expect(() => readImportText(utf8, 'sjis')).toThrow(
      /Shift_JIS \(CP932\) として読めない文字があります。.*--encoding utf8/,
    );
  });

  it('refuses bytes that are neither UTF-8 nor Shift_JIS when detecting', () => {
    const neither = Buffer.concat([Buffer.from('kind,name\r\nclinic,'), Buffer.from([0x85, 0x40, 0xff, 0xfe])]);
    expect(() => readImportText(neither, 'auto')).toThrow(/文字コードを判定できません/);
  });

  it('refuses a UTF-8 file that already holds replacement characters (garbled before)', () => {
    expect(() => readImportText(Buffer.from('kind,name\r\nclinic,髙橋\ufffd内科\r\n'), 'auto')).toThrow(
      /2行目に置換文字.*文字化けしています/,
    );
  });
});
