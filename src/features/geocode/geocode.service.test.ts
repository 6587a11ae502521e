/**
 * The one geocoding rule (createAddressFinder) as the search page, case registration and imports
 * meet it: addresses copied from referral letters start with a postal code; people in Okayama
 * leave out 「岡山市」. Offline, over the committed Okayama data.
 */
import { describe, expect, it } from 'vitest';
import { okayamaFiles } from '../seed/okayama-files.js';
import { createAddressFinder, createGeocodeService, isOkayamaCityCode } from './geocode.service.js';

const areas = okayamaFiles.areas();
const service = createGeocodeService(() => Promise.resolve(areas));
const findAddress = createAddressFinder();

describe('locate (search page, case registration)', () => {
  it.each([
    '〒701-0205 岡山市南区妹尾880',
    '701-0205 岡山市南区妹尾880',
    '〒7010205 岡山市南区妹尾880',
    '〒７０１－０２０５　岡山市南区妹尾８８０',
    '〒701-0205 南区妹尾880',
  ])('places %s at its 町丁目, as the address without the postal code', async (text) => {
    const withoutPostalCode = await service.locate('岡山市南区妹尾880');
    expect(withoutPostalCode).toMatchObject({ areaCode: '33104', precision: 'machiaza' });
    expect(await service.locate(text)).toEqual(withoutPostalCode);
  });

  it('places an address whose postal code is an office’s own (〒700-8558, 岡山大学病院)', async () => {
    expect(await service.locate('〒700-8558 岡山市北区鹿田町2丁目5-1')).toMatchObject({
      areaCode: '33101',
      precision: 'machiaza',
      label: '岡山市北区鹿田町二丁目',
    });
  });

  it('falls back to the postal code’s 町域 when the rest of the address cannot be placed', async () => {
    const postalCodeOnly = await service.locate('〒701-0205');
    expect(postalCodeOnly).toMatchObject({ areaCode: '33104', precision: 'postal_code' });
    expect(await service.locate('〒701-0205 架空の町999')).toEqual(postalCodeOnly);
    // The ward alone is coarser than the postal code's 町域.
    expect(await service.locate('〒701-0205 岡山市南区架空町1')).toEqual(postalCodeOnly);
  });

  it('still finds nothing for a text that is neither an address nor a postal code', async () => {
    expect(await service.locate('架空の町')).toBeNull();
    expect(await service.locate('〒999-9999 架空の町')).toBeNull();
  });
});

describe('former towns of the city and town names written in part', () => {
  it.each([
    ['南区灘崎町片岡', '岡山市南区片岡'],
    ['灘崎町片岡', '岡山市南区片岡'],
    ['南区灘崎町彦崎', '岡山市南区彦崎'],
    ['児島郡灘崎町彦崎100', '岡山市南区彦崎'],
    ['御津町金川', '岡山市北区御津金川'],
    ['御津郡御津町金川1', '岡山市北区御津金川'],
    ['建部福渡', '岡山市北区建部町福渡'],
    ['瀬戸万富', '岡山市東区瀬戸町万富'],
  ])('places %s at its 町丁目 (%s), whichever way the merged town is written', async (text, label) => {
    expect(await service.locate(text)).toMatchObject({ precision: 'machiaza', label });
  });

  it('places 灘崎町西紅陽台 at the mean of 西紅陽台一〜三丁目', async () => {
    expect(await service.locate('岡山市南区灘崎町西紅陽台')).toEqual(await service.locate('岡山市南区西紅陽台'));
  });

  it.each([
    ['北区建部町', '33101', '建部町'],
    ['建部町', '33101', '建部町'],
    ['東区瀬戸町', '33103', '瀬戸町'],
    ['瀬戸町', '33103', '瀬戸町'],
    ['北区御津', '33101', '御津'],
    ['御津', '33101', '御津'],
    ['灘崎町', '33104', '灘崎町'],
  ])(
    'places %s at the centre of its towns, as an approximate (oaza) match, not the ward centre',
    async (text, areaCode, town) => {
      const found = await service.locate(text);
      expect(found).toMatchObject({
        areaCode,
        precision: 'oaza',
        label: `${areas.find((a) => a.code === areaCode)?.fullName}${town}`,
      });
      const ward = areas.find((area) => area.code === areaCode)?.centroid;
      expect(found && ward && Math.hypot(found.lat - ward.lat, found.lng - ward.lng)).toBeGreaterThan(0.02);
    },
  );

  it('never labels a postal code that names no 町域 as a postal-code match (〒700-0000)', async () => {
    expect(await service.locate('700-0000')).toBeNull();
    expect(await service.locate('〒700-0000 岡山市南区架空町1')).toMatchObject({
      areaCode: '33104',
      precision: 'ward',
    });
    expect(await service.locate('〒700-0000 瀬戸町')).toMatchObject({ areaCode: '33103', precision: 'oaza' });
  });
});

describe('createAddressFinder (directory imports)', () => {
  it('reads an address that leaves out 岡山市 as one in Okayama City', () => {
    expect(findAddress('東区瀬戸町瀬戸45')).toMatchObject({ lgCode5: '33103', precision: 'machiaza' });
    expect(findAddress('〒709-0876 東区瀬戸町瀬戸45')).toMatchObject({ lgCode5: '33103', precision: 'machiaza' });
  });

  it('prefers the town in Okayama City to the centroid of a wrongly hinted ward', () => {
    expect(findAddress('東区瀬戸町瀬戸45', { areaCode: '33101' })).toMatchObject({
      lgCode5: '33103',
      precision: 'machiaza',
    });
  });

  it('places a town in the hinted municipality when the address names none', () => {
    expect(findAddress('妹尾880', { areaCode: '33104' })).toMatchObject({ lgCode5: '33104', precision: 'machiaza' });
  });
});

describe('places outside Okayama City (by municipality code)', () => {
  it('counts the city (33100) and its wards (331xx) only', () => {
    for (const code of ['33100', '33101', '33104']) expect(isOkayamaCityCode(code), code).toBe(true);
    for (const code of ['33202', '33213', '33681', '13101', '3310', null]) expect(isOkayamaCityCode(code)).toBe(false);
  });

  it.each([
    ['倉敷市阿知1-1', '倉敷市'],
    ['710-0000', '倉敷市'],
    ['〒710-0055', '倉敷市'],
    ['赤磐市', '赤磐市'],
    ['吉備中央町', '加賀郡吉備中央町'],
  ])('refuses %s as a place (location_outside_city, naming %s)', async (text, municipality) => {
    const refused = service.locate(text);
    await expect(refused).rejects.toMatchObject({ code: 'location_outside_city', statusCode: 400 });
    await expect(refused).rejects.toThrow(`岡山市外（${municipality}）`);
    await expect(service.locate(text, { outsideCityStatus: 404 })).rejects.toMatchObject({ statusCode: 404 });
  });

  it('gives no area for a point in 倉敷市, and the ward for one in the city', async () => {
    expect(await service.areaOfPoint(34.601736, 133.766382)).toBeNull();
    expect(await service.areaOfPoint(34.655, 133.919)).toBe('33101');
  });
});
