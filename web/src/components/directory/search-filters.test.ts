/** The professional search's filters survive the round trip through the URL and become the right API query. */
import { describe, expect, it } from 'vitest';
import { searchParameters } from '../../api/directory';
import { emptyFilters, filtersFromParams, paramsFromFilters, searchQueryFor, wardNamed } from './search-filters';

const wards = [
  { code: '33101', name: '北区', fullName: '岡山市北区' },
  { code: '33102', name: '中区', fullName: '岡山市中区' },
];

describe('filters in the URL', () => {
  it('keeps every filter through params and back', () => {
    const filters = {
      ...emptyFilters,
      place: '700-0913',
      radiusKm: 5,
      kind: 'visiting_nursing' as const,
      groups: ['cancer' as const, 'elderly' as const],
      procedures: ['ventilator' as const],
      isAvailable24hOnly: true,
      homeCareSupportClinic: 'enhanced' as const,
      isHomeVisitOnly: true,
      isAcceptingOnly: true,
    };
    const back = filtersFromParams(paramsFromFilters(filters));
    // Codes come back in the order of their lists (elderly before cancer).
    expect(back).toEqual({ ...filters, groups: ['elderly', 'cancer'] });
  });

  it('drops unknown codes, radii outside the choices and coordinates outside Japan', () => {
    const params = new URLSearchParams(
      'place=x&group=nonsense&group=dementia&procedure=magic&kind=castle&radius=7&lat=10&lng=200&area=abc&homeCareSupportClinic=super',
    );
    expect(filtersFromParams(params)).toEqual({ ...emptyFilters, place: 'x', groups: ['dementia'] });
  });

  it('prefers a point picked on the map over the typed place', () => {
    const params = paramsFromFilters({ ...emptyFilters, place: '北区', point: { lat: 34.6555, lng: 133.9185 } });
    expect(params.get('place')).toBeNull();
    expect(filtersFromParams(params).point).toEqual({ lat: 34.6555, lng: 133.9185 });
  });
});

describe('wardNamed', () => {
  it('recognises a ward typed with or without the city and prefecture, and spaces', () => {
    expect(wardNamed('北区', wards)?.code).toBe('33101');
    expect(wardNamed('岡山県 岡山市中区', wards)?.code).toBe('33102');
    expect(wardNamed('岡山市北区大供1丁目', wards)).toBeUndefined();
    expect(wardNamed('', wards)).toBeUndefined();
  });
});

describe('searchQueryFor', () => {
  it('waits for a place, then searches around the located point with the radius', () => {
    const filters = { ...emptyFilters, place: '700-0913', radiusKm: 3, procedures: ['home_oxygen' as const] };
    expect(searchQueryFor(filters, null)).toBeNull();
    const query = searchQueryFor(filters, { lat: 34.65, lng: 133.91 }, 50);
    expect(searchParameters(query ?? {}).toString()).toBe(
      'lat=34.650000&lng=133.910000&radiusKm=3&procedure=home_oxygen&limit=50',
    );
  });

  it('searches a whole ward by its code, without a radius', () => {
    const query = searchQueryFor({ ...emptyFilters, areaCode: '33102', isAcceptingOnly: true }, null);
    expect(searchParameters(query ?? {}).toString()).toBe('areaCode=33102&accepting=true&limit=100');
  });

  it('asks for 在宅療養支援診療所 and 往診専門 by the API’s parameters, and for 介護サービス事業所 by its kind', () => {
    const query = searchQueryFor(
      {
        ...emptyFilters,
        areaCode: '33101',
        kind: 'care_service',
        homeCareSupportClinic: 'any',
        isHomeVisitOnly: true,
      },
      null,
    );
    expect(searchParameters(query ?? {}).toString()).toBe(
      'areaCode=33101&kind=care_service&homeCareSupportClinic=any&homeVisitOnly=true&limit=100',
    );
  });
});
