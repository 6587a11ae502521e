import { describe, expect, it } from 'vitest';
import { dedupeTrailing, joinBuilding } from './normalize.js';

describe('joinBuilding', () => {
  it('joins 住所 and 方書 with one space', () => {
    expect(joinBuilding('北区平野535-1', 'アーデン平野1F')).toBe('北区平野535-1 アーデン平野1F');
    expect(joinBuilding('北区平野535-1', '')).toBe('北区平野535-1');
  });

  it('sets apart a 方書 glued to the house number, where it would read as another number', () => {
    expect(joinBuilding('上中野1丁目19-18101', '101')).toBe('上中野1丁目19-18 101');
    expect(joinBuilding('岡山市北区1丁目15-28102号室', '102号室')).toBe('岡山市北区1丁目15-28 102号室');
    expect(joinBuilding('御幸町4番1号在宅サポートセンター', '在宅サポートセンター')).toBe(
      '御幸町4番1号 在宅サポートセンター',
    );
    expect(joinBuilding('南古都676番地ラヴィシャイン', 'ラヴィシャイン')).toBe('南古都676番地 ラヴィシャイン');
  });

  it('never cuts the 住所 inside a word, and never repeats a 方書 it already holds', () => {
    expect(joinBuilding('7-107フレグランスアコオ103', 'レグランスアコオ103')).toBe('7-107フレグランスアコオ103');
    expect(joinBuilding('大供1-1-1 岡山ビル 2階', '岡山ビル')).toBe('大供1-1-1 岡山ビル 2階');
    expect(joinBuilding('101', '101')).toBe('101');
  });
});

describe('dedupeTrailing', () => {
  it('undoes a 方書 appended to a 住所 that already ends with it', () => {
    expect(dedupeTrailing('倉田8-35光生病院 光生病院')).toBe('倉田8-35 光生病院');
    expect(dedupeTrailing('新保771-4201 201')).toBe('新保771-4 201');
    // A 方書 that lacks the first letter of the building's name in the 住所: the 住所 alone.
    expect(dedupeTrailing('白石西新町7-107フレグランスアコオ103 レグランスアコオ103')).toBe(
      '白石西新町7-107フレグランスアコオ103',
    );
  });
});
