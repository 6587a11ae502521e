/**
 * The reliance view through the API: per area, the share of the largest one and three
 * organisations and the HHI of home patients, organisations above their declared capacity, the
 * monthly trend — with every count under 10 suppressed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { expectError } from '../../../test/helpers/errors.js';
import { buildOrganization, login, signedInAs } from '../../../test/helpers/factories.js';

const day = 24 * 3600 * 1000;
const start = new Date('2026-11-25T10:00:00+09:00');
const kitaku = { lat: 34.665, lng: 133.918, areaCode: '33101' }; // 北区 (岡山駅の近く)
const nakaku = { lat: 34.667, lng: 133.955, areaCode: '33102' }; // 中区
const minamiku = { lat: 34.6, lng: 133.92, areaCode: '33104' }; // 南区
const wards = ['33101', '33102', '33103', '33104'];

type Figure = { areaCode: string; patients: number | null; isSuppressed: boolean };

/** Every way the figures could give a small group away: a count of 1–9, or the city minus the shown wards. */
function leaks(areas: Figure[]): string[] {
  const problems: string[] = [];
  for (const area of areas) {
    if (area.patients !== null && area.patients > 0 && area.patients < 10)
      problems.push(`${area.areaCode} ${area.patients}`);
    if ((area.patients === null) !== area.isSuppressed) problems.push(`${area.areaCode} marker`);
  }
  const city = areas.find((area) => area.areaCode === '33100');
  if (city?.patients != null) {
    const rest =
      city.patients -
      areas.filter((area) => area.areaCode !== '33100').reduce((sum, area) => sum + (area.patients ?? 0), 0);
    if (rest > 0 && rest < 10) problems.push(`city − shown wards = ${rest}`);
  }
  return problems;
}

describe('reliance on particular organisations, per area', () => {
  let app: TestApp;
  let liaison: Awaited<ReturnType<typeof signedInAs>>;
  const clinic: Record<'x' | 'y' | 'z' | 'w' | 'v', string> = { x: '', y: '', z: '', w: '', v: '' };

  beforeAll(async () => {
    app = await startTestApp({ start, isolated: true });
    liaison = await signedInAs(app, 'hospital_liaison');
    const make = async (name: string, place: typeof kitaku, declaredCapacity: number | null) =>
      (
        await buildOrganization(app.database, {
          kind: 'clinic',
          name,
          lat: place.lat + 0.002,
          lng: place.lng,
          areaCode: place.areaCode,
          groups: ['elderly'],
          availabilityStatus: 'accepting',
          declaredCapacity,
        })
      ).id;
    clinic.x = await make('集中クリニック', kitaku, 5);
    clinic.y = await make('北区第二医院', kitaku, 30);
    clinic.z = await make('北区第三医院', kitaku, null);
    clinic.w = await make('中区医院', nakaku, 3);
    clinic.v = await make('南区医院', minamiku, null);
  });
  afterAll(async () => {
    await app.close();
  });

  async function patients(
    count: number,
    place: { lat: number; lng: number },
    organizationId: string,
    plannedDischargeDate = '2026-12-20',
  ) {
    for (let index = 0; index < count; index += 1) {
      const created = await api(app.baseUrl, 'POST', '/api/v1/cases', {
        token: liaison.token,
        body: {
          patient: {
            name: `患者 ${randomUUID().slice(0, 4)}`,
            nameKana: 'かんじゃ',
            birthDate: '1938-01-01',
            sex: 'male',
            address: '岡山市',
            lat: place.lat + index * 0.0003,
            lng: place.lng,
          },
          groups: ['elderly'],
          procedures: [],
          careLevel: 'care_1',
          plannedDischargeDate,
          admissionDate: '2026-11-01',
          consent: { scope: ['referral_summary', 'team_record'], recordedBy: '看護師', givenBy: 'patient' },
          neededRoles: ['primary_doctor'],
        },
      });
      expect(created.status, created.text).toBe(201);
      const added = await api(app.baseUrl, 'POST', `/api/v1/cases/${created.body.id}/team`, {
        token: liaison.token,
        body: { role: 'primary_doctor', organizationId },
      });
      expect(added.status, added.text).toBe(201);
    }
  }

  it('shows concentration per area, who is above capacity, and the trend, suppressing counts under 10', async () => {
    await patients(10, kitaku, clinic.x);
    await patients(3, kitaku, clinic.y);
    await patients(1, kitaku, clinic.z);
    await patients(5, nakaku, clinic.w);
    await patients(6, minamiku, clinic.v);
    const city = await signedInAs(app, 'city_analyst');
    const response = await api(app.baseUrl, 'GET', '/api/v1/analytics/reliance', { token: city.token });
    expect(response.status, response.text).toBe(200);
    const body = response.body;
    expect(body).toMatchObject({ role: 'primary_doctor', areaCode: null, suppressBelow: 10 });
    expect(body.suppressionNote).toContain('10人未満');
    const area = (code: string) => body.areas.find((entry: any) => entry.areaCode === code);
    // 北区: 10 + 3 + 1 = 14 → the three hold all (100 %); the largest's share (10/14) would say the two others have 4
    // together, and with three organisations the HHI would solve their counts: both withheld.
    expect(area('33101')).toEqual({
      areaCode: '33101',
      areaName: expect.stringContaining('北区'),
      areaNameCode: null,
      areaNameParams: null,
      patients: 14,
      organizations: 3,
      top1Share: null,
      top3Share: 1,
      hhi: null,
      isSuppressed: false,
    });
    // 中区: 5 patients, 南区: 6 → nothing shown (together 11: the city minus 北区 gives no small group away).
    for (const code of ['33102', '33104'])
      expect(area(code)).toMatchObject({
        patients: null,
        organizations: null,
        top1Share: null,
        top3Share: null,
        hhi: null,
        isSuppressed: true,
      });
    // 東区: nobody — listed, and 0 is shown as 0 (no share or index to give).
    expect(area('33103')).toMatchObject({
      patients: 0,
      organizations: 0,
      top1Share: null,
      hhi: null,
      isSuppressed: false,
    });
    expect(body.areas.map((entry: Figure) => entry.areaCode)).toEqual([...wards, '33100']);
    // The whole city adds the wards: 25 patients, 5 organisations; the largest 10 (the others 15), the largest three 21
    // (the others 4: withheld), five organisations → HHI.
    expect(area('33100')).toMatchObject({
      areaName: '岡山市全体',
      patients: 25,
      organizations: 5,
      top1Share: 0.4,
      top3Share: null,
      hhi: Math.round((0.16 + 0.0576 + 0.04 + 0.0144 + 0.0016) * 10_000),
    });
    // Its name is composed by the server: a code and the city's name let the web say it in English.
    expect(area('33100')).toMatchObject({ areaNameCode: 'city_whole', areaNameParams: { name: '岡山市' } });
    // Above capacity: the clinic with 10 patients for a declared 5. The one with 5 for 3 is not listed: its row would
    // say it has 4 to 9.
    expect(body.overCapacity).toEqual([
      expect.objectContaining({
        organizationId: clinic.x,
        name: '集中クリニック',
        declaredCapacity: 5,
        load: 10,
        utilisation: 2,
      }),
    ]);
    expect(body.trend).toHaveLength(12);
    expect(body.trend.at(-1).month).toBe('2026-11');
    // Last month nobody had a doctor yet: every ward and the city read 0.
    expect(body.trend.at(-2).areas.map((entry: Figure) => [entry.patients, entry.isSuppressed])).toEqual(
      Array(5).fill([0, false]),
    );
    for (const figures of [body.areas, ...body.trend.map((month: { areas: Figure[] }) => month.areas)])
      expect(leaks(figures)).toEqual([]);

    // A month later, with more patients of the second clinic: the trend shows both months.
    app.clock.advance(35 * day);
    liaison.token = await login(app, liaison.user.email);
    await patients(2, kitaku, clinic.y, '2027-01-15');
    const center = await signedInAs(app, 'center_coordinator');
    const later = await api(app.baseUrl, 'GET', '/api/v1/analytics/reliance?areaCode=33101', { token: center.token });
    expect(later.status, later.text).toBe(200);
    expect(later.body.areas.map((entry: any) => entry.areaCode)).toEqual(['33101']);
    const months = later.body.trend.slice(-2).map((entry: any) => [entry.month, entry.areas[0].patients]);
    expect(months).toEqual([
      ['2026-11', 14],
      ['2026-12', 16],
    ]);
    expect(later.body.areas[0]).toMatchObject({ patients: 16, organizations: 3, top3Share: 1 });
    expect(later.body.overCapacity.map((entry: any) => entry.organizationId)).toEqual([clinic.x]);
    const role = await api(app.baseUrl, 'GET', '/api/v1/analytics/reliance?role=visiting_nurse', {
      token: center.token,
    });
    expect(role.body.areas.map((entry: Figure) => [entry.patients, entry.isSuppressed])).toEqual(
      Array(5).fill([0, false]),
    );
  });

  it('hides a ward that the city total would give back, even one of 10 or more', async () => {
    // So far 北区 16, 中区 5, 南区 6. Four more in 南区 make it 10: shown alone, 中区's 5 would be the city minus the
    // others — so 南区, the smallest shown ward, is hidden with it (together 15).
    await patients(4, minamiku, clinic.v, '2027-01-20');
    const city = await signedInAs(app, 'city_analyst');
    const response = await api(app.baseUrl, 'GET', '/api/v1/analytics/reliance', { token: city.token });
    expect(response.status, response.text).toBe(200);
    const shown = response.body.areas.map((entry: Figure) => [entry.areaCode, entry.patients]);
    expect(shown).toEqual([
      ['33101', 16],
      ['33102', null],
      ['33103', 0],
      ['33104', null],
      ['33100', 31],
    ]);
    for (const figures of [
      response.body.areas,
      ...response.body.trend.map((month: { areas: Figure[] }) => month.areas),
    ])
      expect(leaks(figures)).toEqual([]);
  });

  it('is for the Center, the association, the city and admins only; bad input is a 400', async () => {
    const association = await signedInAs(app, 'association_admin');
    expect((await api(app.baseUrl, 'GET', '/api/v1/analytics/reliance', { token: association.token })).status).toBe(
      200,
    );
    const provider = await signedInAs(app, 'provider');
    expectError(await api(app.baseUrl, 'GET', '/api/v1/analytics/reliance', { token: provider.token }), 403);
    expectError(await api(app.baseUrl, 'GET', '/api/v1/analytics/reliance', { token: liaison.token }), 403);
    expectError(await api(app.baseUrl, 'GET', '/api/v1/analytics/reliance'), 401);
    expectError(
      await api(app.baseUrl, 'GET', '/api/v1/analytics/reliance?areaCode=99999', { token: association.token }),
      400,
    );
    expectError(
      await api(app.baseUrl, 'GET', '/api/v1/analytics/reliance?role=chef', { token: association.token }),
      400,
    );
  });
});
