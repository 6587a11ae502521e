import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { startTestApp, testDatabaseKind, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { expectError } from '../../../test/helpers/errors.js';
import { buildOrganization, login, signedInAs, type OrganizationOverrides } from '../../../test/helpers/factories.js';
import {
  caseBody,
  caseTestStart as start,
  fullCaseDetails,
  homeCareProvider,
  relogin,
  routedCase,
  spot,
  type CaseOverrides,
  type Home,
} from '../../../test/helpers/cases.js';
import { rowsOf } from '../../db/client.js';

const day = 24 * 3600 * 1000;

/** This file's cases: the full details of a discharge (admission, key person, situation, wishes). */
const caseAt = (home: Home, overrides: CaseOverrides = {}) => caseBody(home, fullCaseDetails, overrides);

/** This file's stations also care for patients on a ventilator. */
const nursingStation = (app: TestApp, home: Home, overrides: OrganizationOverrides = {}) =>
  homeCareProvider(app, home, 'visiting_nursing', {
    procedures: ['home_oxygen', 'opioid_pain_control', 'ventilator'],
    ...overrides,
  });

describe('discharge coordination: from hospital to home', () => {
  let app: TestApp;
  let liaison: Awaited<ReturnType<typeof signedInAs>>;
  let center: Awaited<ReturnType<typeof signedInAs>>;
  beforeAll(async () => {
    // A database of its own on PostgreSQL: this file runs the due jobs at later clocks, which in the shared database
    // would run other files' jobs too (a direct case of another file handed to the Center by its hand-on job).
    app = await startTestApp({ start, isolated: true });
    liaison = await signedInAs(app, 'hospital_liaison', { name: `テスト総合病院 ${randomUUID().slice(0, 4)}` });
    center = await signedInAs(app, 'center_coordinator');
  });
  afterAll(async () => {
    await app.close();
  });

  const refresh = () => relogin(app, liaison, center);
  /** A case of `hospital`, coordinated directly, with one visiting-nurse referral to each of `count` new stations. */
  async function directCaseReferredTo(hospital: { token: string }, count: number) {
    const home = spot();
    const { id: caseId } = await routedCase(app, hospital.token, caseAt(home));
    const stations = await Promise.all(Array.from({ length: count }, () => nursingStation(app, home)));
    const sent = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/referrals`, {
      token: hospital.token,
      body: {
        role: 'visiting_nurse',
        organizationIds: stations.map((station) => station.organization.id),
        respondWithinBusinessDays: 3,
      },
    });
    expect(sent.status).toBe(201);
    const referralOf = (organizationId: string) =>
      (sent.body.items as { id: string; organization: { id: string } }[]).find(
        (item) => item.organization.id === organizationId,
      )?.id ?? '';
    return {
      caseId,
      home,
      stations,
      referralIds: (sent.body.items as { id: string }[]).map((item) => item.id),
      referralOf,
    };
  }

  it('refuses bad input with 400 and never creates half a case', async () => {
    const home = spot();
    const past = await api(app.baseUrl, 'POST', '/api/v1/cases', {
      token: liaison.token,
      body: caseAt(home, { plannedDischargeDate: '2026-11-01' }),
    });
    expect(past.status).toBe(400);
    expect(past.body.error.details[0].path).toBe('plannedDischargeDate');
    const beforeAdmission = await api(app.baseUrl, 'POST', '/api/v1/cases', {
      token: liaison.token,
      body: caseAt(home, { plannedDischargeDate: '2026-12-01', admissionDate: '2026-12-05' }),
    });
    expect(beforeAdmission.status).toBe(400);
    expect(beforeAdmission.body.error.details[0].path).toBe('plannedDischargeDate');
    const child = caseAt(home);
    const admittedBeforeBirth = await api(app.baseUrl, 'POST', '/api/v1/cases', {
      token: liaison.token,
      body: { ...child, patient: { ...child.patient, birthDate: '2022-03-14' }, admissionDate: '2020-01-01' },
    });
    expect(admittedBeforeBirth.status).toBe(400);
    expect(admittedBeforeBirth.body.error.details[0].path).toBe('admissionDate');
    const unknownCode = await api(app.baseUrl, 'POST', '/api/v1/cases', {
      token: liaison.token,
      body: caseAt(home, { careLevel: 'care_9' }),
    });
    expect(unknownCode.status).toBe(400);
    // A case with no role needed would read 「すべて決定」 in the list with no team at all.
    const noRoles = await api(app.baseUrl, 'POST', '/api/v1/cases', {
      token: liaison.token,
      body: caseAt(home, { neededRoles: [] }),
    });
    expect(noRoles.status).toBe(400);
    // A value of the wrong type is said to be that, and only that (not also 「too many」 from its length).
    const wrongType = await api(app.baseUrl, 'POST', '/api/v1/cases', {
      token: liaison.token,
      body: { ...caseAt(home), neededRoles: 'primary_doctor' },
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.details).toEqual([
      expect.objectContaining({ path: 'neededRoles', code: 'field_invalid_type' }),
    ]);
    expect(noRoles.body.error.details[0]).toMatchObject({
      path: 'neededRoles',
      message: '必要な役割を1つ以上選んでください。',
    });
    const list = await api(app.baseUrl, 'GET', '/api/v1/cases', { token: liaison.token });
    expect(list.body.items).toHaveLength(0);
    // An edit that moves only the admission after the discharge names the admission, the field it changed.
    const registered = await api(app.baseUrl, 'POST', '/api/v1/cases', {
      token: liaison.token,
      body: caseAt(home, { plannedDischargeDate: '2026-12-10' }),
    });
    const movedAdmission = await api(app.baseUrl, 'PATCH', `/api/v1/cases/${registered.body.id as string}`, {
      token: liaison.token,
      body: { admissionDate: '2026-12-25' },
      headers: { 'if-match': `"${registered.body.version as number}"` },
    });
    expect(movedAdmission.status).toBe(400);
    expect(movedAdmission.body.error.details).toEqual([
      { path: 'admissionDate', message: '入院日が退院予定日（2026年12月10日(木)）より後になっています。' },
    ]);
    // A planned admission ahead of today is prepared before it (入院前からの支援).
    const plannedAdmission = await api(app.baseUrl, 'POST', '/api/v1/cases', {
      token: liaison.token,
      body: caseAt(home, { admissionDate: '2026-12-01', plannedDischargeDate: '2026-12-20' }),
    });
    expect(plannedAdmission.status, plannedAdmission.text).toBe(201);
    expect(plannedAdmission.body.admissionDate).toBe('2026-12-01');
    await api(app.baseUrl, 'POST', `/api/v1/cases/${plannedAdmission.body.id}/cancel`, {
      token: liaison.token,
      body: { reason: 'テスト' },
      headers: { 'if-match': `"${plannedAdmission.body.version}"` },
    });
    // Without an admission date, a discharge cannot lie before the case was registered.
    const { admissionDate: _omitted, ...withoutAdmission } = caseAt(home);
    const noAdmission = await api(app.baseUrl, 'POST', '/api/v1/cases', {
      token: liaison.token,
      body: withoutAdmission,
    });
    const direct = await api(app.baseUrl, 'POST', `/api/v1/cases/${noAdmission.body.id}/route`, {
      token: liaison.token,
      body: { route: 'direct' },
      headers: { 'if-match': `"${noAdmission.body.version}"` },
    });
    const ancient = await api(app.baseUrl, 'POST', `/api/v1/cases/${noAdmission.body.id}/discharge`, {
      token: liaison.token,
      body: { dischargedOn: '1920-01-01' },
      headers: { 'if-match': `"${direct.body.version}"` },
    });
    expect(ancient.status).toBe(400);
    expect(ancient.body.error.details[0].path).toBe('dischargedOn');
    await api(app.baseUrl, 'POST', `/api/v1/cases/${noAdmission.body.id}/cancel`, {
      token: liaison.token,
      body: { reason: 'テスト' },
      headers: { 'if-match': `"${direct.body.version}"` },
    });
  });

  it('asks no 介護保険 of a patient under 40 on the discharge date: no care level, no care manager', async () => {
    const home = spot();
    const child = caseAt(home, { patient: { birthDate: '2021-05-05' }, admissionDate: '2026-11-01' });
    const refused = await api(app.baseUrl, 'POST', '/api/v1/cases', {
      token: liaison.token,
      body: { ...child, careLevel: 'care_2', neededRoles: ['primary_doctor', 'care_manager'] },
    });
    expect(refused.status).toBe(400);
    expect(
      refused.body.error.details.map((detail: { path: string; code: string }) => [detail.path, detail.code]),
    ).toEqual([
      ['careLevel', 'care_level_under_insurance_age'],
      ['neededRoles', 'care_manager_under_insurance_age'],
    ]);
    expect(refused.body.error.details[0].message).toMatch(/40歳未満/);
    // Without roles named, a child gets the usual ones without a care manager.
    const { neededRoles: _omitted, ...withoutRoles } = child;
    const created = await api(app.baseUrl, 'POST', '/api/v1/cases', {
      token: liaison.token,
      body: { ...withoutRoles, careLevel: 'none' },
    });
    expect(created.status).toBe(201);
    expect(created.body.neededRoles).toEqual(['primary_doctor', 'visiting_nurse']);
    // An edit that would give the child a care manager is refused; one that does not touch the rule passes.
    const addManager = await api(app.baseUrl, 'PATCH', `/api/v1/cases/${created.body.id}`, {
      token: liaison.token,
      body: { neededRoles: ['primary_doctor', 'visiting_nurse', 'care_manager'] },
      headers: { 'if-match': `"${created.body.version}"` },
    });
    expect(addManager.status).toBe(400);
    expect(addManager.body.error.details[0].code).toBe('care_manager_under_insurance_age');
    // An adult's record typed with a child's birth date is refused the same way, and nothing changed.
    const adult = await api(app.baseUrl, 'POST', '/api/v1/cases', { token: liaison.token, body: caseAt(home) });
    const retyped = await api(app.baseUrl, 'PATCH', `/api/v1/cases/${adult.body.id}`, {
      token: liaison.token,
      body: { patient: { birthDate: '2020-01-01' } },
      headers: { 'if-match': `"${adult.body.version}"` },
    });
    expect(retyped.status).toBe(400);
    const stored = await api(app.baseUrl, 'GET', `/api/v1/cases/${adult.body.id}`, { token: liaison.token });
    expect([stored.body.patient.birthDate, stored.body.version]).toEqual(['1941-04-02', adult.body.version]);
    for (const id of [created.body.id, adult.body.id])
      await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/cancel`, {
        token: liaison.token,
        body: { reason: 'テスト' },
        headers: { 'if-match': `"${id === adult.body.id ? adult.body.version : created.body.version}"` },
      });
  });

  it('only a hospital liaison registers a case, and nobody unrelated learns it exists', async () => {
    const home = spot();
    const provider = await signedInAs(app, 'provider');
    expect(
      (await api(app.baseUrl, 'POST', '/api/v1/cases', { token: provider.token, body: caseAt(home) })).status,
    ).toBe(403);
    const created = await api(app.baseUrl, 'POST', '/api/v1/cases', {
      token: liaison.token,
      body: caseAt(home),
      headers: { 'idempotency-key': `case-${randomUUID()}` },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'planning', route: null, access: 'full' });
    expect((await api(app.baseUrl, 'GET', `/api/v1/cases/${created.body.id}`, { token: provider.token })).status).toBe(
      404,
    );
    expect((await api(app.baseUrl, 'GET', `/api/v1/cases/${created.body.id}`, { token: center.token })).status).toBe(
      404,
    );
    const city = await signedInAs(app, 'city_analyst');
    expect((await api(app.baseUrl, 'GET', `/api/v1/cases/${created.body.id}`, { token: city.token })).status).toBe(403);
    const otherHospital = await signedInAs(app, 'hospital_liaison');
    expect(
      (await api(app.baseUrl, 'GET', `/api/v1/cases/${created.body.id}`, { token: otherHospital.token })).status,
    ).toBe(404);
    // Every read is audited.
    await api(app.baseUrl, 'GET', `/api/v1/cases/${created.body.id}`, { token: liaison.token });
    const audit = await api(app.baseUrl, 'GET', `/api/v1/audit?entity=case&entityId=${created.body.id}`, {
      token: liaison.token,
    });
    expect(audit.body.items.map((event: any) => event.action)).toEqual(expect.arrayContaining(['create', 'read']));
  });

  it('retries of a creating POST with the same Idempotency-Key create nothing new', async () => {
    const home = spot();
    const key = `case-${randomUUID()}`;
    const first = await api(app.baseUrl, 'POST', '/api/v1/cases', {
      token: liaison.token,
      body: caseAt(home),
      headers: { 'idempotency-key': key },
    });
    const second = await api(app.baseUrl, 'POST', '/api/v1/cases', {
      token: liaison.token,
      body: caseAt(home),
      headers: { 'idempotency-key': key },
    });
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
  });

  it('edits need If-Match: missing → 428, stale → 412 naming who changed what', async () => {
    const home = spot();
    const created = await api(app.baseUrl, 'POST', '/api/v1/cases', { token: liaison.token, body: caseAt(home) });
    const id = created.body.id as string;
    expect(
      (await api(app.baseUrl, 'PATCH', `/api/v1/cases/${id}`, { token: liaison.token, body: { careLevel: 'care_4' } }))
        .status,
    ).toBe(428);
    const updated = await api(app.baseUrl, 'PATCH', `/api/v1/cases/${id}`, {
      token: liaison.token,
      body: { careLevel: 'care_4', diagnosis: ' 脳梗塞後遺症、肺炎で入院 ' },
      headers: { 'if-match': `"${created.body.version}"` },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ careLevel: 'care_4', diagnosis: '脳梗塞後遺症、肺炎で入院' });
    const stale = await api(app.baseUrl, 'PATCH', `/api/v1/cases/${id}`, {
      token: liaison.token,
      body: { careLevel: 'care_5' },
      headers: { 'if-match': `"${created.body.version}"` },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.error.message).toContain('介護度');
    expect((await api(app.baseUrl, 'GET', `/api/v1/cases/${id}`, { token: liaison.token })).body.careLevel).toBe(
      'care_4',
    );
  });

  it('routes a hard case to the Center, which finds candidates, refers, and forms the team', async () => {
    // 病院 → センター → 訪問看護A（辞退）・B（質問してから受諾）・C（取り下げ）
    const home = spot();
    const created = await api(app.baseUrl, 'POST', '/api/v1/cases', { token: liaison.token, body: caseAt(home) });
    const id = created.body.id as string;
    const routed = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/route`, {
      token: liaison.token,
      body: {
        route: 'center',
        difficulty: ['symptom', 'welfare'],
        note: '疼痛コントロールが難しく、生活困窮もあります',
      },
      headers: { 'if-match': `"${created.body.version}"` },
    });
    expect(routed.status).toBe(200);
    expect(routed.body).toMatchObject({ status: 'coordinating', route: 'center' });

    const inbox = await api(app.baseUrl, 'GET', '/api/v1/center/consultations?status=open&sort=plannedDischargeDate', {
      token: center.token,
    });
    const consultation = inbox.body.items.find((item: any) => item.caseId === id);
    expect(consultation).toMatchObject({
      plannedDischargeDate: '2026-12-10',
      difficulty: ['symptom', 'welfare'],
      status: 'open',
      ageDays: 0,
      // The Center sees whom it is about (consent 'center'); the subject names no date that could go stale.
      patient: { name: '岡山 花子', nameKana: 'おかやま はなこ', age: 85 },
    });
    expect(consultation.subject).not.toMatch(/退院予定|\d{4}-\d{2}-\d{2}/);
    const assigned = await api(app.baseUrl, 'POST', `/api/v1/consultations/${consultation.id}/assign`, {
      token: center.token,
      body: { userId: center.user.id },
      headers: { 'If-Match': `"${consultation.version}"` },
    });
    expect(assigned.body).toMatchObject({ status: 'in_progress', assigneeName: expect.any(String) });
    expect((await api(app.baseUrl, 'GET', `/api/v1/cases/${id}`, { token: center.token })).body.access).toBe('full');

    const stationA = await nursingStation(app, home);
    const stationB = await nursingStation(app, home, { lat: home.lat + 0.02 });
    const stationC = await nursingStation(app, home, {
      lat: home.lat + 0.03,
      availabilityUpdatedAt: new Date(start.getTime() - 20 * day),
    });
    const noOpioid = await nursingStation(app, home, { procedures: ['home_oxygen'] });
    const full = await nursingStation(app, home, { availabilityStatus: 'full', freeSlots: 0 });
    const farAway = await nursingStation(app, home, { lat: home.lat + 0.3, coverageRadiusKm: 5 });
    // Without a declared coverage: beyond the usual 16 km of home visits (0.09° of latitude each), listed last and
    // said so.
    const undeclaredNear = await nursingStation(app, home, { lat: home.lat + 0.1, coverageRadiusKm: null });
    const undeclaredFar = await nursingStation(app, home, { lat: home.lat + 0.2, coverageRadiusKm: null });

    const candidates = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/candidates?role=visiting_nurse&limit=100`, {
      token: center.token,
    });
    expect(candidates.status).toBe(200);
    const ids = candidates.body.items.map((item: any) => item.organization.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        stationA.organization.id,
        stationB.organization.id,
        stationC.organization.id,
        undeclaredNear.organization.id,
        undeclaredFar.organization.id,
      ]),
    );
    expect(ids[ids.length - 1]).toBe(undeclaredFar.organization.id);
    const beyond = candidates.body.items.find((item: any) => item.organization.id === undeclaredFar.organization.id);
    expect(beyond.reasons.map((reason: any) => reason.code)).toContain('beyond_usual_reach');
    const near = candidates.body.items.find((item: any) => item.organization.id === undeclaredNear.organization.id);
    expect(near.reasons.map((reason: any) => reason.code)).not.toContain('beyond_usual_reach');
    for (const [label, excluded] of Object.entries({ noOpioid, full, farAway }))
      expect(ids, label).not.toContain(excluded.organization.id);
    const first = candidates.body.items.find((item: any) => item.organization.id === stationA.organization.id);
    expect(first.reasons.map((reason: any) => reason.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^距離 \d/), '麻薬による疼痛管理対応', '24時間対応']),
    );
    const stale = candidates.body.items.find((item: any) => item.organization.id === stationC.organization.id);
    expect(stale.reasons.some((reason: any) => reason.message.includes('要確認'))).toBe(true);
    expect(ids.indexOf(stationA.organization.id)).toBeLessThan(ids.indexOf(stationC.organization.id));

    const refused = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/referrals`, {
      token: center.token,
      body: {
        role: 'visiting_nurse',
        organizationIds: [stationA.organization.id, noOpioid.organization.id, full.organization.id],
        respondWithinBusinessDays: 2,
        message: 'ご検討ください',
      },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'validation_failed', reason: 'organization_cannot_serve' });
    expect(refused.body.error.details.map((detail: any) => detail.message).join('\n')).toMatch(
      /麻薬による疼痛管理に対応していません[\s\S]*満床/,
    );

    const sent = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/referrals`, {
      token: center.token,
      body: {
        role: 'visiting_nurse',
        organizationIds: [stationA.organization.id, stationB.organization.id, stationC.organization.id],
        respondWithinBusinessDays: 2,
        message: 'ご検討ください',
      },
      headers: { 'idempotency-key': `ref-${id}` },
    });
    expect(sent.status).toBe(201);
    expect(sent.body.items).toHaveLength(3);
    // Wednesday + 2 business days → Friday 17:00
    expect(sent.body.items[0].respondBy).toBe('2026-11-27T17:00:00.000+09:00');
    const retry = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/referrals`, {
      token: center.token,
      body: {
        role: 'visiting_nurse',
        organizationIds: [stationA.organization.id, stationB.organization.id, stationC.organization.id],
        respondWithinBusinessDays: 2,
        message: 'ご検討ください',
      },
      headers: { 'idempotency-key': `ref-${id}` },
    });
    expect(retry.body.batchId).toBe(sent.body.batchId);
    const byOrganization = (organizationId: string) =>
      sent.body.items.find((item: any) => item.organization.id === organizationId).id as string;

    // The receiver sees the minimum necessary: no name, no address.
    const inboxA = await api(app.baseUrl, 'GET', '/api/v1/referrals?box=inbox', { token: stationA.token });
    expect(inboxA.body.items.some((item: any) => item.caseId === id)).toBe(true);
    const viewA = await api(app.baseUrl, 'GET', `/api/v1/referrals/${byOrganization(stationA.organization.id)}`, {
      token: stationA.token,
    });
    expect(viewA.body).toMatchObject({
      status: 'viewed',
      patientName: null,
      case: { access: 'summary', ageBand: '80代', areaCode: expect.stringMatching(/^331/) },
    });
    expect(JSON.stringify(viewA.body)).not.toContain('岡山 花子');
    // The list shows the same case as the referral itself: the patient's hospital (not the Center
    // that sent it) and the case's version.
    const listedA = inboxA.body.items.find((item: any) => item.id === byOrganization(stationA.organization.id));
    expect(listedA.case).toEqual(viewA.body.case);
    expect(listedA.case.hospital.id).not.toBe(center.organization!.id);
    expect(listedA.case.version).toBeGreaterThan(0);
    const caseAsCandidate = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}`, { token: stationA.token });
    expect(caseAsCandidate.body.access).toBe('summary');
    expect(JSON.stringify(caseAsCandidate.body)).not.toContain('大供');
    expect((await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/timeline`, { token: stationA.token })).status).toBe(403);
    // Nor whom else the Center asked: the candidate's team view holds its own referral only.
    const teamAsCandidate = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/team`, { token: stationA.token });
    expect(teamAsCandidate.status).toBe(200);
    expect(teamAsCandidate.body.referrals.map((referral: any) => referral.organizationId)).toEqual([
      stationA.organization.id,
    ]);
    const pendingSeenByCandidate = teamAsCandidate.body.openRoles.flatMap((role: any) => role.pendingReferrals);
    expect(pendingSeenByCandidate.map((referral: any) => referral.id)).toEqual([
      byOrganization(stationA.organization.id),
    ]);
    const teamAsCenter = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/team`, { token: center.token });
    expect(teamAsCenter.body.referrals.length).toBeGreaterThan(1);

    const declined = await api(
      app.baseUrl,
      'POST',
      `/api/v1/referrals/${byOrganization(stationA.organization.id)}/decline`,
      { token: stationA.token, body: { reasonCode: 'capacity', reason: '今月は受け入れ枠がありません' } },
    );
    expect(declined.body.status).toBe('declined');
    expect((await api(app.baseUrl, 'GET', `/api/v1/cases/${id}`, { token: stationA.token })).status).toBe(404);
    // Once it declined, the station keeps its referral (what it answered) but no longer the case's summary.
    const afterDecline = await api(
      app.baseUrl,
      'GET',
      `/api/v1/referrals/${byOrganization(stationA.organization.id)}`,
      { token: stationA.token },
    );
    expect(viewA.body.message).toBe('ご検討ください');
    // Nor the sender's message or the question thread, which speak of the patient.
    expect(afterDecline.body).toMatchObject({
      status: 'declined',
      declineReasonCode: 'capacity',
      case: null,
      message: '',
      messages: [],
    });
    const declinedInInbox = await api(app.baseUrl, 'GET', `/api/v1/referrals?box=inbox&status=declined`, {
      token: stationA.token,
    });
    expect(declinedInInbox.body.items.find((item: any) => item.caseId === id)).toMatchObject({
      case: null,
      message: '',
    });
    const asSender = await api(app.baseUrl, 'GET', `/api/v1/referrals/${byOrganization(stationA.organization.id)}`, {
      token: center.token,
    });
    expect(asSender.body.message).toBe('ご検討ください');

    const asked = await api(
      app.baseUrl,
      'POST',
      `/api/v1/referrals/${byOrganization(stationB.organization.id)}/questions`,
      { token: stationB.token, body: { text: '在宅酸素の流量を教えてください' } },
    );
    expect(asked.status).toBe(201);
    expect(asked.body.status).toBe('needs_info');
    const answered = await api(
      app.baseUrl,
      'POST',
      `/api/v1/referrals/${byOrganization(stationB.organization.id)}/questions`,
      { token: center.token, body: { text: '安静時 1L/分です' } },
    );
    expect(answered.body.status).toBe('viewed');
    expect(answered.body.messages.map((message: any) => message.kind)).toEqual(['question', 'answer']);

    const accepted = await api(
      app.baseUrl,
      'POST',
      `/api/v1/referrals/${byOrganization(stationB.organization.id)}/accept`,
      { token: stationB.token },
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', patientName: '岡山 花子' });
    const lateAccept = await api(
      app.baseUrl,
      'POST',
      `/api/v1/referrals/${byOrganization(stationC.organization.id)}/accept`,
      { token: stationC.token },
    );
    expect(lateAccept.status).toBe(409);

    const team = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/team`, { token: stationB.token });
    expect(team.body.members).toEqual([
      expect.objectContaining({
        role: 'visiting_nurse',
        organization: expect.objectContaining({ id: stationB.organization.id }),
      }),
    ]);
    expect(team.body.openRoles.map((role: any) => role.role)).toEqual(['primary_doctor', 'care_manager']);
    expect((await api(app.baseUrl, 'GET', `/api/v1/cases/${id}`, { token: stationB.token })).body.access).toBe('full');

    const notifications = await api(app.baseUrl, 'GET', '/api/v1/notifications', { token: center.token });
    expect(notifications.body.items.map((item: any) => item.kind)).toEqual(
      expect.arrayContaining(['referral_accepted', 'referral_declined', 'referral_question']),
    );
    // A question says for which role and which patient (age band and ward, never the name).
    const question = notifications.body.items.find((item: any) => item.kind === 'referral_question');
    expect(question.title).toMatch(/^紹介先から質問: .+（訪問看護・\d+代・岡山市[北中東南]区の患者）$/);
    expect(question.params).toMatchObject({ variant: 'case', role: 'visiting_nurse' });
    // The patient's hospital hears that the Center filled a role of its patient's team, and where to look.
    const hospitalNotices = await api(app.baseUrl, 'GET', '/api/v1/notifications?limit=100', { token: liaison.token });
    // The Center sent the referral; the patient's hospital heard the question too (it knows the patient).
    expect(
      hospitalNotices.body.items.filter(
        (item: any) => item.kind === 'referral_question' && item.link === `/cases/${id}#role-visiting_nurse`,
      ),
    ).toHaveLength(1);
    const acceptedNotices = hospitalNotices.body.items.filter(
      (item: any) => item.kind === 'referral_accepted' && item.link === `/cases/${id}#role-visiting_nurse`,
    );
    expect(acceptedNotices).toHaveLength(1);
    expect(acceptedNotices[0].title).toMatch(/^紹介が受諾されました: 訪問看護（\d+代・岡山市[北中東南]区の患者）$/);
    expect(acceptedNotices[0].params).toMatchObject({ variant: 'patient', areaName: expect.stringMatching(/^岡山市/) });
    const timeline = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/timeline`, { token: liaison.token });
    expect(timeline.body.items.map((event: any) => event.kind)).toEqual(
      expect.arrayContaining([
        'created',
        'route_center',
        'referrals_sent',
        'referral_viewed',
        'referral_declined',
        'referral_question',
        'referral_answer',
        'referral_accepted',
      ]),
    );

    // Discharge and outcome at 30 days, compared with the wish.
    const current = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}`, { token: liaison.token });
    const future = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/discharge`, {
      token: liaison.token,
      body: { dischargedOn: '2026-12-10' },
      headers: { 'if-match': `"${current.body.version}"` },
    });
    expect(future.status).toBe(400);
    const discharged = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/discharge`, {
      token: liaison.token,
      body: { dischargedOn: '2026-11-25' },
      headers: { 'if-match': `"${current.body.version}"` },
    });
    expect(discharged.body).toMatchObject({ status: 'discharged', dischargedOn: '2026-11-25' });
    const stillOpen = await api(app.baseUrl, 'GET', `/api/v1/referrals/${byOrganization(stationC.organization.id)}`, {
      token: center.token,
    });
    expect(stillOpen.body).toMatchObject({ status: 'withdrawn', withdrawnReason: 'other_accepted' });
    app.clock.advance(30 * day);
    await refresh();
    await app.runDueJobs();
    const due = await api(app.baseUrl, 'GET', '/api/v1/notifications', { token: liaison.token });
    expect(due.body.items.some((item: any) => item.kind === 'case_outcome_due')).toBe(true);
    const outcome = await api(app.baseUrl, 'PUT', `/api/v1/cases/${id}/outcome`, {
      token: liaison.token,
      body: { outcome: 'died_home', on: '2026-12-20' },
      headers: { 'if-match': `"${discharged.body.version}"` },
    });
    expect(outcome.body).toMatchObject({ status: 'closed', outcome: 'died_home', outcomeMatchesWish: true });
    app.clock.set(start);
    await refresh();
  });

  it('pages the outbox newest first with nextCursor, every referral exactly once', async () => {
    // A hospital of its own, so the outbox holds only this test's referrals.
    const hospital = await signedInAs(app, 'hospital_liaison', { name: `ページ病院 ${randomUUID().slice(0, 4)}` });
    const sentIds: string[] = [];
    for (let round = 0; round < 2; round += 1) {
      sentIds.push(...(await directCaseReferredTo(hospital, 3)).referralIds);
      app.clock.advance(60_000);
    }
    // The test clock stands still within a batch: three referrals share one creation time, so the id breaks the tie.
    const seen: any[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/v1/referrals?box=outbox&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await api(app.baseUrl, 'GET', query, { token: hospital.token });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(seen.map((item) => item.id).sort()).toEqual([...sentIds].sort());
    const times = seen.map((item) => Date.parse(item.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // Without a limit the page is CONTRACT's 50; a hand-made cursor is refused.
    const all = await api(app.baseUrl, 'GET', '/api/v1/referrals?box=outbox', { token: hospital.token });
    expect(all.body).toMatchObject({ nextCursor: null });
    expect(all.body.items).toHaveLength(6);
    const forged = Buffer.from(JSON.stringify(['not-a-time', randomUUID()])).toString('base64url');
    expect(
      (await api(app.baseUrl, 'GET', `/api/v1/referrals?cursor=${forged}`, { token: hospital.token })).status,
    ).toBe(400);
    app.clock.set(start);
    await refresh();
  });

  // PostgreSQL only: PGlite runs one transaction at a time, so two can never wait for each other.
  it.skipIf(testDatabaseKind() !== 'postgresql')(
    'accepts a referral while its expiry job is being run: no deadlock, the acceptance stands',
    async () => {
      const {
        caseId: id,
        stations: [station],
        referralIds: [referralId],
      } = await directCaseReferredTo(liaison, 1);
      if (!station || !referralId) throw new Error('no referral was sent');
      // A job runner's order: the job row first, then (in the handler) the case.
      let holdingJob: () => void = () => undefined;
      const jobHeld = new Promise<void>((resolve) => {
        holdingJob = resolve;
      });
      let acceptStatus = 0;
      const runner = app.database.transaction(async (tx) => {
        await tx.execute(
          sql`select id from jobs where unique_key = ${`referral.expire:${referralId}`} and status = 'pending' for update`,
        );
        holdingJob();
        await new Promise((resolve) => setTimeout(resolve, 300));
        await tx.execute(sql`select id from cases where id = ${id} for update`);
      });
      await jobHeld;
      // The answer's order: the case first, then the referral's expiry job (cancelled).
      acceptStatus = (
        await api(app.baseUrl, 'POST', `/api/v1/referrals/${referralId}/accept`, { token: station.token })
      ).status;
      await runner;
      expect(acceptStatus).toBe(200);
    },
    30_000,
  );

  it('shows a candidate no member of the team before it accepts (minimum necessary)', async () => {
    const { caseId: id, home, stations, referralOf } = await directCaseReferredTo(liaison, 1);
    const nurse = stations[0]!;
    expect(
      (
        await api(app.baseUrl, 'POST', `/api/v1/referrals/${referralOf(nurse.organization.id)}/accept`, {
          token: nurse.token,
        })
      ).status,
    ).toBe(200);
    const manager = await nursingStation(app, home, {
      kind: 'care_management',
      name: `居宅介護支援事業所 ${randomUUID().slice(0, 6)}`,
    });
    const sent = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/referrals`, {
      token: liaison.token,
      body: { role: 'care_manager', organizationIds: [manager.organization.id], respondWithinBusinessDays: 3 },
    });
    expect(sent.status).toBe(201);
    const asCandidate = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/team`, { token: manager.token });
    expect(asCandidate.status).toBe(200);
    expect(asCandidate.body.members).toEqual([]);
    expect(asCandidate.body.openRoles.map((role: any) => role.role)).toContain('care_manager');
    const asMember = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/team`, { token: nurse.token });
    expect(asMember.body.members.map((member: any) => member.organization.id)).toEqual([nurse.organization.id]);
  });

  it('lets exactly one of 20 racing acceptances win the role; the rest are told 409', async () => {
    const { caseId: id, stations, referralOf } = await directCaseReferredTo(liaison, 20);
    const results = await Promise.all(
      stations.map((station) =>
        api(app.baseUrl, 'POST', `/api/v1/referrals/${referralOf(station.organization.id)}/accept`, {
          token: station.token,
        }),
      ),
    );
    const statuses = results.map((result) => result.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    const team = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/team`, { token: liaison.token });
    expect(team.body.members.filter((member: any) => member.role === 'visiting_nurse')).toHaveLength(1);
    expect(team.body.referrals.filter((referral: any) => referral.status === 'accepted')).toHaveLength(1);
    expect(team.body.referrals.filter((referral: any) => referral.status === 'withdrawn')).toHaveLength(19);
  });

  it('expires unanswered referrals at their deadline, once, and hands a late direct case to the Center', async () => {
    const home = spot();
    // Planned discharge Tuesday 2026-12-01: 3 business days before is Thursday 2026-11-26.
    const { id } = await routedCase(app, liaison.token, caseAt(home, { plannedDischargeDate: '2026-12-01' }));
    const station = await nursingStation(app, home);
    const sent = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/referrals`, {
      token: liaison.token,
      body: { role: 'visiting_nurse', organizationIds: [station.organization.id], respondWithinBusinessDays: 1 },
    });
    expect(sent.body.items[0].respondBy).toBe('2026-11-26T17:00:00.000+09:00');
    app.clock.set(new Date('2026-11-26T17:01:00+09:00'));
    await app.runDueJobs();
    await app.runDueJobs();
    await refresh();
    const referral = await api(app.baseUrl, 'GET', `/api/v1/referrals/${sent.body.items[0].id}`, {
      token: liaison.token,
    });
    expect(referral.body.status).toBe('expired');
    const timeline = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/timeline`, { token: liaison.token });
    expect(timeline.body.items.filter((event: any) => event.kind === 'referral_expired')).toHaveLength(1);
    expect(timeline.body.items.some((event: any) => event.kind === 'handed_on')).toBe(true);
    const view = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}`, { token: liaison.token });
    expect(view.body).toMatchObject({ route: 'center', difficulty: ['timeout'] });
    const inbox = await api(app.baseUrl, 'GET', '/api/v1/center/consultations?status=open', { token: center.token });
    expect(inbox.body.items.find((item: any) => item.caseId === id)).toMatchObject({ reason: 'timeout' });
    // The station that let it run out is still a candidate, saying so first.
    const candidates = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/candidates?role=visiting_nurse&limit=100`, {
      token: center.token,
    });
    const items = candidates.body.items as { organization: { id: string }; reasons: { code: string }[] }[];
    const expiredStation = items.find((item) => item.organization.id === station.organization.id);
    expect(expiredStation?.reasons[0]?.code).toBe('answered_before');
    // Re-referral after expiry is allowed.
    const again = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/referrals`, {
      token: center.token,
      body: { role: 'visiting_nurse', organizationIds: [station.organization.id], respondWithinBusinessDays: 1 },
    });
    expect(again.status).toBe(201);
    app.clock.set(start);
    await refresh();
  });

  it('does not expire a referral while its question waits for the answer, and an answer leaves a business day', async () => {
    const home = spot();
    const { id } = await routedCase(app, liaison.token, caseAt(home, { plannedDischargeDate: '2026-12-25' }));
    const station = await nursingStation(app, home);
    const sent = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/referrals`, {
      token: liaison.token,
      body: { role: 'visiting_nurse', organizationIds: [station.organization.id], respondWithinBusinessDays: 1 },
    });
    const referralId = sent.body.items[0].id as string;
    expect(sent.body.items[0].respondBy).toBe('2026-11-26T17:00:00.000+09:00');
    const read = async () =>
      (await api(app.baseUrl, 'GET', `/api/v1/referrals/${referralId}`, { token: liaison.token })).body;

    app.clock.set(new Date('2026-11-26T10:00:00+09:00'));
    await refresh();
    const asked = await api(app.baseUrl, 'POST', `/api/v1/referrals/${referralId}/questions`, {
      token: await login(app, station.email),
      body: { text: '吸引の回数を教えてください' },
    });
    expect(asked.body.status).toBe('needs_info');
    // The deadline passes while the station waits for the hospital's answer: nothing expires.
    app.clock.set(new Date('2026-11-27T10:00:00+09:00'));
    await app.runDueJobs();
    await refresh();
    expect((await read()).status).toBe('needs_info');

    // Friday's answer leaves the station until 17:00 of the next business day, Monday.
    const answered = await api(app.baseUrl, 'POST', `/api/v1/referrals/${referralId}/questions`, {
      token: liaison.token,
      body: { text: '夜間に2回程度です' },
    });
    expect(answered.body).toMatchObject({ status: 'viewed', respondBy: '2026-11-30T17:00:00.000+09:00' });
    const stationNotes = await api(app.baseUrl, 'GET', '/api/v1/notifications', {
      token: await login(app, station.email),
    });
    expect(stationNotes.body.items.find((note: any) => note.kind === 'referral_answer')).toMatchObject({
      body: expect.stringContaining('2026年11月30日(月) 17:00まで延ばしました'),
      // Which referral, by role and the patient's age band and ward (never the name).
      title: expect.stringMatching(/^紹介元から回答がありました（訪問看護・\d+代(・岡山市[北中東南]区)?の患者）$/),
      params: expect.objectContaining({
        variant: expect.stringMatching(/^patient(_age)?_extended$/),
        respondByAt: '2026-11-30T17:00:00.000+09:00',
      }),
    });
    app.clock.set(new Date('2026-11-30T16:59:00+09:00'));
    await app.runDueJobs();
    await refresh();
    expect((await read()).status).toBe('viewed');
    app.clock.set(new Date('2026-11-30T17:01:00+09:00'));
    await app.runDueJobs();
    await app.runDueJobs();
    await refresh();
    expect((await read()).status).toBe('expired');
    const timeline = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/timeline`, { token: liaison.token });
    expect(timeline.body.items.filter((event: any) => event.kind === 'referral_expired')).toHaveLength(1);
    app.clock.set(start);
    await refresh();
  });

  it('checks a direct case again for the hand-on when consent comes late or the date comes back', async () => {
    const handedOn = async (id: string) =>
      (await api(app.baseUrl, 'GET', `/api/v1/cases/${id}`, { token: liaison.token })).body.route === 'center';
    const patch = async (id: string, body: Record<string, unknown>) => {
      const current = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}`, { token: liaison.token });
      const response = await api(app.baseUrl, 'PATCH', `/api/v1/cases/${id}`, {
        token: liaison.token,
        body,
        headers: { 'if-match': `"${current.body.version}"` },
      });
      expect(response.status).toBe(200);
    };
    const directCase = async (overrides: CaseOverrides) =>
      (await routedCase(app, liaison.token, caseAt(spot(), overrides))).id;
    const noCenterConsent = { scope: ['referral_summary', 'team_record'], recordedBy: '山田', givenBy: 'patient' };
    // Thursday 2026-11-26, the third business day before a discharge on Tuesday 2026-12-01.
    app.clock.set(new Date('2026-11-26T10:00:00+09:00'));
    await refresh();

    // Inside the window without consent for the Center: the hospital is told, nothing moves…
    const late = await directCase({ plannedDischargeDate: '2026-12-01', consent: noCenterConsent });
    await app.runDueJobs();
    expect(await handedOn(late)).toBe(false);
    // …until the consent is recorded: then it goes to the Center at once.
    await patch(late, { consent: { ...noCenterConsent, scope: ['center', 'referral_summary', 'team_record'] } });
    await app.runDueJobs();
    expect(await handedOn(late)).toBe(true);

    // A date moved away and back is checked again (once: a single pending check per case).
    const back = await directCase({ plannedDischargeDate: '2026-12-01', consent: noCenterConsent });
    await patch(back, { plannedDischargeDate: '2026-12-25' });
    await patch(back, { plannedDischargeDate: '2026-12-01' });
    await patch(back, { consent: { ...noCenterConsent, scope: ['center', 'referral_summary', 'team_record'] } });
    const pending = await app.database.db.execute(
      sql`select count(*)::int as count from jobs where unique_key like ${`case.handon_check:${back}:%`} and status = 'pending'`,
    );
    expect(rowsOf<{ count: number }>(pending)[0]?.count).toBe(1);
    await app.runDueJobs();
    expect(await handedOn(back)).toBe(true);
    app.clock.set(start);
    await refresh();
  });

  it('transfers a case to a recovery hospital whose liaison takes it over; the history stays', async () => {
    const home = spot();
    const created = await api(app.baseUrl, 'POST', '/api/v1/cases', { token: liaison.token, body: caseAt(home) });
    const id = created.body.id as string;
    const recovery = await signedInAs(app, 'hospital_liaison', {
      name: `回復期リハ病院 ${randomUUID().slice(0, 4)}`,
      hospitalFunction: 'recovery',
    });
    const transferred = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/transfer`, {
      token: liaison.token,
      body: { hospitalOrganizationId: recovery.organization!.id, note: '回復期リハビリのため' },
      headers: { 'if-match': `"${created.body.version}"` },
    });
    expect(transferred.status).toBe(200);
    expect(transferred.body.hospital.id).toBe(recovery.organization!.id);
    const asRecovery = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}`, { token: recovery.token });
    expect(asRecovery.body).toMatchObject({ access: 'full', permissions: { canEdit: true } });
    const asAcute = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}`, { token: liaison.token });
    expect(asAcute.body).toMatchObject({ access: 'full', permissions: { canEdit: false } });
    const timeline = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/timeline`, { token: recovery.token });
    expect(timeline.body.items.map((event: any) => event.kind)).toEqual(['created', 'transferred']);
  });

  it('refuses a transfer to a hospital where nobody uses Renkei (the case would have nobody to act), changing nothing', async () => {
    const created = await api(app.baseUrl, 'POST', '/api/v1/cases', { token: liaison.token, body: caseAt(spot()) });
    const id = created.body.id as string;
    const unused = await buildOrganization(app.database, {
      kind: 'hospital',
      name: `利用者のいない病院 ${randomUUID().slice(0, 4)}`,
    });
    const refused = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/transfer`, {
      token: liaison.token,
      body: { hospitalOrganizationId: unused.id },
      headers: { 'if-match': `"${created.body.version}"` },
    });
    expectError(refused, 409, 'invalid_transition', 'transfer_target_without_users');
    expect(refused.body.error.message).toContain(`${unused.name}には Renkei の利用者（地域連携室）が登録されていない`);
    const after = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}`, { token: liaison.token });
    expect(after.body).toMatchObject({ version: created.body.version, hospital: { id: liaison.organization!.id } });
  });

  it("hands the case's open Center consultation to the hospital it is transferred to", async () => {
    const { id, version } = await routedCase(app, liaison.token, caseAt(spot()), {
      route: 'center',
      difficulty: ['welfare'],
      note: '独居で生活困窮',
    });
    const recovery = await signedInAs(app, 'hospital_liaison', { name: `後方支援病院 ${randomUUID().slice(0, 4)}` });
    await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/transfer`, {
      token: liaison.token,
      body: { hospitalOrganizationId: recovery.organization!.id },
      headers: { 'if-match': `"${version}"` },
    });
    const list = await api(app.baseUrl, 'GET', '/api/v1/consultations', { token: recovery.token });
    const consultation = list.body.items.find((item: any) => item.caseId === id);
    expect(consultation).toBeDefined();
    const thread = await api(app.baseUrl, 'GET', `/api/v1/consultations/${consultation.id}`, { token: recovery.token });
    expect(thread.status).toBe(200);
    expect(thread.body.messages.map((message: any) => message.body).join('\n')).toMatch(
      /独居で生活困窮[\s\S]*引き継ぎました/,
    );
    const reply = await api(app.baseUrl, 'POST', `/api/v1/consultations/${consultation.id}/messages`, {
      token: recovery.token,
      body: { body: '転院先で引き続き調整をお願いします。' },
    });
    expect(reply.status).toBe(201);
    const asCenter = await api(app.baseUrl, 'GET', `/api/v1/consultations/${consultation.id}`, { token: center.token });
    expect(asCenter.body).toMatchObject({ requesterName: recovery.organization!.name });
  });
});
