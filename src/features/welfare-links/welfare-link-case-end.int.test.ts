/**
 * Welfare links and the end of a case, over real HTTP. A case ends when it is closed (outcome
 * recorded, e.g. the patient died) or cancelled; a discharged case has not ended: its welfare
 * windows still work with the family at home. On an ended case a link can no longer be
 * acknowledged (409), a link only requested grants nothing, and the end of the case closes the
 * open links with a timeline entry and a notice to each window. The link names the patient's ward
 * as the rest of the API does (岡山市北区, not 北区).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { signedInAs, unique } from '../../../test/helpers/factories.js';
import { caseBody, staffedOrganization } from '../../../test/helpers/cases.js';
import { welfareLinks } from '../../db/schema.js';

// Wednesday 2026-11-25 10:00 JST
const start = new Date('2026-11-25T10:00:00+09:00');
const daiku = { lat: 34.6551, lng: 133.9195 };

/** A patient at 岡山市北区大供 (the point is in 北区), living alone in hardship, consenting to share with welfare windows. */
const body = () =>
  caseBody(daiku, {
    procedures: ['home_oxygen'],
    consent: { scope: ['center', 'referral_summary', 'team_record', 'welfare_record'] },
    livingSituation: 'alone',
    welfareIssues: ['financial_hardship', 'living_alone'],
    neededRoles: undefined,
  });

type Window = { organization: { id: string; name: string }; token: string };

describe('welfare links when the case ends', () => {
  let app: TestApp;
  let liaison: Awaited<ReturnType<typeof signedInAs>>;

  const welfareWindow = (kind = 'welfare_office', ward = '南区'): Promise<Window> =>
    staffedOrganization(
      app,
      kind,
      `岡山市${ward}${kind === 'welfare_office' ? '南福祉事務所' : '地域包括支援センター'}`,
    );

  async function newCase(): Promise<string> {
    const created = await api(app.baseUrl, 'POST', '/api/v1/cases', { token: liaison.token, body: body() });
    expect(created.status).toBe(201);
    return created.body.id as string;
  }

  async function link(caseId: string, window: Window): Promise<string> {
    const created = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/welfare-links`, {
      token: liaison.token,
      body: { organizationId: window.organization.id, reason: '独居・生活困窮のため生活保護の相談' },
    });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('requested');
    return created.body.id as string;
  }

  async function version(caseId: string): Promise<number> {
    return (await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}`, { token: liaison.token })).body.version as number;
  }

  async function caseAction(caseId: string, method: 'POST' | 'PUT', path: string, body: unknown) {
    const response = await api(app.baseUrl, method, `/api/v1/cases/${caseId}/${path}`, {
      token: liaison.token,
      body,
      headers: { 'if-match': `"${await version(caseId)}"` },
    });
    expect(response.status, response.text).toBe(200);
    return response.body;
  }

  const discharge = (caseId: string) => caseAction(caseId, 'POST', 'discharge', { dischargedOn: '2026-11-25' });
  const recordOutcome = (caseId: string, outcome: string) =>
    caseAction(caseId, 'PUT', 'outcome', { outcome, on: '2026-11-25' });

  async function acknowledge(window: Window, linkId: string) {
    return api(app.baseUrl, 'POST', `/api/v1/welfare-links/${linkId}/acknowledge`, {
      token: window.token,
      body: { response: 'ケースワーカー田中が担当します。' },
    });
  }

  async function linkOf(window: Window, linkId: string) {
    const inbox = await api(app.baseUrl, 'GET', '/api/v1/welfare-links?limit=500', { token: window.token });
    expect(inbox.status).toBe(200);
    return (inbox.body.items as any[]).find((item) => item.id === linkId);
  }

  /** What the window can reach of the case: the case itself, its thread, and whether the case list shows it. */
  async function reach(window: Window, caseId: string) {
    const view = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}`, { token: window.token });
    const thread = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/messages`, { token: window.token });
    const list = await api(app.baseUrl, 'GET', '/api/v1/cases?limit=100', { token: window.token });
    return {
      status: view.status,
      access: view.body?.access as string | undefined,
      text: view.text,
      thread: thread.status,
      listed: (list.body.items as any[]).some((item) => item.id === caseId),
    };
  }

  beforeAll(async () => {
    app = await startTestApp({ start });
    liaison = await signedInAs(app, 'hospital_liaison', { name: `岡山中央病院 ${unique()}` });
  });
  afterAll(async () => {
    await app.close();
  });

  it("names the patient's ward as the case and the referral summaries do (岡山市北区, not 北区)", async () => {
    const caseId = await newCase();
    const window = await welfareWindow();
    const linkId = await link(caseId, window);
    const hospitalView = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}`, { token: liaison.token });
    expect(hospitalView.body.patient.areaCode).toBe('33101');
    // The window's own view of the case (the minimum necessary, as a referral candidate's) and its inbox agree.
    const summary = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}`, { token: window.token });
    expect(summary.body).toMatchObject({ access: 'summary', areaCode: '33101', areaName: '岡山市北区' });
    const inboxed = await linkOf(window, linkId);
    expect(inboxed.case).toMatchObject({ areaCode: '33101', areaName: '岡山市北区' });
    const listed = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/welfare-links`, { token: liaison.token });
    expect(listed.body.items[0].case.areaName).toBe('岡山市北区');
  });

  it('keeps the links of a discharged case: the window still acknowledges and sees the record', async () => {
    const caseId = await newCase();
    const window = await welfareWindow('community_support_center');
    const linkId = await link(caseId, window);
    await discharge(caseId);
    expect((await linkOf(window, linkId)).status).toBe('requested');
    expect(await reach(window, caseId)).toMatchObject({ status: 200, access: 'summary', thread: 403 });
    const acknowledged = await acknowledge(window, linkId);
    expect(acknowledged.status).toBe(200);
    expect(await reach(window, caseId)).toMatchObject({ status: 200, access: 'full', thread: 200, listed: true });
  });

  it('the death of the patient closes the open links, says so in the timeline and tells each window', async () => {
    const caseId = await newCase();
    const requested = await welfareWindow();
    const acknowledgedWindow = await welfareWindow('community_support_center');
    const requestedLink = await link(caseId, requested);
    const acknowledgedLink = await link(caseId, acknowledgedWindow);
    expect((await acknowledge(acknowledgedWindow, acknowledgedLink)).status).toBe(200);
    await discharge(caseId);
    const closedCase = await recordOutcome(caseId, 'died_home');
    expect(closedCase.status).toBe('closed');

    for (const [window, linkId] of [
      [requested, requestedLink],
      [acknowledgedWindow, acknowledgedLink],
    ] as const) {
      expect((await linkOf(window, linkId)).status).toBe('closed');
      const notices = await api(app.baseUrl, 'GET', '/api/v1/notifications?limit=500', { token: window.token });
      const closedNotice = (notices.body.items as any[]).find(
        (item) => item.kind === 'welfare_link_closed' && item.entityId === linkId,
      );
      expect(closedNotice, JSON.stringify(notices.body.items)).toBeDefined();
      expect(closedNotice.body).toContain('患者が亡くなられたため');
      expect(closedNotice.link).toBe('/welfare-links');
      // No name in a notice.
      expect(JSON.stringify(closedNotice)).not.toContain('岡山 花子');
      // The case is out of its sight now, and the link cannot be acknowledged any more.
      expect(await reach(window, caseId)).toMatchObject({ status: 404, thread: 404, listed: false });
      const late = await acknowledge(window, linkId);
      expect(late.status).toBe(409);
      expect(late.body.error.code).toBe('invalid_transition');
    }
    const timeline = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/timeline`, { token: liaison.token });
    const closings = (timeline.body.items as any[]).filter((event) => event.kind === 'welfare_link_closed');
    expect(closings.map((event) => event.summary).sort()).toEqual(
      [
        `${requested.organization.name}との福祉の連携を終了しました（患者が亡くなられたため）`,
        `${acknowledgedWindow.organization.name}との福祉の連携を終了しました（患者が亡くなられたため）`,
      ].sort(),
    );
    expect(closings[0].details).toMatchObject({ by: 'case_ended', variant: 'note', note: '患者が亡くなられたため' });
  });

  it('cancelling a case closes its open links and tells the windows', async () => {
    const caseId = await newCase();
    const window = await welfareWindow();
    const linkId = await link(caseId, window);
    const cancelled = await caseAction(caseId, 'POST', 'cancel', { reason: '当面は入院を継続するため' });
    expect(cancelled.status).toBe('cancelled');
    expect((await linkOf(window, linkId)).status).toBe('closed');
    const notices = await api(app.baseUrl, 'GET', '/api/v1/notifications?limit=500', { token: window.token });
    const closedNotice = (notices.body.items as any[]).find(
      (item) => item.kind === 'welfare_link_closed' && item.entityId === linkId,
    );
    expect(closedNotice.body).toContain('ケースが中止されたため');
    // The hospital's free-text reason stays out of the notice.
    expect(closedNotice.body).not.toContain('入院を継続');
    expect(await reach(window, caseId)).toMatchObject({ status: 404, listed: false });
    expect((await acknowledge(window, linkId)).status).toBe(409);
  });

  it('refuses to acknowledge a link left open on an ended case (409), which never opens the record', async () => {
    // The case closed by a death, its link left requested (as before the end of a case closed links).
    const caseId = await newCase();
    const window = await welfareWindow();
    const linkId = await link(caseId, window);
    await discharge(caseId);
    await recordOutcome(caseId, 'died_home');
    await app.database.db
      .update(welfareLinks)
      .set({ status: 'requested', response: null })
      .where(eq(welfareLinks.id, linkId));

    // An unacknowledged link on an ended case shows nothing: no summary, no record, no thread, not in the list.
    expect(await reach(window, caseId)).toMatchObject({ status: 404, thread: 404, listed: false });
    const refused = await acknowledge(window, linkId);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'invalid_transition',
      message: 'このケースは「転帰記録済み」で終了しているため、福祉の連携を受け付けられません。',
    });
    expect((await linkOf(window, linkId)).status).toBe('requested');
    const after = await reach(window, caseId);
    expect(after).toMatchObject({ status: 404, thread: 404 });
    for (const secret of ['岡山 花子', '大供', '086-000-1111']) expect(after.text).not.toContain(secret);
    // The window (or the hospital) may still close it.
    const closed = await api(app.baseUrl, 'POST', `/api/v1/welfare-links/${linkId}/close`, {
      token: window.token,
      body: {},
    });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
  });

  it('a case closed by another outcome closes its requested link, which never opens the record', async () => {
    const caseId = await newCase();
    const window = await welfareWindow();
    const linkId = await link(caseId, window);
    await discharge(caseId);
    const closedCase = await recordOutcome(caseId, 'home');
    expect(closedCase.status).toBe('closed');
    // The outcome ends the case: the link left 依頼中 is closed with the reason (it stayed requested before).
    expect((await linkOf(window, linkId)).status).toBe('closed');
    const notices = await api(app.baseUrl, 'GET', '/api/v1/notifications?limit=100', { token: window.token });
    const closing = (notices.body.items as any[]).find(
      (item) => item.kind === 'welfare_link_closed' && item.entityId === linkId,
    );
    expect(closing.body).toContain('転帰が記録されたため');
    const refused = await acknowledge(window, linkId);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('invalid_transition');
    expect(await reach(window, caseId)).toMatchObject({ status: 404, thread: 404, listed: false });
  });
});
