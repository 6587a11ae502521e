/** A citizen's result never says 「約 3.4 km」 as if from their home when only a ward or town was located. */
import { describe, expect, it } from 'vitest';
import { distanceBasis } from './CitizenResult';

describe('distanceBasis', () => {
  it('measures from the place only when it was located to its 町丁目', () => {
    expect(distanceBasis(false, 'machiaza')).toBe('place');
    expect(distanceBasis(false, null)).toBe('place'); // a point picked on the map
  });

  it('measures from the ward centre for a chosen ward or an address located only to its ward', () => {
    expect(distanceBasis(true, 'area')).toBe('wardCentre');
    expect(distanceBasis(false, 'ward')).toBe('wardCentre');
    expect(distanceBasis(false, 'ward', '33101')).toBe('wardCentre');
    expect(distanceBasis(false, 'ward', '33100')).toBe('cityCentre'); // 岡山市 typed alone
  });

  it('measures from the town centre for an address located only to a town or a postal code', () => {
    expect(distanceBasis(false, 'oaza')).toBe('townCentre');
    expect(distanceBasis(false, 'postal_code')).toBe('townCentre');
  });
});
