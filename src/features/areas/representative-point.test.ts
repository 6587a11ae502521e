import { describe, expect, it } from 'vitest';
import {
  loadRepresentativePoints,
  representativePoint,
  representativePointsByArea,
  type TownPoint,
} from './representative-point.js';

const point = (lgCode5: string, town: string, lat: number, lng: number): TownPoint => ({ lgCode5, town, lat, lng });

describe('representative point of an area', () => {
  it('is the town nearest the median, so a few remote towns do not pull it away', () => {
    const towns = [
      point('33101', '一丁目', 34.66, 133.91),
      point('33101', '二丁目', 34.661, 133.911),
      point('33101', '三丁目', 34.662, 133.912),
      point('33101', '四丁目', 34.663, 133.913),
      point('33101', '山奥', 34.9, 133.7),
      point('33101', '峠', 34.95, 133.65),
    ];
    // The mean (34.749, 133.85) lies in the empty land between; the median stays among the 丁目.
    expect(representativePoint(towns)).toEqual({ lat: 34.662, lng: 133.912, town: '三丁目' });
  });

  it('is none for no points, and ignores points that are not numbers', () => {
    expect(representativePoint([])).toBeNull();
    expect(representativePoint([point('33101', '欠損', Number.NaN, 133.9)])).toBeNull();
    expect(representativePoint([point('33101', '欠損', Number.NaN, 133.9), point('33101', '町', 34.6, 133.9)])).toEqual(
      { lat: 34.6, lng: 133.9, town: '町' },
    );
  });

  it('is given for each ward of Okayama City and for the city, not for other municipalities', () => {
    const byArea = representativePointsByArea([
      point('33101', '北', 34.67, 133.91),
      point('33104', '南', 34.61, 133.93),
      point('33202', '倉敷', 34.6, 133.77),
    ]);
    expect([...byArea.keys()].sort()).toEqual(['33100', '33101', '33104']);
  });

  it('places each ward of the data where people live (北区 near Okayama station, not the rural north)', () => {
    const points = loadRepresentativePoints();
    expect(points.get('33101')).toEqual({ lat: 34.669286, lng: 133.91009, town: '奉還町四丁目' });
    expect(points.get('33102')?.town).toBe('国富二丁目');
    expect(points.get('33103')?.town).toBe('西大寺');
    expect(points.get('33104')?.town).toBe('福成一丁目');
  });
});
