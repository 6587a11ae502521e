/**
 * A point placed on the map is checked against the city and against the address it comes with: a patient's home
 * (POST/PATCH /api/v1/cases) and an organisation (POST /api/v1/organizations) alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { signedInAs } from '../../../test/helpers/factories.js';
import { registerOrganization } from '../../../test/helpers/organizations.js';

const start = new Date('2026-11-25T10:00:00+09:00');
/** 東京駅: far outside Okayama City. */
const tokyo = { lat: 35.6812, lng: 139.7671 };
/** 岡山市北区大供一丁目 (the 町丁目 point of the offline data). */
const daiku = { lat: 34.655115, lng: 133.920689 };

describe('points placed on the map', () => {
  let app: TestApp;
  let liaison: string;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp({ start });
    ({ token: liaison } = await signedInAs(app, 'hospital_liaison'));
    ({ token: admin } = await signedInAs(app, 'admin'));
  });
  afterAll(async () => {
    await app.close();
  });

  const newCase = (patient: Record<string, unknown>) =>
    api(app.baseUrl, 'POST', '/api/v1/cases', {
      token: liaison,
      body: {
        patient: {
          name: '南 陽向',
          nameKana: 'みなみ ひなた',
          birthDate: '1944-05-14',
          sex: 'female',
          ...patient,
        },
        groups: ['elderly'],
        procedures: [],
        careLevel: 'care_2',
        plannedDischargeDate: '2026-12-10',
        consent: { scope: ['referral_summary', 'team_record'], recordedBy: '退院調整看護師 山田' },
      },
    });

  it('refuses a home placed outside Okayama City, naming the point, and keeps nothing', async () => {
    const refused = await newCase({ address: '岡山市南区福富西1丁目20-48', ...tokyo });
    expect(refused.status, refused.text).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'validation_failed', reason: 'location_outside_city' });
    expect(refused.body.error.message).toContain('岡山市外');
    expect(refused.body.error.details).toEqual([expect.objectContaining({ path: 'patient.lat' })]);
    const listed = await api(app.baseUrl, 'GET', '/api/v1/cases?q=南 陽向', { token: liaison });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([]);
  });

  it('refuses an address outside the city even with a point in it, naming the address', async () => {
    const refused = await newCase({ address: '倉敷市阿知1丁目7-2', ...daiku });
    expect(refused.status, refused.text).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'validation_failed', reason: 'location_outside_city' });
    expect(refused.body.error.details).toEqual([expect.objectContaining({ path: 'patient.address' })]);
  });

  it('takes a point in the city with its ward, and refuses moving the home out of the city', async () => {
    const created = await newCase({ address: '岡山市北区大供1丁目1-1', ...daiku });
    expect(created.status, created.text).toBe(201);
    expect(created.body.patient.areaCode).toBe('33101');
    const moved = await api(app.baseUrl, 'PATCH', `/api/v1/cases/${created.body.id}`, {
      token: liaison,
      body: { patient: tokyo },
      headers: { 'if-match': `"${created.body.version}"` },
    });
    expect(moved.status, moved.text).toBe(400);
    expect(moved.body.error).toMatchObject({ code: 'validation_failed', reason: 'location_outside_city' });
    const read = await api(app.baseUrl, 'GET', `/api/v1/cases/${created.body.id}`, { token: liaison });
    expect(read.body).toMatchObject({ version: created.body.version, patient: { areaCode: '33101' } });
    expect(read.body.patient.lat).toBeCloseTo(daiku.lat, 5);
  });

  it('refuses a point in another ward far from the address, naming both wards; a point near the address is taken', async () => {
    // 福富西 is in 南区; 大供 (北区) lies about 4 km north of it.
    const refused = await newCase({ address: '岡山市南区福富西1丁目20-48', ...daiku });
    expect(refused.status, refused.text).toBe(400);
    expect(refused.body.error.code).toBe('validation_failed');
    expect(refused.body.error.details).toEqual([
      expect.objectContaining({
        path: 'patient.lat',
        code: 'point_differs_from_address',
        params: expect.objectContaining({ addressArea: '33104', pointArea: '33101' }),
      }),
    ]);
    expect(refused.body.error.details[0].message).toContain('南区');
    expect(refused.body.error.details[0].message).toContain('北区');
    // The same address with the pin moved a few hundred metres: the map wins (the address is only where to look).
    const taken = await newCase({ address: '岡山市北区大供1丁目1-1', lat: daiku.lat + 0.003, lng: daiku.lng - 0.002 });
    expect(taken.status, taken.text).toBe(201);
  });

  it('refuses a planned discharge more than a year ahead (a typing slip), naming the latest date', async () => {
    const body = (plannedDischargeDate: string) =>
      api(app.baseUrl, 'POST', '/api/v1/cases', {
        token: liaison,
        body: {
          patient: {
            name: '遠 予定',
            nameKana: 'とお よてい',
            birthDate: '1950-01-01',
            sex: 'male',
            address: '岡山市北区大供1丁目1-1',
          },
          groups: ['elderly'],
          procedures: [],
          careLevel: 'care_1',
          plannedDischargeDate,
          consent: { scope: ['referral_summary'], recordedBy: '退院調整看護師 山田' },
        },
      });
    const refused = await body('2999-12-31');
    expect(refused.status, refused.text).toBe(400);
    expect(refused.body.error.details).toEqual([
      expect.objectContaining({
        path: 'plannedDischargeDate',
        code: 'planned_discharge_too_far',
        params: { latest: '2027-11-25' },
      }),
    ]);
    expect((await body('2027-11-25')).status).toBe(201);
  });

  it('refuses an organisation placed in another ward far from its address', async () => {
    const refused = await registerOrganization(app, admin, {
      name: `訪問看護ステーション（検証）${randomUUID().slice(0, 6)}`,
      kind: 'visiting_nursing',
      address: '岡山市東区西大寺中1丁目13-35',
      ...daiku,
    });
    expect(refused.status, refused.text).toBe(400);
    expect(refused.body.error.details).toEqual([
      expect.objectContaining({ path: 'lat', code: 'point_differs_from_address' }),
    ]);
  });

  it('refuses an organisation placed outside the city, naming lat', async () => {
    const refused = await registerOrganization(app, admin, {
      name: `訪問看護ステーション（検証）${randomUUID().slice(0, 6)}`,
      kind: 'visiting_nursing',
      address: '岡山市北区大供1丁目1-1',
      ...tokyo,
    });
    expect(refused.status, refused.text).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'validation_failed', reason: 'location_outside_city' });
    expect(refused.body.error.details).toEqual([expect.objectContaining({ path: 'lat' })]);
  });
});
