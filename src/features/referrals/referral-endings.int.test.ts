/**
 * How referrals end without an answer: at the deadline both sides are told (the receiver too); when the case ends
 * (its outcome, a death, a cancellation — not the discharge) the open ones are withdrawn and one timeline entry lists them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { login, signedInAs } from '../../../test/helpers/factories.js';
import {
  caseBody,
  caseTestStart as start,
  homeCareProvider,
  recordOutcome,
  routedCase,
  spot,
  type Home,
} from '../../../test/helpers/cases.js';

const patientName = '岡山 期限子';

describe('referrals that end without an answer', () => {
  let app: TestApp;
  let liaison: Awaited<ReturnType<typeof signedInAs>>;

  beforeAll(async () => {
    // A database of its own on PostgreSQL: this file runs the due jobs at later clocks, which in the shared database
    // would run other files' jobs too (a direct case of another file handed to the Center by its hand-on job).
    app = await startTestApp({ start, isolated: true });
    liaison = await signedInAs(app, 'hospital_liaison', { name: `岡山期限テスト病院 ${randomUUID().slice(0, 4)}` });
  });
  afterAll(async () => {
    await app.close();
  });

  /** An organisation beside the patient for elderly care, named `name`, with one provider user. */
  const station = (home: Home, kind: 'visiting_nursing' | 'clinic', name: string) =>
    homeCareProvider(app, home, kind, {
      name,
      lat: home.lat + 0.004,
      lng: home.lng + 0.004,
      groups: ['elderly'],
      procedures: [],
    });

  async function directCase() {
    const home = spot({ lat: 34.66, lng: 133.92, latSpan: 0.02, lngSpan: 0.02 });
    const { id, version } = await routedCase(
      app,
      liaison.token,
      caseBody(home, {
        patient: { name: patientName, nameKana: 'おかやま きげんこ', birthDate: '1939-05-06', phone: undefined },
        groups: ['elderly'],
        procedures: [],
        careLevel: 'care_1',
        plannedDischargeDate: '2026-12-18',
        consent: { scope: ['referral_summary'] },
        neededRoles: ['primary_doctor', 'visiting_nurse'],
      }),
    );
    return { id, home, version };
  }

  it('at the deadline the receiving organisation is told too, without the patient', async () => {
    const { id, home } = await directCase();
    const nurse = await station(home, 'visiting_nursing', `訪問看護ステーション ${randomUUID().slice(0, 6)}`);
    const sent = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/referrals`, {
      token: liaison.token,
      body: { role: 'visiting_nurse', organizationIds: [nurse.organization.id], respondWithinBusinessDays: 1 },
    });
    expect(sent.status).toBe(201);
    const referralId = sent.body.items[0].id as string;
    app.clock.set(new Date('2026-11-26T17:01:00+09:00'));
    await app.runDueJobs();
    const token = await login(app, nurse.email);
    const received = await api(app.baseUrl, 'GET', '/api/v1/notifications?limit=100', { token });
    const expired = (received.body.items as any[]).filter((item) => item.kind === 'referral_expired');
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({
      title: '紹介の回答期限が過ぎました: 訪問看護',
      link: `/referrals/${referralId}`,
      params: { role: 'visiting_nurse', senderName: liaison.organization!.name, variant: 'receiver' },
    });
    expect(expired[0].body).toContain(
      `${liaison.organization!.name}からの「訪問看護」の紹介は、回答期限を過ぎたため終了`,
    );
    expect(JSON.stringify(expired[0])).not.toContain(patientName);
    // The sender is told as before.
    const sender = await api(app.baseUrl, 'GET', '/api/v1/notifications?limit=100', {
      token: await login(app, liaison.user.email),
    });
    const senderNotices = (sender.body.items as any[]).filter(
      (item) =>
        item.kind === 'referral_expired' &&
        item.link === `/cases/${id}#role-visiting_nurse` &&
        item.params.variant !== 'receiver',
    );
    expect(senderNotices).toHaveLength(1);
    // It says which patient (age band and ward), never the name.
    expect(senderNotices[0].title).toMatch(/^紹介の回答期限切れ: 訪問看護（\d+代(・岡山市[北中東南]区)?の患者）$/);
    expect(JSON.stringify(senderNotices[0])).not.toContain(patientName);
    app.clock.set(start);
    liaison.token = await login(app, liaison.user.email);
  });

  it('keeps referrals open through the discharge (roles the patient went home without): one may be accepted, new ones sent, and the outcome withdraws the rest', async () => {
    const { id, home } = await directCase();
    const nurse = await station(home, 'visiting_nursing', `あおば訪問看護 ${randomUUID().slice(0, 4)}`);
    const clinic = await station(home, 'clinic', `いろは在宅クリニック ${randomUUID().slice(0, 4)}`);
    const sent = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/referrals`, {
      token: liaison.token,
      body: { role: 'visiting_nurse', organizationIds: [nurse.organization.id], respondWithinBusinessDays: 3 },
    });
    expect(sent.status).toBe(201);
    const current = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}`, { token: liaison.token });
    const discharged = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/discharge`, {
      token: liaison.token,
      body: { dischargedOn: '2026-11-25' },
      headers: { 'if-match': `"${current.body.version}"` },
    });
    expect(discharged.status).toBe(200);
    const afterDischarge = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/timeline`, { token: liaison.token });
    expect((afterDischarge.body.items as any[]).some((event) => event.kind === 'referrals_withdrawn')).toBe(false);

    // The station still sees the request, now for a patient at home, and accepts it: it joins the team.
    const opened = await api(app.baseUrl, 'GET', `/api/v1/referrals/${sent.body.items[0].id}`, { token: nurse.token });
    expect(opened.body.status).toBe('viewed');
    expect(opened.body.case).toMatchObject({ status: 'discharged', dischargedOn: '2026-11-25' });
    const accepted = await api(app.baseUrl, 'POST', `/api/v1/referrals/${sent.body.items[0].id}/accept`, {
      token: nurse.token,
    });
    expect(accepted.status, accepted.text).toBe(200);
    const team = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/team`, { token: liaison.token });
    expect((team.body.members as any[]).map((member) => [member.role, member.organization.id])).toContainEqual([
      'visiting_nurse',
      nurse.organization.id,
    ]);

    // A referral for the role still open goes out after the discharge, and the clinic is told the patient is at home.
    const late = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/referrals`, {
      token: liaison.token,
      body: { role: 'primary_doctor', organizationIds: [clinic.organization.id], respondWithinBusinessDays: 3 },
    });
    expect(late.status, late.text).toBe(201);
    const notices = await api(app.baseUrl, 'GET', '/api/v1/notifications?limit=100', { token: clinic.token });
    const notice = (notices.body.items as any[]).find((item) => item.kind === 'referral_new');
    expect(notice.title).toMatch(/^新しい紹介: 主治医の依頼（\d+代(・岡山市[北中東南]区)?の患者、退院済み）$/);
    expect(notice.body).toContain('を2026年11月25日(水)に退院し、在宅で療養中の患者');
    expect(notice.params).toMatchObject({ dischargedOn: '2026-11-25' });
    expect(notice.params.variant).toMatch(/_discharged$/);

    // The outcome ends the case: the referral still waiting is withdrawn, and one timeline entry says why.
    await recordOutcome(app, liaison.token, id, { outcome: 'home', on: '2026-11-25' });
    const timeline = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/timeline`, { token: liaison.token });
    const entries = (timeline.body.items as any[]).filter((event) => event.kind === 'referrals_withdrawn');
    expect(entries).toHaveLength(1);
    expect(entries[0].summary).toBe(
      `転帰が記録されたため、回答待ちの紹介 1 件を取り下げました: ${clinic.organization.name}（主治医）`,
    );
    expect(entries[0].details).toMatchObject({ count: 1, note: '転帰が記録されたため', variant: 'case_closed' });
    // The clinic is told the real reason, in a whole sentence, and its referral page says why it was withdrawn.
    const withdrawnNotice = (
      (await api(app.baseUrl, 'GET', '/api/v1/notifications?limit=100', { token: clinic.token })).body.items as any[]
    ).find((item) => item.kind === 'referral_withdrawn');
    expect(withdrawnNotice.body).toBe('転帰が記録されたため、「主治医」の紹介は取り下げられました。');
    // Which request, by role and the patient's age band and ward — never the name.
    expect(withdrawnNotice.title).toMatch(
      /^紹介が取り下げられました: 主治医の依頼（\d+代(・岡山市[北中東南]区)?の患者）$/,
    );
    expect(withdrawnNotice.params).toMatchObject({ variant: 'case_closed', role: 'primary_doctor' });
    const ended = await api(app.baseUrl, 'GET', `/api/v1/referrals/${late.body.items[0].id}`, { token: clinic.token });
    expect(ended.body).toMatchObject({ status: 'withdrawn', withdrawnReason: 'case_closed', case: null });
    const closedCase = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/referrals`, {
      token: liaison.token,
      body: { role: 'primary_doctor', organizationIds: [clinic.organization.id], respondWithinBusinessDays: 3 },
    });
    expect(closedCase.status).toBe(409);
  });

  it('a cancelled case with nothing open adds no such entry', async () => {
    const { id, version } = await directCase();
    const cancelled = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/cancel`, {
      token: liaison.token,
      body: { reason: '入院継続' },
      headers: { 'if-match': `"${version}"` },
    });
    expect(cancelled.status).toBe(200);
    const timeline = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/timeline`, { token: liaison.token });
    expect((timeline.body.items as any[]).some((event) => event.kind === 'referrals_withdrawn')).toBe(false);
  });
});
