/**
 * The 30-day outcome reaches the team: who is told (team, involved Center, the hospital when another recorded it),
 * in words without the patient's name; an outcome before the follow-up day is an early one; after a death the
 * thread stays readable but takes no more posts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { signedInAs } from '../../../test/helpers/factories.js';
import {
  caseBody,
  caseNotices,
  caseTestStart as start,
  homeCareProvider,
  refer,
  relogin,
  routedCase,
  spot,
} from '../../../test/helpers/cases.js';

const day = 24 * 3600 * 1000;
const patientName = '岡山 転帰子';

describe('the outcome of a discharged case', () => {
  let app: TestApp;
  let liaison: Awaited<ReturnType<typeof signedInAs>>;
  let center: Awaited<ReturnType<typeof signedInAs>>;

  beforeAll(async () => {
    // A database of its own on PostgreSQL: this file runs the due jobs at later clocks, which in the shared database
    // would run other files' jobs too (a direct case of another file handed to the Center by its hand-on job).
    app = await startTestApp({ start, isolated: true });
    liaison = await signedInAs(app, 'hospital_liaison', { name: `岡山転帰テスト病院 ${randomUUID().slice(0, 4)}` });
    center = await signedInAs(app, 'center_coordinator');
  });
  afterAll(async () => {
    await app.close();
  });
  afterEach(async () => {
    app.clock.set(start);
    await relogin(app, liaison, center);
  });

  const notices = (token: string, caseId: string) => caseNotices(app, token, caseId);

  /** A Center case with a visiting nurse in the team, discharged on 2026-11-25 (wish: to die at home). */
  async function dischargedCase(
    acp: Record<string, string> = { preferredPlaceOfCare: 'home', preferredPlaceOfDeath: 'home' },
  ) {
    const home = spot();
    const nurse = await homeCareProvider(app, home, 'visiting_nursing', { procedures: ['home_oxygen'] });
    const body = caseBody(home, {
      patient: { name: patientName, nameKana: 'おかやま てんきこ', birthDate: '1938-03-02', phone: undefined },
      procedures: ['home_oxygen'],
      careLevel: 'care_4',
      neededRoles: ['primary_doctor', 'visiting_nurse'],
      acp,
    });
    const { id } = await routedCase(app, liaison.token, body, {
      route: 'center',
      difficulty: ['symptom'],
      note: '疼痛管理',
    });
    await refer(app, liaison.token, id, 'visiting_nurse', nurse, { accept: true });
    const current = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}`, { token: liaison.token });
    const discharged = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/discharge`, {
      token: liaison.token,
      body: { dischargedOn: '2026-11-25' },
      headers: { 'if-match': `"${current.body.version}"` },
    });
    expect(discharged.status).toBe(200);
    return { id, nurse, version: discharged.body.version as number };
  }

  it('a death in hospital tells the team and the Center (early, without the name); the thread closes to posts', async () => {
    const { id, nurse, version } = await dischargedCase();
    app.clock.set(new Date(start.getTime() + 2 * day));
    await relogin(app, liaison, nurse, center);
    const recorded = await api(app.baseUrl, 'PUT', `/api/v1/cases/${id}/outcome`, {
      token: liaison.token,
      body: { outcome: 'died_hospital', on: '2026-11-27', note: '家族に見守られて' },
      headers: { 'if-match': `"${version}"` },
    });
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({
      status: 'closed',
      outcome: 'died_hospital',
      outcomeFollowUpOn: '2026-12-25',
      outcomeIsEarly: true,
      outcomeMatchesWish: false,
    });

    for (const token of [nurse.token, center.token]) {
      const told = (await notices(token, id)).filter((item) => item.kind === 'case_outcome');
      expect(told).toHaveLength(1);
      expect(told[0].title).toBe('早期の転帰: 病院で死亡');
      expect(told[0].body).toContain(liaison.organization!.name);
      expect(told[0].body).toContain('2026年11月25日(水) 退院');
      expect(told[0].body).toContain('病院で死亡');
      expect(told[0].body).toContain('このケースは終了しました');
      expect(told[0].params).toEqual({
        hospitalName: liaison.organization!.name,
        dischargedOn: '2026-11-25',
        outcome: 'died_hospital',
        on: '2026-11-27',
        variant: 'early_died',
      });
      // Minimum necessary: neither the name nor the free-text note.
      expect(JSON.stringify(told[0])).not.toContain(patientName);
      expect(JSON.stringify(told[0])).not.toContain('見守られて');
    }
    // The hospital recorded it itself.
    expect((await notices(liaison.token, id)).map((item) => item.kind)).not.toContain('case_outcome');

    const timeline = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/timeline`, { token: liaison.token });
    const entry = timeline.body.items.find((event: any) => event.kind === 'outcome');
    expect(entry.summary).toContain('早期の転帰: 病院で死亡（2026年11月27日(金)） — 本人の希望「自宅」と不一致');
    expect(entry.details).toMatchObject({ isEarly: true, followUpOn: '2026-12-25', variant: 'early_wish_note' });

    // The thread stays readable, and says no to a new post.
    const read = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/messages`, { token: nurse.token });
    expect(read.status).toBe(200);
    const posted = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/messages`, {
      token: nurse.token,
      body: { body: 'お悔やみ申し上げます' },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(posted.status).toBe(409);
    expect(posted.body.error.message).toContain('閲覧のみ');

    // A recorded death is undone only by the hospital, and only saying why; the team hears it was a correction.
    const undo = (token: string, body: Record<string, unknown>) =>
      api(app.baseUrl, 'PUT', `/api/v1/cases/${id}/outcome`, {
        token,
        body,
        headers: { 'if-match': `"${recorded.body.version}"` },
      });
    const byCenter = await undo(center.token, { outcome: 'home', on: '2026-11-27', note: '別の患者と取り違え' });
    expect(byCenter.status).toBe(403);
    expect(byCenter.body.error.message).toContain('担当病院');
    const withoutWhy = await undo(liaison.token, { outcome: 'home', on: '2026-11-27' });
    expect(withoutWhy.status).toBe(400);
    expect(withoutWhy.body.error.details).toEqual([
      expect.objectContaining({ path: 'note', code: 'correction_reason_required' }),
    ]);
    const corrected = await undo(liaison.token, {
      outcome: 'home',
      on: '2026-11-27',
      note: '別の患者と取り違えました',
    });
    expect(corrected.status, corrected.text).toBe(200);
    expect(corrected.body.outcome).toBe('home');
    const correction = (await notices(nurse.token, id)).filter((item) => item.params?.variant === 'corrected');
    expect(correction).toHaveLength(1);
    expect(correction[0].title).toBe('死亡の記録が訂正されました: 在宅療養を継続');
    const after = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/timeline`, { token: liaison.token });
    const replaced = after.body.items.find((event: any) => event.kind === 'outcome_replaced');
    expect(replaced.summary).toBe('記録済みの死亡を訂正しました（前回の記録: 病院で死亡、2026年11月27日(金)）');
    expect(replaced.details).toMatchObject({ previousOutcome: 'died_hospital', variant: 'death_corrected' });
  });

  it('an outcome against a wish left 「未定」 is compared with nothing', async () => {
    const { id, version } = await dischargedCase({ preferredPlaceOfCare: 'home', preferredPlaceOfDeath: 'undecided' });
    const recorded = await api(app.baseUrl, 'PUT', `/api/v1/cases/${id}/outcome`, {
      token: liaison.token,
      body: { outcome: 'died_home', on: '2026-11-25' },
      headers: { 'if-match': `"${version}"` },
    });
    expect(recorded.status, recorded.text).toBe(200);
    expect(recorded.body.outcomeMatchesWish).toBeNull();
    const timeline = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/timeline`, { token: liaison.token });
    const entry = timeline.body.items.find((event: any) => event.kind === 'outcome');
    expect(entry.summary).toBe('早期の転帰: 自宅で死亡（2026年11月25日(水)）');
    expect(entry.details).toMatchObject({ wish: null, variant: 'early' });
  });

  it('an outcome on the follow-up day is not early; recorded by the Center, the hospital is told too', async () => {
    const { id, nurse, version } = await dischargedCase();
    app.clock.set(new Date(start.getTime() + 30 * day));
    await relogin(app, center, liaison, nurse);
    const recorded = await api(app.baseUrl, 'PUT', `/api/v1/cases/${id}/outcome`, {
      token: center.token,
      body: { outcome: 'home', on: '2026-12-25' },
      headers: { 'if-match': `"${version}"` },
    });
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({ outcomeIsEarly: false, outcomeMatchesWish: true });
    for (const token of [nurse.token, liaison.token]) {
      const told = (await notices(token, id)).filter((item) => item.kind === 'case_outcome');
      expect(told).toHaveLength(1);
      expect(told[0].title).toBe('退院後の転帰: 在宅療養を継続');
      expect(told[0].params.variant).toBeNull();
    }
    expect((await notices(center.token, id)).map((item) => item.kind)).not.toContain('case_outcome');
    // The patient lives at home: the team keeps talking on the thread.
    const posted = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/messages`, {
      token: nurse.token,
      body: { body: '訪問継続中です' },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(posted.status).toBe(201);
  });

  it('the primary doctor is reminded on the follow-up day and records the outcome; a pharmacy of the team may not', async () => {
    const home = spot();
    const clinic = await homeCareProvider(app, home, 'clinic');
    const pharmacy = await homeCareProvider(app, home, 'clinic', {
      kind: 'home_pharmacy',
      name: `訪問薬局 ${randomUUID().slice(0, 4)}`,
    });
    const outsider = await homeCareProvider(app, home, 'clinic');
    const body = caseBody(home, {
      patient: { name: patientName, nameKana: 'おかやま てんきこ', birthDate: '1941-06-10', phone: undefined },
      neededRoles: ['primary_doctor', 'home_pharmacy'],
      acp: { preferredPlaceOfCare: 'home', preferredPlaceOfDeath: 'home' },
    });
    const { id } = await routedCase(app, liaison.token, body);
    await refer(app, liaison.token, id, 'primary_doctor', clinic, { accept: true });
    await refer(app, liaison.token, id, 'home_pharmacy', pharmacy, { accept: true });
    const before = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}`, { token: clinic.token });
    // Before the discharge nobody records an outcome, but the doctor's permission is already said.
    expect(before.body.permissions).toMatchObject({ canRecordOutcome: true, canCoordinate: false, canEdit: false });
    const current = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}`, { token: liaison.token });
    const discharged = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/discharge`, {
      token: liaison.token,
      body: { dischargedOn: '2026-11-25' },
      headers: { 'if-match': `"${current.body.version}"` },
    });
    expect(discharged.status).toBe(200);

    // On the follow-up day the hospital and the primary doctor are asked, by age band and ward, never the name.
    app.clock.set(new Date(start.getTime() + 30 * day));
    await app.runDueJobs();
    await relogin(app, liaison, clinic, pharmacy, outsider, center);
    for (const token of [liaison.token, clinic.token]) {
      const due = (await notices(token, id)).filter((item) => item.kind === 'case_outcome_due');
      expect(due).toHaveLength(1);
      expect(due[0].title).toMatch(/^退院後30日の転帰を記録してください（8\d代・岡山市[北中東南]区の患者）$/);
      expect(due[0].params).toMatchObject({ days: 30, variant: 'patient', dischargedOn: '2026-11-25' });
      expect(JSON.stringify(due[0])).not.toContain(patientName);
    }
    expect((await notices(pharmacy.token, id)).map((item) => item.kind)).not.toContain('case_outcome_due');

    // The pharmacy sees the record but may not record the outcome; an organisation outside the team learns nothing.
    const pharmacyView = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}`, { token: pharmacy.token });
    expect(pharmacyView.body.permissions.canRecordOutcome).toBe(false);
    const byPharmacy = await api(app.baseUrl, 'PUT', `/api/v1/cases/${id}/outcome`, {
      token: pharmacy.token,
      body: { outcome: 'home', on: '2026-12-25' },
      headers: { 'if-match': `"${discharged.body.version}"` },
    });
    expect(byPharmacy.status).toBe(403);
    expect(byPharmacy.body.error.message).toContain('主治医');
    const byOutsider = await api(app.baseUrl, 'PUT', `/api/v1/cases/${id}/outcome`, {
      token: outsider.token,
      body: { outcome: 'home', on: '2026-12-25' },
      headers: { 'if-match': `"${discharged.body.version}"` },
    });
    expect(byOutsider.status).toBe(404);

    const recorded = await api(app.baseUrl, 'PUT', `/api/v1/cases/${id}/outcome`, {
      token: clinic.token,
      body: { outcome: 'home', on: '2026-12-25', note: '訪問診療を継続' },
      headers: { 'if-match': `"${discharged.body.version}"` },
    });
    expect(recorded.status, recorded.text).toBe(200);
    expect(recorded.body).toMatchObject({ status: 'closed', outcome: 'home', outcomeMatchesWish: true });
    // The hospital and the rest of the team hear it from the doctor; the doctor is not told what it did.
    for (const token of [liaison.token, pharmacy.token]) {
      expect((await notices(token, id)).filter((item) => item.kind === 'case_outcome')).toHaveLength(1);
    }
    expect((await notices(clinic.token, id)).map((item) => item.kind)).not.toContain('case_outcome');
    const timeline = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/timeline`, { token: liaison.token });
    const event = timeline.body.items.find((item: any) => item.kind === 'outcome');
    expect(event.summary).toContain('在宅療養を継続');
    expect(event.actorOrganizationName).toBe(clinic.organization.name);
    const audit = await api(app.baseUrl, 'GET', `/api/v1/audit?entity=case&entityId=${id}&action=record_outcome`, {
      token: (await signedInAs(app, 'admin')).token,
    });
    expect(audit.body.items.map((item: any) => item.actorOrganizationId)).toEqual([clinic.organization.id]);
  });
});
