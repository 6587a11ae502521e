import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { signedInAs } from '../../../test/helpers/factories.js';
import {
  caseBody,
  caseNotices as notices,
  caseTestStart as start,
  homeCareProvider,
  refer,
  relogin,
  routedCase,
  spot,
  type Home,
} from '../../../test/helpers/cases.js';
import { conferences } from '../../db/schema.js';

const hour = 3600 * 1000;
const patientName = '岡山 終子';

/** This file's cases: oxygen only, a nurse and a doctor needed, consent to `scope`. */
const caseAt = (home: Home, scope: string[]) =>
  caseBody(home, {
    patient: { name: patientName, nameKana: 'おかやま しゅうこ', birthDate: '1940-06-02', phone: undefined },
    procedures: ['home_oxygen'],
    consent: { scope },
    neededRoles: ['primary_doctor', 'visiting_nurse'],
  });

describe('when a case ends, its conferences end and its home-care team is told', () => {
  let app: TestApp;
  let liaison: Awaited<ReturnType<typeof signedInAs>>;
  let center: Awaited<ReturnType<typeof signedInAs>>;

  beforeAll(async () => {
    app = await startTestApp({ start });
    liaison = await signedInAs(app, 'hospital_liaison', { name: `岡山終了テスト病院 ${randomUUID().slice(0, 4)}` });
    center = await signedInAs(app, 'center_coordinator');
  });
  afterAll(async () => {
    await app.close();
  });
  afterEach(async () => {
    // Back to the start, with fresh sessions, whatever a test did to the clock (or where it failed).
    app.clock.set(start);
    await relogin(app, liaison, center);
  });

  /** 病院 → 訪問看護 (accepted: the team) and 診療所 (a candidate only). */
  async function caseWithTeam(route: 'direct' | 'center', scope: string[]) {
    const home = spot();
    const nurse = await homeCareProvider(app, home, 'visiting_nursing', { procedures: ['home_oxygen'] });
    const candidate = await homeCareProvider(app, home, 'clinic', { procedures: ['home_oxygen'] });
    const { id } = await routedCase(
      app,
      liaison.token,
      caseAt(home, scope),
      route === 'direct' ? { route } : { route, difficulty: ['symptom'], note: '疼痛管理' },
    );
    await refer(app, liaison.token, id, 'visiting_nurse', nurse, { accept: true });
    await refer(app, liaison.token, id, 'primary_doctor', candidate);
    return { id, nurse, candidate };
  }

  async function scheduleConference(caseId: string, startsAt: string, participantOrganizationIds: string[]) {
    const created = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/conferences`, {
      token: liaison.token,
      body: { startsAt, durationMinutes: 60, place: '病院 3階 会議室', participantOrganizationIds },
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  }

  async function conference(id: string, token: string) {
    const view = await api(app.baseUrl, 'GET', `/api/v1/conferences/${id}`, { token });
    const ics = await api(app.baseUrl, 'GET', `/api/v1/conferences/${id}/calendar.ics`, { token });
    expect(ics.status).toBe(200);
    return { ...view.body, ics: ics.text };
  }

  async function currentVersion(caseId: string) {
    return (await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}`, { token: liaison.token })).body.version as number;
  }

  it('discharge cancels the conferences not yet started (as by hand) and tells the team the day home care starts', async () => {
    const { id, nurse, candidate } = await caseWithTeam('direct', ['referral_summary', 'team_record']);
    const participants = [liaison.organization!.id, nurse.organization.id];
    // One conference starts within the hour (it will have started at the discharge), one next week.
    const started = await scheduleConference(id, '2026-11-25T11:00:00+09:00', participants);
    const upcoming = await scheduleConference(id, '2026-12-01T14:00:00+09:00', participants);
    expect((await conference(upcoming, nurse.token)).ics).toContain('STATUS:CONFIRMED');

    app.clock.advance(2 * hour);
    await relogin(app, liaison, nurse, candidate);
    const discharged = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/discharge`, {
      token: liaison.token,
      body: { dischargedOn: '2026-11-25' },
      headers: { 'if-match': `"${await currentVersion(id)}"` },
    });
    expect(discharged.status).toBe(200);
    expect(discharged.body.status).toBe('discharged');

    // The upcoming one is cancelled exactly as a manual cancel: SEQUENCE + 1, STATUS:CANCELLED, reason told.
    const cancelled = await conference(upcoming, nurse.token);
    expect(cancelled).toMatchObject({ status: 'cancelled', sequence: 1 });
    expect(cancelled.ics).toContain('STATUS:CANCELLED');
    expect(cancelled.ics).toContain('SEQUENCE:1');
    // The one that has started stays, for its minutes.
    expect(await conference(started, nurse.token)).toMatchObject({ status: 'scheduled', sequence: 0 });

    const nurseNotices = await notices(app, nurse.token, id);
    const conferenceNotice = nurseNotices.find((item) => item.kind === 'conference_cancelled');
    expect(conferenceNotice.body).toContain('退院したため');
    const dischargeNotice = nurseNotices.find((item) => item.kind === 'case_discharged');
    expect(dischargeNotice.body).toContain('退院しました（2026年11月25日(水)）');
    expect(dischargeNotice.body).toContain('在宅での支援の開始日');
    expect(dischargeNotice.body).toContain(liaison.organization!.name);
    // The values of its words, for the English page (an older notification has none: null).
    expect(dischargeNotice.params).toEqual({ hospitalName: liaison.organization!.name, dischargedOn: '2026-11-25' });
    expect(conferenceNotice.params).toMatchObject({ note: '退院したため', variant: 'case_discharged' });
    // Minimum necessary, as the team's other notices: never the patient's name.
    for (const item of nurseNotices) expect(JSON.stringify(item)).not.toContain(patientName);
    // A mere candidate (its referral withdrawn) is not in the team; the hospital made the change itself.
    expect((await notices(app, candidate.token, id)).map((item) => item.kind)).not.toContain('case_discharged');
    expect((await notices(app, liaison.token, id)).map((item) => item.kind)).not.toContain('case_discharged');

    const timeline = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/timeline`, { token: liaison.token });
    const cancelledEvents = timeline.body.items.filter((event: any) => event.kind === 'conference_cancelled');
    expect(cancelledEvents).toHaveLength(1);
    expect(cancelledEvents[0].summary).toContain('退院したため');
    // The timeline entry's values, for the English page.
    expect(cancelledEvents[0].details).toMatchObject({
      startsAt: expect.stringMatching(/\+09:00$/),
      note: '退院したため',
      variant: 'case_discharged',
    });
    const audit = await api(app.baseUrl, 'GET', `/api/v1/audit?entity=conference&entityId=${upcoming}`, {
      token: liaison.token,
    });
    expect(audit.body.items.map((event: any) => event.action)).toContain('cancel');
  });

  it('tells the team (not candidates) of a new planned discharge date, old → new, and nothing when it stays', async () => {
    const { id, nurse, candidate } = await caseWithTeam('direct', ['referral_summary']);
    const noteOnly = await api(app.baseUrl, 'PATCH', `/api/v1/cases/${id}`, {
      token: liaison.token,
      body: { note: '家族と面談予定' },
      headers: { 'if-match': `"${await currentVersion(id)}"` },
    });
    expect(noteOnly.status).toBe(200);
    const sameDate = await api(app.baseUrl, 'PATCH', `/api/v1/cases/${id}`, {
      token: liaison.token,
      body: { plannedDischargeDate: '2026-12-10' },
      headers: { 'if-match': `"${noteOnly.body.version}"` },
    });
    expect(sameDate.status).toBe(200);
    expect((await notices(app, nurse.token, id)).map((item) => item.kind)).not.toContain('case_discharge_date_changed');

    const moved = await api(app.baseUrl, 'PATCH', `/api/v1/cases/${id}`, {
      token: liaison.token,
      body: { plannedDischargeDate: '2026-12-14' },
      headers: { 'if-match': `"${sameDate.body.version}"` },
    });
    expect(moved.status).toBe(200);
    const changed = (await notices(app, nurse.token, id)).filter((item) => item.kind === 'case_discharge_date_changed');
    expect(changed).toHaveLength(1);
    // In Japanese dates as every other notice says them; the ISO dates stay in the params for other languages.
    expect(changed[0].title).toBe('退院予定日が変わりました（2026年12月10日(木) → 2026年12月14日(月)）');
    expect(changed[0].body).toContain('2026年12月10日(木) から 2026年12月14日(月)');
    expect(changed[0].params).toMatchObject({ from: '2026-12-10', to: '2026-12-14' });
    // Consent without team_record: the nurse sees only the minimum necessary, and so does its notice.
    expect(JSON.stringify(changed[0])).not.toContain(patientName);
    expect((await notices(app, candidate.token, id)).map((item) => item.kind)).not.toContain(
      'case_discharge_date_changed',
    );
  });

  it('cancelling a Center case cancels its conference with the reason and tells the team and the Center', async () => {
    const { id, nurse } = await caseWithTeam('center', ['center', 'referral_summary', 'team_record']);
    const upcoming = await scheduleConference(id, '2026-12-02T10:00:00+09:00', [
      liaison.organization!.id,
      nurse.organization.id,
      center.organization!.id,
    ]);
    const cancelledCase = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/cancel`, {
      token: liaison.token,
      body: { reason: '病状が変化し、当面は入院を継続するため' },
      headers: { 'if-match': `"${await currentVersion(id)}"` },
    });
    expect(cancelledCase.status).toBe(200);
    expect(cancelledCase.body.status).toBe('cancelled');

    const cancelled = await conference(upcoming, center.token);
    expect(cancelled).toMatchObject({ status: 'cancelled', sequence: 1 });
    expect(cancelled.ics).toContain('STATUS:CANCELLED');
    for (const token of [nurse.token, center.token]) {
      const received = await notices(app, token, id);
      expect(received.find((item) => item.kind === 'conference_cancelled').body).toContain('ケースが中止されたため');
      const caseNotice = received.find((item) => item.kind === 'case_cancelled');
      expect(caseNotice.body).toContain('中止');
      expect(caseNotice.body).toContain('退院予定 2026年12月10日(木)');
      // Neither the name nor the hospital's free-text reason goes out in a notice.
      expect(JSON.stringify(caseNotice)).not.toContain(patientName);
      expect(JSON.stringify(caseNotice)).not.toContain('病状');
    }
    const timeline = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/timeline`, { token: liaison.token });
    expect(timeline.body.items.find((event: any) => event.kind === 'conference_cancelled').summary as string).toContain(
      'ケースが中止されたため',
    );
    // The conference can no longer be changed: it went through the state machine like a manual cancel.
    const change = await api(app.baseUrl, 'PATCH', `/api/v1/conferences/${upcoming}`, {
      token: liaison.token,
      body: { durationMinutes: 30 },
      headers: { 'if-match': `"${cancelled.version}"` },
    });
    expect(change.status).toBe(409);
  });

  it('recording a death cancels a conference still left open (from before conferences ended with the case)', async () => {
    const { id, nurse } = await caseWithTeam('direct', ['referral_summary', 'team_record']);
    const upcoming = await scheduleConference(id, '2026-12-03T15:00:00+09:00', [
      liaison.organization!.id,
      nurse.organization.id,
    ]);
    const discharged = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/discharge`, {
      token: liaison.token,
      body: { dischargedOn: '2026-11-25' },
      headers: { 'if-match': `"${await currentVersion(id)}"` },
    });
    expect(discharged.status).toBe(200);
    // As a discharge recorded before this behaviour left it: still scheduled.
    await app.database.db
      .update(conferences)
      .set({ status: 'scheduled', sequence: 0 })
      .where(eq(conferences.id, upcoming));
    const outcome = await api(app.baseUrl, 'PUT', `/api/v1/cases/${id}/outcome`, {
      token: liaison.token,
      body: { outcome: 'died_home', on: '2026-11-25' },
      headers: { 'if-match': `"${discharged.body.version}"` },
    });
    expect(outcome.status).toBe(200);
    const cancelled = await conference(upcoming, nurse.token);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.ics).toContain('STATUS:CANCELLED');
    const received = (await notices(app, nurse.token, id)).filter((item) => item.kind === 'conference_cancelled');
    expect(received.map((item) => item.body).join('\n')).toContain('患者が亡くなられたため');
    // The notice opens the case at the conference (the case page scrolls to it).
    expect(received.map((item) => item.link)).toContain(`/cases/${id}#conference-${upcoming}`);
  });
});
