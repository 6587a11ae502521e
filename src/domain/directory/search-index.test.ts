import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  availabilityStatuses,
  homeCareSupportClinicTypes,
  organizationKinds,
  patientGroups,
  procedures,
  type OrganizationKind,
  type Procedure,
} from '../codes.js';
import { DirectoryIndex, bruteForceSearch, type DirectoryEntry, type SearchQuery } from './search-index.js';
import { distanceKm } from './geo.js';

const areaCodes = ['33101', '33102', '33103', '33104'];
const now = Date.UTC(2026, 10, 25);
const day = 24 * 3600 * 1000;

const entryArbitrary = (id: string) =>
  fc.record({
    id: fc.constant(id),
    // Okayama City and around; a small grid so that equal coordinates (ties) happen.
    lat: fc.integer({ min: 0, max: 40 }).map((step) => 34.5 + step * 0.01),
    lng: fc.integer({ min: 0, max: 40 }).map((step) => 133.75 + step * 0.01),
    // Every kind: those that admit no patients (地域包括支援センター …) have no status to filter or rank by.
    kind: fc.constantFrom(...organizationKinds),
    areaCode: fc.option(fc.constantFrom(...areaCodes), { nil: null }),
    groups: fc.subarray([...patientGroups]),
    procedures: fc.subarray([...procedures]),
    isAvailable24h: fc.boolean(),
    coverageRadiusKm: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
    coverageAreaCodes: fc.subarray(areaCodes, { maxLength: 2 }),
    availabilityStatus: fc.option(fc.constantFrom(...availabilityStatuses), { nil: null }),
    availabilityUpdatedAt: fc.option(
      fc.integer({ min: 0, max: 40 }).map((days) => now - days * day),
      { nil: null },
    ),
    homeCareSupportClinic: fc.option(fc.constantFrom(...homeCareSupportClinicTypes), { nil: null }),
    isHomeVisitOnly: fc.boolean(),
  }) satisfies fc.Arbitrary<DirectoryEntry>;

const entriesArbitrary = fc
  .integer({ min: 0, max: 400 })
  .chain((count) =>
    fc.tuple(...Array.from({ length: count }, (_, index) => entryArbitrary(`org-${String(index).padStart(4, '0')}`))),
  )
  .map((entries) => [...entries]);

const queryArbitrary: fc.Arbitrary<SearchQuery> = fc.record({
  lat: fc.double({ min: 34.45, max: 34.95, noNaN: true }),
  lng: fc.double({ min: 133.7, max: 134.2, noNaN: true }),
  radiusKm: fc.option(fc.double({ min: 0.5, max: 100, noNaN: true }), { nil: null }),
  pointAreaCode: fc.option(fc.constantFrom(...areaCodes), { nil: null }),
  withinAreaCode: fc.option(fc.constantFrom(...areaCodes, '99999'), { nil: null }),
  kinds: fc.subarray([...organizationKinds], { maxLength: 2 }),
  groups: fc.subarray([...patientGroups], { maxLength: 2 }),
  procedures: fc.subarray([...procedures], { maxLength: 2 }),
  requires24h: fc.boolean(),
  homeCareSupportClinicTypes: fc.subarray([...homeCareSupportClinicTypes], { maxLength: 2 }),
  requiresHomeVisitOnly: fc.boolean(),
  acceptingOnly: fc.boolean(),
  excludeFull: fc.boolean(),
  limit: fc.integer({ min: 1, max: 60 }),
  nowMs: fc.constant(now),
  staleAfterMs: fc.constant(14 * day),
});

describe('DirectoryIndex.search', () => {
  it('returns exactly what a brute-force scan returns, for random organisations and queries', () => {
    fc.assert(
      fc.property(entriesArbitrary, fc.array(queryArbitrary, { minLength: 1, maxLength: 8 }), (entries, queries) => {
        const index = new DirectoryIndex(entries);
        for (const query of queries) expect(index.search(query)).toEqual(bruteForceSearch(entries, query));
      }),
      { numRuns: 150 },
    );
  });

  it('stays equal to the brute force after in-place updates of availability and capabilities', () => {
    fc.assert(
      fc.property(
        entriesArbitrary.filter((entries) => entries.length > 0),
        fc.array(fc.tuple(fc.nat(), entryArbitrary('x')), { maxLength: 20 }),
        queryArbitrary,
        (entries, changes, query) => {
          const current = [...entries];
          const index = new DirectoryIndex(current);
          for (const [position, change] of changes) {
            const target = current[position % current.length];
            if (!target) continue;
            // Keep identity and location: an in-place update.
            const updated = { ...change, id: target.id, lat: target.lat, lng: target.lng };
            current[position % current.length] = updated;
            expect(index.update(updated)).toBe(true);
          }
          expect(index.search(query)).toEqual(bruteForceSearch(current, query));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('stays equal to the brute force when availability and capabilities change after trees were built', () => {
    fc.assert(
      fc.property(
        entriesArbitrary.filter((entries) => entries.length > 0),
        fc.array(fc.tuple(fc.nat(), entryArbitrary('x'), fc.boolean()), { maxLength: 20 }),
        fc.array(queryArbitrary, { minLength: 1, maxLength: 4 }),
        (entries, changes, queries) => {
          const current = [...entries];
          const index = new DirectoryIndex(current);
          // Build trees and cached choices first, then change organisations under them.
          for (const query of queries) expect(index.search(query)).toEqual(bruteForceSearch(current, query));
          for (const [position, change, isAvailabilityOnly] of changes) {
            const target = current[position % current.length];
            if (!target) continue;
            const updated = isAvailabilityOnly
              ? {
                  ...target,
                  availabilityStatus: change.availabilityStatus,
                  availabilityUpdatedAt: change.availabilityUpdatedAt,
                }
              : { ...change, id: target.id, lat: target.lat, lng: target.lng };
            current[position % current.length] = updated;
            expect(index.update(updated)).toBe(true);
            for (const query of queries) expect(index.search(query)).toEqual(bruteForceSearch(current, query));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('answers like the brute force on larger sets, where filtered searches walk trees', () => {
    // Kinds found under visiting_rehab when they do rehabilitation, and one that admits no patients.
    const someKinds: OrganizationKind[] = [
      'hospital',
      'clinic',
      'visiting_nursing',
      'visiting_rehab',
      'care_service',
      'community_support_center',
    ];
    const someProcedures: Procedure[] = [...procedures.slice(0, 4), 'rehabilitation'];
    // Thousands of organisations on a coarse grid (many ties), few capabilities each, so that
    // single-capability trees, exact trees of a combination and short scanned lists all occur.
    const random = fc.sample(
      fc.record({
        lat: fc.integer({ min: 0, max: 60 }),
        lng: fc.integer({ min: 0, max: 60 }),
        groups: fc.subarray([...patientGroups].slice(0, 4), { minLength: 1 }),
        procedures: fc.subarray(someProcedures, { minLength: 1 }),
        kind: fc.constantFrom(...someKinds),
        isAvailable24h: fc.boolean(),
        homeCareSupportClinic: fc.option(fc.constantFrom(...homeCareSupportClinicTypes), { nil: null }),
        isHomeVisitOnly: fc.boolean(),
        coverageRadiusKm: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
        areaCode: fc.option(fc.constantFrom(...areaCodes), { nil: null }),
        coverageAreaCodes: fc.oneof(fc.constant([]), fc.subarray(areaCodes, { minLength: 1, maxLength: 2 })),
        availabilityStatus: fc.option(fc.constantFrom(...availabilityStatuses), { nil: null }),
        ageDays: fc.integer({ min: 0, max: 40 }),
      }),
      { numRuns: 6000, seed: 4 },
    );
    const entries: DirectoryEntry[] = random.map((sample, index) => ({
      id: `org-${String(index).padStart(5, '0')}`,
      lat: 34.4 + sample.lat * 0.01,
      lng: 133.6 + sample.lng * 0.01,
      kind: sample.kind,
      areaCode: sample.areaCode,
      groups: sample.groups,
      procedures: sample.procedures,
      isAvailable24h: sample.isAvailable24h,
      coverageRadiusKm: sample.coverageRadiusKm,
      coverageAreaCodes: sample.coverageAreaCodes,
      availabilityStatus: sample.availabilityStatus,
      availabilityUpdatedAt: sample.availabilityStatus ? now - sample.ageDays * day : null,
      homeCareSupportClinic: sample.homeCareSupportClinic,
      isHomeVisitOnly: sample.isHomeVisitOnly,
    }));
    const index = new DirectoryIndex(entries);
    const queries = fc.sample(
      fc.record({
        lat: fc.double({ min: 34.3, max: 35.1, noNaN: true }),
        lng: fc.double({ min: 133.5, max: 134.3, noNaN: true }),
        radiusKm: fc.option(fc.double({ min: 0.5, max: 60, noNaN: true }), { nil: null }),
        kinds: fc.subarray(someKinds, { maxLength: 2 }),
        groups: fc.subarray([...patientGroups].slice(0, 4), { maxLength: 3 }),
        procedures: fc.subarray(someProcedures, { maxLength: 3 }),
        requires24h: fc.boolean(),
        homeCareSupportClinicTypes: fc.oneof(
          { weight: 3, arbitrary: fc.constant([]) },
          { weight: 1, arbitrary: fc.subarray([...homeCareSupportClinicTypes], { minLength: 1 }) },
        ),
        requiresHomeVisitOnly: fc.boolean(),
        acceptingOnly: fc.boolean(),
        excludeFull: fc.boolean(),
        limit: fc.integer({ min: 1, max: 80 }),
        pointAreaCode: fc.option(fc.constantFrom(...areaCodes), { nil: null }),
        // One search in four is a ward search (the ward's centre as the point).
        withinAreaCode: fc.oneof(
          { weight: 3, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: fc.constantFrom(...areaCodes) },
        ),
      }),
      { numRuns: 300, seed: 5 },
    );
    const all = queries.map((sample): SearchQuery => ({
      ...sample,
      nowMs: now,
      staleAfterMs: 14 * day,
    }));
    for (const query of all) expect(index.search(query)).toEqual(bruteForceSearch(entries, query));
    // Availability changes after the trees were built: organisations become full, accepting again, stale, fresh.
    const changes = fc.sample(
      fc.record({
        position: fc.nat({ max: entries.length - 1 }),
        availabilityStatus: fc.option(fc.constantFrom(...availabilityStatuses), { nil: null }),
        ageDays: fc.integer({ min: 0, max: 40 }),
      }),
      { numRuns: 400, seed: 6 },
    );
    changes.forEach((change, step) => {
      const target = entries[change.position]!;
      const updated: DirectoryEntry = {
        ...target,
        availabilityStatus: change.availabilityStatus,
        availabilityUpdatedAt: change.availabilityStatus ? now - change.ageDays * day : null,
      };
      entries[change.position] = updated;
      expect(index.update(updated)).toBe(true);
      if (step % 40 === 39) {
        for (const query of all.slice(0, 60)) expect(index.search(query)).toEqual(bruteForceSearch(entries, query));
      }
    });
  });

  it('finds organisations beyond the first 65,536 in a filtered tree (national scale)', () => {
    // 70,000 organisations; the ventilator tree holds fewer than 65,536 of them but refers to
    // organisations numbered above that, which a 16-bit id array would truncate.
    const entries: DirectoryEntry[] = Array.from({ length: 70_000 }, (_, index) => ({
      id: `n${String(index).padStart(6, '0')}`,
      lat: 33 + (index % 300) * 0.01,
      lng: 130 + Math.floor(index / 300) * 0.01,
      kind: 'visiting_nursing',
      areaCode: null,
      groups: ['elderly'],
      procedures: index % 3 === 0 ? ['ventilator'] : ['home_oxygen'],
      isAvailable24h: false,
      coverageRadiusKm: null,
      coverageAreaCodes: [],
      availabilityStatus: 'accepting',
      availabilityUpdatedAt: now,
    }));
    const index = new DirectoryIndex(entries);
    for (const [lat, lng] of [
      [33.5, 130.2],
      [35.9, 132.3],
      [34.2, 131.9],
    ] as const) {
      const query: SearchQuery = {
        lat,
        lng,
        radiusKm: 30,
        pointAreaCode: null,
        kinds: [],
        groups: ['elderly'],
        procedures: ['ventilator'],
        acceptingOnly: true,
        limit: 20,
        nowMs: now,
        staleAfterMs: 14 * day,
      };
      const hits = index.search(query);
      expect(hits).toHaveLength(20);
      expect(hits).toEqual(bruteForceSearch(entries, query));
    }
  });

  it('refuses an in-place update that moves an organisation or adds one', () => {
    const entry: DirectoryEntry = {
      id: 'a',
      lat: 34.66,
      lng: 133.92,
      kind: 'clinic',
      areaCode: '33101',
      groups: [],
      procedures: [],
      isAvailable24h: false,
      coverageRadiusKm: null,
      coverageAreaCodes: [],
      availabilityStatus: null,
      availabilityUpdatedAt: null,
    };
    const index = new DirectoryIndex([entry]);
    expect(index.update({ ...entry, lat: 34.7 })).toBe(false);
    expect(index.update({ ...entry, id: 'b' })).toBe(false);
  });

  it('orders nearest first with ties broken by id, and puts stale availability after fresh', () => {
    const base = {
      kind: 'visiting_nursing' as const,
      areaCode: '33101',
      groups: [],
      procedures: [],
      isAvailable24h: true,
      coverageRadiusKm: null,
      coverageAreaCodes: [],
      availabilityStatus: 'accepting' as const,
    };
    const entries: DirectoryEntry[] = [
      { ...base, id: 'c', lat: 34.66, lng: 133.92, availabilityUpdatedAt: now },
      { ...base, id: 'b', lat: 34.66, lng: 133.92, availabilityUpdatedAt: now },
      { ...base, id: 'a', lat: 34.7, lng: 133.92, availabilityUpdatedAt: now },
      { ...base, id: 'z', lat: 34.661, lng: 133.92, availabilityUpdatedAt: now - 30 * day },
    ];
    const hits = new DirectoryIndex(entries).search({
      lat: 34.66,
      lng: 133.92,
      radiusKm: 30,
      pointAreaCode: '33101',
      kinds: [],
      groups: [],
      procedures: [],
      acceptingOnly: true,
      limit: 10,
      nowMs: now,
      staleAfterMs: 14 * day,
    });
    expect(hits.map((hit) => hit.id)).toEqual(['b', 'c', 'a', 'z']);
    expect(hits[3]?.isStale).toBe(true);
    expect(hits[2]?.distanceKm).toBeCloseTo(distanceKm(133.92, 34.66, 133.92, 34.7), 9);
  });

  it('does not return an organisation whose coverage does not reach the point', () => {
    const entry: DirectoryEntry = {
      id: 'far',
      lat: 34.66,
      lng: 133.92,
      kind: 'clinic',
      areaCode: '33101',
      groups: ['elderly'],
      procedures: ['ventilator'],
      isAvailable24h: false,
      coverageRadiusKm: 2,
      coverageAreaCodes: [],
      availabilityStatus: 'accepting',
      availabilityUpdatedAt: now,
    };
    const index = new DirectoryIndex([entry]);
    const query: SearchQuery = {
      lat: 34.66,
      lng: 133.98, // about 5.5 km east
      radiusKm: 30,
      pointAreaCode: '33102',
      kinds: [],
      groups: ['elderly'],
      procedures: ['ventilator'],
      acceptingOnly: true,
      limit: 5,
      nowMs: now,
      staleAfterMs: 14 * day,
    };
    expect(index.search(query)).toEqual([]);
    expect(index.search({ ...query, lng: 133.93 })).toHaveLength(1);
  });

  describe('ward (area) search', () => {
    // 北区 = 33101, 南区 = 33104. The ward search walks from the ward's centre with no radius.
    const base: Omit<DirectoryEntry, 'id' | 'areaCode' | 'coverageRadiusKm' | 'coverageAreaCodes'> = {
      lat: 34.665,
      lng: 133.918,
      kind: 'visiting_nursing',
      groups: ['elderly'],
      procedures: [],
      isAvailable24h: false,
      availabilityStatus: 'accepting',
      availabilityUpdatedAt: now,
    };
    const entries: DirectoryEntry[] = [
      // Located in 北区 but visiting 南区 only: it told us it does not serve 北区.
      { ...base, id: 'south-only', areaCode: '33101', coverageRadiusKm: null, coverageAreaCodes: ['33104'] },
      // Located in 北区, no declared coverage: serves where it is.
      { ...base, id: 'undeclared', areaCode: '33101', coverageRadiusKm: null, coverageAreaCodes: [] },
      // Located in 北区, serves 北区 and 南区 by name.
      { ...base, id: 'both', areaCode: '33101', coverageRadiusKm: null, coverageAreaCodes: ['33101', '33104'] },
      // Located in 南区, declared 南区 plus a radius that reaches the 北区 centre.
      {
        ...base,
        id: 'south-with-radius',
        lat: 34.62,
        areaCode: '33104',
        coverageRadiusKm: 8,
        coverageAreaCodes: ['33104'],
      },
      // Located in 北区 with a radius only (no areas): its own ward counts even where the radius does not reach the centre.
      {
        ...base,
        id: 'radius-only',
        lat: 34.75,
        areaCode: '33101',
        coverageRadiusKm: 1,
        coverageAreaCodes: [],
      },
    ];
    const wardQuery = (withinAreaCode: string): SearchQuery => ({
      lat: 34.665,
      lng: 133.918,
      radiusKm: null,
      pointAreaCode: withinAreaCode,
      withinAreaCode,
      kinds: ['visiting_nursing'],
      groups: [],
      procedures: [],
      acceptingOnly: false,
      limit: 50,
      nowMs: now,
      staleAfterMs: 14 * day,
    });
    const idsOf = (hits: { id: string }[]) => hits.map((hit) => hit.id).sort();

    it('leaves out an organisation located in the ward whose declared coverage areas leave the ward out', () => {
      const index = new DirectoryIndex(entries);
      const north = wardQuery('33101');
      expect(idsOf(index.search(north))).toEqual(['both', 'radius-only', 'south-with-radius', 'undeclared']);
      expect(idsOf(bruteForceSearch(entries, north))).toEqual(idsOf(index.search(north)));
    });

    it('lists an organisation in every ward it declared, wherever it is located', () => {
      const index = new DirectoryIndex(entries);
      const south = wardQuery('33104');
      expect(idsOf(index.search(south))).toEqual(['both', 'south-only', 'south-with-radius']);
      expect(idsOf(bruteForceSearch(entries, south))).toEqual(idsOf(index.search(south)));
    });

    it('agrees with a point search in the ward: the station visiting 南区 only is not found from a 北区 address', () => {
      const index = new DirectoryIndex(entries);
      const point: SearchQuery = { ...wardQuery('33101'), withinAreaCode: null, radiusKm: 30 };
      expect(idsOf(index.search(point))).not.toContain('south-only');
    });
  });
});

describe('what the kind filter finds, 在支診 and 往診専門, and kinds that admit no patients', () => {
  const base = {
    areaCode: '33101',
    groups: [],
    isAvailable24h: false,
    coverageRadiusKm: null,
    coverageAreaCodes: [],
    availabilityStatus: 'accepting' as const,
    availabilityUpdatedAt: now,
  };
  const query = (change: Partial<SearchQuery>): SearchQuery => ({
    lat: 34.66,
    lng: 133.92,
    radiusKm: 30,
    pointAreaCode: '33101',
    kinds: [],
    groups: [],
    procedures: [],
    acceptingOnly: false,
    limit: 50,
    nowMs: now,
    staleAfterMs: 14 * day,
    ...change,
  });
  const ids = (entries: DirectoryEntry[], change: Partial<SearchQuery>) => {
    const hits = new DirectoryIndex(entries).search(query(change));
    expect(hits).toEqual(bruteForceSearch(entries, query(change)));
    return hits.map((hit) => hit.id);
  };

  it('finds under visiting_rehab every organisation the matching proposes for visiting rehab', () => {
    const entries: DirectoryEntry[] = [
      { ...base, id: 'rehab-office', lat: 34.661, lng: 133.92, kind: 'visiting_rehab', procedures: [] },
      { ...base, id: 'roken-140', lat: 34.662, lng: 133.92, kind: 'care_service', procedures: ['rehabilitation'] },
      { ...base, id: 'clinic-rehab', lat: 34.663, lng: 133.92, kind: 'clinic', procedures: ['rehabilitation'] },
      {
        ...base,
        id: 'station-rehab',
        lat: 34.664,
        lng: 133.92,
        kind: 'visiting_nursing',
        procedures: ['rehabilitation'],
      },
      { ...base, id: 'clinic-plain', lat: 34.665, lng: 133.92, kind: 'clinic', procedures: ['home_oxygen'] },
      { ...base, id: 'day-care', lat: 34.666, lng: 133.92, kind: 'care_service', procedures: [] },
      // A care manager does not visit for rehabilitation, whatever it declared.
      {
        ...base,
        id: 'care-manager',
        lat: 34.667,
        lng: 133.92,
        kind: 'care_management',
        procedures: ['rehabilitation'],
      },
    ];
    expect(ids(entries, { kinds: ['visiting_rehab'] })).toEqual([
      'rehab-office',
      'roken-140',
      'clinic-rehab',
      'station-rehab',
    ]);
    // Each is still found under its own kind.
    expect(ids(entries, { kinds: ['care_service'] })).toEqual(['roken-140', 'day-care']);
    expect(ids(entries, { kinds: ['clinic'] })).toEqual(['clinic-rehab', 'clinic-plain']);
    const counts = new DirectoryIndex(entries).kindCounts();
    expect(counts.get('visiting_rehab')).toBe(4);
    expect(counts.get('care_service')).toBe(2);
    expect(counts.get('home_dental')).toBe(0);
  });

  it('filters by 在宅療養支援診療所 (any of the types asked) and 往診専門', () => {
    const clinic = { ...base, kind: 'clinic' as const, procedures: [] };
    const entries: DirectoryEntry[] = [
      { ...clinic, id: 'single', lat: 34.661, lng: 133.92, homeCareSupportClinic: 'enhanced_single' },
      { ...clinic, id: 'network', lat: 34.662, lng: 133.92, homeCareSupportClinic: 'enhanced_network' },
      { ...clinic, id: 'standard', lat: 34.663, lng: 133.92, homeCareSupportClinic: 'standard', isHomeVisitOnly: true },
      { ...clinic, id: 'visit-only', lat: 34.664, lng: 133.92, isHomeVisitOnly: true },
      { ...clinic, id: 'plain', lat: 34.665, lng: 133.92 },
    ];
    expect(ids(entries, { homeCareSupportClinicTypes: ['enhanced_single', 'enhanced_network'] })).toEqual([
      'single',
      'network',
    ]);
    expect(ids(entries, { homeCareSupportClinicTypes: ['standard'] })).toEqual(['standard']);
    expect(ids(entries, { requiresHomeVisitOnly: true })).toEqual(['standard', 'visit-only']);
    expect(ids(entries, { homeCareSupportClinicTypes: ['standard'], requiresHomeVisitOnly: true })).toEqual([
      'standard',
    ]);
    expect(ids(entries, {})).toHaveLength(5);
  });

  it('neither filters nor ranks a consultation window by an acceptance status it should not have', () => {
    const entries: DirectoryEntry[] = [
      // A 地域包括支援センター whose (meaningless) status says full and was set long ago.
      {
        ...base,
        id: 'centre',
        lat: 34.664,
        lng: 133.92,
        kind: 'community_support_center',
        procedures: [],
        availabilityStatus: 'full',
        availabilityUpdatedAt: now - 60 * day,
      },
      {
        ...base,
        id: 'welfare',
        lat: 34.665,
        lng: 133.92,
        kind: 'welfare_office',
        procedures: [],
        availabilityStatus: null,
        availabilityUpdatedAt: null,
      },
      { ...base, id: 'station', lat: 34.661, lng: 133.92, kind: 'visiting_nursing', procedures: [] },
      {
        ...base,
        id: 'stale-station',
        lat: 34.662,
        lng: 133.92,
        kind: 'visiting_nursing',
        procedures: [],
        availabilityUpdatedAt: now - 30 * day,
      },
      {
        ...base,
        id: 'full-station',
        lat: 34.663,
        lng: 133.92,
        kind: 'visiting_nursing',
        procedures: [],
        availabilityStatus: 'full',
      },
    ];
    // Nearest first among the fresh; the windows are never 要確認, the stale station comes last.
    const hits = new DirectoryIndex(entries).search(query({}));
    expect(hits.map((hit) => [hit.id, hit.isStale])).toEqual([
      ['station', false],
      ['full-station', false],
      ['centre', false],
      ['welfare', false],
      ['stale-station', true],
    ]);
    expect(hits).toEqual(bruteForceSearch(entries, query({})));
    expect(ids(entries, { acceptingOnly: true })).toEqual(['station', 'centre', 'welfare', 'stale-station']);
    expect(ids(entries, { excludeFull: true })).toEqual(['station', 'centre', 'welfare', 'stale-station']);
  });
});
