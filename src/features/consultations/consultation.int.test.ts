/**
 * The Center assigns a consultation to one of its coordinators (not only to itself): the list of
 * whom it can choose, and the assignment notifying the assignee.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { auditEvents, users } from '../../db/schema.js';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { expectError } from '../../../test/helpers/errors.js';
import { buildUser, login, signedInAs } from '../../../test/helpers/factories.js';
import { expectNoRepeats, expectPagingRefusals, walkPages } from '../../../test/helpers/paging.js';
import { caseBody, routedCase, spot } from '../../../test/helpers/cases.js';

describe('assigning a consultation to a Center coordinator', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it("lists the Center's enabled coordinators and assigns a colleague, who is notified", async () => {
    const center = await signedInAs(app, 'center_coordinator');
    const organizationId = center.organization!.id;
    const colleague = await buildUser(app.database, { role: 'center_coordinator', organizationId });
    const disabled = await buildUser(app.database, { role: 'center_coordinator', organizationId });
    await app.database.db.update(users).set({ isDisabled: true }).where(eq(users.id, disabled.id));
    // A coordinator of another Center is neither listed nor assignable.
    const other = await signedInAs(app, 'center_coordinator');

    const listed = await api(app.baseUrl, 'GET', '/api/v1/center/coordinators', { token: center.token });
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.items.map((item: { id: string }) => item.id).sort()).toEqual(
      [center.user.id, colleague.id].sort(),
    );

    const liaison = await signedInAs(app, 'hospital_liaison');
    const asked = await api(app.baseUrl, 'POST', '/api/v1/consultations', {
      token: liaison.token,
      body: { subject: '在宅酸素の患者の訪問診療先について', body: '北区で受け入れ可能な診療所を教えてください。' },
    });
    expect(asked.status, asked.text).toBe(201);

    const path = `/api/v1/consultations/${asked.body.id}/assign`;
    // A versioned write like any other (CONTRACT §2): without If-Match 428, with a stale one 412.
    expectError(
      await api(app.baseUrl, 'POST', path, { token: center.token, body: { userId: colleague.id } }),
      428,
      'precondition_required',
    );
    const assigned = await api(app.baseUrl, 'POST', path, {
      token: center.token,
      body: { userId: colleague.id },
      headers: { 'If-Match': `"${asked.body.version}"` },
    });
    expect(assigned.status, assigned.text).toBe(200);
    expect(assigned.body.assignedUserId).toBe(colleague.id);
    expect(assigned.body.version).toBe((asked.body.version as number) + 1);

    // Stale: the 412 says who assigned it and when, and the current version.
    const stale = await api(app.baseUrl, 'POST', path, {
      token: center.token,
      body: { userId: center.user.id },
      headers: { 'If-Match': `"${asked.body.version}"` },
    });
    expectError(stale, 412, 'version_conflict');
    expect(stale.body.error.message).toMatch(
      new RegExp(
        `^[^（]+（${center.organization!.name}）が \\d{4}年\\d{1,2}月\\d{1,2}日\\(.\\) \\d{2}:\\d{2} に更新しました。`,
      ),
    );
    expect(stale.body.error.details).toEqual([
      {
        path: 'version',
        message: `現在の版は ${assigned.body.version} です`,
        code: 'current_version',
        params: { current: assigned.body.version },
      },
    ]);
    // A version never given out: not "someone updated it", but "that version does not exist".
    const future = await api(app.baseUrl, 'POST', path, {
      token: center.token,
      body: { userId: center.user.id },
      headers: { 'If-Match': `"${(assigned.body.version as number) + 5}"` },
    });
    expectError(future, 412, 'version_conflict');
    expect(future.body.error.message).toContain('は存在しません');
    expect(future.body.error.message).not.toContain('更新しました');
    expect(future.body.error.details[0]).toMatchObject({ path: 'version', code: 'version_not_found' });

    const colleagueToken = await login(app, colleague.email);
    const notifications = await api(app.baseUrl, 'GET', '/api/v1/notifications', { token: colleagueToken });
    expect(notifications.body.items.map((item: { kind: string }) => item.kind)).toContain('consultation_assigned');

    const wrong = await api(app.baseUrl, 'POST', path, {
      token: center.token,
      body: { userId: liaison.user.id },
      headers: { 'If-Match': `"${assigned.body.version}"` },
    });
    expectError(wrong, 400, 'validation_failed');
    const otherList = await api(app.baseUrl, 'GET', '/api/v1/center/coordinators', { token: other.token });
    expect(otherList.body.items.map((item: { id: string }) => item.id)).toEqual([other.user.id]);
    const forbidden = await api(app.baseUrl, 'GET', '/api/v1/center/coordinators', { token: liaison.token });
    expectError(forbidden, 403, 'forbidden');

    // Closing and reopening are versioned writes too: the hospital that asked cannot close what the Center just
    // changed without seeing it (428 without If-Match, 412 naming who), and a closed one reopens only once.
    const closePath = `/api/v1/consultations/${asked.body.id}/close`;
    expectError(await api(app.baseUrl, 'POST', closePath, { token: liaison.token }), 428, 'precondition_required');
    const staleClose = await api(app.baseUrl, 'POST', closePath, {
      token: liaison.token,
      headers: { 'If-Match': `"${asked.body.version}"` },
    });
    expectError(staleClose, 412, 'version_conflict');
    expect(staleClose.body.error.message).toContain(center.organization!.name);
    const closed = await api(app.baseUrl, 'POST', closePath, {
      token: liaison.token,
      headers: { 'If-Match': `"${assigned.body.version}"` },
    });
    expect(closed.status, closed.text).toBe(200);
    expect(closed.body.status).toBe('closed');
    const reopenPath = `/api/v1/consultations/${asked.body.id}/reopen`;
    const reopened = await api(app.baseUrl, 'POST', reopenPath, {
      token: center.token,
      headers: { 'If-Match': `"${closed.body.version}"` },
    });
    expect(reopened.status, reopened.text).toBe(200);
    expect(reopened.body.status).not.toBe('closed');
    const twice = await api(app.baseUrl, 'POST', reopenPath, {
      token: liaison.token,
      headers: { 'If-Match': `"${closed.body.version}"` },
    });
    expectError(twice, 412, 'version_conflict');
  });
});

/**
 * The Center's inbox and the desk's own list, page by page (CONTRACT §2): every consultation once,
 * in the order asked for — received first by default, or by the case's discharge date (general
 * questions last), ties by when it came in and then by id — and bad paging refused in words.
 */
describe('paging the consultations', () => {
  // Wednesday 2026-11-25 10:00 JST; the clock stands still unless a test moves it, so rows tie.
  const start = new Date('2026-11-25T10:00:00+09:00');
  let app: TestApp;
  let center: Awaited<ReturnType<typeof signedInAs>>;
  let liaison: Awaited<ReturnType<typeof signedInAs>>;
  const created: string[] = [];

  type Item = { id: string; createdAt: string; plannedDischargeDate: string | null; assignedUserId: string | null };

  async function caseConsultation(plannedDischargeDate: string): Promise<string> {
    const body = {
      patient: {
        name: `岡山 ${randomUUID().slice(0, 4)}`,
        nameKana: 'おかやま',
        birthDate: '1940-05-01',
        sex: 'female',
        address: '岡山市北区大供1丁目1-1',
        lat: 34.662,
        lng: 133.925,
      },
      groups: ['elderly'],
      procedures: [],
      careLevel: 'care_2',
      plannedDischargeDate,
      consent: { scope: ['center', 'referral_summary', 'team_record'], recordedBy: '退院調整看護師' },
    };
    const made = await api(app.baseUrl, 'POST', '/api/v1/cases', { token: liaison.token, body });
    expect(made.status, made.text).toBe(201);
    // 病院 → センター: routing the case opens its consultation in the Center's inbox.
    const routed = await api(app.baseUrl, 'POST', `/api/v1/cases/${made.body.id}/route`, {
      token: liaison.token,
      body: { route: 'center', difficulty: ['area'], note: '担い手が少ない地域です' },
      headers: { 'if-match': `"${made.body.version}"` },
    });
    expect(routed.status, routed.text).toBe(200);
    const inbox = await api(app.baseUrl, 'GET', '/api/v1/center/consultations?kind=case&limit=500', {
      token: center.token,
    });
    const found = inbox.body.items.find((item: { caseId: string }) => item.caseId === made.body.id);
    expect(found, inbox.text).toBeDefined();
    return found.id as string;
  }

  async function generalConsultation(): Promise<string> {
    const asked = await api(app.baseUrl, 'POST', '/api/v1/consultations', {
      token: liaison.token,
      body: { subject: `一般の相談 ${randomUUID().slice(0, 4)}`, body: '訪問歯科の探し方を教えてください。' },
    });
    expect(asked.status, asked.text).toBe(201);
    return asked.body.id as string;
  }

  const byReceived = (a: Item, b: Item) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
  const byDischarge = (a: Item, b: Item) =>
    (a.plannedDischargeDate ?? '9999-12-31').localeCompare(b.plannedDischargeDate ?? '9999-12-31') || byReceived(a, b);

  beforeAll(async () => {
    app = await startTestApp({ start, isolated: true });
    center = await signedInAs(app, 'center_coordinator');
    liaison = await signedInAs(app, 'hospital_liaison');
    // Two at the same instant (ties by id), then later ones, with discharge dates that repeat.
    created.push(await caseConsultation('2026-12-10'), await generalConsultation());
    created.push(await caseConsultation('2026-12-03'));
    app.clock.advance(60_000);
    created.push(await caseConsultation('2026-12-10'), await generalConsultation());
    app.clock.advance(60_000);
    created.push(await caseConsultation('2026-12-03'), await caseConsultation('2026-12-05'));
    created.push(await generalConsultation());
  });
  afterAll(async () => {
    await app.close();
  });

  it.each([
    ['received first (the default)', '', byReceived],
    ['oldest first (sort=age)', '&sort=age', byReceived],
    ['by discharge date (sort=plannedDischargeDate)', '&sort=plannedDischargeDate', byDischarge],
  ] as const)('walks the Center inbox %s, each consultation once', async (_label, sort, order) => {
    const whole = await api(app.baseUrl, 'GET', `/api/v1/center/consultations?limit=500${sort}`, {
      token: center.token,
    });
    expect(whole.status, whole.text).toBe(200);
    expect(whole.body.nextCursor).toBeNull();
    const expected = [...(whole.body.items as Item[])].sort(order).map((item) => item.id);
    expect(whole.body.items.map((item: Item) => item.id)).toEqual(expected);
    expect(expected).toEqual(expect.arrayContaining(created));
    for (const limit of [1, 2, 3]) {
      const walked = await walkPages<Item>(app.baseUrl, `/api/v1/center/consultations${sort.replace('&', '?')}`, {
        token: center.token,
        limit,
      });
      const ids = walked.items.map((item) => item.id);
      expectNoRepeats(ids);
      expect(ids).toEqual(expected);
    }
  });

  it('pages what the hospital asked, and the unassigned filter, in the same way', async () => {
    const own = await walkPages<Item>(app.baseUrl, '/api/v1/consultations?sort=plannedDischargeDate', {
      token: liaison.token,
      limit: 2,
    });
    expect(own.items.map((item) => item.id)).toEqual([...own.items].sort(byDischarge).map((item) => item.id));
    expect([...own.items.map((item) => item.id)].sort()).toEqual([...created].sort());

    const taken = created[3]!;
    const before = await api(app.baseUrl, 'GET', `/api/v1/consultations/${taken}`, { token: center.token });
    const assigned = await api(app.baseUrl, 'POST', `/api/v1/consultations/${taken}/assign`, {
      token: center.token,
      body: { userId: center.user.id },
      headers: { 'If-Match': `"${before.body.version}"` },
    });
    expect(assigned.status, assigned.text).toBe(200);
    const unassigned = await walkPages<Item>(app.baseUrl, '/api/v1/center/consultations?assigned=unassigned', {
      token: center.token,
      limit: 1,
    });
    const ids = unassigned.items.map((item) => item.id);
    expectNoRepeats(ids);
    expect(ids).not.toContain(taken);
    expect(ids).toEqual(created.filter((id) => id !== taken).sort((a, b) => ids.indexOf(a) - ids.indexOf(b)));
    expect(unassigned.items.every((item) => item.assignedUserId === null)).toBe(true);
    const mine = await walkPages<Item>(app.baseUrl, '/api/v1/center/consultations?assigned=me', {
      token: center.token,
      limit: 1,
    });
    expect(mine.items.map((item) => item.id)).toEqual([taken]);
  });

  it("gives a case's generated subject a code and the hospital's name, and leaves a typed subject without one", async () => {
    const caseId = created[0]!;
    const generalId = created[1]!;
    const caseOne = await api(app.baseUrl, 'GET', `/api/v1/consultations/${caseId}`, { token: center.token });
    expect(caseOne.status, caseOne.text).toBe(200);
    // The Japanese subject stays as it was; the code and values sit beside it for other languages.
    expect(caseOne.body).toMatchObject({
      kind: 'case',
      subject: `退院調整の相談（${liaison.organization!.name}）`,
      subjectCode: 'case_discharge',
      subjectParams: { hospitalName: liaison.organization!.name },
    });
    const general = await api(app.baseUrl, 'GET', `/api/v1/consultations/${generalId}`, { token: liaison.token });
    expect(general.body).toMatchObject({ kind: 'general', subjectCode: null, subjectParams: null });
    expect(general.body.subject).toMatch(/^一般の相談 /);
    const inbox = await api(app.baseUrl, 'GET', '/api/v1/center/consultations?limit=500', { token: center.token });
    const listed = inbox.body.items.find((item: { id: string }) => item.id === caseId);
    expect(listed).toMatchObject({
      subjectCode: 'case_discharge',
      subjectParams: { hospitalName: liaison.organization!.name },
    });

    // センター → 調整員: the assignee's notification names the hospital too (variant `case`).
    const colleague = await buildUser(app.database, {
      role: 'center_coordinator',
      organizationId: center.organization!.id,
    });
    const assigned = await api(app.baseUrl, 'POST', `/api/v1/consultations/${caseId}/assign`, {
      token: center.token,
      body: { userId: colleague.id },
      headers: { 'If-Match': `"${caseOne.body.version}"` },
    });
    expect(assigned.status, assigned.text).toBe(200);
    expect(assigned.body.subjectCode).toBe('case_discharge');
    const notifications = await api(app.baseUrl, 'GET', '/api/v1/notifications', {
      token: await login(app, colleague.email),
    });
    const notified = notifications.body.items.find((item: { kind: string }) => item.kind === 'consultation_assigned');
    expect(notified?.params).toMatchObject({
      variant: 'case',
      subjectCode: 'case_discharge',
      hospitalName: liaison.organization!.name,
    });
    // The hospital that asked hears that the Center took its case up, and from whom; it opens the thread.
    const hospitalNotices = await api(app.baseUrl, 'GET', '/api/v1/notifications?limit=100', { token: liaison.token });
    const taken = hospitalNotices.body.items.filter(
      (item: { kind: string; entityId: string }) => item.kind === 'consultation_taken' && item.entityId === caseId,
    );
    expect(taken).toHaveLength(1);
    expect(taken[0]).toMatchObject({
      title: 'センターが退院調整の相談を受け付けました',
      link: `/consultations/${caseId}`,
      params: {
        variant: 'case',
        hospitalName: liaison.organization!.name,
        assigneeName: expect.stringContaining(colleague.email),
      },
    });
    // Back to unassigned, as the paging tests expect.
    const back = await api(app.baseUrl, 'POST', `/api/v1/consultations/${caseId}/assign`, {
      token: center.token,
      body: { userId: null },
      headers: { 'If-Match': `"${assigned.body.version}"` },
    });
    expect(back.status, back.text).toBe(200);
  });

  it('refuses limit=501 and a garbled cursor with a 400, under either order', async () => {
    for (const path of [
      '/api/v1/center/consultations',
      '/api/v1/center/consultations?sort=plannedDischargeDate',
      '/api/v1/consultations',
    ]) {
      await expectPagingRefusals(app.baseUrl, path, path.startsWith('/api/v1/center') ? center.token : liaison.token);
    }
    // A cursor of one order is no cursor of the other.
    const first = await api(app.baseUrl, 'GET', '/api/v1/center/consultations?limit=1', { token: center.token });
    const other = await api(
      app.baseUrl,
      'GET',
      `/api/v1/center/consultations?sort=plannedDischargeDate&limit=1&cursor=${first.body.nextCursor}`,
      { token: center.token },
    );
    expectError(other, 400, 'validation_failed');
  });
});

/**
 * The hospital follows its case's consultation: the Center's answer and its taking the case up link to the thread
 * (/consultations/:id, which the hospital may open), its desk names the patient, and the case's consultation is found
 * by caseId. A coordinator who answers a consultation nobody took becomes its assignee (audited as an assignment).
 */
describe("the hospital's way to the Center's answer, and answering without taking", () => {
  let app: TestApp;
  let center: Awaited<ReturnType<typeof signedInAs>>;
  let liaison: Awaited<ReturnType<typeof signedInAs>>;
  beforeAll(async () => {
    app = await startTestApp();
    center = await signedInAs(app, 'center_coordinator');
    liaison = await signedInAs(app, 'hospital_liaison');
  });
  afterAll(async () => {
    await app.close();
  });

  async function auditOf(consultationId: string) {
    return app.database.db
      .select({ action: auditEvents.action, actorUserId: auditEvents.actorUserId, details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.entity, 'consultation'), eq(auditEvents.entityId, consultationId)))
      .orderBy(asc(auditEvents.id));
  }

  it('links the answer to the thread, names the patient to the hospital and finds the consultation by its case', async () => {
    const name = `岡山 ${randomUUID().slice(0, 4)}`;
    const { id: caseId } = await routedCase(app, liaison.token, caseBody(spot(), { patient: { name } }), {
      route: 'center',
      difficulty: ['welfare'],
      note: '独居で生活困窮',
    });
    // The case's consultation, by caseId: for the hospital and for the Center alike.
    const byCase = await api(app.baseUrl, 'GET', `/api/v1/consultations?caseId=${caseId}`, { token: liaison.token });
    expect(byCase.status, byCase.text).toBe(200);
    expect(byCase.body.items).toHaveLength(1);
    const consultation = byCase.body.items[0];
    // The hospital sees whom it is about and when the patient goes home, not only its own name in the subject.
    expect(consultation).toMatchObject({
      caseId,
      kind: 'case',
      plannedDischargeDate: '2026-12-10',
      patient: { name, nameKana: 'おかやま はなこ' },
    });
    const centerByCase = await api(app.baseUrl, 'GET', `/api/v1/center/consultations?caseId=${caseId}`, {
      token: center.token,
    });
    expect(centerByCase.body.items.map((item: { id: string }) => item.id)).toEqual([consultation.id]);
    // Another case's id lists none; a malformed one is refused.
    const none = await api(app.baseUrl, 'GET', `/api/v1/consultations?caseId=${randomUUID()}`, {
      token: liaison.token,
    });
    expect(none.body.items).toEqual([]);
    expectError(
      await api(app.baseUrl, 'GET', '/api/v1/consultations?caseId=nope', { token: liaison.token }),
      400,
      'validation_failed',
    );
    // Another hospital sees nothing of it.
    const stranger = await signedInAs(app, 'hospital_liaison');
    const strangers = await api(app.baseUrl, 'GET', `/api/v1/consultations?caseId=${caseId}`, {
      token: stranger.token,
    });
    expect(strangers.body.items).toEqual([]);
    expectError(
      await api(app.baseUrl, 'GET', `/api/v1/consultations/${consultation.id}`, { token: stranger.token }),
      404,
      'not_found',
    );

    // The Center answers without taking it first: the coordinator becomes the assignee.
    const answered = await api(app.baseUrl, 'POST', `/api/v1/consultations/${consultation.id}/messages`, {
      token: center.token,
      body: { body: '地域の訪問看護ステーションに当たってみます。' },
    });
    expect(answered.status, answered.text).toBe(201);
    expect(answered.body).toMatchObject({ status: 'in_progress', assignedUserId: center.user.id });

    const notices = await api(app.baseUrl, 'GET', '/api/v1/notifications?limit=100', { token: liaison.token });
    const answer = notices.body.items.find(
      (item: { kind: string; entityId: string }) =>
        item.kind === 'consultation_answer' && item.entityId === consultation.id,
    );
    expect(answer).toMatchObject({ title: 'センターから回答がありました', link: `/consultations/${consultation.id}` });
    // The link opens for the hospital: the thread with the answer in it.
    const thread = await api(app.baseUrl, 'GET', `/api/v1/consultations/${consultation.id}`, { token: liaison.token });
    expect(thread.status, thread.text).toBe(200);
    expect(thread.body.messages.map((message: { body: string }) => message.body)).toContain(
      '地域の訪問看護ステーションに当たってみます。',
    );
    expect(thread.body.patient).toMatchObject({ name });

    // Audited: the assignment (by answering) and the answer; the reads name the case whose patient they showed.
    const trail = await auditOf(consultation.id);
    expect(trail).toEqual(
      expect.arrayContaining([
        {
          action: 'assign',
          actorUserId: center.user.id,
          details: { assignedUserId: center.user.id, byAnswer: true },
        },
        { action: 'answer', actorUserId: center.user.id, details: null },
        { action: 'read', actorUserId: liaison.user.id, details: { caseId } },
      ]),
    );
    const listed = await app.database.db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'list'), eq(auditEvents.actorUserId, liaison.user.id)));
    expect(listed.some((row) => (row.details?.caseIds as string[] | undefined)?.includes(caseId))).toBe(true);

    // A second answer keeps the assignee and does not record another assignment.
    const again = await api(app.baseUrl, 'POST', `/api/v1/consultations/${consultation.id}/messages`, {
      token: center.token,
      body: { body: '候補が見つかりました。' },
    });
    expect(again.status, again.text).toBe(201);
    expect((await auditOf(consultation.id)).filter((row) => row.action === 'assign')).toHaveLength(1);
  });

  it('assigns the coordinator who answers a general question nobody took, and lets a follow-up answer through', async () => {
    const asked = await api(app.baseUrl, 'POST', '/api/v1/consultations', {
      token: liaison.token,
      body: { subject: '小児の在宅人工呼吸器管理の研修について', body: '市内で受けられる研修を教えてください。' },
    });
    expect(asked.status, asked.text).toBe(201);
    expect(asked.body.patient).toBeNull();
    const answered = await api(app.baseUrl, 'POST', `/api/v1/consultations/${asked.body.id}/messages`, {
      token: center.token,
      body: { body: '岡山県の小児在宅医療研修があります。' },
    });
    expect(answered.status, answered.text).toBe(201);
    expect(answered.body).toMatchObject({
      status: 'answered',
      assignedUserId: center.user.id,
      assigneeName: expect.stringContaining(center.user.email),
    });
    // A second answer before the requester replies: still answered, still the same assignee.
    const followUp = await api(app.baseUrl, 'POST', `/api/v1/consultations/${asked.body.id}/messages`, {
      token: center.token,
      body: { body: '資料をお送りします。' },
    });
    expect(followUp.status, followUp.text).toBe(201);
    expect(followUp.body).toMatchObject({ status: 'answered', assignedUserId: center.user.id });
    expect((await auditOf(asked.body.id)).map((row) => row.action)).toEqual(['create', 'assign', 'answer', 'answer']);
    const notices = await api(app.baseUrl, 'GET', '/api/v1/notifications?limit=100', { token: liaison.token });
    const answer = notices.body.items.find(
      (item: { kind: string; entityId: string }) =>
        item.kind === 'consultation_answer' && item.entityId === asked.body.id,
    );
    expect(answer?.link).toBe(`/consultations/${asked.body.id}`);
  });
});
