/**
 * Adding an organisation to the team directly (POST /cases/:id/team): checked first (GET …/team/fit), with a note
 * kept in the timeline; one that does not fit the patient only when the caller accepts its problems and says why;
 * one of a kind that cannot fill the role never. 福祉窓口 is filled by an acknowledged welfare link. The case names
 * its consultation with the Center to those who may open it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { signedInAs } from '../../../test/helpers/factories.js';
import {
  caseBody,
  caseTestStart as start,
  homeCareProvider,
  routedCase,
  spot,
  staffedOrganization,
} from '../../../test/helpers/cases.js';

describe('adding to the team directly', () => {
  let app: TestApp;
  let liaison: Awaited<ReturnType<typeof signedInAs>>;
  let center: Awaited<ReturnType<typeof signedInAs>>;

  beforeAll(async () => {
    app = await startTestApp({ start });
    liaison = await signedInAs(app, 'hospital_liaison');
    center = await signedInAs(app, 'center_coordinator');
  });
  afterAll(async () => {
    await app.close();
  });

  /** A child on a ventilator, routed to the Center. */
  async function hardCase() {
    const home = spot();
    const { id } = await routedCase(
      app,
      liaison.token,
      caseBody(home, {
        patient: { birthDate: '2020-05-01' },
        careLevel: 'none',
        groups: ['pediatric_medical_care'],
        procedures: ['ventilator', 'tracheostomy'],
        consent: { scope: ['center', 'referral_summary', 'team_record', 'welfare_record'] },
        neededRoles: ['primary_doctor', 'visiting_nurse', 'welfare_contact'],
      }),
      { route: 'center', difficulty: ['symptom'], note: '人工呼吸器の小児' },
    );
    return { id, home };
  }

  it('checks the fit, refuses an unfit clinic without acceptance, then adds it with the reason in the timeline', async () => {
    const { id, home } = await hardCase();
    // A clinic near the home that declares neither the child nor the ventilator.
    const clinic = await homeCareProvider(app, home, 'clinic');
    const fit = await api(
      app.baseUrl,
      'GET',
      `/api/v1/cases/${id}/team/fit?role=primary_doctor&organizationId=${clinic.organization.id}`,
      { token: center.token },
    );
    expect(fit.status, fit.text).toBe(200);
    expect(fit.body).toMatchObject({
      role: 'primary_doctor',
      organization: { id: clinic.organization.id, name: clinic.organization.name, kind: 'clinic' },
      roleFilled: false,
      fits: false,
      canAdd: true,
    });
    expect(fit.body.problems.map((problem: any) => problem.code).sort()).toEqual(['groups', 'procedures']);
    expect(fit.body.problems.find((problem: any) => problem.code === 'procedures')).toMatchObject({
      procedures: ['ventilator', 'tracheostomy'],
      refuses: false,
    });
    // A team member or a stranger cannot ask.
    const stranger = await signedInAs(app, 'provider');
    expect(
      (
        await api(
          app.baseUrl,
          'GET',
          `/api/v1/cases/${id}/team/fit?role=primary_doctor&organizationId=${clinic.organization.id}`,
          { token: stranger.token },
        )
      ).status,
    ).toBe(404);

    const body = { role: 'primary_doctor', organizationId: clinic.organization.id };
    const refused = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/team`, { token: center.token, body });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'validation_failed', reason: 'organization_cannot_serve' });
    expect(refused.body.error.details.map((detail: any) => detail.message).join('\n')).toContain('人工呼吸器');
    const noNote = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/team`, {
      token: center.token,
      body: { ...body, acceptProblems: true },
    });
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.code).toBe('validation_failed');

    const added = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/team`, {
      token: center.token,
      body: { ...body, acceptProblems: true, note: '電話で受諾を確認（小児の在宅人工呼吸の経験あり）' },
      headers: { 'idempotency-key': `direct-${id}` },
    });
    expect(added.status, added.text).toBe(201);
    const team = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/team`, { token: liaison.token });
    expect(team.body.members).toEqual([expect.objectContaining({ role: 'primary_doctor', viaReferral: false })]);
    expect(team.body.openRoles.map((role: any) => role.role)).toEqual(['visiting_nurse', 'welfare_contact']);
    const timeline = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/timeline`, { token: liaison.token });
    const entry = timeline.body.items.find((event: any) => event.kind === 'member_added');
    expect(entry.summary).toContain('電話で受諾を確認');
    expect(entry.summary).toContain('対応条件に合わない点を確認のうえ');
    expect(entry.details).toMatchObject({
      organizationName: clinic.organization.name,
      role: 'primary_doctor',
      note: '電話で受諾を確認（小児の在宅人工呼吸の経験あり）',
      variant: 'note_unfit',
    });
    const audit = await api(app.baseUrl, 'GET', `/api/v1/audit?entity=case&entityId=${id}`, { token: liaison.token });
    expect(audit.status, audit.text).toBe(200);
    const row = audit.body.items.find((item: any) => item.action === 'add_member');
    expect(row.details).toMatchObject({
      note: expect.stringContaining('電話'),
      acceptedProblems: ['groups', 'procedures'],
    });
    const again = await api(
      app.baseUrl,
      'GET',
      `/api/v1/cases/${id}/team/fit?role=primary_doctor&organizationId=${clinic.organization.id}`,
      { token: center.token },
    );
    expect(again.body).toMatchObject({ roleFilled: true, canAdd: false });
  });

  it('never adds an organisation of a kind that cannot fill the role, even when its problems are accepted', async () => {
    const { id, home } = await hardCase();
    const nurse = await homeCareProvider(app, home, 'visiting_nursing');
    const fit = await api(
      app.baseUrl,
      'GET',
      `/api/v1/cases/${id}/team/fit?role=primary_doctor&organizationId=${nurse.organization.id}`,
      { token: center.token },
    );
    expect(fit.body.canAdd).toBe(false);
    expect(fit.body.problems.find((problem: any) => problem.code === 'kind')).toMatchObject({ refuses: true });
    const refused = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/team`, {
      token: center.token,
      body: { role: 'primary_doctor', organizationId: nurse.organization.id, acceptProblems: true, note: '電話で確認' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'validation_failed', reason: 'organization_cannot_serve' });
  });

  it('keeps the old call working: a fitting organisation without a note, said as before in the timeline', async () => {
    const { id, home } = await hardCase();
    const fitting = await homeCareProvider(app, home, 'clinic', {
      groups: ['pediatric_medical_care'],
      procedures: ['ventilator', 'tracheostomy'],
    });
    const added = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/team`, {
      token: liaison.token,
      body: { role: 'primary_doctor', organizationId: fitting.organization.id },
    });
    expect(added.status, added.text).toBe(201);
    const timeline = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/timeline`, { token: liaison.token });
    const entry = timeline.body.items.find((event: any) => event.kind === 'member_added');
    expect(entry.summary).toBe(`${fitting.organization.name}を「主治医」としてチームに加えました`);
    expect(entry.details).toMatchObject({ note: null, variant: null });
  });

  it('counts 福祉窓口 as filled once a welfare window acknowledged its link, and lists the links on the team', async () => {
    const { id } = await hardCase();
    const office = await staffedOrganization(app, 'welfare_office', '南区西福祉事務所');
    const requested = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/welfare-links`, {
      token: center.token,
      body: { organizationId: office.organization.id, reason: '障害福祉サービスの相談' },
    });
    expect(requested.status, requested.text).toBe(201);
    // The window reads that the Center asked (and whom to call back), not the hospital.
    const inbox = await api(app.baseUrl, 'GET', '/api/v1/welfare-links?box=inbox', { token: office.token });
    expect(inbox.body.items[0].requestedBy).toEqual({
      name: (await api(app.baseUrl, 'GET', '/api/v1/me', { token: center.token })).body.name,
      organization: { id: center.organization?.id, name: center.organization?.name, kind: 'coordination_center' },
      phone: expect.toSatisfy((phone: unknown) => phone === null || typeof phone === 'string'),
    });
    expect(inbox.body.items[0].case.hospital.id).toBe(liaison.organization?.id);
    const before = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/team`, { token: liaison.token });
    expect(before.body.openRoles.map((role: any) => role.role)).toContain('welfare_contact');
    expect(before.body.welfareLinks).toEqual([
      expect.objectContaining({ organizationName: office.organization.name, status: 'requested' }),
    ]);
    const acknowledged = await api(app.baseUrl, 'POST', `/api/v1/welfare-links/${requested.body.id}/acknowledge`, {
      token: office.token,
      body: { response: '受け付けました' },
    });
    expect(acknowledged.status, acknowledged.text).toBe(200);
    const after = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/team`, { token: liaison.token });
    expect(after.body.openRoles.map((role: any) => role.role)).not.toContain('welfare_contact');
    expect(after.body.welfareLinks[0].status).toBe('acknowledged');
  });

  it('names the case consultation to the hospital that asked and to the Center, not to a team member', async () => {
    const { id, home } = await hardCase();
    const asHospital = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}`, { token: liaison.token });
    expect(asHospital.body.consultation).toMatchObject({ id: expect.any(String), status: 'open' });
    const asCenter = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}`, { token: center.token });
    expect(asCenter.body.consultation).toEqual(asHospital.body.consultation);
    const thread = await api(app.baseUrl, 'GET', `/api/v1/consultations/${asHospital.body.consultation.id}`, {
      token: liaison.token,
    });
    expect(thread.status).toBe(200);
    const fitting = await homeCareProvider(app, home, 'clinic', {
      groups: ['pediatric_medical_care'],
      procedures: ['ventilator', 'tracheostomy'],
    });
    await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/team`, {
      token: center.token,
      body: { role: 'primary_doctor', organizationId: fitting.organization.id },
    });
    const asMember = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}`, { token: fitting.token });
    expect(asMember.body.access).toBe('full');
    expect(asMember.body.consultation).toBeNull();
  });
});
