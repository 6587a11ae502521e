import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildUser, login, signedInAs } from '../../../test/helpers/factories.js';
import {
  caseBody,
  caseTestStart as start,
  homeCareProvider,
  refer,
  routedCase,
  spot,
  type Home,
  type HomeCareProvider,
} from '../../../test/helpers/cases.js';
import { expectNoRepeats, expectPagingRefusals, walkPages } from '../../../test/helpers/paging.js';

/** This file's cases: admitted on 2026-11-01. */
const caseAt = (home: Home) => caseBody(home, { admissionDate: '2026-11-01' });

describe("the team's message thread of a case", () => {
  let app: TestApp;
  let liaison: Awaited<ReturnType<typeof signedInAs>>;
  let center: Awaited<ReturnType<typeof signedInAs>>;
  let stranger: Awaited<ReturnType<typeof signedInAs>>;
  let caseId: string;
  let nurse: HomeCareProvider;
  let candidate: HomeCareProvider;

  beforeAll(async () => {
    app = await startTestApp({ start });
    liaison = await signedInAs(app, 'hospital_liaison', { name: `スレッド総合病院 ${randomUUID().slice(0, 4)}` });
    center = await signedInAs(app, 'center_coordinator');
    stranger = await signedInAs(app, 'provider');
    // 病院 → 訪問看護（受諾してチームへ）・診療所（主治医の紹介を検討中 = 候補のまま）
    const home = spot();
    ({ id: caseId } = await routedCase(app, liaison.token, caseAt(home)));
    nurse = await homeCareProvider(app, home, 'visiting_nursing', { userName: '訪問看護師 佐藤' });
    candidate = await homeCareProvider(app, home, 'clinic', { userName: '在宅医 鈴木' });
    await refer(app, liaison.token, caseId, 'visiting_nurse', nurse, { accept: true });
    await refer(app, liaison.token, caseId, 'primary_doctor', candidate);
  });
  afterAll(async () => {
    await app.close();
  });

  it('refuses callers who are not signed in with 401', async () => {
    expect((await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/messages`)).status).toBe(401);
    const post = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/messages`, { body: { body: 'こんにちは' } });
    expect(post.status).toBe(401);
  });

  it('refuses an empty message or unknown fields with 400', async () => {
    const empty = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/messages`, {
      token: liaison.token,
      body: { body: '   ' },
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('validation_failed');
    const extra = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/messages`, {
      token: liaison.token,
      body: { body: 'x', author: 'someone' },
    });
    expect(extra.status).toBe(400);
  });

  it('tells a mere candidate 403 in Japanese and a stranger 404 (the case is not revealed)', async () => {
    const asCandidate = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/messages`, { token: candidate.token });
    expect(asCandidate.status).toBe(403);
    expect(asCandidate.body.error.message).toMatch(/在宅チーム/);
    const postAsCandidate = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/messages`, {
      token: candidate.token,
      body: { body: '質問です' },
    });
    expect(postAsCandidate.status).toBe(403);
    for (const token of [stranger.token, center.token]) {
      expect((await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/messages`, { token })).status).toBe(404);
      const post = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/messages`, {
        token,
        body: { body: 'こんにちは' },
      });
      expect(post.status).toBe(404);
    }
    const unknown = await api(app.baseUrl, 'GET', `/api/v1/cases/${randomUUID()}/messages`, { token: liaison.token });
    expect(unknown.status).toBe(404);
  });

  it('lets the hospital and the team talk, in posting order, with read receipts and notifications', async () => {
    // 病院 → 在宅チーム: three messages at the same instant (the test clock does not move) keep their order.
    const bodies = ['退院前に自宅の環境を確認したいです。', '酸素の業者には連絡済みです。', '12/1 に訪問できますか？'];
    const posted = [];
    for (const body of bodies) {
      const response = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/messages`, {
        token: liaison.token,
        body: { body },
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        body,
        isMine: true,
        readBy: [],
        // Nobody of the nurse's station has read it yet: the receipt names it (「未読: 1組織」), not a bare 未読.
        unreadOrganizations: [{ id: nurse.organization.id, name: nurse.organization.name }],
        authorOrganizationId: liaison.organization!.id,
      });
      posted.push(response.body);
    }
    expect(new Set(posted.map((message) => message.createdAt)).size).toBe(1);

    // The nurse is told, the hospital is not told of its own message.
    const nurseNotifications = await api(app.baseUrl, 'GET', '/api/v1/notifications', { token: nurse.token });
    const threadNotices = nurseNotifications.body.items.filter((item: any) => item.kind === 'case_message');
    expect(threadNotices).toHaveLength(3);
    expect(threadNotices[0].link).toBe(`/cases/${caseId}`);
    // Which patient, by age band and ward (never the name), so that a list of many cases can be told apart.
    expect(threadNotices[0].title).toMatch(
      /^チームのスレッドに新しいメッセージ（.+の患者・80代・岡山市[北中東南]区）$/,
    );
    expect(threadNotices[0].params).toMatchObject({ variant: 'patient', ageBand: '80代' });
    const hospitalNotifications = await api(app.baseUrl, 'GET', '/api/v1/notifications', { token: liaison.token });
    expect(hospitalNotifications.body.items.some((item: any) => item.kind === 'case_message')).toBe(false);
    const candidateNotifications = await api(app.baseUrl, 'GET', '/api/v1/notifications', { token: candidate.token });
    expect(candidateNotifications.body.items.some((item: any) => item.kind === 'case_message')).toBe(false);

    // 訪問看護 reads (three unread, now read) and answers.
    const read = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/messages`, { token: nurse.token });
    expect(read.status).toBe(200);
    // Three were new; this reading marked them read, so nothing is unread in the same response.
    expect(read.body.newlyRead).toBe(3);
    expect(read.body.unreadCount).toBe(0);
    expect(read.body.items.map((message: any) => message.body)).toEqual(bodies);
    expect(read.body.items[0]).toMatchObject({ isMine: false, authorOrganizationName: liaison.organization!.name });
    const again = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/messages`, { token: nurse.token });
    expect(again.body).toMatchObject({ unreadCount: 0, newlyRead: 0 });
    const answer = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/messages`, {
      token: nurse.token,
      body: { body: '12/1 の午後に伺います。' },
      headers: { 'idempotency-key': `msg-${caseId}` },
    });
    expect(answer.status).toBe(201);
    const retry = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/messages`, {
      token: nurse.token,
      body: { body: '12/1 の午後に伺います。' },
      headers: { 'idempotency-key': `msg-${caseId}` },
    });
    expect(retry.body.id).toBe(answer.body.id);

    // The hospital sees who read what: the nurse in readBy of its three messages.
    const hospitalView = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/messages`, { token: liaison.token });
    expect(hospitalView.body.items).toHaveLength(4);
    expect(hospitalView.body).toMatchObject({ unreadCount: 0, newlyRead: 1 });
    for (const message of hospitalView.body.items.slice(0, 3)) {
      expect(message.readBy).toEqual([
        {
          userId: nurse.user.id,
          name: '訪問看護師 佐藤',
          organizationName: nurse.organization.name,
          readAt: '2026-11-25T10:00:00.000+09:00',
        },
      ]);
      // The station read it: nobody of the thread is left waiting.
      expect(message.unreadOrganizations).toEqual([]);
    }
    expect(hospitalView.body.items[3]).toMatchObject({ body: '12/1 の午後に伺います。', isMine: false });
    const hospitalNotices = await api(app.baseUrl, 'GET', '/api/v1/notifications', { token: liaison.token });
    expect(hospitalNotices.body.items.filter((item: any) => item.kind === 'case_message')).toHaveLength(1);
    const nurseAfter = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/messages`, { token: nurse.token });
    expect(nurseAfter.body.items[3].readBy.map((reader: any) => reader.userId)).toEqual([liaison.user.id]);

    // Every read is audited and every post is on the timeline.
    const audit = await api(app.baseUrl, 'GET', `/api/v1/audit?entity=case&entityId=${caseId}&limit=200`, {
      token: liaison.token,
    });
    const actions = audit.body.items.map((event: any) => `${event.action}:${event.details?.what ?? ''}`);
    expect(actions).toEqual(expect.arrayContaining(['read:messages', 'post_message:']));
    const timeline = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/timeline`, { token: liaison.token });
    expect(timeline.body.items.filter((event: any) => event.kind === 'message_posted')).toHaveLength(4);
  });

  it('pages the thread oldest first, each message once, the first page telling what was unread', async () => {
    // 病院: five messages on a new case's thread; a colleague of the same hospital reads them page by page.
    const created = await api(app.baseUrl, 'POST', '/api/v1/cases', { token: liaison.token, body: caseAt(spot()) });
    const id = created.body.id as string;
    const bodies = ['一', '二', '三', '四', '五'].map((number) => `連絡${number}: 退院前の確認事項です。`);
    for (const body of bodies) {
      const posted = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/messages`, {
        token: liaison.token,
        body: { body },
      });
      expect(posted.status, posted.text).toBe(201);
    }
    const colleague = await buildUser(app.database, {
      role: 'hospital_liaison',
      organizationId: liaison.organization!.id,
    });
    const colleagueToken = await login(app, colleague.email);

    const walked = await walkPages<{ id: string; body: string }>(app.baseUrl, `/api/v1/cases/${id}/messages`, {
      token: colleagueToken,
      limit: 2,
    });
    expect(walked.pages).toHaveLength(3);
    expectNoRepeats(walked.items.map((message) => message.id));
    expect(walked.items.map((message) => message.body)).toEqual(bodies);
    // Reading any page marks the whole thread read: only the first page had anything unread.
    expect(walked.pages.map((page) => (page.body as unknown as { newlyRead: number }).newlyRead)).toEqual([5, 0, 0]);
    expect(walked.pages.map((page) => (page.body as unknown as { unreadCount: number }).unreadCount)).toEqual([
      0, 0, 0,
    ]);
    const byOne = await walkPages<{ id: string; readBy: { userId: string }[] }>(
      app.baseUrl,
      `/api/v1/cases/${id}/messages`,
      { token: liaison.token, limit: 1 },
    );
    expect(byOne.items.map((message) => message.id)).toEqual(walked.items.map((message) => message.id));
    for (const message of byOne.items) expect(message.readBy.map((reader) => reader.userId)).toEqual([colleague.id]);

    await expectPagingRefusals(app.baseUrl, `/api/v1/cases/${id}/messages`, liaison.token);
  });

  it('includes the Center once the case is brought to it, and tells it of new messages', async () => {
    // 病院 → センター: the Center joins the thread of a center-routed case.
    const home = spot();
    const created = await api(app.baseUrl, 'POST', '/api/v1/cases', { token: liaison.token, body: caseAt(home) });
    const id = created.body.id as string;
    expect((await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/messages`, { token: center.token })).status).toBe(404);
    await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/route`, {
      token: liaison.token,
      body: { route: 'center', difficulty: ['welfare'], note: '独居で生活困窮' },
      headers: { 'if-match': `"${created.body.version}"` },
    });
    const posted = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/messages`, {
      token: liaison.token,
      body: { body: 'センターの皆さま、よろしくお願いします。' },
    });
    expect(posted.status).toBe(201);
    const notices = await api(app.baseUrl, 'GET', '/api/v1/notifications', { token: center.token });
    expect(notices.body.items.some((item: any) => item.kind === 'case_message' && item.link === `/cases/${id}`)).toBe(
      true,
    );
    const asCenter = await api(app.baseUrl, 'GET', `/api/v1/cases/${id}/messages`, { token: center.token });
    expect(asCenter.status).toBe(200);
    expect(asCenter.body.items.map((message: any) => message.body)).toEqual([
      'センターの皆さま、よろしくお願いします。',
    ]);
    const reply = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/messages`, {
      token: center.token,
      body: { body: '担当の山本です。福祉事務所にもつなぎます。' },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.authorOrganizationName).toBe(center.organization!.name);
  });
});
