/** A discharge with needed roles still open is the hospital's decision: accepted, and the timeline keeps which. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { signedInAs } from '../../../test/helpers/factories.js';
import {
  caseBody,
  caseTestStart as start,
  homeCareProvider,
  recordOutcome,
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

  async function directCase(neededRoles: string[], route: Record<string, unknown> = { route: 'direct' }) {
    const home = spot({ lat: 34.66, lng: 133.92, latSpan: 0.02, lngSpan: 0.02 });
    const { id, version } = await routedCase(
      app,
      liaison.token,
      caseBody(home, {
        patient: { name: '岡山 未決子', nameKana: 'おかやま みけつこ', birthDate: '1941-01-02', phone: undefined },
        groups: ['elderly'],
        procedures: [],
        careLevel: 'care_2',
        consent: { scope: ['center', 'referral_summary', 'team_record'] },
        neededRoles,
      }),
      route,
    );
    return { id, version, home };
  }

  /** A visiting nursing station near the home that accepts the case's nurse role. */
  async function nurseJoins(id: string, home: { lat: number; lng: number }) {
    const nurse = await homeCareProvider(app, home, 'visiting_nursing', {
      lat: home.lat + 0.003,
      lng: home.lng + 0.003,
      groups: ['elderly'],
      procedures: [],
      isAvailable24h: false,
    });
    await refer(app, liaison.token, id, 'visiting_nurse', nurse, { accept: true });
    return (await api(app.baseUrl, 'GET', `/api/v1/cases/${id}`, { token: liaison.token })).body.version as number;
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
    const current = await nurseJoins(id, home);
    expect(current).toBeGreaterThanOrEqual(version);
    const entry = await dischargeEntry(id, current);
    expect(entry.summary).toBe('2026年11月25日(水) に退院しました（未決定の役割: 主治医、ケアマネジャー）');
    expect(entry.details).toEqual({
      dischargedOn: '2026-11-25',
      missingRoles: ['primary_doctor', 'care_manager'],
      variant: 'open_roles',
    });
  });

  it('says nothing more when every needed role is filled', async () => {
    const { id, home } = await directCase(['visiting_nurse']);
    const entry = await dischargeEntry(id, await nurseJoins(id, home));
    expect(entry.summary).toBe('2026年11月25日(水) に退院しました');
    expect(entry.details).toEqual({ dischargedOn: '2026-11-25', missingRoles: [], variant: null });
  });

  it('keeps the Center consultation open with a line saying which roles are open, and stops counting the days', async () => {
    const center = await signedInAs(app, 'center_coordinator');
    const { id, version } = await directCase(['primary_doctor', 'visiting_nurse'], {
      route: 'center',
      difficulty: ['area'],
      note: '山間部',
    });
    const open = await api(app.baseUrl, 'GET', '/api/v1/center/consultations?status=open', { token: center.token });
    const consultation = open.body.items.find((item: any) => item.caseId === id);
    expect(consultation.daysToDischarge).toEqual(expect.any(Number));
    await dischargeEntry(id, version);
    const kept = await api(app.baseUrl, 'GET', `/api/v1/consultations/${consultation.id}`, { token: center.token });
    expect(kept.body).toMatchObject({ status: consultation.status, daysToDischarge: null, caseStatus: 'discharged' });
    expect(kept.body.messages.at(-1).body).toBe(
      '2026年11月25日(水)に退院が記録されました。未決定の役割（主治医、訪問看護）が残っているため、この相談は終了せずに残します。在宅での確保の見通しが立ったら、相談を終了してください。',
    );
    // Still in the Center's open list.
    const still = await api(app.baseUrl, 'GET', '/api/v1/center/consultations?status=open', { token: center.token });
    expect(still.body.items.map((item: any) => item.id)).toContain(consultation.id);
    expect(still.body.items.find((item: any) => item.id === consultation.id)).toMatchObject({
      dischargedOn: '2026-11-25',
      caseStatus: 'discharged',
    });

    // The outcome ends it, with a line saying so: it leaves the open list.
    await recordOutcome(app, liaison.token, id, { outcome: 'home', on: '2026-11-25' });
    const closed = await api(app.baseUrl, 'GET', `/api/v1/consultations/${consultation.id}`, { token: center.token });
    expect(closed.body.status).toBe('closed');
    expect(closed.body.messages.at(-1).body).toBe(
      '転帰（在宅療養を継続、2026年11月25日(水)）が記録されたため、この相談を終了しました。',
    );
    const after = await api(app.baseUrl, 'GET', '/api/v1/center/consultations?status=open', { token: center.token });
    expect(after.body.items.map((item: any) => item.id)).not.toContain(consultation.id);
  });

  it('closes the Center consultation when every needed role was filled', async () => {
    const center = await signedInAs(app, 'center_coordinator');
    const { id, home } = await directCase(['visiting_nurse'], {
      route: 'center',
      difficulty: ['area'],
      note: '山間部',
    });
    const open = await api(app.baseUrl, 'GET', '/api/v1/center/consultations?status=open', { token: center.token });
    const consultation = open.body.items.find((item: any) => item.caseId === id);
    await dischargeEntry(id, await nurseJoins(id, home));
    const closed = await api(app.baseUrl, 'GET', `/api/v1/consultations/${consultation.id}`, { token: center.token });
    expect(closed.body).toMatchObject({ status: 'closed', daysToDischarge: null });
    expect(closed.body.messages.at(-1).body).toBe('2026年11月25日(水)に退院が記録されたため、この相談を終了しました。');
  });
});
