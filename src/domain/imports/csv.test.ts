import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv, parseCsvObjects, parseCsvRecords } from './csv.js';

describe('parseCsvRecords', () => {
  it('reads quoted commas, doubled quotes and line breaks inside quotes', () => {
    expect(parseCsv('a,"b,c","say ""hi""","line1\r\nline2"\n')).toEqual([['a', 'b,c', 'say "hi"', 'line1\r\nline2']]);
  });

  it('accepts CRLF, LF and lone CR record separators and drops a UTF-8 BOM', () => {
    expect(parseCsv('\ufeffk,v\r\n1,2\n3,4\r5,6')).toEqual([
      ['k', 'v'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
  });

  it('numbers each record by the physical line it starts on, counting breaks inside quotes', () => {
    const records = parseCsvRecords('h1,h2\r\n"multi\r\nline",x\r\n\r\nlast,"a\nb\rc"\nend,1');
    expect(records.map((record) => record.line)).toEqual([1, 2, 4, 5, 8]);
    expect(records[3]?.fields).toEqual(['last', 'a\nb\rc']);
  });

  it('keeps a quote inside an unquoted field and text after a closing quote', () => {
    expect(parseCsv('ab"c,"x"y,""\n')).toEqual([['ab"c', 'xy', '']]);
  });

  it('names the line of an unterminated quoted field', () => {
    expect(() => parseCsvRecords('a,b\n1,"open\n2,3\n')).toThrow(CsvSyntaxError);
    try {
      parseCsvRecords('a,b\n1,"open\n2,3\n');
    } catch (error) {
      expect((error as CsvSyntaxError).line).toBe(2);
    }
  });

  it('builds objects by header and skips blank lines', () => {
    expect(parseCsvObjects('k,v\n1,"2,3"\n\n')).toEqual([{ k: '1', v: '2,3' }]);
    expect(() => parseCsvObjects('k,v\n1\n')).toThrow(/record 2 has 1 fields/);
  });
});
