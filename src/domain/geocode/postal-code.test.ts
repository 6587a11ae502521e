import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatPostalCode, splitLeadingPostalCode } from './postal-code.js';

describe('splitLeadingPostalCode', () => {
  it.each([
    ['〒701-0205 岡山市南区妹尾880', '7010205', '岡山市南区妹尾880'],
    ['701-0205 岡山市南区妹尾880', '7010205', '岡山市南区妹尾880'],
    ['〒7010205 岡山市南区妹尾880', '7010205', '岡山市南区妹尾880'],
    ['〒700-8558 岡山市北区鹿田町2丁目5-1', '7008558', '岡山市北区鹿田町2丁目5-1'],
    ['〒７０１－０２０５　岡山市南区妹尾８８０', '7010205', '岡山市南区妹尾880'],
    ['〒701ー0205岡山市南区妹尾880', '7010205', '岡山市南区妹尾880'],
    ['〒 701−0205、岡山市南区妹尾880', '7010205', '岡山市南区妹尾880'],
    ['郵便番号：701-0205 岡山市南区妹尾880', '7010205', '岡山市南区妹尾880'],
    ['〒701-0205', '7010205', ''],
    ['  700-0913  ', '7000913', ''],
  ])('reads %s as a postal code and an address', (text, postalCode, rest) => {
    expect(splitLeadingPostalCode(text)).toEqual({ postalCode, rest });
  });

  it.each([
    ['岡山市南区妹尾880', '岡山市南区妹尾880'],
    ['北区大供1丁目1-1', '北区大供1丁目1-1'],
    ['086-803-1000', '086-803-1000'], // a phone number is not a postal code
    ['70102051 岡山市', '70102051 岡山市'], // eight digits are not one either
    ['〒701-02 岡山市', '〒701-02 岡山市'],
  ])('leaves %s as an address without a postal code', (text, rest) => {
    expect(splitLeadingPostalCode(text)).toEqual({ postalCode: null, rest });
  });

  it('gives back any postal code and address, however the postal code is written', () => {
    const separators = fc.constantFrom('', '-', '－', 'ー', '−', ' ');
    const digit = fc.integer({ min: 0, max: 9 }).map(String);
    fc.assert(
      fc.property(
        fc.array(digit, { minLength: 7, maxLength: 7 }).map((digits) => digits.join('')),
        fc.boolean(),
        separators,
        fc.constantFrom(' ', '　', ''),
        fc.constantFrom('岡山市北区大供1丁目1-1', '岡山市南区妹尾880', '東区瀬戸町瀬戸45'),
        (postalCode, hasMark, separator, space, address) => {
          const written = `${hasMark ? '〒' : ''}${postalCode.slice(0, 3)}${separator}${postalCode.slice(3)}${space}${address}`;
          expect(splitLeadingPostalCode(written)).toEqual({ postalCode, rest: address });
        },
      ),
    );
  });
});

describe('formatPostalCode', () => {
  it('writes the 3 and 4 digits apart after 〒', () => {
    expect(formatPostalCode('7010205')).toBe('〒701-0205');
  });
});
