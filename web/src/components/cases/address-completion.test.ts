import { describe, expect, it } from 'vitest';
import { completedAddress } from './address-completion';

describe('completedAddress', () => {
  it('adds the city and ward in front of a town, keeping a postal code in front', () => {
    expect(completedAddress('建部町福渡1000', '岡山市北区')).toBe('岡山市北区建部町福渡1000');
    expect(completedAddress('〒709-3111 建部町福渡1000', '岡山市北区')).toBe('〒709-3111 岡山市北区建部町福渡1000');
    expect(completedAddress('7093111建部町福渡1000', '岡山市北区')).toBe('7093111 岡山市北区建部町福渡1000');
    expect(completedAddress('浜3丁目7-15', '岡山市中区')).toBe('岡山市中区浜3丁目7-15');
  });

  it('adds only what is missing: the city before a ward, the ward after the city, nothing after the prefecture', () => {
    expect(completedAddress('北区鹿田町2丁目5-1', '岡山市北区')).toBe('岡山市北区鹿田町2丁目5-1');
    expect(completedAddress('岡山市建部町福渡1000', '岡山市北区')).toBe('岡山市北区建部町福渡1000');
    expect(completedAddress('岡山県岡山市北区鹿田町2丁目5-1', '岡山市北区')).toBeNull();
    expect(completedAddress('岡山市北区鹿田町2丁目5-1', '岡山市北区')).toBeNull();
    expect(completedAddress('  岡山市中区浜3丁目  ', '岡山市中区')).toBeNull();
  });

  it('never rewrites an address naming another city or ward, or an empty one', () => {
    expect(completedAddress('倉敷市阿知1丁目7-2', '岡山市北区')).toBeNull();
    expect(completedAddress('岡山市南区妹尾880', '岡山市北区')).toBeNull();
    expect(completedAddress('南区妹尾880', '岡山市北区')).toBeNull();
    expect(completedAddress('〒700-0914', '岡山市北区')).toBeNull();
    expect(completedAddress('', '岡山市北区')).toBeNull();
  });
});
