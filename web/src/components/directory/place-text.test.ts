import { describe, expect, it } from 'vitest';
import { asOkayamaCityPlace } from './place-text';

describe('asOkayamaCityPlace', () => {
  it('puts 岡山市 before a place typed without it', () => {
    expect(asOkayamaCityPlace('北区大供1丁目')).toBe('岡山市北区大供1丁目');
    expect(asOkayamaCityPlace('大供１丁目')).toBe('岡山市大供1丁目');
    expect(asOkayamaCityPlace(' 東区 西大寺中野 ')).toBe('岡山市東区西大寺中野');
    expect(asOkayamaCityPlace('岡山県北区大供')).toBe('岡山市北区大供');
  });

  it('leaves the city, postal codes and empty text alone', () => {
    expect(asOkayamaCityPlace('岡山市北区大供')).toBeNull();
    expect(asOkayamaCityPlace('岡山県岡山市中区浜')).toBeNull();
    expect(asOkayamaCityPlace('〒700-0913')).toBeNull();
    expect(asOkayamaCityPlace('７００－０９１３')).toBeNull();
    expect(asOkayamaCityPlace('7000913')).toBeNull();
    expect(asOkayamaCityPlace('  ')).toBeNull();
  });
});
