import { describe, expect, it } from 'vitest';
import { markerSize, spreadOffsets } from './spread';

describe('spreadOffsets', () => {
  it('leaves markers at distinct points where they are', () => {
    expect(
      spreadOffsets([
        { lat: 34.66, lng: 133.92 },
        { lat: 34.67, lng: 133.93 },
      ]),
    ).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it('sets markers sharing a point around the first, none on top of another', () => {
    const shared = { lat: 34.655115, lng: 133.920689 };
    const points = [shared, { lat: 34.7, lng: 133.9 }, ...Array.from({ length: 20 }, () => ({ ...shared }))];
    const offsets = spreadOffsets(points);
    expect(offsets[0]).toEqual([0, 0]);
    expect(offsets[1]).toEqual([0, 0]);
    // The 21 markers at the shared point are all at least a marker's width (less the border) apart.
    const atShared = offsets.filter((_, index) => index !== 1);
    for (let a = 0; a < atShared.length; a += 1) {
      for (let b = a + 1; b < atShared.length; b += 1) {
        const [ax, ay] = atShared[a] ?? [0, 0];
        const [bx, by] = atShared[b] ?? [0, 0];
        expect(Math.hypot(ax - bx, ay - by)).toBeGreaterThanOrEqual(markerSize - 6);
      }
    }
  });
});
