import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildOrganization, signedInAs } from '../../../test/helpers/factories.js';
import {
  caseBody,
  caseTestStart as start,
  homeCareProvider,
  refer,
  routedCase,
  spot,
  staffedOrganization,
  type CaseOverrides,
  type Home,
  type HomeCareProvider,
} from '../../../test/helpers/cases.js';
import { expectNoRepeats, expectPagingRefusals, walkPages } from '../../../test/helpers/paging.js';

/** This file's cases: living alone in financial hardship, consent including the welfare record, no roles asked for. */
const caseAt = (home: Home, overrides: CaseOverrides = {}) =>
  caseBody(
    home,
    {
      consent: { scope: ['center', 'referral_summary', 'team_record', 'welfare_record'] },
      livingSituation: 'alone',
      welfareIssues: ['financial_hardship', 'living_alone'],
      neededRoles: undefined,
    },
    overrides,
  );

describe('welfare links (福祉の連携)', () => {
  let app: TestApp;
  let liaison: Awaited<ReturnType<typeof signedInAs>>;
  let stranger: Awaited<ReturnType<typeof signedInAs>>;
  let welfareOffice: Awaited<ReturnType<typeof staffedOrganization>>;
  let healthCenter: Awaited<ReturnType<typeof staffedOrganization>>;
  let nurse: HomeCareProvider;
  let caseId: string;

  beforeAll(async () => {
    app = await startTestApp({ start });
    liaison = await signedInAs(app, 'hospital_liaison', { name: `福祉連携病院 ${randomUUID().slice(0, 4)}` });
    stranger = await signedInAs(app, 'provider');
    welfareOffice = await staffedOrganization(app, 'welfare_office', '北区福祉事務所');
    healthCenter = await staffedOrganization(app, 'public_health_center', '岡山市保健所');
    const home = spot();
    ({ id: caseId } = await routedCase(app, liaison.token, caseAt(home)));
    // 訪問看護 joins the team (a team member, but not a coordinator).
    nurse = await homeCareProvider(app, home, 'visiting_nursing', { isAvailable24h: false });
    await refer(app, liaison.token, caseId, 'visiting_nurse', nurse, { accept: true });
  });
  afterAll(async () => {
    await app.close();
  });

  it('refuses callers who are not signed in with 401', async () => {
    const response = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/welfare-links`, {
      body: { organizationId: welfareOffice.organization.id, reason: '生活保護の相談' },
    });
    expect(response.status).toBe(401);
    expect((await api(app.baseUrl, 'GET', '/api/v1/welfare-links')).status).toBe(401);
  });

  it('refuses a missing reason, and an organisation that is not a welfare window with 400 saying so', async () => {
    const noReason = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/welfare-links`, {
      token: liaison.token,
      body: { organizationId: welfareOffice.organization.id, reason: '' },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('validation_failed');
    const clinic = await staffedOrganization(app, 'clinic', '北区クリニック');
    const notWelfare = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/welfare-links`, {
      token: liaison.token,
      body: { organizationId: clinic.organization.id, reason: '生活保護の相談' },
    });
    expect(notWelfare.status).toBe(400);
    expect(notWelfare.body.error).toMatchObject({ code: 'validation_failed', reason: 'organization_not_welfare' });
    expect(notWelfare.body.error.message).toContain('福祉事務所・保健所・社会福祉協議会・地域包括支援センター');
    expect(notWelfare.body.error.details[0].message).toContain('「診療所」');
    const unknown = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/welfare-links`, {
      token: liaison.token,
      body: { organizationId: randomUUID(), reason: '生活保護の相談' },
    });
    expect(unknown.status).toBe(400);
    const links = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/welfare-links`, { token: liaison.token });
    expect(links.body.items).toEqual([]);
  });

  it('lets only coordinators link: a team member gets 403, a stranger 404', async () => {
    const asNurse = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/welfare-links`, {
      token: nurse.token,
      body: { organizationId: welfareOffice.organization.id, reason: '生活保護の相談' },
    });
    expect(asNurse.status).toBe(403);
    const asStranger = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/welfare-links`, {
      token: stranger.token,
      body: { organizationId: welfareOffice.organization.id, reason: '生活保護の相談' },
    });
    expect(asStranger.status).toBe(404);
    expect(
      (await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/welfare-links`, { token: stranger.token })).status,
    ).toBe(404);
    // The welfare office has no link yet: the case does not exist for it.
    expect((await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}`, { token: welfareOffice.token })).status).toBe(404);
  });

  it('tracks a link requested → acknowledged → closed; the window sees the case only while it is open', async () => {
    // 病院 → 福祉事務所: request (idempotent), the window is told and sees the minimum necessary.
    const key = `welfare-${randomUUID()}`;
    const body = { organizationId: welfareOffice.organization.id, reason: '生活困窮のため生活保護の申請を相談したい' };
    const created = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/welfare-links`, {
      token: liaison.token,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      caseId,
      organization: {
        id: welfareOffice.organization.id,
        name: welfareOffice.organization.name,
        kind: 'welfare_office',
      },
      reason: body.reason,
      status: 'requested',
      response: null,
      createdAt: '2026-11-25T10:00:00.000+09:00',
    });
    const retry = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/welfare-links`, {
      token: liaison.token,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(retry.body.id).toBe(created.body.id);
    const duplicate = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/welfare-links`, {
      token: liaison.token,
      body,
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({ code: 'invalid_transition', reason: 'welfare_link_exists' });
    const linkId = created.body.id as string;

    const notices = await api(app.baseUrl, 'GET', '/api/v1/notifications', { token: welfareOffice.token });
    expect(notices.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'welfare_link_new', link: '/welfare-links' })]),
    );
    const inbox = await api(app.baseUrl, 'GET', '/api/v1/welfare-links?box=inbox', { token: welfareOffice.token });
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((item: any) => item.id)).toEqual([linkId]);
    expect(inbox.body.items[0].case).toMatchObject({
      plannedDischargeDate: '2026-12-10',
      status: 'coordinating',
      ageBand: '80代',
    });
    expect(inbox.body.items[0].case.areaName).toMatch(/^岡山市(北|中|東|南)区$/);
    expect(inbox.body.items[0].requestedBy).toMatchObject({
      name: (await api(app.baseUrl, 'GET', '/api/v1/me', { token: liaison.token })).body.name,
      organization: { id: liaison.organization?.id, kind: 'hospital' },
    });
    expect(JSON.stringify(inbox.body)).not.toContain('岡山 花子');
    expect(JSON.stringify(inbox.body)).not.toContain('大供');
    expect((await api(app.baseUrl, 'GET', '/api/v1/welfare-links', { token: liaison.token })).body.items).toEqual([]);
    // Before it acknowledges: what a referral candidate sees — no name, address, phone, key person, ACP — and no thread.
    const before = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}`, { token: welfareOffice.token });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ access: 'summary', ageBand: '80代' });
    expect(before.body.patient).toBeUndefined();
    for (const secret of ['岡山 花子', '大供', '086-000-1111'])
      expect(JSON.stringify(before.body)).not.toContain(secret);
    expect(
      (await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/messages`, { token: welfareOffice.token })).status,
    ).toBe(403);

    // Only the linked window acknowledges: the hospital gets 403, a stranger 404.
    const byHospital = await api(app.baseUrl, 'POST', `/api/v1/welfare-links/${linkId}/acknowledge`, {
      token: liaison.token,
      body: { response: '受け付けます' },
    });
    expect(byHospital.status).toBe(403);
    const byStranger = await api(app.baseUrl, 'POST', `/api/v1/welfare-links/${linkId}/acknowledge`, {
      token: stranger.token,
      body: { response: '受け付けます' },
    });
    expect(byStranger.status).toBe(404);
    const noResponse = await api(app.baseUrl, 'POST', `/api/v1/welfare-links/${linkId}/acknowledge`, {
      token: welfareOffice.token,
      body: {},
    });
    expect(noResponse.status).toBe(400);
    const acknowledged = await api(app.baseUrl, 'POST', `/api/v1/welfare-links/${linkId}/acknowledge`, {
      token: welfareOffice.token,
      body: { response: 'ケースワーカー田中が担当します。退院前に面談します。' },
    });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toMatchObject({ status: 'acknowledged', response: expect.stringContaining('田中') });
    const twice = await api(app.baseUrl, 'POST', `/api/v1/welfare-links/${linkId}/acknowledge`, {
      token: welfareOffice.token,
      body: { response: 'もう一度' },
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: 'invalid_transition' });
    expect(twice.body.error.message).toContain('「受付済み」の状態のため、「受付」はできません');
    const hospitalNotices = await api(app.baseUrl, 'GET', '/api/v1/notifications', { token: liaison.token });
    expect(hospitalNotices.body.items.some((item: any) => item.kind === 'welfare_link_acknowledged')).toBe(true);
    // Once acknowledged, with the patient's consent for welfare windows: the record and the thread.
    const after = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}`, { token: welfareOffice.token });
    expect(after.body).toMatchObject({ access: 'full', patient: { name: '岡山 花子' } });
    expect(
      (await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/messages`, { token: welfareOffice.token })).status,
    ).toBe(200);

    const listed = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/welfare-links`, { token: nurse.token });
    expect(listed.body.items).toEqual([expect.objectContaining({ id: linkId, status: 'acknowledged' })]);

    // The window closes it: the case disappears for it; closing again is a bad transition (409).
    const closedLink = await api(app.baseUrl, 'POST', `/api/v1/welfare-links/${linkId}/close`, {
      token: welfareOffice.token,
      body: { note: '生活保護の申請を受理しました' },
    });
    expect(closedLink.status).toBe(200);
    expect(closedLink.body.status).toBe('closed');
    expect((await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}`, { token: welfareOffice.token })).status).toBe(404);
    const closedAgain = await api(app.baseUrl, 'POST', `/api/v1/welfare-links/${linkId}/close`, {
      token: welfareOffice.token,
      body: {},
    });
    expect(closedAgain.status).toBe(409);
    expect(closedAgain.body.error.code).toBe('invalid_transition');
    const closedNotices = await api(app.baseUrl, 'GET', '/api/v1/notifications', { token: liaison.token });
    expect(closedNotices.body.items.some((item: any) => item.kind === 'welfare_link_closed')).toBe(true);

    // A new link may be opened once the old one is closed.
    const reopened = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/welfare-links`, {
      token: liaison.token,
      body: { organizationId: welfareOffice.organization.id, reason: '退院後の見守りを依頼' },
    });
    expect(reopened.status).toBe(201);

    const timeline = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/timeline`, { token: liaison.token });
    const kinds = timeline.body.items.map((event: any) => event.kind);
    expect(kinds.filter((kind: string) => kind.startsWith('welfare_link_'))).toEqual([
      'welfare_link_requested',
      'welfare_link_acknowledged',
      'welfare_link_closed',
      'welfare_link_requested',
    ]);
    const audit = await api(app.baseUrl, 'GET', `/api/v1/audit?entity=welfare_link&entityId=${linkId}`, {
      token: liaison.token,
    });
    expect(audit.body.items.map((event: any) => event.action).sort()).toEqual(['acknowledge', 'close', 'request']);
  });

  it('needs the consent to share with welfare windows: 400 consent_required without it, and only it opens the record', async () => {
    const noWelfareConsent = {
      scope: ['center', 'referral_summary', 'team_record'],
      recordedBy: '退院調整看護師 山田',
    };
    const made = await api(app.baseUrl, 'POST', '/api/v1/cases', {
      token: liaison.token,
      body: caseAt(spot(), { consent: noWelfareConsent }),
    });
    expect(made.status).toBe(201);
    const council = await staffedOrganization(app, 'social_welfare_council', '岡山市社会福祉協議会');
    const refused = await api(app.baseUrl, 'POST', `/api/v1/cases/${made.body.id}/welfare-links`, {
      token: liaison.token,
      body: { organizationId: council.organization.id, reason: '日常生活自立支援事業の相談' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'validation_failed', reason: 'consent_required' });
    expect(refused.body.error.message).toContain('福祉の連携先');
    const none = await api(app.baseUrl, 'GET', `/api/v1/cases/${made.body.id}/welfare-links`, { token: liaison.token });
    expect(none.body.items).toEqual([]);
    expect((await api(app.baseUrl, 'GET', `/api/v1/cases/${made.body.id}`, { token: council.token })).status).toBe(404);

    // The consent recorded on the edit page: the link may be requested and, once acknowledged, opens the record.
    const patchConsent = async (scope: string[]) => {
      const current = await api(app.baseUrl, 'GET', `/api/v1/cases/${made.body.id}`, { token: liaison.token });
      const patched = await api(app.baseUrl, 'PATCH', `/api/v1/cases/${made.body.id}`, {
        token: liaison.token,
        body: { consent: { scope, recordedBy: '退院調整看護師 山田' } },
        headers: { 'if-match': `"${current.body.version}"` },
      });
      expect(patched.status, patched.text).toBe(200);
    };
    await patchConsent([...noWelfareConsent.scope, 'welfare_record']);
    const linked = await api(app.baseUrl, 'POST', `/api/v1/cases/${made.body.id}/welfare-links`, {
      token: liaison.token,
      body: { organizationId: council.organization.id, reason: '日常生活自立支援事業の相談' },
    });
    expect(linked.status, linked.text).toBe(201);
    const acknowledged = await api(app.baseUrl, 'POST', `/api/v1/welfare-links/${linked.body.id}/acknowledge`, {
      token: council.token,
      body: { response: '担当の専門員が伺います。' },
    });
    expect(acknowledged.status).toBe(200);
    const full = await api(app.baseUrl, 'GET', `/api/v1/cases/${made.body.id}`, { token: council.token });
    expect(full.body).toMatchObject({ access: 'full', patient: { name: '岡山 花子' } });

    // The consent withdrawn: an acknowledged link is back to the minimum necessary, out of the thread.
    await patchConsent(noWelfareConsent.scope);
    const summary = await api(app.baseUrl, 'GET', `/api/v1/cases/${made.body.id}`, { token: council.token });
    expect(summary.body).toMatchObject({ access: 'summary' });
    expect(JSON.stringify(summary.body)).not.toContain('岡山 花子');
    expect(
      (await api(app.baseUrl, 'GET', `/api/v1/cases/${made.body.id}/messages`, { token: council.token })).status,
    ).toBe(403);
  });

  it('lets the hospital close a link that was never acknowledged, and tells the window', async () => {
    const created = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/welfare-links`, {
      token: liaison.token,
      body: { organizationId: healthCenter.organization.id, reason: '難病の医療費助成の相談' },
    });
    expect(created.status).toBe(201);
    // A team member may read the links but not close them.
    const byNurse = await api(app.baseUrl, 'POST', `/api/v1/welfare-links/${created.body.id}/close`, {
      token: nurse.token,
      body: {},
    });
    expect(byNurse.status).toBe(403);
    const closed = await api(app.baseUrl, 'POST', `/api/v1/welfare-links/${created.body.id}/close`, {
      token: liaison.token,
      body: { note: '家族が直接申請するため' },
    });
    expect(closed.body).toMatchObject({ status: 'closed', response: null });
    const late = await api(app.baseUrl, 'POST', `/api/v1/welfare-links/${created.body.id}/acknowledge`, {
      token: healthCenter.token,
      body: { response: '承知しました' },
    });
    expect(late.status).toBe(409);
    const notices = await api(app.baseUrl, 'GET', '/api/v1/notifications', { token: healthCenter.token });
    expect(notices.body.items.map((item: any) => item.kind)).toEqual(
      expect.arrayContaining(['welfare_link_new', 'welfare_link_closed']),
    );
    const inbox = await api(app.baseUrl, 'GET', '/api/v1/welfare-links?status=closed', { token: healthCenter.token });
    expect(inbox.body.items).toEqual([expect.objectContaining({ id: created.body.id, status: 'closed' })]);
  });
  it('asked for after the discharge, tells the window the day of discharge, not the planned date', async () => {
    const { id, version } = await routedCase(app, liaison.token, caseAt(spot()));
    const discharged = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/discharge`, {
      token: liaison.token,
      body: { dischargedOn: '2026-11-25' },
      headers: { 'if-match': `"${version}"` },
    });
    expect(discharged.status, discharged.text).toBe(200);
    const created = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/welfare-links`, {
      token: liaison.token,
      body: { organizationId: welfareOffice.organization.id, reason: '退院後に生活費の相談' },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body.case).toMatchObject({ status: 'discharged', dischargedOn: '2026-11-25' });
    const notices = await api(app.baseUrl, 'GET', '/api/v1/notifications?limit=100', { token: welfareOffice.token });
    const notice = (notices.body.items as any[]).find(
      (item) => item.kind === 'welfare_link_new' && item.entityId === created.body.id,
    );
    expect(notice.body).toContain('の患者（2026年11月25日(水)に退院済み）について連携の依頼です。');
    expect(notice.params).toMatchObject({ dischargedOn: '2026-11-25', variant: 'discharged' });
  });

  it("pages a window's inbox newest first and a case's links oldest first, each link once", async () => {
    // 病院 → 地域包括支援センター: five cases linked to one window, the middle ones at the same instant.
    const window = await staffedOrganization(app, 'community_support_center', '北地域包括支援センター');
    const inboxLinks: { id: string; createdAt: string }[] = [];
    for (const advance of [60_000, 60_000, 0, 0, 60_000]) {
      app.clock.advance(advance);
      const made = await api(app.baseUrl, 'POST', '/api/v1/cases', { token: liaison.token, body: caseAt(spot()) });
      const linked = await api(app.baseUrl, 'POST', `/api/v1/cases/${made.body.id}/welfare-links`, {
        token: liaison.token,
        body: { organizationId: window.organization.id, reason: '独居の見守りの相談' },
      });
      expect(linked.status, linked.text).toBe(201);
      inboxLinks.push({ id: linked.body.id, createdAt: linked.body.createdAt });
    }
    const newestFirst = [...inboxLinks]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id))
      .map((link) => link.id);
    for (const limit of [1, 2]) {
      const walked = await walkPages<{ id: string }>(app.baseUrl, '/api/v1/welfare-links?box=inbox', {
        token: window.token,
        limit,
      });
      expectNoRepeats(walked.items.map((item) => item.id));
      expect(walked.items.map((item) => item.id)).toEqual(newestFirst);
    }
    await expectPagingRefusals(app.baseUrl, '/api/v1/welfare-links', window.token);

    // 病院 → four windows for one new case: its list, oldest first, two of them at the same instant.
    const made = await api(app.baseUrl, 'POST', '/api/v1/cases', { token: liaison.token, body: caseAt(spot()) });
    const caseLinks: { id: string; createdAt: string }[] = [];
    for (const [index, advance] of [60_000, 0, 60_000, 60_000].entries()) {
      app.clock.advance(advance);
      const kinds = ['welfare_office', 'public_health_center', 'social_welfare_council', 'community_support_center'];
      const target = await buildOrganization(app.database, {
        kind: kinds[index],
        name: `連携先 ${randomUUID().slice(0, 4)}`,
      });
      const linked = await api(app.baseUrl, 'POST', `/api/v1/cases/${made.body.id}/welfare-links`, {
        token: liaison.token,
        body: { organizationId: target.id, reason: '退院後の生活の相談' },
      });
      expect(linked.status, linked.text).toBe(201);
      caseLinks.push({ id: linked.body.id, createdAt: linked.body.createdAt });
    }
    const oldestFirst = [...caseLinks]
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
      .map((link) => link.id);
    for (const limit of [1, 3]) {
      const walked = await walkPages<{ id: string }>(app.baseUrl, `/api/v1/cases/${made.body.id}/welfare-links`, {
        token: liaison.token,
        limit,
      });
      expectNoRepeats(walked.items.map((item) => item.id));
      expect(walked.items.map((item) => item.id)).toEqual(oldestFirst);
    }
    await expectPagingRefusals(app.baseUrl, `/api/v1/cases/${made.body.id}/welfare-links`, liaison.token);
  });
});
