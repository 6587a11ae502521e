/** A discharge with needed roles still open is the hospital's decision: accepted, and the timeline keeps which. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildOrganization, buildUser, login, signedInAs } from '../../../test/helpers/factories.js';

// Wednesday 2026-11-25 10:00 JST
const start = new Date('2026-11-25T10:00:00+09:00');

describe('discharge with roles still open', () => {
  let app: TestApp;
  let liaison: Awaited<ReturnType<typeof signedInAs>>;

  beforeAll(async () => {
    app = await startTestApp({ start });
    liaison = await signedInAs(app, 'hospital_liaison');
  });
  afterAll(async () => {
    await app.close();
  });

  async function directCase(neededRoles: string[]) {
    const home = { lat: 34.66 + Math.random() * 0.02, lng: 133.92 + Math.random() * 0.02 };
    const created = await api(app.baseUrl, 'POST', '/api/v1/cases', {
      token: liaison.token,
      body: {
        patient: {
          name: '岡山 未決子',
          nameKana: 'おかやま みけつこ',
          birthDate: '1941-01-02',
          sex: 'female',
          address: '岡山市北区大供1丁目1-1',
          ...home,
        },
        groups: ['elderly'],
        procedures: [],
        careLevel: 'care_2',
        plannedDischargeDate: '2026-12-10',
        consent: { scope: ['referral_summary', 'team_record'], recordedBy: '退院調整看護師 山田' },
        neededRoles,
      },
    });
    expect(created.status).toBe(201);
    const routed = await api(app.baseUrl, 'POST', `/api/v1/cases/${created.body.id}/route`, {
      token: liaison.token,
      body: { route: 'direct' },
      headers: { 'if-match': `"${created.body.version}"` },
    });
    expect(routed.status).toBe(200);
    return { id: created.body.id as string, version: routed.body.version as number, home };
  }

  async function dischargeEntry(id: string, version: number) {
    const discharged = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/discharge`, {
      token: liaison.token,
      body: { dischargedOn: '2026-11-25' },
      headers: { 'if-match': `"${version}"` },
    });
    expect(discharged.status).toBe(200);
    const timeline = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/timeline`, { token: liaison.token });
    return timeline.body.items.find((event: any) => event.kind === 'discharged');
  }

  it('records in the timeline which needed roles were open at discharge', async () => {
    const { id, version, home } = await directCase(['primary_doctor', 'visiting_nurse', 'care_manager']);
    const nurse = await buildOrganization(app.database, {
      kind: 'visiting_nursing',
      name: `訪問看護ステーション ${randomUUID().slice(0, 6)}`,
      lat: home.lat + 0.003,
      lng: home.lng + 0.003,
      areaCode: '33101',
      groups: ['elderly'],
      procedures: [],
      coverageRadiusKm: 10,
      availabilityStatus: 'accepting',
      freeSlots: 3,
      availabilityUpdatedAt: start,
    });
    const nurseUser = await buildUser(app.database, { role: 'provider', organizationId: nurse.id });
    const sent = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/referrals`, {
      token: liaison.token,
      body: { role: 'visiting_nurse', organizationIds: [nurse.id], respondWithinBusinessDays: 3 },
    });
    expect(sent.status).toBe(201);
    const accepted = await api(app.baseUrl, 'POST', `/api/v1/referrals/${sent.body.items[0].id}/accept`, {
      token: await login(app, nurseUser.email),
    });
    expect(accepted.status).toBe(200);
    const current = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}`, { token: liaison.token });
    expect(current.body.version).toBeGreaterThanOrEqual(version);
    const entry = await dischargeEntry(id, current.body.version);
    expect(entry.summary).toBe('2026年11月25日(水) に退院しました（未決定の役割: 主治医、ケアマネジャー）');
    expect(entry.details).toEqual({
      dischargedOn: '2026-11-25',
      missingRoles: ['primary_doctor', 'care_manager'],
      variant: 'open_roles',
    });
  });

  it('says nothing more when every needed role is filled (none needed)', async () => {
    const { id, version } = await directCase([]);
    const entry = await dischargeEntry(id, version);
    expect(entry.summary).toBe('2026年11月25日(水) に退院しました');
    expect(entry.details).toEqual({ dischargedOn: '2026-11-25', missingRoles: [], variant: null });
  });
});
