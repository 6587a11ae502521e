/** A discharge with needed roles still open is the hospital's decision: accepted, and the timeline keeps which. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { signedInAs } from '../../../test/helpers/factories.js';
import {
  caseBody,
  caseTestStart as start,
  homeCareProvider,
  refer,
  routedCase,
  spot,
} from '../../../test/helpers/cases.js';

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
    const home = spot({ lat: 34.66, lng: 133.92, latSpan: 0.02, lngSpan: 0.02 });
    const { id, version } = await routedCase(
      app,
      liaison.token,
      caseBody(home, {
        patient: { name: '岡山 未決子', nameKana: 'おかやま みけつこ', birthDate: '1941-01-02', phone: undefined },
        groups: ['elderly'],
        procedures: [],
        careLevel: 'care_2',
        consent: { scope: ['referral_summary', 'team_record'] },
        neededRoles,
      }),
    );
    return { id, version, home };
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
    const nurse = await homeCareProvider(app, home, 'visiting_nursing', {
      lat: home.lat + 0.003,
      lng: home.lng + 0.003,
      groups: ['elderly'],
      procedures: [],
      isAvailable24h: false,
    });
    await refer(app, liaison.token, id, 'visiting_nurse', nurse, { accept: true });
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
