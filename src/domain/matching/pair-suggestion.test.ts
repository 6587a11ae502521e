import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maximumMatching, suggestPairs, type PairClinic } from './pair-suggestion.js';
import { distanceKm } from '../directory/geo.js';

/** Size of a maximum matching by brute force (small graphs only). */
function bruteMaximumMatching(vertexCount: number, edges: readonly [number, number][]): number {
  let best = 0;
  const used = new Uint8Array(vertexCount);
  const search = (from: number, size: number) => {
    best = Math.max(best, size);
    for (let index = from; index < edges.length; index += 1) {
      const [a, b] = edges[index] ?? [0, 0];
      if (used[a] || used[b]) continue;
      used[a] = 1;
      used[b] = 1;
      search(index + 1, size + 1);
      used[a] = 0;
      used[b] = 0;
    }
  };
  search(0, 0);
  return best;
}

const clinicArbitrary = fc.record({
  lat: fc.double({ min: 34.6, max: 34.7, noNaN: true }),
  lng: fc.double({ min: 133.85, max: 133.97, noNaN: true }),
  currentLoad: fc.integer({ min: 0, max: 40 }),
  activePairCount: fc.integer({ min: 0, max: 2 }),
  groups: fc.uniqueArray(fc.constantFrom('elderly', 'dementia', 'cancer', 'pediatric_medical_care'), {
    minLength: 1,
    maxLength: 3,
  }),
});

function clinicsFrom(
  list: { lat: number; lng: number; currentLoad: number; activePairCount: number; groups: string[] }[],
): PairClinic[] {
  return list.map((clinic, index) => ({
    id: `clinic-${String(index).padStart(2, '0')}`,
    ...clinic,
    wantsPartner: clinic.activePairCount === 0,
  }));
}

describe('pair suggestions', () => {
  it("Edmonds' algorithm finds a maximum matching (against brute force, odd cycles included)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9 }).chain((count) =>
          fc.tuple(
            fc.constant(count),
            fc.uniqueArray(
              fc.tuple(
                fc.integer({ min: 0, max: Math.max(0, count - 1) }),
                fc.integer({ min: 0, max: Math.max(0, count - 1) }),
              ),
              {
                maxLength: 16,
                selector: ([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`,
              },
            ),
          ),
        ),
        ([count, rawEdges]) => {
          const edges = rawEdges.filter(([a, b]) => a !== b);
          const neighbours: number[][] = Array.from({ length: count }, () => []);
          for (const [a, b] of edges) {
            neighbours[a]?.push(b);
            neighbours[b]?.push(a);
          }
          const match = maximumMatching(count, neighbours);
          let size = 0;
          match.forEach((partner, vertex) => {
            if (partner === -1) return;
            expect(match[partner]).toBe(vertex);
            expect(neighbours[vertex]).toContain(partner);
            if (partner > vertex) size += 1;
          });
          expect(size).toBe(bruteMaximumMatching(count, edges));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('keeps every pair within the distance and every clinic within the pair limit', () => {
    fc.assert(
      fc.property(
        fc.array(clinicArbitrary, { maxLength: 14 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 3 }),
        (list, maxDistanceKm, maxPairsPerClinic) => {
          const clinics = clinicsFrom(list);
          const result = suggestPairs(clinics, { maxDistanceKm, maxPairsPerClinic });
          const byId = new Map(clinics.map((clinic) => [clinic.id, clinic]));
          const count = new Map(clinics.map((clinic) => [clinic.id, clinic.activePairCount]));
          for (const pair of result.pairs) {
            const a = byId.get(pair.primaryId);
            const b = byId.get(pair.secondaryId);
            expect(a && b && a.id !== b.id).toBe(true);
            if (!a || !b) return;
            expect(distanceKm(a.lng, a.lat, b.lng, b.lat)).toBeLessThanOrEqual(maxDistanceKm + 1e-9);
            // The two share at least one patient group, and the pair says which.
            expect(pair.sharedGroups.length).toBeGreaterThan(0);
            expect(pair.sharedGroups).toEqual(
              [...new Set(a.groups)]
                .filter((group) => b.groups.includes(group))
                .sort(
                  (x, y) =>
                    ['elderly', 'pediatric_medical_care', 'cancer', 'dementia'].indexOf(x) -
                    ['elderly', 'pediatric_medical_care', 'cancer', 'dementia'].indexOf(y),
                ),
            );
            count.set(a.id, (count.get(a.id) ?? 0) + 1);
            count.set(b.id, (count.get(b.id) ?? 0) + 1);
            // A pair with a clinic that did not want one only adds to a clinic that had room.
            if (!a.wantsPartner || !b.wantsPartner) expect(pair.isSecondPartner).toBe(true);
          }
          for (const clinic of clinics) {
            const added = (count.get(clinic.id) ?? 0) - clinic.activePairCount;
            if (added > 0) expect(count.get(clinic.id)).toBeLessThanOrEqual(maxPairsPerClinic);
          }
          // Every clinic that wants a partner is either paired or reported with a reason.
          const paired = new Set(result.pairs.flatMap((pair) => [pair.primaryId, pair.secondaryId]));
          for (const clinic of clinics.filter((candidate) => candidate.wantsPartner))
            expect(paired.has(clinic.id) || result.unpaired.some((entry) => entry.id === clinic.id)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('pairs every clinic that wants a partner when there is room (odd one out gets a second partner)', () => {
    const clinics: PairClinic[] = [
      { id: 'a', lat: 34.66, lng: 133.9, currentLoad: 20, activePairCount: 0, wantsPartner: true, groups: ['elderly'] },
      {
        id: 'b',
        lat: 34.661,
        lng: 133.901,
        currentLoad: 5,
        activePairCount: 0,
        wantsPartner: true,
        groups: ['elderly'],
      },
      {
        id: 'c',
        lat: 34.662,
        lng: 133.905,
        currentLoad: 8,
        activePairCount: 0,
        wantsPartner: true,
        groups: ['elderly'],
      },
    ];
    const result = suggestPairs(clinics, { maxDistanceKm: 5, maxPairsPerClinic: 2 });
    expect(result.unpaired).toEqual([]);
    expect(result.pairs).toHaveLength(2);
    const one = suggestPairs(clinics, { maxDistanceKm: 5, maxPairsPerClinic: 1 });
    expect(one.pairs).toHaveLength(1);
    expect(one.unpaired).toEqual([expect.objectContaining({ reason: 'partners_at_limit' })]);
  });

  it('reports a clinic with nobody within the distance', () => {
    const clinics: PairClinic[] = [
      {
        id: 'town',
        lat: 34.66,
        lng: 133.9,
        currentLoad: 3,
        activePairCount: 0,
        wantsPartner: true,
        groups: ['elderly'],
      },
      {
        id: 'hills',
        lat: 34.86,
        lng: 133.8,
        currentLoad: 3,
        activePairCount: 0,
        wantsPartner: true,
        groups: ['elderly'],
      },
    ];
    const result = suggestPairs(clinics, { maxDistanceKm: 8, maxPairsPerClinic: 2 });
    expect(result.pairs).toEqual([]);
    expect(result.unpaired.map((entry) => entry.reason)).toEqual(['none_within_distance', 'none_within_distance']);
    expect(result.unpaired[0]?.nearestKm).toBeGreaterThan(8);
    expect(
      suggestPairs([clinics[0] as PairClinic], { maxDistanceKm: 8, maxPairsPerClinic: 2 }).unpaired[0]?.reason,
    ).toBe('no_other_clinic');
  });

  it('makes the busier clinic the primary and is deterministic', () => {
    const clinics: PairClinic[] = [
      {
        id: 'quiet',
        lat: 34.66,
        lng: 133.9,
        currentLoad: 2,
        activePairCount: 0,
        wantsPartner: true,
        groups: ['elderly'],
      },
      {
        id: 'busy',
        lat: 34.661,
        lng: 133.901,
        currentLoad: 30,
        activePairCount: 0,
        wantsPartner: true,
        groups: ['elderly'],
      },
    ];
    const result = suggestPairs(clinics, { maxDistanceKm: 5, maxPairsPerClinic: 1 });
    expect(result.pairs).toEqual([
      expect.objectContaining({ primaryId: 'busy', secondaryId: 'quiet', isSecondPartner: false }),
    ]);
    expect(suggestPairs([...clinics].reverse(), { maxDistanceKm: 5, maxPairsPerClinic: 1 })).toEqual(result);
  });

  it('never pairs two clinics that share no patient group, however close, and says why one stays alone', () => {
    const clinics: PairClinic[] = [
      {
        id: 'womens',
        lat: 34.66,
        lng: 133.9,
        currentLoad: 5,
        activePairCount: 0,
        wantsPartner: true,
        groups: ['elderly', 'dementia', 'cancer', 'psychiatric'],
      },
      {
        id: 'childrens',
        lat: 34.66,
        lng: 133.9,
        currentLoad: 3,
        activePairCount: 0,
        wantsPartner: true,
        groups: ['pediatric_medical_care', 'intractable_disease'],
      },
    ];
    const result = suggestPairs(clinics, { maxDistanceKm: 8, maxPairsPerClinic: 2 });
    expect(result.pairs).toEqual([]);
    expect(result.unpaired.map((entry) => [entry.id, entry.reason])).toEqual([
      ['childrens', 'no_shared_group'],
      ['womens', 'no_shared_group'],
    ]);
    // A paediatric clinic farther away that shares the children is the partner instead.
    const withPaediatric = suggestPairs(
      [
        ...clinics,
        {
          id: 'paediatric',
          lat: 34.68,
          lng: 133.91,
          currentLoad: 1,
          activePairCount: 0,
          wantsPartner: true,
          groups: ['pediatric_medical_care', 'disability'],
        },
      ],
      { maxDistanceKm: 8, maxPairsPerClinic: 2 },
    );
    expect(withPaediatric.pairs).toEqual([
      expect.objectContaining({
        primaryId: 'childrens',
        secondaryId: 'paediatric',
        sharedGroups: ['pediatric_medical_care'],
      }),
    ]);
    expect(withPaediatric.unpaired.map((entry) => [entry.id, entry.reason])).toEqual([['womens', 'no_shared_group']]);
  });

  it('ranks by shared groups, then distance: the better-fitting partner wins over the nearer one', () => {
    const clinic = (id: string, northKm: number, groups: string[]): PairClinic => ({
      id,
      lat: 34.66 + northKm / 111,
      lng: 133.9,
      currentLoad: 10,
      activePairCount: 0,
      wantsPartner: true,
      groups,
    });
    const home = ['elderly', 'dementia', 'terminal_care'];
    const clinics = [
      clinic('a', 0, home),
      clinic('b', 0.2, ['elderly']), // nearest to a, one group in common
      clinic('c', 3, home), // farther, three in common
      clinic('d', 3.2, ['elderly']),
    ];
    const result = suggestPairs(clinics, { maxDistanceKm: 8, maxPairsPerClinic: 1 });
    const pairs = result.pairs.map((pair) => [pair.primaryId, pair.secondaryId].sort().join('-')).sort();
    expect(pairs).toEqual(['a-c', 'b-d']);
    expect(result.pairs.find((pair) => pair.sharedGroups.length === 3)?.sharedGroups).toEqual([
      'elderly',
      'terminal_care',
      'dementia',
    ]);
    // With equal overlap, distance decides (as before).
    const plain = suggestPairs(
      clinics.map((entry) => ({ ...entry, groups: ['elderly'] })),
      { maxDistanceKm: 8, maxPairsPerClinic: 1 },
    );
    expect(plain.pairs.map((pair) => [pair.primaryId, pair.secondaryId].sort().join('-')).sort()).toEqual([
      'a-b',
      'c-d',
    ]);
  });
});
