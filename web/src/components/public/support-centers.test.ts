import { describe, expect, it } from 'vitest';
import type { PublicSearchResult } from '../../api/directory';
import { extraSupportCenters, supportCentersOf } from './support-centers';

const center = (id: string, distanceKm: number) =>
  ({
    organization: {
      id,
      name: `地域包括支援センター ${id}`,
      kind: 'community_support_center',
      address: '岡山市南区浦安南町495-5',
      lat: 34.59,
      lng: 133.92,
      areaCode: '33104',
      phone: null,
      homeCareSupportClinic: null,
      isHomeVisitOnly: false,
    },
    distanceKm,
    admitsPatients: false,
    availability: null,
    capabilities: { groups: [], procedures: [], available24h: false },
    isDemoProfile: false,
    isDemoAvailability: false,
  }) as PublicSearchResult;

describe('supportCentersOf', () => {
  it('reads the centres the public search adds for a consultation, and nothing else', () => {
    const answer = { items: [], supportCenters: { basis: 'area', areaCode: '33104', items: [center('a', 6.1)] } };
    expect(supportCentersOf(answer)).toEqual(answer.supportCenters);
    expect(supportCentersOf({ items: [], supportCenters: null })).toBeNull();
    expect(supportCentersOf({ items: [] })).toBeNull();
    expect(supportCentersOf(undefined)).toBeNull();
  });
});

describe('extraSupportCenters', () => {
  const centers = { basis: 'area' as const, areaCode: '33104', items: [center('a', 6.1), center('b', 2)] };

  it('shows the ward’s centres not already in the results, saying when one is beyond the radius', () => {
    expect(extraSupportCenters(centers, [], 5)).toEqual({ items: centers.items, isBeyondRadius: true });
    expect(extraSupportCenters(centers, [center('a', 6.1)], 10)).toEqual({
      items: [centers.items[1]],
      isBeyondRadius: false,
    });
    expect(extraSupportCenters(centers, centers.items, 5).items).toEqual([]);
  });

  it('has nothing to add for another need', () => {
    expect(extraSupportCenters(null, [], 5)).toEqual({ items: [], isBeyondRadius: false });
  });
});
