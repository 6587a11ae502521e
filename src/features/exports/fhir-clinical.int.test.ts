/**
 * The authenticated FHIR R4 resources over HTTP, on PGlite and PostgreSQL: a discharge case as
 * Patient and CareTeam, its referrals as ServiceRequest and Task — each caller sees only what the
 * case routes let it see (the record, the minimum necessary, or 404), every read is audited, and
 * every resource and Bundle is valid R4 (@medplum/core with the R4 definitions).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, CareTeam, Patient, Resource, ServiceRequest, Task } from '@medplum/fhirtypes';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { signedInAs } from '../../../test/helpers/factories.js';
import {
  caseBody,
  caseTestStart as start,
  homeCareProvider,
  relogin,
  routedCase,
  spot,
  type Home,
} from '../../../test/helpers/cases.js';
import { fhirErrors } from '../../../test/fixtures/validators/fhir.js';

const fhirJson = 'application/fhir+json; charset=utf-8';

/** A home near 岡山駅 (北区), a little apart for each test. */
const nearOkayamaStation = () => spot({ lat: 34.662, lng: 133.912, latSpan: 0.008, lngSpan: 0.008 });

/** This file's cases: oxygen only, admitted, with a key person and the patient's consent to `consentScope`. */
const caseAt = (home: Home, consentScope: string[]) =>
  caseBody(home, {
    procedures: ['home_oxygen'],
    admissionDate: '2026-11-01',
    consent: { scope: consentScope, givenBy: 'patient' },
    keyPerson: { name: '岡山 太郎', relationship: '長男', phone: '090-0000-0000' },
  });

describe('FHIR R4 clinical resources (Patient, CareTeam, ServiceRequest, Task)', () => {
  let app: TestApp;
  let liaison: Awaited<ReturnType<typeof signedInAs>>;

  beforeAll(async () => {
    app = await startTestApp({ start });
    liaison = await signedInAs(app, 'hospital_liaison', { name: `FHIRテスト病院 ${randomUUID().slice(0, 4)}` });
  });
  afterAll(async () => {
    await app.close();
  });

  /** A visiting-nurse station just beside the patient, oxygen only, not around the clock, two places free. */
  const station = (home: Home) =>
    homeCareProvider(app, home, 'visiting_nursing', {
      lat: home.lat + 0.004,
      lng: home.lng + 0.004,
      procedures: ['home_oxygen'],
      isAvailable24h: false,
      freeSlots: 2,
    });

  /** 病院がケースを登録し、直接調整で訪問看護の紹介を送る。 */
  async function caseWithReferrals(
    home: { lat: number; lng: number },
    stations: { organization: { id: string } }[],
    consentScope: string[],
  ) {
    const { id: caseId } = await routedCase(app, liaison.token, caseAt(home, consentScope));
    const sent = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/referrals`, {
      token: liaison.token,
      body: {
        role: 'visiting_nurse',
        organizationIds: stations.map((item) => item.organization.id),
        respondWithinBusinessDays: 2,
        message: '在宅酸素の管理をお願いします',
      },
    });
    expect(sent.status, sent.text).toBe(201);
    const referralOf = (organizationId: string) =>
      (sent.body.items as { id: string; organization: { id: string } }[]).find(
        (item) => item.organization.id === organizationId,
      )?.id ?? '';
    return { caseId, referralOf };
  }

  async function fhir<Body = Resource>(token: string, path: string) {
    const response = await api<Body>(app.baseUrl, 'GET', `/fhir/r4/${path}`, { token });
    if (response.status === 200 || response.status === 404 || response.status === 400) {
      expect(response.headers.get('content-type'), `${path}: ${response.text}`).toBe(fhirJson);
      expect(fhirErrors(response.body as Resource), path).toEqual([]);
    }
    return response;
  }

  it('refuses callers who are not signed in (401) and roles that do not work on cases (403)', async () => {
    // As OperationOutcomes (issue code login / forbidden), the API's code kept in details.text.
    const expectOutcome = (response: { status: number; body: any }, status: number, code: string, apiCode: string) => {
      expect(response.status).toBe(status);
      expect(response.body).toMatchObject({
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code, details: { text: apiCode } }],
      });
    };
    for (const path of ['Patient', 'CareTeam/00000000-0000-4000-8000-000000000000', 'ServiceRequest', 'Task'])
      expectOutcome(await api(app.baseUrl, 'GET', `/fhir/r4/${path}`), 401, 'login', 'unauthenticated');
    for (const role of ['city_analyst', 'association_admin', 'admin'] as const) {
      const other = await signedInAs(app, role);
      expectOutcome(
        await api(app.baseUrl, 'GET', '/fhir/r4/Patient', { token: other.token }),
        403,
        'forbidden',
        'forbidden',
      );
    }
  });

  it('answers bad paging with 400 and unknown or malformed ids with 404, as OperationOutcomes', async () => {
    const bad = await fhir(liaison.token, 'Patient?_count=501');
    expect(bad.status).toBe(400);
    const totalOnly = await fhir(liaison.token, 'Patient?_count=0');
    expect(totalOnly.status).toBe(200);
    expect(totalOnly.body).toMatchObject({ resourceType: 'Bundle', total: expect.any(Number) });
    expect(totalOnly.body).not.toHaveProperty('entry');
    expect(bad.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'invalid' }] });
    for (const path of ['Patient/not-a-uuid', `Task/${randomUUID()}`, `CareTeam/${randomUUID()}`]) {
      const missing = await fhir(liaison.token, path);
      expect(missing.status, path).toBe(404);
      expect(missing.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'not-found' }] });
    }
  });

  it('gives the hospital the whole record, a candidate the minimum necessary, and others nothing', async () => {
    const home = nearOkayamaStation();
    const [first, second] = [await station(home), await station(home)];
    const { caseId, referralOf } = await caseWithReferrals(
      home,
      [first, second],
      ['center', 'referral_summary', 'team_record'],
    );

    // 病院: the record — name in kanji and kana (JP Core representation), birth date, address, phone, key person.
    const full = await fhir<Patient>(liaison.token, `Patient/${caseId}`);
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({
      resourceType: 'Patient',
      id: caseId,
      gender: 'female',
      birthDate: '1941-04-02',
      telecom: [{ system: 'phone', value: '086-000-1111', use: 'home' }],
      managingOrganization: { reference: `Organization/${liaison.organization?.id ?? ''}` },
      contact: [{ relationship: [{ text: '長男' }], name: { text: '岡山 太郎' } }],
    });
    expect(full.body.name).toEqual([
      expect.objectContaining({ text: '岡山 花子', family: '岡山', given: ['花子'] }),
      expect.objectContaining({ text: 'おかやま はなこ', family: 'おかやま', given: ['はなこ'] }),
    ]);
    expect(full.body.name?.map((name) => name.extension?.[0]?.valueCode)).toEqual(['IDE', 'SYL']);
    expect(full.body.address?.[0]).toMatchObject({ use: 'home', state: '岡山県', city: '岡山市北区', country: 'JP' });
    expect(full.body.meta?.security).toBeUndefined();

    // 訪問看護（回答待ち）: age band and area instead of birth date and address; no name, phone or key person.
    const summary = await fhir<Patient>(first.token, `Patient/${caseId}`);
    expect(summary.status).toBe(200);
    expect(summary.body.extension).toEqual([{ url: 'urn:renkei:fhir:extension:age-band', valueString: '80代' }]);
    expect(summary.body.address).toEqual([
      { use: 'home', text: '岡山県岡山市北区', city: '岡山市北区', state: '岡山県', country: 'JP' },
    ]);
    expect(summary.body.meta?.security?.[0]?.code).toBe('REDACTED');
    const leaked = JSON.stringify(summary.body);
    for (const secret of ['花子', 'はなこ', '1941', '大供', '086-000-1111', '太郎'])
      expect(leaked).not.toContain(secret);

    // Unrelated: a provider, another hospital, the Center (the case is not the Center's) — 404, never 403.
    const stranger = await signedInAs(app, 'provider');
    const otherHospital = await signedInAs(app, 'hospital_liaison');
    const center = await signedInAs(app, 'center_coordinator');
    for (const caller of [stranger, otherHospital, center]) {
      for (const path of [
        `Patient/${caseId}`,
        `CareTeam/${caseId}`,
        `ServiceRequest/${referralOf(first.organization.id)}`,
        `Task/${referralOf(second.organization.id)}`,
      ]) {
        const response = await fhir(caller.token, path);
        expect(response.status, `${caller.user.email} ${path}`).toBe(404);
      }
      const searched = await fhir<Bundle>(caller.token, `Patient?_id=${caseId}`);
      expect(searched.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 0 });
      expect(searched.body.entry).toBeUndefined();
    }

    // Each receiver sees its own referral only; the hospital sees both.
    const own = await fhir<Bundle>(first.token, `ServiceRequest?patient=Patient/${caseId}`);
    expect(own.body.total).toBe(1);
    const request = own.body.entry?.[0]?.resource as ServiceRequest;
    expect(request).toMatchObject({
      id: referralOf(first.organization.id),
      status: 'active',
      intent: 'order',
      code: { coding: [{ system: 'urn:renkei:codesystem:team-role', code: 'visiting_nurse' }] },
      subject: { reference: `Patient/${caseId}` },
      occurrenceDateTime: '2026-12-10',
      requester: { reference: `Organization/${liaison.organization?.id ?? ''}` },
      performer: [{ reference: `Organization/${first.organization.id}` }],
      orderDetail: [{ coding: [{ code: 'home_oxygen' }] }],
      note: [{ text: '在宅酸素の管理をお願いします' }],
    });
    expect(request.subject.display).toBeUndefined();
    expect((await fhir(first.token, `ServiceRequest/${referralOf(second.organization.id)}`)).status).toBe(404);
    const sent = await fhir<Bundle>(liaison.token, `Task?patient=${caseId}`);
    expect(sent.body.total).toBe(2);
    const task = sent.body.entry?.[0]?.resource as Task;
    expect(task).toMatchObject({
      status: 'requested',
      businessStatus: { coding: [{ system: 'urn:renkei:codesystem:referral-status', code: 'sent' }] },
      for: { reference: `Patient/${caseId}`, display: '岡山 花子' },
      focus: { reference: `ServiceRequest/${task.id ?? ''}` },
      restriction: { period: { end: '2026-11-27T17:00:00.000+09:00' } },
      requester: { reference: `Organization/${liaison.organization?.id ?? ''}` },
    });

    // Every read is in the hospital's audit trail, with who read which resource.
    const audit = await api(app.baseUrl, 'GET', `/api/v1/audit?entity=case&entityId=${caseId}`, {
      token: liaison.token,
    });
    const reads = (audit.body.items as { action: string; actorOrganizationId: string; details: { what?: string } }[])
      .filter((item) => item.action === 'read')
      .map((item) => `${item.actorOrganizationId}:${item.details.what ?? ''}`);
    expect(reads).toEqual(
      expect.arrayContaining([
        `${liaison.organization?.id ?? ''}:fhir:Patient`,
        `${first.organization.id}:fhir:Patient`,
      ]),
    );
    const referralAudit = await api(
      app.baseUrl,
      'GET',
      `/api/v1/audit?entity=referral&entityId=${referralOf(first.organization.id)}`,
      { token: liaison.token },
    );
    expect(referralAudit.body.items.map((item: { details: { what?: string } }) => item.details.what)).toEqual(
      expect.arrayContaining(['fhir:ServiceRequest']),
    );
  });

  it('follows the referral: question → on-hold, decline → rejected, accept → accepted, discharge → completed', async () => {
    const home = nearOkayamaStation();
    const [first, second] = [await station(home), await station(home)];
    const { caseId, referralOf } = await caseWithReferrals(home, [first, second], ['referral_summary', 'team_record']);
    const task = async (token: string, referralId: string) => (await fhir<Task>(token, `Task/${referralId}`)).body;

    // 訪問看護1 asks back: on-hold until the hospital answers.
    await api(app.baseUrl, 'POST', `/api/v1/referrals/${referralOf(first.organization.id)}/questions`, {
      token: first.token,
      body: { text: '酸素の流量を教えてください' },
    });
    expect(await task(first.token, referralOf(first.organization.id))).toMatchObject({
      status: 'on-hold',
      businessStatus: { coding: [{ code: 'needs_info' }] },
    });
    expect(
      (await fhir<ServiceRequest>(first.token, `ServiceRequest/${referralOf(first.organization.id)}`)).body.status,
    ).toBe('on-hold');

    // 訪問看護2 declines: rejected with the reason; it no longer sees the patient, but still its own referral.
    await api(app.baseUrl, 'POST', `/api/v1/referrals/${referralOf(second.organization.id)}/decline`, {
      token: second.token,
      body: { reasonCode: 'capacity', reason: '今月は満員です' },
    });
    expect(await task(second.token, referralOf(second.organization.id))).toMatchObject({
      status: 'rejected',
      statusReason: {
        coding: [{ system: 'urn:renkei:codesystem:decline-reason', code: 'capacity' }],
        text: '受入枠がない: 今月は満員です',
      },
    });
    expect((await fhir(second.token, `Patient/${caseId}`)).status).toBe(404);
    expect(
      (await fhir<ServiceRequest>(second.token, `ServiceRequest/${referralOf(second.organization.id)}`)).body.status,
    ).toBe('revoked');

    // 訪問看護1 accepts: it joins the team and, with the patient's consent to share the record, sees it whole.
    const accepted = await api(app.baseUrl, 'POST', `/api/v1/referrals/${referralOf(first.organization.id)}/accept`, {
      token: first.token,
    });
    expect(accepted.status, accepted.text).toBe(200);
    expect(await task(first.token, referralOf(first.organization.id))).toMatchObject({
      status: 'accepted',
      for: { display: '岡山 花子' },
    });
    expect((await fhir<Patient>(first.token, `Patient/${caseId}`)).body).toMatchObject({ birthDate: '1941-04-02' });
    const team = await fhir<CareTeam>(first.token, `CareTeam/${caseId}`);
    expect(team.body).toMatchObject({
      resourceType: 'CareTeam',
      status: 'active',
      subject: { reference: `Patient/${caseId}`, display: '岡山 花子' },
      participant: [
        {
          role: [{ coding: [{ system: 'urn:renkei:codesystem:team-role', code: 'visiting_nurse' }] }],
          member: { reference: `Organization/${first.organization.id}` },
        },
      ],
      managingOrganization: [{ reference: `Organization/${liaison.organization?.id ?? ''}` }],
      note: [{ text: '未決定の役割: 主治医、ケアマネジャー' }],
    });

    // The hospital discharges the patient: the accepted referral is completed.
    await relogin(app, liaison);
    const current = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}`, { token: liaison.token });
    const discharged = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/discharge`, {
      token: liaison.token,
      body: { dischargedOn: '2026-11-25' },
      headers: { 'if-match': `"${current.body.version}"` },
    });
    expect(discharged.status, discharged.text).toBe(200);
    expect((await task(liaison.token, referralOf(first.organization.id))).status).toBe('completed');
    expect((await task(liaison.token, referralOf(second.organization.id))).status).toBe('rejected');
  });

  it('keeps the minimum necessary after acceptance when the patient did not agree to share the record', async () => {
    const home = nearOkayamaStation();
    const only = await station(home);
    const { caseId, referralOf } = await caseWithReferrals(home, [only], ['referral_summary']);
    await api(app.baseUrl, 'POST', `/api/v1/referrals/${referralOf(only.organization.id)}/accept`, {
      token: only.token,
    });
    const patient = await fhir<Patient>(only.token, `Patient/${caseId}`);
    expect(patient.body.name).toBeUndefined();
    expect(patient.body.birthDate).toBeUndefined();
    const team = await fhir<CareTeam>(only.token, `CareTeam/${caseId}`);
    expect(team.body.subject?.display).toBeUndefined();
    // Nor who is on the team (as GET /cases/:id/team says to the minimum necessary).
    expect(team.body.participant).toBeUndefined();
    const task = await fhir<Task>(only.token, `Task/${referralOf(only.organization.id)}`);
    expect(task.body).toMatchObject({ status: 'accepted' });
    expect(task.body.for?.display).toBeUndefined();
  });

  it('pages a search with next links that keep its parameters, every page a valid Bundle', async () => {
    const hospital = await signedInAs(app, 'hospital_liaison');
    const ids: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const created = await api(app.baseUrl, 'POST', '/api/v1/cases', {
        token: hospital.token,
        body: caseAt(nearOkayamaStation(), ['referral_summary']),
      });
      ids.push(created.body.id as string);
    }
    for (const type of ['Patient', 'CareTeam']) {
      let url: string | undefined = `${type}?_count=2`;
      const seen: string[] = [];
      while (url) {
        const page: { status: number; body: Bundle } = await fhir<Bundle>(hospital.token, url);
        expect(page.status).toBe(200);
        expect(page.body.total).toBe(3);
        seen.push(...(page.body.entry ?? []).map((entry) => entry.resource?.id ?? ''));
        const next: string | undefined = page.body.link?.find((link) => link.relation === 'next')?.url;
        url = next?.replace(`${app.baseUrl}/fhir/r4/`, '');
      }
      expect(seen.sort()).toEqual([...ids].sort());
    }
    const filtered = await fhir<Bundle>(
      hospital.token,
      `CareTeam?patient=${ids[0] ?? ''},Patient/${ids[1] ?? ''}&_count=1`,
    );
    expect(filtered.body.total).toBe(2);
    const next = filtered.body.link?.find((link) => link.relation === 'next')?.url ?? '';
    expect(new URL(next).searchParams.get('patient')).toBe(`${ids[0] ?? ''},${ids[1] ?? ''}`);
    expect(filtered.body.entry?.[0]?.resource).toMatchObject({ resourceType: 'CareTeam', status: 'proposed' });
  });
});
