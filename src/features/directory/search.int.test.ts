import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { startTestApp, testDatabaseKind, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildOrganization, buildUser, login, signedInAs } from '../../../test/helpers/factories.js';
import {
  availabilityStatuses,
  organizationKinds,
  patientGroups,
  procedures,
  type OrganizationKind,
} from '../../domain/codes.js';
import { bruteForceSearch, type DirectoryEntry } from '../../domain/directory/search-index.js';
import { PublicSearchResponse, SearchResponse } from './search.schema.js';

const day = 24 * 3600 * 1000;
const start = new Date('2026-11-25T10:00:00+09:00');

describe('resource search', () => {
  let app: TestApp;
  let token: string;
  beforeAll(async () => {
    // A database of its own on PostgreSQL: the brute-force comparison below expects to know every organisation
    // near its spot, and another file's organisation placed at 北区's centroid (2 km away) once appeared in it.
    app = await startTestApp({ start, isolated: true });
    ({ token } = await signedInAs(app, 'center_coordinator'));
  });
  afterAll(async () => {
    await app.close();
  });

  it('requires sign-in for the professional search but not for the public one', async () => {
    const professional = await api(app.baseUrl, 'GET', '/api/v1/resources/search?lat=34.66&lng=133.92');
    expect(professional.status).toBe(401);
    const citizen = await api(app.baseUrl, 'GET', '/api/v1/public/resources/search?lat=34.66&lng=133.92');
    expect(citizen.status).toBe(200);
  });

  it.each([
    ['group=astronaut', 'group'],
    ['procedure=teleport', 'procedure'],
    ['kind=spaceport', 'kind'],
    ['radiusKm=0', 'radiusKm'],
    ['radiusKm=101', 'radiusKm'],
    ['limit=501', 'limit'],
    // Numbers are plain decimals: JavaScript's Number() would read these as 100, 16, 5 and 0.
    ['limit=1e2', 'limit'],
    ['limit=0x10', 'limit'],
    ['radiusKm=%2B5', 'radiusKm'],
    ['radiusKm=%20', 'radiusKm'],
    // A parameter the search does not know is refused, never dropped with its filter.
    ['kind%5B%5D=clinic', 'kind[]'],
    ['need=children_medical_care', 'need'],
    ['limt=5', 'limt'],
  ])('answers 400 for %s naming the parameter', async (parameter, path) => {
    const response = await api(app.baseUrl, 'GET', `/api/v1/resources/search?lat=34.66&lng=133.92&${parameter}`, {
      token,
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.details.some((detail: { path: string }) => detail.path.startsWith(path))).toBe(true);
  });

  it('says which parameters are unknown and which may be given', async () => {
    const response = await api(app.baseUrl, 'GET', '/api/v1/resources/search?lat=34.66&lng=133.92&limt=5', { token });
    expect(response.body.error.message).toMatch(
      /^指定できないパラメータがあります: limt（指定できるのは .*radiusKm.*）。$/,
    );
    expect(response.body.error.details).toEqual([
      expect.objectContaining({
        path: 'limt',
        code: 'unknown_parameter',
        params: { parameter: 'limt', allowed: expect.stringContaining('limit') },
      }),
    ]);
  });

  it('names the allowed values when a code is unknown', async () => {
    const response = await api(app.baseUrl, 'GET', '/api/v1/resources/search?lat=34.66&lng=133.92&procedure=teleport', {
      token,
    });
    expect(response.body.error.details[0].message).toContain('ventilator');
  });

  it.each([
    ['倉敷市', 34.6, 133.77, '倉敷市'],
    ['west of 北区 (吉備中央町)', 34.8777, 133.7108, '加賀郡吉備中央町'],
    ['Tokyo', 35.68, 139.76, null],
    // Within 1 km of 南区's simplified polygon, but 倉敷市木見 is the nearest town (0.75 km): not the city's.
    ['south of 南区 (倉敷市木見)', 34.532, 133.8288, '倉敷市'],
    // 赤磐市穂崎 lies 250 m outside 東区's simplified polygon: its own 町丁目 point says where it is.
    ['赤磐市穂崎, just outside 東区', 34.730768, 134.005389, '赤磐市'],
  ])('refuses a point in %s as outside Okayama City, in both searches', async (_, lat, lng, municipality) => {
    for (const [path, options] of [
      ['/api/v1/resources/search', { token }],
      ['/api/v1/public/resources/search', {}],
    ] as const) {
      const response = await api(app.baseUrl, 'GET', `${path}?lat=${lat}&lng=${lng}`, options);
      expect(response.status, path).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'validation_failed', reason: 'location_outside_city' });
      expect(response.body.error.message).toContain(municipality ? `岡山市外（${municipality}）` : '岡山市外');
    }
  });

  it('keeps the city’s own points outside the simplified ward polygons, each in its ward (never in no ward)', async () => {
    // 犬島 (東区) and 新築港 (中区) lie outside the simplified polygons, yet are in the city; the third lies 0.4 km
    // outside 北区's polygon with no town within 3 km, the nearest (within 5 km) being the city's.
    for (const [lat, lng, areaCode] of [
      [34.575, 134.1, '33103'],
      [34.63, 133.97, '33102'],
    ] as const) {
      const inCity = await api(app.baseUrl, 'GET', `/api/v1/public/resources/search?lat=${lat}&lng=${lng}`);
      expect(inCity.status, inCity.text).toBe(200);
      expect(inCity.body.origin.areaCode).toBe(areaCode);
    }
  });

  it('refuses points outside Japan and searches without a place', async () => {
    expect((await api(app.baseUrl, 'GET', '/api/v1/resources/search?lat=51.5&lng=-0.1', { token })).status).toBe(400);
    expect((await api(app.baseUrl, 'GET', '/api/v1/resources/search?lat=34.6', { token })).status).toBe(400);
    expect((await api(app.baseUrl, 'GET', '/api/v1/resources/search', { token })).status).toBe(400);
    const unknownArea = await api(app.baseUrl, 'GET', '/api/v1/resources/search?areaCode=99999', { token });
    expect(unknownArea.status).toBe(400);
    const nowhere = await api(
      app.baseUrl,
      'GET',
      `/api/v1/resources/search?near=${encodeURIComponent('どこでもない町')}`,
      { token },
    );
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.error).toMatchObject({ code: 'validation_failed', reason: 'location_not_found' });
  });

  it.each([['/api/v1/resources/search'], ['/api/v1/public/resources/search']])(
    'answers 400 on %s when a ward and a point are both given, instead of dropping one',
    async (path) => {
      const asked = [
        ['lat=34.60&lng=133.90&areaCode=33103&radiusKm=3', 'areaCode'],
        [`near=${encodeURIComponent('南区')}&areaCode=33103`, 'areaCode'],
        [`lat=34.60&lng=133.90&near=${encodeURIComponent('東区')}`, 'near'],
      ] as const;
      for (const [parameters, conflict] of asked) {
        const response = await api(app.baseUrl, 'GET', `${path}?${parameters}`, { token });
        expect(response.status).toBe(400);
        expect(response.body.error.code).toBe('validation_failed');
        const detail = response.body.error.details.find((item: { path: string }) => item.path === conflict);
        expect(detail?.message).toContain('同時に指定できません');
      }
    },
  );

  it('lists in a ward search only organisations serving the ward: declared coverage areas replace where it is located', async () => {
    // A visiting-nursing station located in 北区 (33101) that visits 南区 (33104) only, and one beside
    // it that declared no coverage (it serves the ward it is in).
    const common = {
      kind: 'visiting_nursing',
      lat: 34.6752,
      lng: 133.9233,
      areaCode: '33101',
      procedures: ['home_oxygen', 'stoma'],
      availabilityStatus: 'accepting',
      availabilityUpdatedAt: start,
    };
    const southOnly = await buildOrganization(app.database, {
      ...common,
      coverageRadiusKm: null,
      coverageAreaCodes: ['33104'],
    });
    const undeclared = await buildOrganization(app.database, { ...common, coverageRadiusKm: null });
    const ids = async (path: string, area: string) => {
      const response = await api(
        app.baseUrl,
        'GET',
        `${path}?areaCode=${area}&kind=visiting_nursing&procedure=home_oxygen&procedure=stoma&limit=500`,
        { token },
      );
      expect(response.status).toBe(200);
      return response.body.items.map((item: any) => item.organization.id as string);
    };
    for (const path of ['/api/v1/resources/search', '/api/v1/public/resources/search']) {
      const north = await ids(path, '33101');
      expect(north).not.toContain(southOnly.id);
      expect(north).toContain(undeclared.id);
      const south = await ids(path, '33104');
      expect(south).toContain(southOnly.id);
      expect(south).not.toContain(undeclared.id);
    }
  });

  it('starts a ward search from the ward’s representative point where people live, not its geometric centroid', async () => {
    const areas = await api(app.baseUrl, 'GET', '/api/v1/public/areas');
    expect(areas.status, JSON.stringify(areas.body)).toBe(200);
    expect(areas.body.nextCursor).toBeNull();
    // Paged like every list: two at a time, by code, the cursor taking up where the page ended.
    const codes: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page: { status: number; body: { items: { code: string }[]; nextCursor: string | null } } = await api(
        app.baseUrl,
        'GET',
        `/api/v1/public/areas?limit=2${query}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      codes.push(...page.body.items.map((area: { code: string }) => area.code));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(codes).toEqual(areas.body.items.map((area: { code: string }) => area.code));
    expect(codes).toEqual([...codes].sort());
    expect((await api(app.baseUrl, 'GET', '/api/v1/public/areas?limit=0')).status).toBe(400);
    expect((await api(app.baseUrl, 'GET', '/api/v1/public/areas?cursor=bogus')).status).toBe(400);
    const kita = areas.body.items.find((area: { code: string }) => area.code === '33101');
    // 北区's centroid lies in the rural north; its representative point is 奉還町四丁目, west of Okayama station.
    expect(kita.centroid.lat).toBeGreaterThan(34.75);
    expect(kita.representativePoint).toEqual({ lat: 34.669286, lng: 133.91009, town: '奉還町四丁目' });
    for (const [code, town] of [
      ['33102', '国富二丁目'],
      ['33103', '西大寺'],
      ['33104', '福成一丁目'],
    ]) {
      const ward = areas.body.items.find((area: { code: string }) => area.code === code);
      expect(ward.representativePoint.town, code).toBe(town);
    }
    const tag = randomUUID().slice(0, 8);
    const fresh = { kind: 'clinic' as const, availabilityStatus: 'accepting' as const, availabilityUpdatedAt: start };
    // Two clinics in 北区: one in the town centre (奉還町), one in the rural west (下足守).
    const central = await buildOrganization(app.database, {
      ...fresh,
      name: `奉還町テスト診療所 ${tag}`,
      lat: 34.6691,
      lng: 133.9105,
      areaCode: '33101',
    });
    const rural = await buildOrganization(app.database, {
      ...fresh,
      name: `下足守テスト診療所 ${tag}`,
      lat: 34.7205,
      lng: 133.8139,
      areaCode: '33101',
    });
    // In 中区 (浜一丁目), 2.4 km from 奉還町四丁目: only those whose declared coverage includes 北区 serve it.
    const naka = { ...fresh, lat: 34.6734, lng: 133.9355, areaCode: '33102' };
    const merelyNear = await buildOrganization(app.database, { ...naka, coverageRadiusKm: null });
    const coversKita = await buildOrganization(app.database, {
      ...naka,
      coverageRadiusKm: null,
      coverageAreaCodes: ['33102', '33101'],
    });
    const radiusReaches = await buildOrganization(app.database, { ...naka, coverageRadiusKm: 5 });
    const radiusShort = await buildOrganization(app.database, { ...naka, coverageRadiusKm: 1 });
    for (const [path, options] of [
      ['/api/v1/resources/search', { token }],
      ['/api/v1/public/resources/search', {}],
    ] as const) {
      for (const place of ['areaCode=33101', `near=${encodeURIComponent('北区')}`]) {
        const response = await api(app.baseUrl, 'GET', `${path}?${place}&kind=clinic&limit=500`, options);
        expect(response.status, response.text).toBe(200);
        expect(response.body.origin).toMatchObject({
          lat: 34.669286,
          lng: 133.91009,
          areaCode: '33101',
          label: '岡山市北区',
          basis: 'area',
          town: '奉還町四丁目',
        });
        if (place !== 'areaCode=33101') continue;
        const ids: string[] = response.body.items.map((item: { organization: { id: string } }) => item.organization.id);
        expect(ids.indexOf(central.id)).toBeGreaterThanOrEqual(0);
        expect(ids.indexOf(central.id)).toBeLessThan(ids.indexOf(rural.id));
        const centralItem = response.body.items.find(
          (item: { organization: { id: string } }) => item.organization.id === central.id,
        );
        expect(centralItem.distanceKm).toBeLessThan(0.1);
        expect(ids).toContain(coversKita.id);
        expect(ids).toContain(radiusReaches.id);
        expect(ids).not.toContain(merelyNear.id);
        expect(ids).not.toContain(radiusShort.id);
      }
    }
    // A place located to a town or a point says so, and names no representative town.
    const byPoint = await api(app.baseUrl, 'GET', '/api/v1/public/resources/search?lat=34.66&lng=133.92&radiusKm=1');
    expect(byPoint.body.origin).toMatchObject({ basis: 'point', town: null });
    const byPlace = await api(
      app.baseUrl,
      'GET',
      `/api/v1/public/resources/search?near=${encodeURIComponent('岡山市北区大供1丁目')}&radiusKm=1`,
    );
    expect(byPlace.body.origin).toMatchObject({ basis: 'place', town: null, precision: 'machiaza' });
  });

  it('tells that Renkei covers Okayama City only when the place typed is in another prefecture or city', async () => {
    // (Places the offline data locates elsewhere in 岡山県, such as 倉敷市阿知1丁目, are refused by their
    // municipality code: geocode.int.test.ts.)
    for (const place of ['東京都千代田区千代田1-1', '福岡市中央区天神1-1', '100-0001']) {
      const search = await api(
        app.baseUrl,
        'GET',
        `/api/v1/public/resources/search?near=${encodeURIComponent(place)}&kind=clinic`,
      );
      expect(search.status).toBe(400);
      expect(search.body.error).toMatchObject({ code: 'validation_failed', reason: 'location_outside_city' });
      expect(search.body.error.message).toContain('岡山市内だけを対象');
      expect(search.body.error.message).not.toContain('区名、または町名を含む');
      const geocode = await api(app.baseUrl, 'GET', `/api/v1/public/geocode?q=${encodeURIComponent(place)}`);
      expect(geocode.status).toBe(404);
      expect(geocode.body.error).toMatchObject({ code: 'not_found', reason: 'location_outside_city' });
    }
    // A place in no other city keeps the advice to add a postal code, ward or town name.
    const unknown = await api(
      app.baseUrl,
      'GET',
      `/api/v1/resources/search?near=${encodeURIComponent('どこでもない町')}`,
      { token },
    );
    expect(unknown.body.error).toMatchObject({ code: 'validation_failed', reason: 'location_not_found' });
    expect(unknown.body.error.message).toContain('区名、または町名を含む住所');
  });

  it('returns exactly what a brute-force scan returns, for random places and filters', async () => {
    // A private patch for this test file, so nothing else created elsewhere interferes: searches start in Okayama
    // City only, so a quiet spot deep inside 北区 (日応寺, about 6 km from the ward's edge), kept small — the
    // places within 1.5 km of it, radii up to 3 km — and away from the other test files' spots.
    const centre = { lat: 34.7673 + Math.random() * 0.001, lng: 133.862 + Math.random() * 0.001 };
    const entries: DirectoryEntry[] = [];
    const kinds: OrganizationKind[] = ['clinic', 'visiting_nursing', 'care_management', 'hospital'];
    const random = fc.sample(
      fc.record({
        dLat: fc.double({ min: -0.01, max: 0.01, noNaN: true }),
        dLng: fc.double({ min: -0.012, max: 0.012, noNaN: true }),
        kind: fc.constantFrom(...kinds),
        groups: fc.subarray([...patientGroups]),
        procedures: fc.subarray([...procedures]),
        isAvailable24h: fc.boolean(),
        coverageRadiusKm: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
        status: fc.option(fc.constantFrom(...availabilityStatuses), { nil: null }),
        ageDays: fc.integer({ min: 0, max: 40 }),
        duplicate: fc.boolean(),
      }),
      { numRuns: 250, seed: 20261125 },
    );
    for (const sample of random) {
      const previous = entries[entries.length - 1];
      const lat = sample.duplicate && previous ? previous.lat : Math.round((centre.lat + sample.dLat) * 1e5) / 1e5;
      const lng = sample.duplicate && previous ? previous.lng : Math.round((centre.lng + sample.dLng) * 1e5) / 1e5;
      const updatedAt = sample.status ? new Date(start.getTime() - sample.ageDays * day) : null;
      const organization = await buildOrganization(app.database, {
        kind: sample.kind,
        lat,
        lng,
        areaCode: null,
        groups: sample.groups,
        procedures: sample.procedures,
        isAvailable24h: sample.isAvailable24h,
        coverageRadiusKm: sample.coverageRadiusKm,
        availabilityStatus: sample.status,
        freeSlots: sample.status ? 2 : null,
        availabilityUpdatedAt: updatedAt,
      });
      entries.push({
        id: organization.id,
        lat,
        lng,
        kind: sample.kind,
        areaCode: null,
        groups: sample.groups,
        procedures: sample.procedures,
        isAvailable24h: sample.isAvailable24h,
        coverageRadiusKm: sample.coverageRadiusKm,
        coverageAreaCodes: [],
        availabilityStatus: sample.status,
        availabilityUpdatedAt: updatedAt?.getTime() ?? null,
      });
    }
    const queries = fc.sample(
      fc.record({
        dLat: fc.double({ min: -0.012, max: 0.012, noNaN: true }),
        dLng: fc.double({ min: -0.014, max: 0.014, noNaN: true }),
        radiusKm: fc.integer({ min: 1, max: 3 }),
        kind: fc.option(fc.constantFrom(...kinds), { nil: null }),
        groups: fc.subarray([...patientGroups], { maxLength: 2 }),
        procedures: fc.subarray([...procedures], { maxLength: 2 }),
        accepting: fc.boolean(),
        available24h: fc.boolean(),
        limit: fc.integer({ min: 1, max: 40 }),
      }),
      { numRuns: 60, seed: 42 },
    );
    for (const query of queries) {
      const lat = Math.round((centre.lat + query.dLat) * 1e6) / 1e6;
      const lng = Math.round((centre.lng + query.dLng) * 1e6) / 1e6;
      const parameters = new URLSearchParams({
        lat: String(lat),
        lng: String(lng),
        radiusKm: String(query.radiusKm),
        limit: String(query.limit),
      });
      if (query.kind) parameters.append('kind', query.kind);
      for (const group of query.groups) parameters.append('group', group);
      for (const procedure of query.procedures) parameters.append('procedure', procedure);
      if (query.accepting) parameters.set('accepting', 'true');
      if (query.available24h) parameters.set('available24h', 'true');
      const response = await api(app.baseUrl, 'GET', `/api/v1/resources/search?${parameters.toString()}`, { token });
      expect(response.status).toBe(200);
      const expected = bruteForceSearch(entries, {
        lat,
        lng,
        radiusKm: query.radiusKm,
        pointAreaCode: response.body.origin.areaCode,
        kinds: query.kind ? [query.kind] : [],
        groups: query.groups,
        procedures: query.procedures,
        requires24h: query.available24h,
        acceptingOnly: query.accepting,
        limit: query.limit,
        nowMs: start.getTime(),
        staleAfterMs: 14 * day,
      });
      const actual = response.body.items.map((item: any) => ({
        id: item.organization.id,
        isStale: item.availability?.isStale ?? true,
      }));
      expect(actual).toEqual(expected.map((hit) => ({ id: hit.id, isStale: hit.isStale })));
      response.body.items.forEach((item: any, index: number) => {
        expect(item.distanceKm).toBeCloseTo(expected[index]?.distanceKm ?? -1, 2);
      });
    }
  });

  it('does not return an organisation whose coverage does not reach the patient, and respects coverage areas', async () => {
    const near = await buildOrganization(app.database, {
      kind: 'visiting_nursing',
      lat: 34.66,
      lng: 133.92,
      areaCode: '33101',
      procedures: ['ventilator', 'suction'],
      groups: ['pediatric_medical_care'],
      coverageRadiusKm: 2,
      availabilityStatus: 'accepting',
      availabilityUpdatedAt: start,
    });
    const search = (lng: number) =>
      api(
        app.baseUrl,
        'GET',
        `/api/v1/resources/search?lat=34.66&lng=${lng}&procedure=ventilator&procedure=suction&group=pediatric_medical_care&radiusKm=30`,
        { token },
      );
    const ids = async (lng: number) => (await search(lng)).body.items.map((item: any) => item.organization.id);
    expect(await ids(133.93)).toContain(near.id);
    expect(await ids(133.99)).not.toContain(near.id);
  });

  it('shows stale availability as 要確認 and ranks it below fresh entries', async () => {
    const common = {
      kind: 'visiting_nursing',
      areaCode: '33102',
      procedures: ['tracheostomy', 'central_venous_nutrition'],
      availabilityStatus: 'accepting',
    };
    const staleNear = await buildOrganization(app.database, {
      ...common,
      lat: 34.65,
      lng: 133.95,
      availabilityUpdatedAt: new Date(start.getTime() - 20 * day),
    });
    const freshFar = await buildOrganization(app.database, {
      ...common,
      lat: 34.64,
      lng: 133.97,
      availabilityUpdatedAt: new Date(start.getTime() - 2 * day),
    });
    const response = await api(
      app.baseUrl,
      'GET',
      '/api/v1/resources/search?lat=34.65&lng=133.95&procedure=tracheostomy&procedure=central_venous_nutrition&accepting=true',
      { token },
    );
    const order = response.body.items
      .map((item: any) => item.organization.id)
      .filter((id: string) => id === staleNear.id || id === freshFar.id);
    expect(order).toEqual([freshFar.id, staleNear.id]);
    const stale = response.body.items.find((item: any) => item.organization.id === staleNear.id);
    expect(stale.availability).toMatchObject({ isStale: true, ageDays: 20 });
  });

  it('pages through a search with nextCursor: the pages together are the one long answer, fresh before stale', async () => {
    // Nine stations around a spot of 南区, five fresh and four stale, with a procedure nobody else here declares.
    const spot = { lat: 34.585, lng: 133.9 };
    for (let index = 0; index < 9; index += 1) {
      await buildOrganization(app.database, {
        kind: 'visiting_nursing',
        lat: spot.lat + index * 0.002,
        lng: spot.lng,
        areaCode: '33104',
        procedures: ['dialysis', 'pressure_ulcer'],
        availabilityStatus: 'accepting',
        availabilityUpdatedAt: new Date(start.getTime() - (index % 2 === 0 ? 1 : 30) * day),
      });
    }
    const base = `lat=${spot.lat}&lng=${spot.lng}&radiusKm=5&procedure=dialysis&procedure=pressure_ulcer`;
    for (const path of ['/api/v1/resources/search', '/api/v1/public/resources/search']) {
      const whole = await api(app.baseUrl, 'GET', `${path}?${base}&limit=50`, { token });
      expect(whole.body.nextCursor).toBeNull();
      expect(whole.body.items).toHaveLength(9);
      const ids: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { status: number; text: string; body: any } = await api(
          app.baseUrl,
          'GET',
          `${path}?${base}&limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          { token },
        );
        expect(page.status, page.text).toBe(200);
        ids.push(...page.body.items.map((item: any) => item.organization.id));
        cursor = page.body.nextCursor;
        pages += 1;
      } while (cursor !== null && pages < 10);
      expect(pages).toBe(3);
      expect(ids).toEqual(whole.body.items.map((item: any) => item.organization.id));
      expect(whole.body.items.map((item: any) => item.availability.isStale)).toEqual([
        ...Array(5).fill(false),
        ...Array(4).fill(true),
      ]);
    }
    // A cursor the search did not issue is refused, never read as the first page.
    for (const cursor of [
      'abc',
      Buffer.from('["search",-4]').toString('base64url'),
      Buffer.from('["x",4]').toString('base64url'),
    ]) {
      const refused = await api(app.baseUrl, 'GET', `/api/v1/resources/search?${base}&cursor=${cursor}`, { token });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details[0].path).toBe('cursor');
    }
  });

  it('stops showing a provider as accepting as soon as it marks itself full (versioned, audited)', async () => {
    const organization = await buildOrganization(app.database, {
      kind: 'visiting_nursing',
      lat: 34.61,
      lng: 133.91,
      areaCode: '33104',
      procedures: ['dialysis', 'stoma'],
      availabilityStatus: 'accepting',
      freeSlots: 3,
      availabilityUpdatedAt: start,
    });
    const provider = await buildUser(app.database, { role: 'provider', organizationId: organization.id });
    const providerToken = await login(app, provider.email);
    const path = '/api/v1/resources/search?lat=34.61&lng=133.91&procedure=dialysis&procedure=stoma&accepting=true';
    expect(
      (await api(app.baseUrl, 'GET', path, { token })).body.items.map((item: any) => item.organization.id),
    ).toContain(organization.id);

    const current = await api(app.baseUrl, 'GET', `/api/v1/organizations/${organization.id}`, { token: providerToken });
    const etag = current.headers.get('etag') ?? '';
    const body = { status: 'full', freeSlots: 0, note: '今月は満床です' };
    expect(
      (
        await api(app.baseUrl, 'PUT', `/api/v1/organizations/${organization.id}/availability`, {
          token: providerToken,
          body,
        })
      ).status,
    ).toBe(428);
    const updated = await api(app.baseUrl, 'PUT', `/api/v1/organizations/${organization.id}/availability`, {
      token: providerToken,
      body,
      headers: { 'if-match': etag },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.availability).toMatchObject({ status: 'full', freeSlots: 0, isStale: false });
    const stale = await api(app.baseUrl, 'PUT', `/api/v1/organizations/${organization.id}/availability`, {
      token: providerToken,
      body: { ...body, status: 'accepting', freeSlots: 2 },
      headers: { 'if-match': etag },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('version_conflict');

    expect(
      (await api(app.baseUrl, 'GET', path, { token })).body.items.map((item: any) => item.organization.id),
    ).not.toContain(organization.id);
    const audit = await api(app.baseUrl, 'GET', `/api/v1/audit?entity=organization&entityId=${organization.id}`, {
      token: providerToken,
    });
    expect(audit.body.items.some((event: any) => event.action === 'update_availability')).toBe(true);
  });

  it('keeps the demo mark on what the provider has not declared: its answer clears the availability, its profile the capabilities', async () => {
    const organization = await buildOrganization(app.database, {
      kind: 'visiting_nursing',
      lat: 34.63,
      lng: 133.93,
      areaCode: '33104',
      procedures: ['ventilator'],
      coverageRadiusKm: 10,
      availabilityStatus: 'accepting',
      freeSlots: 2,
      availabilityUpdatedAt: start,
      availabilityNote: 'デモ用の値です',
      isDemoProfile: true,
      isDemoAvailability: true,
    });
    const provider = await buildUser(app.database, { role: 'provider', organizationId: organization.id });
    const providerToken = await login(app, provider.email);
    const read = () => api(app.baseUrl, 'GET', `/api/v1/organizations/${organization.id}`, { token: providerToken });
    const searched = async () =>
      (
        await api(app.baseUrl, 'GET', '/api/v1/resources/search?lat=34.63&lng=133.93&procedure=ventilator', { token })
      ).body.items.find((item: any) => item.organization.id === organization.id);
    expect((await read()).body).toMatchObject({ isDemoProfile: true, isDemoAvailability: true });
    expect(await searched()).toMatchObject({ isDemoProfile: true, isDemoAvailability: true });

    const answered = await api(app.baseUrl, 'PUT', `/api/v1/organizations/${organization.id}/availability`, {
      token: providerToken,
      body: { status: 'limited', freeSlots: 1, note: '午前のみ' },
      headers: { 'if-match': (await read()).headers.get('etag') ?? '' },
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ isDemoProfile: true, isDemoAvailability: false });
    expect(await searched()).toMatchObject({ isDemoProfile: true, isDemoAvailability: false });

    const declared = await api(app.baseUrl, 'PATCH', `/api/v1/organizations/${organization.id}`, {
      token: providerToken,
      body: { capabilities: { procedures: ['ventilator', 'suction'] } },
      headers: { 'if-match': answered.headers.get('etag') ?? '' },
    });
    expect(declared.status, declared.text).toBe(200);
    expect(declared.body).toMatchObject({ isDemoProfile: false, isDemoAvailability: false });
    // A change of name or phone alone declares nothing about the profile.
    const other = await buildOrganization(app.database, { kind: 'clinic', isDemoProfile: true });
    const otherUser = await buildUser(app.database, { role: 'provider', organizationId: other.id });
    const renamed = await api(app.baseUrl, 'PATCH', `/api/v1/organizations/${other.id}`, {
      token: await login(app, otherUser.email),
      body: { phone: '086-111-2222' },
      headers: { 'if-match': '"1"' },
    });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body.isDemoProfile).toBe(true);
  });

  it('refuses an availability change to another provider (and lets its medical association do it)', async () => {
    const association = await buildOrganization(app.database, { kind: 'medical_association' });
    const member = await buildOrganization(app.database, { kind: 'clinic', associationId: association.id });
    const other = await signedInAs(app, 'provider');
    const associationAdmin = await buildUser(app.database, {
      role: 'association_admin',
      organizationId: association.id,
    });
    const associationToken = await login(app, associationAdmin.email);
    const body = { status: 'limited', freeSlots: 1, note: '午前のみ' };
    const refused = await api(app.baseUrl, 'PUT', `/api/v1/organizations/${member.id}/availability`, {
      token: other.token,
      body,
      headers: { 'if-match': '"1"' },
    });
    expect(refused.status).toBe(403);
    const allowed = await api(app.baseUrl, 'PUT', `/api/v1/organizations/${member.id}/availability`, {
      token: associationToken,
      body,
      headers: { 'if-match': '"1"' },
    });
    expect(allowed.status).toBe(200);
  });

  it('places a ward or the city typed alone where the search starts from it: its representative point, not its centroid', async () => {
    for (const place of ['岡山市', '北区', '岡山市南区']) {
      const geocode = await api(app.baseUrl, 'GET', `/api/v1/public/geocode?q=${encodeURIComponent(place)}`);
      expect(geocode.status).toBe(200);
      const search = await api(
        app.baseUrl,
        'GET',
        `/api/v1/resources/search?near=${encodeURIComponent(place)}&limit=1`,
        { token },
      );
      expect(search.body.origin.basis).toBe('area');
      expect([geocode.body.lat, geocode.body.lng]).toEqual([search.body.origin.lat, search.body.origin.lng]);
    }
    // 岡山市 starts downtown (表町一丁目), not at the city's centroid 5.6 km north of it.
    const city = await api(app.baseUrl, 'GET', `/api/v1/public/geocode?q=${encodeURIComponent('岡山市')}`);
    expect(city.body).toMatchObject({ precision: 'ward', areaCode: '33100' });
    expect(city.body.lat).toBeLessThan(34.68);
  });

  it('finds places typed as a postal code, an address or a ward, offline', async () => {
    const postal = await api(app.baseUrl, 'GET', '/api/v1/public/geocode?q=700-0913');
    expect(postal.body).toMatchObject({ areaCode: '33101', precision: 'postal_code' });
    const address = await api(
      app.baseUrl,
      'GET',
      `/api/v1/public/geocode?q=${encodeURIComponent('岡山市中区国富１丁目１４番８号')}`,
    );
    expect(address.body).toMatchObject({ areaCode: '33102', precision: 'machiaza' });
    const ward = await api(app.baseUrl, 'GET', `/api/v1/public/geocode?q=${encodeURIComponent('南区')}`);
    expect(ward.body).toMatchObject({ areaCode: '33104', precision: 'ward' });
    // Without the city name, an address is read as one in Okayama City (a ward or just the town).
    const withoutCity = await api(
      app.baseUrl,
      'GET',
      `/api/v1/public/geocode?q=${encodeURIComponent('北区大供1丁目')}`,
    );
    expect(withoutCity.body).toMatchObject({ areaCode: '33101', precision: 'machiaza' });
    const townOnly = await api(app.baseUrl, 'GET', `/api/v1/public/geocode?q=${encodeURIComponent('中区国富1丁目')}`);
    expect(townOnly.body).toMatchObject({ areaCode: '33102', precision: 'machiaza' });
    const bareTown = await api(app.baseUrl, 'GET', `/api/v1/public/geocode?q=${encodeURIComponent('国富1丁目')}`);
    expect(bareTown.body).toMatchObject({ areaCode: '33102', precision: 'machiaza' });
    const unknown = await api(app.baseUrl, 'GET', `/api/v1/public/geocode?q=${encodeURIComponent('架空の町')}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('位置を特定できませんでした');
  });

  it('answers exactly in the documented shape (serialised without zod: no missing, extra or mistyped field)', async () => {
    const tag = randomUUID().slice(0, 8);
    const withAvailability = await buildOrganization(app.database, {
      kind: 'visiting_nursing',
      name: `形状テスト訪問看護 ${tag}`,
      lat: 34.6551,
      lng: 133.9191,
      areaCode: '33101',
      groups: ['elderly'],
      procedures: ['home_oxygen'],
      isAvailable24h: true,
      availabilityStatus: 'limited',
      freeSlots: 1,
      availabilityNote: '午後のみ',
      availabilityUpdatedAt: new Date(start.getTime() - 3 * day),
    });
    const withoutAvailability = await buildOrganization(app.database, {
      kind: 'clinic',
      name: `形状テスト診療所 ${tag}`,
      lat: 34.6552,
      lng: 133.9192,
      areaCode: '33101',
      availabilityStatus: null,
      availabilityUpdatedAt: null,
    });
    // A quiet spot of the city (北区御津平岡西, away from the other tests' spots), so the others do not interfere.
    await buildOrganization(app.database, {
      kind: 'care_management',
      lat: 34.8314,
      lng: 133.9685,
      areaCode: '33101',
      availabilityStatus: 'accepting',
      freeSlots: null,
      availabilityUpdatedAt: new Date(start.getTime() - 30 * day),
    });
    const searches = [
      '/api/v1/resources/search?lat=34.655&lng=133.919&radiusKm=1&limit=500',
      '/api/v1/resources/search?lat=34.655&lng=133.919&kind=visiting_nursing&group=elderly&procedure=home_oxygen&available24h=true&accepting=true',
      `/api/v1/resources/search?areaCode=33101&kind=clinic&kind=visiting_nursing&limit=500`,
      `/api/v1/resources/search?near=${encodeURIComponent('岡山市北区大供1丁目')}&radiusKm=2&limit=500`,
      '/api/v1/resources/search?lat=34.8313&lng=133.9684&radiusKm=1&kind=care_management',
      '/api/v1/resources/search?lat=34.784&lng=133.8314&radiusKm=0.2&kind=city',
    ];
    const bodies: SearchResponse[] = [];
    for (const path of searches) {
      const response = await api(app.baseUrl, 'GET', path, { token });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toMatch(/^application\/json/);
      const parsed = SearchResponse.safeParse(response.body);
      expect(parsed.error, path).toBeUndefined();
      expect(parsed.data, path).toStrictEqual(response.body);
      bodies.push(response.body as SearchResponse);
    }
    const [near, filtered, byArea, byAddress, quiet, empty] = bodies as [
      SearchResponse,
      SearchResponse,
      SearchResponse,
      SearchResponse,
      SearchResponse,
      SearchResponse,
    ];
    const itemOf = (body: SearchResponse, id: string) => body.items.find((item) => item.organization.id === id);
    // Both kinds of item were checked: with availability (every field of it) and without.
    expect(itemOf(near, withAvailability.id)?.availability).toStrictEqual({
      status: 'limited',
      freeSlots: 1,
      note: '午後のみ',
      updatedAt: expect.any(String),
      ageDays: 3,
      isStale: false,
    });
    expect(itemOf(near, withoutAvailability.id)?.availability).toBeNull();
    expect(itemOf(filtered, withAvailability.id)).toBeDefined();
    expect(itemOf(filtered, withoutAvailability.id)).toBeUndefined();
    expect(itemOf(byArea, withAvailability.id)).toBeDefined();
    expect(byAddress.origin.label).not.toBeNull();
    expect(byAddress.items.length).toBeGreaterThan(0);
    // areaOfPoint: a point inside 北区 is 33101.
    expect(near.origin.areaCode).toBe('33101');
    expect(quiet.origin.areaCode).toBe('33101');
    expect(quiet.items.length).toBeGreaterThan(0);
    expect(quiet.items.some((item) => item.availability?.isStale === true)).toBe(true);
    expect(empty.items).toEqual([]);
  });

  it('always gives a citizen who asks where to consult first the 地域包括支援センター of the ward, beyond the radius', async () => {
    const tag = randomUUID().slice(0, 8);
    // 〒701-0205 (妹尾, 南区) lies about 6 km from 南区's centres at 浦安南町, 北区's is farther.
    const south = await buildOrganization(app.database, {
      kind: 'community_support_center',
      name: `南区地域包括支援センター（検証）${tag}`,
      address: '岡山市南区浦安南町495-5',
      lat: 34.593539,
      lng: 133.92168,
      areaCode: '33104',
    });
    const north = await buildOrganization(app.database, {
      kind: 'community_support_center',
      name: `北区地域包括支援センター（検証）${tag}`,
      lat: 34.653829,
      lng: 133.918918,
      areaCode: '33101',
    });
    const search = (query: string) => api(app.baseUrl, 'GET', `/api/v1/public/resources/search?${query}`);
    const ids = (items: { organization: { id: string } }[]) => items.map((item) => item.organization.id);

    const consultation = await search(
      `near=${encodeURIComponent('〒701-0205')}&radiusKm=5&kind=community_support_center&accepting=true`,
    );
    expect(consultation.status, consultation.text).toBe(200);
    const parsed = PublicSearchResponse.safeParse(consultation.body);
    expect(parsed.error).toBeUndefined();
    expect(parsed.data).toStrictEqual(consultation.body);
    expect(ids(consultation.body.items)).not.toContain(south.id);
    const centers = consultation.body.supportCenters;
    expect(centers).toMatchObject({ basis: 'area', areaCode: '33104' });
    expect(ids(centers.items)).toContain(south.id);
    expect(ids(centers.items)).not.toContain(north.id);
    const shown = centers.items.find((item: { organization: { id: string } }) => item.organization.id === south.id);
    expect(shown.distanceKm).toBeGreaterThan(5);
    expect(shown.distanceKm).toBeLessThan(8);
    expect(JSON.stringify(centers)).not.toContain('freeSlots');

    // A whole ward: the same centres.
    const ward = await search('areaCode=33104&kind=community_support_center');
    expect(ids(ward.body.supportCenters.items)).toContain(south.id);
    // Other needs are answered as before.
    const other = await search(`near=${encodeURIComponent('〒701-0205')}&kind=visiting_nursing`);
    expect(other.body.supportCenters).toBeNull();
  });

  it('gives citizens public fields only', async () => {
    await buildOrganization(app.database, {
      kind: 'visiting_nursing',
      lat: 34.7,
      lng: 133.85,
      areaCode: '33101',
      availabilityStatus: 'limited',
      freeSlots: 4,
      availabilityNote: '内部メモ',
      availabilityUpdatedAt: start,
      professionalPhone: '086-000-0000',
    });
    const response = await api(app.baseUrl, 'GET', '/api/v1/public/resources/search?lat=34.7&lng=133.85&radiusKm=1');
    expect(response.status).toBe(200);
    const text = JSON.stringify(response.body);
    expect(text).not.toContain('内部メモ');
    expect(text).not.toContain('freeSlots');
    expect(text).not.toContain('086-000-0000');
    expect(response.body.items[0].availability).toMatchObject({ status: 'limited', isStale: false });
  });
  it('finds under a kind what organisations provide: visiting rehab from the stations, clinics, hospitals and kaigo offices that do it (as the matching), care services by their kind', async () => {
    // A quiet spot of the city (北区建部町福渡), kept to 1 km.
    const spot = { lat: 34.8703 + Math.random() * 0.0005, lng: 133.9115 + Math.random() * 0.0005 };
    const at = (step: number) => ({ lat: spot.lat + step * 0.0004, lng: spot.lng, areaCode: '33101' });
    // A 介護老人保健施設 registered for 介護サービス 140: the data loader records rehabilitation for it.
    const roken = await buildOrganization(app.database, {
      ...at(1),
      kind: 'care_service',
      procedures: ['rehabilitation'],
      kaigoServices: [
        { code: '140', name: '訪問リハビリテーション' },
        { code: '520', name: '介護老人保健施設' },
      ],
    });
    const clinic = await buildOrganization(app.database, { ...at(2), kind: 'clinic', procedures: ['rehabilitation'] });
    const hospital = await buildOrganization(app.database, {
      ...at(3),
      kind: 'hospital',
      procedures: ['rehabilitation'],
    });
    const station = await buildOrganization(app.database, {
      ...at(4),
      kind: 'visiting_nursing',
      procedures: ['rehabilitation', 'home_oxygen'],
    });
    const plainClinic = await buildOrganization(app.database, {
      ...at(5),
      kind: 'clinic',
      procedures: ['home_oxygen'],
    });
    const dayCare = await buildOrganization(app.database, { ...at(6), kind: 'care_service', procedures: [] });
    const careManager = await buildOrganization(app.database, {
      ...at(7),
      kind: 'care_management',
      procedures: ['rehabilitation'],
    });
    const near = `lat=${spot.lat}&lng=${spot.lng}&radiusKm=1&limit=500`;
    const ids = async (path: string, query: string) => {
      const response = await api(app.baseUrl, 'GET', `${path}?${near}&${query}`, { token });
      expect(response.status, response.text).toBe(200);
      return response.body.items.map((item: { organization: { id: string } }) => item.organization.id) as string[];
    };

    const rehab = await ids('/api/v1/resources/search', 'kind=visiting_rehab');
    expect(rehab).toEqual(expect.arrayContaining([roken.id, clinic.id, hospital.id, station.id]));
    for (const other of [plainClinic.id, dayCare.id, careManager.id]) expect(rehab).not.toContain(other);
    // Each keeps its own kind in the answer, and is still found under it.
    const answer = await api(app.baseUrl, 'GET', `/api/v1/resources/search?${near}&kind=visiting_rehab`, { token });
    const rokenItem = answer.body.items.find(
      (item: { organization: { id: string } }) => item.organization.id === roken.id,
    );
    expect(rokenItem.organization.kind).toBe('care_service');
    expect(rokenItem.capabilities.procedures).toContain('rehabilitation');
    expect(answer.body.unregisteredKinds).toEqual([]);
    const careServices = await ids('/api/v1/resources/search', 'kind=care_service');
    expect(careServices).toEqual(expect.arrayContaining([roken.id, dayCare.id]));
    expect(careServices).not.toContain(clinic.id);
    expect(await ids('/api/v1/resources/search', 'kind=clinic')).toEqual(
      expect.arrayContaining([clinic.id, plainClinic.id]),
    );
    // Citizens asking for 訪問リハビリ find the same kaigo office and station (not the clinic: the need is met by
    // visiting rehab and nursing).
    const citizen = await ids('/api/v1/public/resources/search', 'need=rehabilitation');
    expect(citizen).toEqual(expect.arrayContaining([roken.id, station.id]));
    expect(citizen).not.toContain(dayCare.id);
  });

  it('filters by 在宅療養支援診療所 and 往診専門 and shows both on each result; unknown values are named', async () => {
    // A quiet spot of the city (東区瀬戸町万富), kept to 1 km.
    const spot = { lat: 34.7687 + Math.random() * 0.0005, lng: 134.0851 + Math.random() * 0.0005 };
    const at = (step: number) => ({ lat: spot.lat + step * 0.0004, lng: spot.lng, areaCode: '33103' });
    const single = await buildOrganization(app.database, { ...at(1), homeCareSupportClinic: 'enhanced_single' });
    const network = await buildOrganization(app.database, { ...at(2), homeCareSupportClinic: 'enhanced_network' });
    const standard = await buildOrganization(app.database, {
      ...at(3),
      homeCareSupportClinic: 'standard',
      isHomeVisitOnly: true,
    });
    const visitOnly = await buildOrganization(app.database, { ...at(4), isHomeVisitOnly: true });
    const plain = await buildOrganization(app.database, { ...at(5) });
    const mine = [single.id, network.id, standard.id, visitOnly.id, plain.id];
    const search = (query: string) =>
      api(
        app.baseUrl,
        'GET',
        `/api/v1/resources/search?lat=${spot.lat}&lng=${spot.lng}&radiusKm=1&limit=500&${query}`,
        {
          token,
        },
      );
    const ids = async (query: string) => {
      const response = await search(query);
      expect(response.status, response.text).toBe(200);
      return (response.body.items as { organization: { id: string } }[])
        .map((item) => item.organization.id)
        .filter((id) => mine.includes(id));
    };
    expect(await ids('kind=clinic')).toEqual(mine);
    expect(await ids('homeCareSupportClinic=any')).toEqual([single.id, network.id, standard.id]);
    expect(await ids('homeCareSupportClinic=enhanced')).toEqual([single.id, network.id]);
    expect(await ids('homeCareSupportClinic=enhanced_network&homeCareSupportClinic=standard')).toEqual([
      network.id,
      standard.id,
    ]);
    expect(await ids('homeVisitOnly=true')).toEqual([standard.id, visitOnly.id]);
    expect(await ids('homeVisitOnly=true&homeCareSupportClinic=any')).toEqual([standard.id]);
    expect(await ids('homeVisitOnly=false')).toEqual(mine);

    const shown = (await search('kind=clinic')).body.items as {
      organization: { id: string; homeCareSupportClinic: string | null; isHomeVisitOnly: boolean };
    }[];
    const organizationOf = (id: string) => shown.find((item) => item.organization.id === id)?.organization;
    expect(organizationOf(single.id)).toMatchObject({
      homeCareSupportClinic: 'enhanced_single',
      isHomeVisitOnly: false,
    });
    expect(organizationOf(standard.id)).toMatchObject({ homeCareSupportClinic: 'standard', isHomeVisitOnly: true });
    expect(organizationOf(plain.id)).toMatchObject({ homeCareSupportClinic: null, isHomeVisitOnly: false });

    for (const [query, path, allowed] of [
      ['homeCareSupportClinic=super', 'homeCareSupportClinic', ['any', 'enhanced', 'enhanced_single', 'standard']],
      ['homeVisitOnly=yes', 'homeVisitOnly', ['true', 'false']],
    ] as const) {
      const refused = await search(query);
      expect(refused.status, query).toBe(400);
      expect(refused.body.error.code).toBe('validation_failed');
      const detail = refused.body.error.details.find((item: { path: string }) => item.path.startsWith(path));
      for (const value of allowed) expect(detail?.message, query).toContain(value);
    }
  });

  it('shows no acceptance status for a consultation window and neither filters nor ranks it by one', async () => {
    // A quiet spot of the city (北区足守), kept to 1 km.
    const spot = { lat: 34.7293 + Math.random() * 0.0005, lng: 133.8033 + Math.random() * 0.0005 };
    const at = (step: number) => ({ lat: spot.lat + step * 0.0005, lng: spot.lng, areaCode: '33101' });
    const fresh = await buildOrganization(app.database, {
      ...at(0),
      kind: 'visiting_nursing',
      availabilityStatus: 'accepting',
      freeSlots: 3,
      availabilityUpdatedAt: start,
    });
    // The demo gave the centres 「受入可 空き 20人」 long ago: it means nothing for a consultation window.
    const centre = await buildOrganization(app.database, {
      ...at(2),
      kind: 'community_support_center',
      availabilityStatus: 'accepting',
      freeSlots: 20,
      availabilityUpdatedAt: new Date(start.getTime() - 60 * day),
    });
    const fullWelfare = await buildOrganization(app.database, {
      ...at(3),
      kind: 'welfare_office',
      availabilityStatus: 'full',
      freeSlots: 0,
      availabilityUpdatedAt: start,
    });
    const stale = await buildOrganization(app.database, {
      ...at(1),
      kind: 'visiting_nursing',
      availabilityStatus: 'accepting',
      freeSlots: 2,
      availabilityUpdatedAt: new Date(start.getTime() - 30 * day),
    });
    const mine = [fresh.id, centre.id, fullWelfare.id, stale.id];
    for (const [path, options] of [
      ['/api/v1/resources/search', { token }],
      ['/api/v1/public/resources/search', {}],
    ] as const) {
      const search = async (query: string) => {
        const response = await api(
          app.baseUrl,
          'GET',
          `${path}?lat=${spot.lat}&lng=${spot.lng}&radiusKm=1&limit=500${query}`,
          options,
        );
        expect(response.status, response.text).toBe(200);
        return (response.body.items as { organization: { id: string } }[]).filter((item) =>
          mine.includes(item.organization.id),
        ) as { organization: { id: string }; admitsPatients: boolean; availability: unknown }[];
      };
      const all = await search('');
      // Fresh first by distance (the windows among them, never 要確認), the stale station last.
      expect(
        all.map((item) => item.organization.id),
        path,
      ).toEqual([fresh.id, centre.id, fullWelfare.id, stale.id]);
      const centreItem = all.find((item) => item.organization.id === centre.id);
      expect(centreItem).toMatchObject({ admitsPatients: false, availability: null });
      expect(all.find((item) => item.organization.id === fresh.id)).toMatchObject({
        admitsPatients: true,
        availability: expect.objectContaining({ status: 'accepting' }),
      });
      // 「受入可のみ」 does not apply to a window: it stays, whatever it once declared.
      const accepting = await search('&accepting=true');
      expect(
        accepting.map((item) => item.organization.id),
        path,
      ).toEqual([fresh.id, centre.id, fullWelfare.id, stale.id]);
    }
  });
});

describe.skipIf(testDatabaseKind() !== 'postgresql')('several server instances on one PostgreSQL', () => {
  it('see each other’s availability changes at once (no stale in-memory index)', async () => {
    const first = await startTestApp({ start });
    const second = await startTestApp({ start });
    // A quiet spot of the city (北区御津新庄, away from the other files' spots), so their rows do not interfere.
    const spot = { lat: 34.8211 + Math.random() * 0.001, lng: 133.9641 + Math.random() * 0.001 };
    try {
      const organization = await buildOrganization(first.database, {
        name: `多拠点テスト ${randomUUID()}`,
        kind: 'visiting_nursing',
        lat: spot.lat,
        lng: spot.lng,
        areaCode: '33101',
        procedures: ['ventilator'],
        availabilityStatus: 'accepting',
        availabilityUpdatedAt: start,
      });
      const user = await buildUser(first.database, { role: 'provider', organizationId: organization.id });
      const tokenOnSecond = await login(second, user.email);
      const { token: tokenOnFirst } = await signedInAs(first, 'center_coordinator');
      const path = `/api/v1/resources/search?lat=${spot.lat}&lng=${spot.lng}&radiusKm=0.3&accepting=true&procedure=ventilator`;
      // The first instance builds its index now.
      expect((await api(first.baseUrl, 'GET', path, { token: tokenOnFirst })).body.items).toHaveLength(1);
      const change = await api(second.baseUrl, 'PUT', `/api/v1/organizations/${organization.id}/availability`, {
        token: tokenOnSecond,
        body: { status: 'full', freeSlots: 0 },
        headers: { 'if-match': '"1"' },
      });
      expect(change.status).toBe(200);
      expect((await api(first.baseUrl, 'GET', path, { token: tokenOnFirst })).body.items).toHaveLength(0);
    } finally {
      await first.close();
      await second.close();
    }
  });
});

describe('resource search: kinds with no organisation, and the nearest consultation centres', () => {
  // A directory of this file's own, so that what is registered anywhere is known.
  let app: TestApp;
  let token: string;
  beforeAll(async () => {
    app = await startTestApp({ start, isolated: true });
    ({ token } = await signedInAs(app, 'hospital_liaison', { kind: 'hospital', lat: null, lng: null }));
  });
  afterAll(async () => {
    await app.close();
  });

  it('counts the organisations each kind finds, and names the kinds asked for that nobody is registered under', async () => {
    const kaigo = await buildOrganization(app.database, { kind: 'care_service', procedures: ['rehabilitation'] });
    await buildOrganization(app.database, { kind: 'clinic', procedures: ['rehabilitation'], lat: 34.6552 });
    await buildOrganization(app.database, { kind: 'clinic', procedures: [], lat: 34.6553 });
    // Not located: the search cannot find it, so it is not counted.
    await buildOrganization(app.database, { kind: 'home_pharmacy', lat: null, lng: null });

    expect((await api(app.baseUrl, 'GET', '/api/v1/resources/kinds')).status).toBe(401);
    const counts = await api(app.baseUrl, 'GET', '/api/v1/resources/kinds', { token });
    expect(counts.status, counts.text).toBe(200);
    const countOf = (kind: string) =>
      counts.body.items.find((item: { kind: string; count: number }) => item.kind === kind)?.count;
    expect(counts.body.items).toHaveLength(organizationKinds.length);
    expect(countOf('visiting_rehab')).toBe(2);
    expect(countOf('care_service')).toBe(1);
    expect(countOf('clinic')).toBe(2);
    expect(countOf('home_dental')).toBe(0);
    expect(countOf('home_pharmacy')).toBe(0);

    const search = (path: string, query: string) =>
      api(app.baseUrl, 'GET', `${path}?lat=34.655&lng=133.919&radiusKm=5&${query}`, { token });
    const dental = await search('/api/v1/resources/search', 'kind=home_dental');
    expect(dental.status).toBe(200);
    expect(dental.body).toMatchObject({ items: [], unregisteredKinds: ['home_dental'] });
    const mixed = await search('/api/v1/resources/search', 'kind=home_dental&kind=care_service&kind=home_pharmacy');
    expect(mixed.body.unregisteredKinds).toEqual(['home_dental', 'home_pharmacy']);
    expect(mixed.body.items.map((item: { organization: { id: string } }) => item.organization.id)).toEqual([kaigo.id]);
    const rehab = await search('/api/v1/resources/search', 'kind=visiting_rehab');
    expect(rehab.body.unregisteredKinds).toEqual([]);
    expect(rehab.body.items).toHaveLength(2);
    // Far away, nothing is found, but the kind is registered: no reason to give beyond the place.
    const far = await api(
      app.baseUrl,
      'GET',
      '/api/v1/resources/search?lat=34.87&lng=133.91&radiusKm=1&kind=care_service',
      {
        token,
      },
    );
    expect(far.body).toMatchObject({ items: [], unregisteredKinds: [] });
    const citizen = await search('/api/v1/public/resources/search', 'kind=home_pharmacy');
    expect(citizen.body).toMatchObject({ items: [], unregisteredKinds: ['home_pharmacy'] });
    expect(PublicSearchResponse.safeParse(citizen.body).error).toBeUndefined();
    expect(SearchResponse.safeParse(mixed.body).error).toBeUndefined();
  });

  it('names the nearest 地域包括支援センター when the place’s ward has none', async () => {
    const north = await buildOrganization(app.database, {
      kind: 'community_support_center',
      lat: 34.653829,
      lng: 133.918918,
      areaCode: '33101',
    });
    // 犬島 (東区), where no centre is registered in this directory.
    const search = await api(
      app.baseUrl,
      'GET',
      '/api/v1/public/resources/search?lat=34.575&lng=134.1&radiusKm=1&kind=community_support_center',
    );
    expect(search.status, search.text).toBe(200);
    expect(search.body.supportCenters).toMatchObject({ basis: 'nearest', areaCode: '33103' });
    expect(
      search.body.supportCenters.items.map((item: { organization: { id: string } }) => item.organization.id),
    ).toEqual([north.id]);
    expect(search.body.supportCenters.items[0]).toMatchObject({ admitsPatients: false, availability: null });
  });
});
