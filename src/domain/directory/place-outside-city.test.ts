import { describe, expect, it } from 'vitest';
import { compilePlaceNames, namedPlaceOutsideCity } from './place-outside-city.js';

// A few municipalities as the postal code master names them, chosen to collide with Okayama City's own names.
const names = compilePlaceNames({
  prefectures: ['北海道', '東京都', '大阪府', '岡山県', '福岡県'],
  municipalities: [
    '岡山市北区',
    '岡山市南区',
    '倉敷市',
    '加賀郡吉備中央町',
    '札幌市北区',
    '北区', // 東京都北区
    '十日町市',
    '四日市市',
    '市川市',
    '大阪市北区',
  ],
});

describe('namedPlaceOutsideCity', () => {
  it.each([
    ['東京都千代田区千代田1-1', '東京都'],
    ['大阪府大阪市北区梅田1-1', '大阪府'],
    ['倉敷市阿知1丁目', '倉敷市'],
    ['岡山県倉敷市阿知1丁目', '倉敷市'],
    ['〒710-0055 倉敷市阿知', '倉敷市'],
    ['加賀郡吉備中央町豊野', '加賀郡'],
    ['札幌市北区北八条西', '札幌市'],
    ['四日市市諏訪町', '四日市市'],
    ['市川市八幡', '市川市'],
  ])('reads %s as outside Okayama City (%s)', (text, place) => {
    expect(namedPlaceOutsideCity(text, names)).toBe(place);
  });

  it.each([
    '岡山市北区大供1丁目',
    '岡山県岡山市南区郡',
    '北区大供1丁目', // Okayama's 北区, not Tokyo's: wards are typed without the city
    '十日市中町', // 岡山市北区, not 十日町市
    '西市',
    '郡',
    '二日市町',
    'どこでもない町',
    '千代田区千代田1-1', // a ward name alone could be anywhere: keep the general advice
    '７００－０９１３',
  ])('does not read %s as outside Okayama City', (text) => {
    expect(namedPlaceOutsideCity(text, names)).toBeNull();
  });
});
