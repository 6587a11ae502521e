/**
 * A candidate whose referral ended without it — declined, withdrawn because another organisation
 * accepted, expired — keeps its own referral over FHIR as over REST, but no longer the case's
 * summary (README: "after declining (or a withdrawal or expiry) no longer the case's summary"):
 * ServiceRequest and Task, read or searched by patient, carry no needs, patient group, planned
 * discharge or the sender's note, exactly when GET /api/v1/referrals/:id answers `case: null`.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, Resource, ServiceRequest, Task } from '@medplum/fhirtypes';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildOrganization, buildUser, login, signedInAs } from '../../../test/helpers/factories.js';
import { fhirErrors } from '../../../test/fixtures/validators/fhir.js';

// Wednesday 2026-11-25 10:00 JST
const start = new Date('2026-11-25T10:00:00+09:00');
const fhirJson = 'application/fhir+json; charset=utf-8';
const message = '在宅酸素の管理と看取りの相談をお願いします';
/** What the case's summary says, none of which an ended candidate may read any more. */
const caseDetails = ['home_oxygen', '在宅酸素', 'terminal_care', '看取り', '2026-12-10', message, '岡山 花子'];

type Caller = { token: string; email: string; organizationId: string };

describe('FHIR ServiceRequest and Task after a candidate’s referral ended', () => {
  let app: TestApp;
  let liaison: Caller;

  beforeAll(async () => {
    // A database of its own on PostgreSQL: this file runs the due jobs at later clocks, which in the shared database
    // would run other files' jobs too (a direct case of another file handed to the Center by its hand-on job).
    app = await startTestApp({ start, isolated: true });
    const signedIn = await signedInAs(app, 'hospital_liaison', { name: `終了テスト病院 ${randomUUID().slice(0, 4)}` });
    liaison = { token: signedIn.token, email: signedIn.user.email, organizationId: signedIn.organization?.id ?? '' };
  });
  afterAll(async () => {
    await app.close();
  });

  /** A home near 岡山駅 (北区), a little apart for each case. */
  function spot() {
    return { lat: 34.662 + Math.random() * 0.008, lng: 133.912 + Math.random() * 0.008 };
  }

  async function station(home: { lat: number; lng: number }): Promise<Caller> {
    const organization = await buildOrganization(app.database, {
      kind: 'visiting_nursing',
      name: `訪問看護ステーション ${randomUUID().slice(0, 6)}`,
      lat: home.lat + 0.004,
      lng: home.lng + 0.004,
      groups: ['elderly', 'terminal_care'],
      procedures: ['home_oxygen'],
      coverageRadiusKm: 10,
      availabilityStatus: 'accepting',
      freeSlots: 2,
      availabilityUpdatedAt: start,
    });
    const user = await buildUser(app.database, { role: 'provider', organizationId: organization.id });
    return { token: await login(app, user.email), email: user.email, organizationId: organization.id };
  }

  /** 病院がケースを登録し、直接調整で訪問看護の紹介を送る（同意: 紹介先への要約と、受諾後の記録）。 */
  async function caseWithReferrals(home: { lat: number; lng: number }, stations: Caller[]) {
    const created = await api(app.baseUrl, 'POST', '/api/v1/cases', {
      token: liaison.token,
      body: {
        patient: {
          name: '岡山 花子',
          nameKana: 'おかやま はなこ',
          birthDate: '1941-04-02',
          sex: 'female',
          address: '岡山市北区大供1丁目1-1',
          phone: '086-000-1111',
          lat: home.lat,
          lng: home.lng,
        },
        groups: ['elderly', 'terminal_care'],
        procedures: ['home_oxygen'],
        careLevel: 'care_3',
        plannedDischargeDate: '2026-12-10',
        admissionDate: '2026-11-01',
        consent: { scope: ['referral_summary', 'team_record'], recordedBy: '退院調整看護師 山田', givenBy: 'patient' },
        neededRoles: ['primary_doctor', 'visiting_nurse', 'care_manager'],
      },
    });
    expect(created.status, created.text).toBe(201);
    const routed = await api(app.baseUrl, 'POST', `/api/v1/cases/${created.body.id}/route`, {
      token: liaison.token,
      body: { route: 'direct' },
      headers: { 'if-match': `"${created.body.version}"` },
    });
    expect(routed.status, routed.text).toBe(200);
    const sent = await api(app.baseUrl, 'POST', `/api/v1/cases/${created.body.id}/referrals`, {
      token: liaison.token,
      body: {
        role: 'visiting_nurse',
        organizationIds: stations.map((item) => item.organizationId),
        respondWithinBusinessDays: 2,
        message,
      },
    });
    expect(sent.status, sent.text).toBe(201);
    const items = sent.body.items as { id: string; organization: { id: string } }[];
    const referralOf = (caller: Caller) =>
      items.find((item) => item.organization.id === caller.organizationId)?.id ?? '';
    return { caseId: created.body.id as string, referralOf };
  }

  async function fhir<Body = Resource>(caller: Caller, path: string) {
    const response = await api<Body>(app.baseUrl, 'GET', `/fhir/r4/${path}`, { token: caller.token });
    expect(response.headers.get('content-type'), `${path}: ${response.text}`).toBe(fhirJson);
    expect(fhirErrors(response.body as Resource), path).toEqual([]);
    return response;
  }

  /** The REST rule this mirrors: the receiver's referral, with or without the case's summary. */
  async function restCase(caller: Caller, referralId: string) {
    const response = await api(app.baseUrl, 'GET', `/api/v1/referrals/${referralId}`, { token: caller.token });
    expect(response.status, response.text).toBe(200);
    return response.body.case as unknown;
  }

  /** The ended candidate's view over FHIR: its referral, without anything of the case. */
  async function expectWithoutCase(caller: Caller, caseId: string, referralId: string, statuses: [string, string]) {
    expect(await restCase(caller, referralId)).toBeNull();
    const read = await fhir<ServiceRequest>(caller, `ServiceRequest/${referralId}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      resourceType: 'ServiceRequest',
      id: referralId,
      status: statuses[0],
      code: { coding: [{ code: 'visiting_nurse' }] },
      subject: { reference: `Patient/${caseId}` },
      requester: { reference: `Organization/${liaison.organizationId}` },
      performer: [{ reference: `Organization/${caller.organizationId}` }],
      meta: { security: [{ code: 'REDACTED' }] },
    });
    for (const field of ['orderDetail', 'reasonCode', 'occurrenceDateTime', 'note'] as const)
      expect(read.body[field], field).toBeUndefined();
    const searched = await fhir<Bundle>(caller, `ServiceRequest?patient=${caseId}`);
    expect(searched.body.total).toBe(1);
    expect(searched.body.entry?.[0]?.resource).toEqual(read.body);
    const tasks = await fhir<Bundle>(caller, `Task?patient=Patient/${caseId}`);
    expect(tasks.body.total).toBe(1);
    const task = tasks.body.entry?.[0]?.resource as Task;
    expect(task).toMatchObject({ id: referralId, status: statuses[1], for: { reference: `Patient/${caseId}` } });
    expect(task.for?.display).toBeUndefined();
    expect((await fhir<Task>(caller, `Task/${referralId}`)).body).toEqual(task);
    const everything = JSON.stringify([read.body, searched.body, tasks.body]);
    for (const detail of caseDetails) expect(everything, detail).not.toContain(detail);
    // Nor the case itself, as before.
    expect((await fhir(caller, `Patient/${caseId}`)).status).toBe(404);
  }

  it('shows the case while the referral is open and once accepted; not after a decline or a withdrawal', async () => {
    const home = spot();
    const [winner, withdrawn, decliner] = [await station(home), await station(home), await station(home)];
    const { caseId, referralOf } = await caseWithReferrals(home, [winner, withdrawn, decliner]);

    // Open: every candidate sees what it needs to decide, REST and FHIR alike.
    for (const candidate of [winner, withdrawn, decliner]) {
      expect(await restCase(candidate, referralOf(candidate))).not.toBeNull();
      const open = await fhir<ServiceRequest>(candidate, `ServiceRequest/${referralOf(candidate)}`);
      expect(open.body).toMatchObject({
        status: 'active',
        occurrenceDateTime: '2026-12-10',
        orderDetail: [{ coding: [{ code: 'home_oxygen' }] }],
        reasonCode: [{ coding: [{ code: 'elderly' }] }, { coding: [{ code: 'terminal_care' }] }],
        note: [{ text: message }],
      });
      expect(open.body.meta?.security).toBeUndefined();
    }

    const declined = await api(app.baseUrl, 'POST', `/api/v1/referrals/${referralOf(decliner)}/decline`, {
      token: decliner.token,
      body: { reasonCode: 'capacity', reason: '今月は満員です' },
    });
    expect(declined.status, declined.text).toBe(200);
    const accepted = await api(app.baseUrl, 'POST', `/api/v1/referrals/${referralOf(winner)}/accept`, {
      token: winner.token,
    });
    expect(accepted.status, accepted.text).toBe(200);
    const rest = await api(app.baseUrl, 'GET', `/api/v1/referrals/${referralOf(withdrawn)}`, {
      token: withdrawn.token,
    });
    expect(rest.body).toMatchObject({ status: 'withdrawn', case: null, patientName: null });

    await expectWithoutCase(withdrawn, caseId, referralOf(withdrawn), ['revoked', 'cancelled']);
    await expectWithoutCase(decliner, caseId, referralOf(decliner), ['revoked', 'rejected']);
    // The decliner keeps what it answered.
    const declinedTask = await fhir<Task>(decliner, `Task/${referralOf(decliner)}`);
    expect(declinedTask.body.statusReason?.text).toBe('受入枠がない: 今月は満員です');

    // The organisation that accepted keeps the summary (and, with consent, the name).
    expect(await restCase(winner, referralOf(winner))).not.toBeNull();
    const kept = await fhir<ServiceRequest>(winner, `ServiceRequest/${referralOf(winner)}`);
    expect(kept.body).toMatchObject({
      status: 'active',
      occurrenceDateTime: '2026-12-10',
      orderDetail: [{ coding: [{ code: 'home_oxygen' }] }],
      subject: { display: '岡山 花子' },
    });

    // The hospital that sent them still sees every referral whole.
    const sent = await fhir<Bundle>(liaison, `ServiceRequest?patient=${caseId}`);
    expect(sent.body.total).toBe(3);
    for (const entry of sent.body.entry ?? []) {
      expect(entry.resource).toMatchObject({ occurrenceDateTime: '2026-12-10', note: [{ text: message }] });
      expect(entry.resource?.meta?.security).toBeUndefined();
    }
  });

  it('shows nothing of the case once the referral expired unanswered', async () => {
    const home = spot();
    const late = await station(home);
    const { caseId, referralOf } = await caseWithReferrals(home, [late]);
    // The deadline: 2 business days, 17:00 (Friday 2026-11-27); a week later the job has run.
    app.clock.advance(7 * 24 * 60 * 60 * 1000);
    await app.runDueJobs();
    late.token = await login(app, late.email);
    liaison.token = await login(app, liaison.email);
    const rest = await api(app.baseUrl, 'GET', `/api/v1/referrals/${referralOf(late)}`, { token: late.token });
    expect(rest.body).toMatchObject({ status: 'expired', case: null });
    await expectWithoutCase(late, caseId, referralOf(late), ['revoked', 'cancelled']);
  });
});
