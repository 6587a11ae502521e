import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { okayamaFiles } from '../../features/seed/okayama-files.js';
import {
  asAreaGeometry,
  boundingBox,
  containsPoint,
  distanceToBoundaryKm,
  isInBox,
  type AreaGeometry,
} from './polygon.js';

const triangle: AreaGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [133.9, 34.6],
      [134.0, 34.6],
      [133.95, 34.7],
      [133.9, 34.6],
    ],
  ],
};

/** Two squares, the first with a hole; the second lies apart, north-east. */
const islands: AreaGeometry = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [133.0, 34.0],
        [133.4, 34.0],
        [133.4, 34.4],
        [133.0, 34.4],
        [133.0, 34.0],
      ],
      [
        [133.1, 34.1],
        [133.3, 34.1],
        [133.3, 34.3],
        [133.1, 34.3],
        [133.1, 34.1],
      ],
    ],
    [
      [
        [134.5, 35.0],
        [134.6, 35.0],
        [134.6, 35.2],
        [134.5, 35.2],
        [134.5, 35.0],
      ],
    ],
  ],
};

describe('boundingBox', () => {
  it('is the smallest lng/lat box around a polygon', () => {
    expect(boundingBox(triangle)).toEqual({ minLng: 133.9, minLat: 34.6, maxLng: 134.0, maxLat: 34.7 });
  });

  it('covers every polygon of a MultiPolygon', () => {
    expect(boundingBox(islands)).toEqual({ minLng: 133.0, minLat: 34.0, maxLng: 134.6, maxLat: 35.2 });
  });
});

describe('isInBox', () => {
  const box = boundingBox(triangle);

  it('includes points inside and on the edges, excludes points outside on either axis', () => {
    expect(isInBox(box, { lat: 34.65, lng: 133.95 })).toBe(true);
    expect(isInBox(box, { lat: 34.6, lng: 133.9 })).toBe(true);
    expect(isInBox(box, { lat: 34.7, lng: 134.0 })).toBe(true);
    expect(isInBox(box, { lat: 34.59, lng: 133.95 })).toBe(false);
    expect(isInBox(box, { lat: 34.71, lng: 133.95 })).toBe(false);
    expect(isInBox(box, { lat: 34.65, lng: 133.89 })).toBe(false);
    expect(isInBox(box, { lat: 34.65, lng: 134.01 })).toBe(false);
    // Lat and lng are not swapped.
    expect(isInBox(box, { lat: 133.95, lng: 34.65 })).toBe(false);
  });

  it('can be true where the polygon is not (a corner of the box, a hole, the gap between islands)', () => {
    expect(isInBox(box, { lat: 34.69, lng: 133.91 })).toBe(true);
    expect(containsPoint(triangle, { lat: 34.69, lng: 133.91 })).toBe(false);
    const islandsBox = boundingBox(islands);
    expect(isInBox(islandsBox, { lat: 34.2, lng: 133.2 })).toBe(true);
    expect(containsPoint(islands, { lat: 34.2, lng: 133.2 })).toBe(false);
    expect(isInBox(islandsBox, { lat: 34.7, lng: 134.0 })).toBe(true);
    expect(containsPoint(islands, { lat: 34.7, lng: 134.0 })).toBe(false);
  });
});

describe('the box as a shortcut before containsPoint, on the real ward boundaries', () => {
  const wards = okayamaFiles
    .areas()
    .filter((area) => area.boundary)
    .map((area) => ({ code: area.code, geometry: asAreaGeometry(area.boundary) }));

  it('loads the boundaries (the four wards at least)', () => {
    expect(wards.map((ward) => ward.code)).toEqual(expect.arrayContaining(['33101', '33102', '33103', '33104']));
  });

  it('never rules out a point that the polygon contains', () => {
    for (const ward of wards) {
      const box = boundingBox(ward.geometry);
      const margin = 0.02;
      fc.assert(
        fc.property(
          fc.double({ min: box.minLat - margin, max: box.maxLat + margin, noNaN: true }),
          fc.double({ min: box.minLng - margin, max: box.maxLng + margin, noNaN: true }),
          (lat, lng) => {
            if (containsPoint(ward.geometry, { lat, lng })) expect(isInBox(box, { lat, lng })).toBe(true);
          },
        ),
        { numRuns: 300 },
      );
    }
  });

  it('places Okayama City Hall (北区大供) in 北区 and Tokyo in no ward', () => {
    const cityHall = { lat: 34.655, lng: 133.919 };
    const tokyo = { lat: 35.68, lng: 139.76 };
    const kita = wards.find((ward) => ward.code === '33101')!;
    expect(isInBox(boundingBox(kita.geometry), cityHall)).toBe(true);
    expect(containsPoint(kita.geometry, cityHall)).toBe(true);
    for (const ward of wards) expect(isInBox(boundingBox(ward.geometry), tokyo)).toBe(false);
  });
});

describe('distanceToBoundaryKm', () => {
  const square: AreaGeometry = {
    type: 'Polygon',
    coordinates: [
      [
        [133.9, 34.6],
        [134.0, 34.6],
        [134.0, 34.7],
        [133.9, 34.7],
        [133.9, 34.6],
      ],
    ],
  };

  it('measures to the nearest edge, in kilometres', () => {
    // 0.01° of latitude south of the bottom edge ≈ 1.11 km.
    expect(distanceToBoundaryKm(square, { lat: 34.59, lng: 133.95 })).toBeCloseTo(1.112, 2);
    // 0.01° of longitude east of the right edge at 34.65° ≈ 0.915 km.
    expect(distanceToBoundaryKm(square, { lat: 34.65, lng: 134.01 })).toBeCloseTo(0.915, 2);
    expect(distanceToBoundaryKm(square, { lat: 34.6, lng: 133.95 })).toBeCloseTo(0, 6);
  });
});
