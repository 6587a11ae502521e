/**
 * Doctor pairs through the API: the association admin asks for suggestions in an area, reviews
 * them, saves them as doctor pairs in one action, lists and ends pairs; bad input is refused in
 * words and nothing half-saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { expectError } from '../../../test/helpers/errors.js';
import { buildOrganization, buildUser, login, signedInAs } from '../../../test/helpers/factories.js';
import { expectNoRepeats, expectPagingRefusals, walkPages } from '../../../test/helpers/paging.js';

const start = new Date('2026-11-25T10:00:00+09:00');
// 中区 (33102): clinics placed by km offsets from a point near 岡山市役所中区役所.
const origin = { lat: 34.667, lng: 133.955 };
const at = (northKm: number, eastKm: number) => ({ lat: origin.lat + northKm / 111, lng: origin.lng + eastKm / 91.5 });

describe('doctor pairs: suggestions reviewed and saved by the association', () => {
  let app: TestApp;
  let association: Awaited<ReturnType<typeof signedInAs>>;
  const clinics: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp({ start, isolated: true });
    association = await signedInAs(app, 'association_admin', { name: '岡山市医師会（テスト）' });
    const member = async (label: string, place: { lat: number; lng: number }, overrides = {}) => {
      const row = await buildOrganization(app.database, {
        kind: 'clinic',
        name: `${label}クリニック`,
        areaCode: '33102',
        ...place,
        groups: ['elderly'],
        availabilityStatus: 'accepting',
        associationId: association.organization?.id ?? null,
        ...overrides,
      });
      clinics[label] = row.id;
    };
    await member('A', at(0, 0));
    await member('B', at(0, 1));
    await member('C', at(3, 0));
    await member('D', at(3, 1));
    await member('E', at(4.5, 0.5));
    await member('F', at(-20, 0)); // far south: nobody within reach
    await member('G', at(0, 0.5), { groups: [] }); // not a home-care clinic
    await member('H', at(0.2, 0.2), { associationId: null }); // not a member of this association
  });
  afterAll(async () => {
    await app.close();
  });

  const names = (pair: any) => [pair.primary.name, pair.secondary.name].sort().join('-');

  it('suggests pairs covering every member clinic that wants a partner, within the distance', async () => {
    const response = await api(app.baseUrl, 'GET', '/api/v1/doctor-pairs/suggestions?areaCode=33102', {
      token: association.token,
    });
    expect(response.status, response.text).toBe(200);
    const body = response.body;
    expect(body).toMatchObject({ areaCode: '33102', maxDistanceKm: 8, maxPairsPerClinic: 2, wantingCount: 6 });
    expect(body.rule).toMatch(/診療所/);
    // The rule and the reasons carry codes and values beside the Japanese, for other languages.
    expect(body.ruleCode).toBe('wants_partner');
    const suggested = body.pairs.map(names).sort();
    expect(suggested).toEqual([
      'Aクリニック-Bクリニック',
      'Cクリニック-Dクリニック',
      expect.stringMatching(/Eクリニック/),
    ]);
    const helper = body.pairs.find((pair: any) => names(pair).includes('Eクリニック'));
    expect(helper).toMatchObject({ isSecondPartner: true, primary: { name: 'Eクリニック' } });
    for (const pair of body.pairs) expect(pair.distanceKm).toBeLessThanOrEqual(8);
    expect(body.unpaired).toEqual([
      expect.objectContaining({
        organization: expect.objectContaining({ name: 'Fクリニック' }),
        reason: 'none_within_distance',
        message: '指定した距離の範囲に、ペアになれる診療所がありません',
        params: { maxDistanceKm: 8, maxPairsPerClinic: 2, nearestKm: expect.any(Number) },
        nearestKm: expect.any(Number),
      }),
    ]);
    expect(body.unpaired[0].params.nearestKm).toBe(body.unpaired[0].nearestKm);
    expect(body.unpaired[0].nearestKm).toBeGreaterThan(15);
    const all = JSON.stringify(body);
    expect(all).not.toContain('Gクリニック');
    expect(all).not.toContain('Hクリニック');

    const strict = await api(
      app.baseUrl,
      'GET',
      '/api/v1/doctor-pairs/suggestions?areaCode=33102&maxPairsPerClinic=1&maxDistanceKm=2',
      { token: association.token },
    );
    expect(strict.body.pairs.map(names).sort()).toEqual(['Aクリニック-Bクリニック', 'Cクリニック-Dクリニック']);
    expect(strict.body.unpaired.map((entry: any) => [entry.organization.name, entry.reason])).toEqual(
      expect.arrayContaining([
        ['Eクリニック', 'partners_at_limit'],
        ['Fクリニック', 'none_within_distance'],
      ]),
    );
    expect(strict.body.unpaired[0].params).toMatchObject({ maxDistanceKm: 2, maxPairsPerClinic: 1 });
    // The Center may look too; the city may not.
    const center = await signedInAs(app, 'center_coordinator');
    expect(
      (await api(app.baseUrl, 'GET', '/api/v1/doctor-pairs/suggestions?areaCode=33102', { token: center.token }))
        .status,
    ).toBe(200);
    const city = await signedInAs(app, 'city_analyst');
    expectError(
      await api(app.baseUrl, 'GET', '/api/v1/doctor-pairs/suggestions?areaCode=33102', { token: city.token }),
      403,
    );
    expectError(
      await api(app.baseUrl, 'GET', '/api/v1/doctor-pairs/suggestions?areaCode=99999', { token: association.token }),
      400,
    );
    expectError(
      await api(app.baseUrl, 'GET', '/api/v1/doctor-pairs/suggestions?areaCode=north', { token: association.token }),
      400,
    );
    expectError(
      await api(app.baseUrl, 'GET', '/api/v1/doctor-pairs/suggestions?areaCode=33102&maxPairsPerClinic=9', {
        token: association.token,
      }),
      400,
    );
  });

  it('saves reviewed suggestions in one action (all or nothing), lists them and ends one', async () => {
    const suggestions = await api(app.baseUrl, 'GET', '/api/v1/doctor-pairs/suggestions?areaCode=33102', {
      token: association.token,
    });
    const pairs = suggestions.body.pairs.map((pair: any) => ({
      areaCode: '33102',
      primaryOrganizationId: pair.primary.id,
      secondaryOrganizationId: pair.secondary.id,
    }));

    // A pair with a clinic outside the association: nothing at all is saved.
    const refused = await api(app.baseUrl, 'POST', '/api/v1/doctor-pairs/bulk', {
      token: association.token,
      body: {
        pairs: [...pairs, { areaCode: '33102', primaryOrganizationId: clinics.F, secondaryOrganizationId: clinics.H }],
      },
    });
    expectError(refused, 400);
    expect(refused.body.error.details).toEqual([
      { path: `pairs.${pairs.length}.secondaryOrganizationId`, message: 'Hクリニックは医師会の会員ではありません。' },
    ]);
    const duplicate = await api(app.baseUrl, 'POST', '/api/v1/doctor-pairs/bulk', {
      token: association.token,
      body: {
        pairs: [
          pairs[0],
          {
            ...pairs[0],
            primaryOrganizationId: pairs[0].secondaryOrganizationId,
            secondaryOrganizationId: pairs[0].primaryOrganizationId,
          },
        ],
      },
    });
    expectError(duplicate, 400);
    expect(
      (await api(app.baseUrl, 'GET', '/api/v1/doctor-pairs?areaCode=33102', { token: association.token })).body.items,
    ).toEqual([]);

    const key = `pairs-${randomUUID()}`;
    const saved = await api(app.baseUrl, 'POST', '/api/v1/doctor-pairs/bulk', {
      token: association.token,
      body: { pairs },
      headers: { 'idempotency-key': key },
    });
    expect(saved.status, saved.text).toBe(201);
    expect(saved.body.items).toHaveLength(3);
    expect(saved.body.items[0]).toMatchObject({ status: 'active', source: 'suggestion', areaName: expect.any(String) });
    const retry = await api(app.baseUrl, 'POST', '/api/v1/doctor-pairs/bulk', {
      token: association.token,
      body: { pairs },
      headers: { 'idempotency-key': key },
    });
    expect(retry.body.items.map((item: any) => item.id)).toEqual(saved.body.items.map((item: any) => item.id));
    const again = await api(app.baseUrl, 'POST', '/api/v1/doctor-pairs', {
      token: association.token,
      body: pairs[0],
    });
    expectError(again, 400);
    expect(again.body.error.details[0].message).toBe('この2つの診療所のペアは既に登録されています。');
    // A pair serves an area one of its clinics is in: two 中区 clinics cannot be 東区's pair; the city is fine.
    const elsewhere = await api(app.baseUrl, 'POST', '/api/v1/doctor-pairs', {
      token: association.token,
      body: { areaCode: '33103', primaryOrganizationId: clinics.C, secondaryOrganizationId: clinics.E },
    });
    expectError(elsewhere, 400);
    expect(elsewhere.body.error.details[0]).toMatchObject({ path: 'areaCode' });
    expect(elsewhere.body.error.details[0].message).toMatch(
      /^どちらの診療所も岡山市東区にはありません（Cクリニック: 岡山市中区/,
    );

    // A clinic reads its own pairs (partner, since when, how to reach it) and is told, with a link to them.
    const clinicUser = await buildUser(app.database, { role: 'provider', organizationId: clinics.A ?? null });
    const clinicToken = await login(app, clinicUser.email);
    const listed = await api(app.baseUrl, 'GET', `/api/v1/doctor-pairs?organizationId=${clinics.A}`, {
      token: clinicToken,
    });
    expect(listed.body.items.map(names)).toEqual(['Aクリニック-Bクリニック']);
    const partner = [listed.body.items[0].primary, listed.body.items[0].secondary].find(
      (clinic: any) => clinic.id === clinics.B,
    );
    expect(partner).toMatchObject({
      name: 'Bクリニック',
      address: expect.any(String),
      phone: null,
      professionalPhone: null,
    });
    expect(listed.body.items[0].createdAt).toMatch(/\+09:00$/);
    const told = await api(app.baseUrl, 'GET', '/api/v1/notifications', { token: clinicToken });
    const pairNotice = told.body.items.find((item: any) => item.kind === 'doctor_pair_created');
    expect(pairNotice).toMatchObject({ link: '/my-organization/pairs' });
    expectError(await api(app.baseUrl, 'POST', '/api/v1/doctor-pairs', { token: clinicToken, body: pairs[0] }), 403);

    // The next suggestions only concern who is still alone.
    const after = await api(app.baseUrl, 'GET', '/api/v1/doctor-pairs/suggestions?areaCode=33102', {
      token: association.token,
    });
    expect(after.body).toMatchObject({ wantingCount: 1, activePairCount: 3, pairs: [] });

    const pairId = listed.body.items[0].id as string;
    const ended = await api(app.baseUrl, 'POST', `/api/v1/doctor-pairs/${pairId}/end`, { token: association.token });
    expect(ended.status, ended.text).toBe(200);
    expect(ended.body).toMatchObject({ status: 'ended', endedAt: expect.stringMatching(/\+09:00$/) });
    expectError(
      await api(app.baseUrl, 'POST', `/api/v1/doctor-pairs/${pairId}/end`, { token: association.token }),
      409,
    );
    expectError(
      await api(app.baseUrl, 'POST', `/api/v1/doctor-pairs/${randomUUID()}/end`, { token: association.token }),
      404,
    );
    const endedList = await api(app.baseUrl, 'GET', '/api/v1/doctor-pairs?areaCode=33102&status=ended', {
      token: association.token,
    });
    expect(endedList.body.items.map((item: any) => item.id)).toEqual([pairId]);
    const active = await api(app.baseUrl, 'GET', '/api/v1/doctor-pairs?areaCode=33102', { token: association.token });
    expect(active.body.items).toHaveLength(2);
    // Another association cannot end this association's pairs.
    const other = await signedInAs(app, 'association_admin');
    expectError(
      await api(app.baseUrl, 'POST', `/api/v1/doctor-pairs/${active.body.items[0].id}/end`, { token: other.token }),
      404,
    );
  });
});

/**
 * GET /doctor-pairs page by page (CONTRACT §2): by area, then the primary clinic's name, then id —
 * every pair once — and limit=501 or a garbled cursor refused with a 400.
 */
describe('doctor pairs: the list in pages', () => {
  let app: TestApp;
  let admin: Awaited<ReturnType<typeof signedInAs>>;
  const expected: string[] = [];

  beforeAll(async () => {
    app = await startTestApp({ start, isolated: true });
    admin = await signedInAs(app, 'admin');
    const clinic = (name: string, areaCode: string) =>
      buildOrganization(app.database, { kind: 'clinic', name, areaCode, groups: ['elderly'] });
    const pair = async (areaCode: string, primaryName: string) => {
      const primary = await clinic(primaryName, areaCode);
      const secondary = await clinic(`副 ${randomUUID().slice(0, 6)}`, areaCode);
      const created = await api(app.baseUrl, 'POST', '/api/v1/doctor-pairs', {
        token: admin.token,
        body: { areaCode, primaryOrganizationId: primary.id, secondaryOrganizationId: secondary.id },
      });
      expect(created.status, created.text).toBe(201);
      return created.body.id as string;
    };
    // Made out of order; two pairs of 北区 have primaries of the same name (ties go by id).
    const made = {
      centralC: await pair('33102', 'ペアC診療所'),
      northB: await pair('33101', 'ペアB診療所'),
      eastB: await pair('33103', 'ペアB診療所'),
      northA1: await pair('33101', 'ペアA診療所'),
      centralA: await pair('33102', 'ペアA診療所'),
      northA2: await pair('33101', 'ペアA診療所'),
    };
    const [firstA, secondA] = [made.northA1, made.northA2].sort();
    expected.push(firstA!, secondA!, made.northB, made.centralA, made.centralC, made.eastB);
  });
  afterAll(async () => {
    await app.close();
  });

  it.each([1, 2, 4])('walks every pair once with limit=%i, by area, primary name and id', async (limit) => {
    const walked = await walkPages<{ id: string }>(app.baseUrl, '/api/v1/doctor-pairs', { token: admin.token, limit });
    const ids = walked.items.map((item) => item.id);
    expectNoRepeats(ids);
    expect(ids).toEqual(expected);
  });

  it('pages an area and the default of 50 alike', async () => {
    const north = await walkPages<{ id: string; areaCode: string }>(
      app.baseUrl,
      '/api/v1/doctor-pairs?areaCode=33101',
      {
        token: admin.token,
        limit: 1,
      },
    );
    expect(north.items.map((item) => item.id)).toEqual(expected.slice(0, 3));
    const whole = await api(app.baseUrl, 'GET', '/api/v1/doctor-pairs', { token: admin.token });
    expect(whole.body).toMatchObject({ nextCursor: null });
    expect(whole.body.items.map((item: { id: string }) => item.id)).toEqual(expected);
  });

  it('refuses limit=501 and a garbled cursor with a 400', async () => {
    await expectPagingRefusals(app.baseUrl, '/api/v1/doctor-pairs', admin.token);
  });
});

/**
 * Who reads which pairs (authorised by role and organisation, README: 主治医・副主治医のペア): a clinic only the pairs it
 * is part of — not every pair of the city — a hospital or the city none; the association the pairs of its member
 * clinics; the Center and an admin every pair. The guard lets every role through (test/access-matrix.ts 'any'): the
 * service narrows the list, so another's pair is simply not there (no 403 that would say it exists).
 */
describe('doctor pairs: each caller reads only the pairs it may', () => {
  let app: TestApp;
  let association: Awaited<ReturnType<typeof signedInAs>>;
  const clinics: Record<string, string> = {};
  const pairs: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp({ start, isolated: true });
    association = await signedInAs(app, 'association_admin', { name: '岡山市医師会（閲覧テスト）' });
    for (const [label, member] of [
      ['P', true],
      ['Q', true],
      ['R', true],
      ['S', true],
      ['X', false],
      ['Y', false],
    ] as const) {
      const row = await buildOrganization(app.database, {
        kind: 'clinic',
        name: `閲覧${label}診療所`,
        areaCode: '33102',
        ...at(0, Object.keys(clinics).length * 0.5),
        groups: ['elderly'],
        phone: `086-700-000${Object.keys(clinics).length}`,
        associationId: member ? (association.organization?.id ?? null) : null,
      });
      clinics[label] = row.id;
    }
    const admin = await signedInAs(app, 'admin');
    for (const [key, primary, secondary] of [
      ['PQ', 'P', 'Q'],
      ['RS', 'R', 'S'],
      ['XY', 'X', 'Y'],
    ] as const) {
      const created = await api(app.baseUrl, 'POST', '/api/v1/doctor-pairs', {
        token: admin.token,
        body: {
          areaCode: '33102',
          primaryOrganizationId: clinics[primary],
          secondaryOrganizationId: clinics[secondary],
        },
      });
      expect(created.status, created.text).toBe(201);
      pairs[key] = created.body.id;
    }
  });
  afterAll(async () => {
    await app.close();
  });

  const read = async (token: string, query = '') => {
    const response = await api(app.baseUrl, 'GET', `/api/v1/doctor-pairs${query}`, { token });
    expect(response.status, response.text).toBe(200);
    return (response.body.items as { id: string }[]).map((item) => item.id).sort();
  };
  const clinicToken = async (label: string) =>
    login(app, (await buildUser(app.database, { role: 'provider', organizationId: clinics[label] ?? null })).email);

  it('gives a clinic its own pairs only, whatever it asks for', async () => {
    const p = await clinicToken('P');
    expect(await read(p)).toEqual([pairs.PQ]);
    expect(await read(p, '?areaCode=33102')).toEqual([pairs.PQ]);
    // Asking for another clinic's pairs gives nothing (not a 403 that would say they exist).
    expect(await read(p, `?organizationId=${clinics.R}`)).toEqual([]);
    expect(await read(p, `?organizationId=${clinics.Q}`)).toEqual([pairs.PQ]);
    expect(await read(p, '?status=ended')).toEqual([]);
    // A clinic in no pair, a visiting nurse, a hospital and the city read none.
    const lonely = await buildOrganization(app.database, {
      kind: 'clinic',
      name: '閲覧ペアなし診療所',
      areaCode: '33102',
    });
    const lonelyUser = await buildUser(app.database, { role: 'provider', organizationId: lonely.id });
    expect(await read(await login(app, lonelyUser.email))).toEqual([]);
    for (const role of ['hospital_liaison', 'city_analyst'] as const)
      expect(await read((await signedInAs(app, role)).token), role).toEqual([]);
  });

  it('gives the association its member clinics’ pairs, the Center and an admin every pair', async () => {
    expect(await read(association.token)).toEqual([pairs.PQ, pairs.RS].sort());
    expect(await read((await signedInAs(app, 'association_admin')).token)).toEqual([]);
    const all = [pairs.PQ, pairs.RS, pairs.XY].sort();
    expect(await read((await signedInAs(app, 'center_coordinator')).token)).toEqual(all);
    expect(await read((await signedInAs(app, 'admin')).token)).toEqual(all);
  });
});

/**
 * Pair suggestions pair only clinics that can see each other's patients: at least one patient group in common
 * (a women's clinic and a children's clinic at the same address share none), more in common first, then the nearer —
 * and each suggested pair says which groups, each clinic left alone why.
 */
describe('doctor pairs: suggestions need a patient group in common', () => {
  let app: TestApp;
  let association: Awaited<ReturnType<typeof signedInAs>>;

  beforeAll(async () => {
    app = await startTestApp({ start, isolated: true });
    association = await signedInAs(app, 'association_admin', { name: '岡山市医師会（対象テスト）' });
    const member = (name: string, place: { lat: number; lng: number }, groups: string[]) =>
      buildOrganization(app.database, {
        kind: 'clinic',
        name,
        areaCode: '33102',
        ...place,
        groups,
        availabilityStatus: 'accepting',
        associationId: association.organization?.id ?? null,
      });
    await member('対象ウィメンズクリニック', at(0, 0), ['elderly', 'dementia', 'cancer']);
    await member('対象こども医院', at(0, 0), ['pediatric_medical_care', 'intractable_disease']);
    await member('対象小児在宅クリニック', at(2, 0), ['pediatric_medical_care']);
    await member('対象内科近所', at(0.3, 0), ['elderly']);
    await member('対象在宅看取りクリニック', at(3, 0), ['elderly', 'dementia', 'cancer', 'terminal_care']);
  });
  afterAll(async () => {
    await app.close();
  });

  it('suggests only pairs with a patient group in common, the best-fitting first, and says so', async () => {
    const response = await api(
      app.baseUrl,
      'GET',
      '/api/v1/doctor-pairs/suggestions?areaCode=33102&maxPairsPerClinic=1',
      { token: association.token },
    );
    expect(response.status, response.text).toBe(200);
    const pairs = response.body.pairs.map((pair: any) => ({
      names: [pair.primary.name, pair.secondary.name].sort().join('-'),
      sharedGroups: pair.sharedGroups,
      reason: pair.reason,
    }));
    expect(pairs).toEqual(
      expect.arrayContaining([
        {
          // Three groups in common, 3 km apart, rather than one in common next door.
          names: '対象ウィメンズクリニック-対象在宅看取りクリニック',
          sharedGroups: ['elderly', 'cancer', 'dementia'],
          reason: expect.stringMatching(/^共通する対象: 高齢者・がん・認知症（3つ）、距離 3\.\d km$/),
        },
        {
          names: '対象こども医院-対象小児在宅クリニック',
          sharedGroups: ['pediatric_medical_care'],
          reason: expect.stringContaining('医療的ケア児'),
        },
      ]),
    );
    expect(pairs).toHaveLength(2);
    for (const pair of response.body.pairs) expect(pair.sharedGroups.length).toBeGreaterThan(0);
    // The women's clinic and the children's clinic at the same place are never paired.
    expect(pairs.map((pair: any) => pair.names)).not.toContain('対象ウィメンズクリニック-対象こども医院');
    expect(response.body.unpaired).toEqual([
      expect.objectContaining({ organization: expect.objectContaining({ name: '対象内科近所' }) }),
    ]);
    expect(response.body.rule).toContain('対象が1つ以上共通');
  });

  it('says why a clinic with neighbours but no group in common stays alone', async () => {
    const lonely = await buildOrganization(app.database, {
      kind: 'clinic',
      name: '対象精神科在宅クリニック',
      areaCode: '33102',
      ...at(0.1, 0.1),
      groups: ['psychiatric'],
      availabilityStatus: 'accepting',
      associationId: association.organization?.id ?? null,
    });
    const response = await api(app.baseUrl, 'GET', '/api/v1/doctor-pairs/suggestions?areaCode=33102', {
      token: association.token,
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body.unpaired).toContainEqual(
      expect.objectContaining({
        organization: expect.objectContaining({ id: lonely.id }),
        reason: 'no_shared_group',
        message: expect.stringContaining('共通しません'),
      }),
    );
  });
});
