/**
 * What a referral's answers and repeats must carry: a decline 「その他」 says why in words (400 on `reason`
 * otherwise, so the sender never learns nothing), and asking an organisation again while its referral for the
 * same role still waits for an answer is a conflict (409 referral_pending), not bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { detailPaths, expectError } from '../../../test/helpers/errors.js';
import { buildOrganization, buildUser, login, signedInAs } from '../../../test/helpers/factories.js';
import { addressFor } from '../../../test/helpers/cases.js';

// Wednesday 2026-11-25 10:00 JST
const start = new Date('2026-11-25T10:00:00+09:00');

describe('referral answers and repeats', () => {
  let app: TestApp;
  let liaison: Awaited<ReturnType<typeof signedInAs>>;

  beforeAll(async () => {
    app = await startTestApp({ start });
    liaison = await signedInAs(app, 'hospital_liaison', { name: `岡山回答テスト病院 ${randomUUID().slice(0, 4)}` });
  });
  afterAll(async () => {
    await app.close();
  });

  async function station(
    home: { lat: number; lng: number },
    name: string,
    overrides: Parameters<typeof buildOrganization>[1] = {},
  ) {
    const organization = await buildOrganization(app.database, {
      kind: 'visiting_nursing',
      name,
      lat: home.lat + 0.004,
      lng: home.lng + 0.004,
      areaCode: '33101',
      groups: ['elderly'],
      procedures: [],
      isAvailable24h: true,
      coverageRadiusKm: 10,
      availabilityStatus: 'accepting',
      freeSlots: 3,
      availabilityUpdatedAt: start,
      ...overrides,
    });
    const user = await buildUser(app.database, { role: 'provider', organizationId: organization.id });
    return { organization, token: await login(app, user.email) };
  }

  async function directCase() {
    const home = { lat: 34.66 + Math.random() * 0.02, lng: 133.92 + Math.random() * 0.02 };
    const created = await api(app.baseUrl, 'POST', '/api/v1/cases', {
      token: liaison.token,
      body: {
        patient: {
          name: '岡山 回答子',
          nameKana: 'おかやま かいとうこ',
          birthDate: '1939-05-06',
          sex: 'female',
          address: addressFor(home),
          ...home,
        },
        groups: ['elderly'],
        procedures: [],
        careLevel: 'care_1',
        plannedDischargeDate: '2026-12-18',
        consent: { scope: ['referral_summary'], recordedBy: '退院調整看護師 山田' },
        neededRoles: ['primary_doctor', 'visiting_nurse'],
      },
    });
    expect(created.status, created.text).toBe(201);
    const routed = await api(app.baseUrl, 'POST', `/api/v1/cases/${created.body.id}/route`, {
      token: liaison.token,
      body: { route: 'direct' },
      headers: { 'if-match': `"${created.body.version}"` },
    });
    expect(routed.status, routed.text).toBe(200);
    return { id: created.body.id as string, home };
  }

  async function refer(caseId: string, organizationIds: string[]) {
    return api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/referrals`, {
      token: liaison.token,
      body: { role: 'visiting_nurse', organizationIds, respondWithinBusinessDays: 2 },
    });
  }

  it('refuses a decline 「その他」 without words (400 on reason), and keeps the words it is given', async () => {
    const { id, home } = await directCase();
    const nurse = await station(home, `あさひ訪問看護 ${randomUUID().slice(0, 4)}`);
    const sent = await refer(id, [nurse.organization.id]);
    expect(sent.status, sent.text).toBe(201);
    const referralId = sent.body.items[0].id as string;
    const decline = (body: Record<string, unknown>) =>
      api(app.baseUrl, 'POST', `/api/v1/referrals/${referralId}/decline`, { token: nurse.token, body });

    for (const body of [
      { reasonCode: 'other' },
      { reasonCode: 'other', reason: '' },
      { reasonCode: 'other', reason: ' \u3000\n ' },
    ]) {
      const refused = await decline(body);
      expectError(refused, 400, 'validation_failed');
      expect(detailPaths(refused)).toEqual(['reason']);
      expect(refused.body.error.details[0]).toMatchObject({
        message: '「その他」を選んだときは、辞退の理由を入力してください。',
        code: 'decline_reason_required',
      });
    }
    // Nothing was answered: the referral still waits.
    const still = await api(app.baseUrl, 'GET', `/api/v1/referrals/${referralId}`, { token: liaison.token });
    expect(still.body).toMatchObject({ status: 'sent', declineReasonCode: null, declineReason: null });

    const declined = await decline({ reasonCode: 'other', reason: '  担当できる職員が休職中です  ' });
    expect(declined.status, declined.text).toBe(200);
    expect(declined.body).toMatchObject({
      status: 'declined',
      declineReasonCode: 'other',
      declineReason: '担当できる職員が休職中です',
    });
    // The sender learns why.
    const notices = await api(app.baseUrl, 'GET', '/api/v1/notifications?limit=100', { token: liaison.token });
    const notice = (notices.body.items as any[]).find(
      (item) => item.kind === 'referral_declined' && item.params?.organizationName === nurse.organization.name,
    );
    expect(notice.body).toBe(`${nurse.organization.name}: その他: 担当できる職員が休職中です`);
    // Which patient, by age band and ward, never by name.
    expect(notice.title).toMatch(/^紹介が辞退されました: 訪問看護（\d+代・岡山市[北中東南]区の患者）$/);
    expect(notice.params).toMatchObject({ variant: 'patient_note', ageBand: expect.stringMatching(/代$/) });
  });

  it('tells the receiver how far the home is from its office (0.5 km steps), until it declines', async () => {
    const { id, home } = await directCase();
    // 0.04° north: 4.45 km in a straight line.
    const nurse = await station(home, `みなみ訪問看護 ${randomUUID().slice(0, 4)}`, {
      lat: home.lat + 0.04,
      lng: home.lng,
    });
    const sent = await refer(id, [nurse.organization.id]);
    expect(sent.status, sent.text).toBe(201);
    const referralId = sent.body.items[0].id as string;
    expect(sent.body.items[0].distanceKm).toBe(4.5);
    const opened = await api(app.baseUrl, 'GET', `/api/v1/referrals/${referralId}`, { token: nurse.token });
    expect(opened.body).toMatchObject({ distanceKm: 4.5, patientName: null });
    const inbox = await api(app.baseUrl, 'GET', '/api/v1/referrals?box=inbox', { token: nurse.token });
    expect(inbox.body.items.find((item: any) => item.id === referralId).distanceKm).toBe(4.5);
    const declined = await api(app.baseUrl, 'POST', `/api/v1/referrals/${referralId}/decline`, {
      token: nurse.token,
      body: { reasonCode: 'distance' },
    });
    expect(declined.body).toMatchObject({ status: 'declined', case: null, distanceKm: null });
    // The sender keeps seeing it (which of its askings was near).
    const outbox = await api(app.baseUrl, 'GET', `/api/v1/referrals/${referralId}`, { token: liaison.token });
    expect(outbox.body.distanceKm).toBe(4.5);
  });

  it('tells the receiver of a withdrawn referral who withdrew it, and hides the patient and the thread', async () => {
    const { id, home } = await directCase();
    const nurse = await station(home, `つばさ訪問看護 ${randomUUID().slice(0, 4)}`);
    const sent = await refer(id, [nurse.organization.id]);
    expect(sent.status, sent.text).toBe(201);
    const referralId = sent.body.items[0].id as string;
    const asked = await api(app.baseUrl, 'POST', `/api/v1/referrals/${referralId}/questions`, {
      token: nurse.token,
      body: { text: '吸引の回数を教えてください' },
    });
    expect(asked.status, asked.text).toBe(201);
    const withdrawn = await api(app.baseUrl, 'POST', `/api/v1/referrals/${referralId}/withdraw`, {
      token: liaison.token,
    });
    expect(withdrawn.status, withdrawn.text).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawnReason: 'by_sender' });
    const seen = await api(app.baseUrl, 'GET', `/api/v1/referrals/${referralId}`, { token: nurse.token });
    expect(seen.body).toMatchObject({ status: 'withdrawn', withdrawnReason: 'by_sender', case: null, messages: [] });
    // The sender keeps its thread.
    const own = await api(app.baseUrl, 'GET', `/api/v1/referrals/${referralId}`, { token: liaison.token });
    expect(own.body.messages).toHaveLength(1);
    // A referral never withdrawn says no reason.
    const other = await station(home, `かもめ訪問看護 ${randomUUID().slice(0, 4)}`);
    const fresh = await refer(id, [other.organization.id]);
    expect(fresh.body.items[0]).toMatchObject({ status: 'sent', withdrawnReason: null });
  });

  it('lets a reason code that says why by itself go without words', async () => {
    const { id, home } = await directCase();
    const nurse = await station(home, `みどり訪問看護 ${randomUUID().slice(0, 4)}`);
    const sent = await refer(id, [nurse.organization.id]);
    expect(sent.status, sent.text).toBe(201);
    const declined = await api(app.baseUrl, 'POST', `/api/v1/referrals/${sent.body.items[0].id}/decline`, {
      token: nurse.token,
      body: { reasonCode: 'capacity' },
    });
    expect(declined.status, declined.text).toBe(200);
    expect(declined.body).toMatchObject({ status: 'declined', declineReasonCode: 'capacity', declineReason: null });
  });

  it('answers 409 referral_pending to a second referral while the first still waits, naming the organisation', async () => {
    const { id, home } = await directCase();
    const waiting = await station(home, `ひかり訪問看護 ${randomUUID().slice(0, 4)}`);
    const other = await station(home, `そよかぜ訪問看護 ${randomUUID().slice(0, 4)}`);
    expect((await refer(id, [waiting.organization.id])).status).toBe(201);

    // Again, alone or with another that could be asked: a conflict, and nothing is sent.
    for (const organizationIds of [[waiting.organization.id], [other.organization.id, waiting.organization.id]]) {
      const again = await refer(id, organizationIds);
      expectError(again, 409, 'invalid_transition', 'referral_pending');
      expect(again.body.error.message).toContain(waiting.organization.name);
      expect(again.body.error.details).toEqual([
        {
          path: `organizationIds.${organizationIds.indexOf(waiting.organization.id)}`,
          message: `${waiting.organization.name}: 回答待ちの紹介が既にあります`,
          code: 'referral_pending',
          params: { organizationName: waiting.organization.name },
        },
      ]);
    }
    const outbox = await api(app.baseUrl, 'GET', `/api/v1/referrals?box=outbox&caseId=${id}`, {
      token: liaison.token,
    });
    expect((outbox.body.items as any[]).map((referral) => referral.organization.id)).toEqual([waiting.organization.id]);

    // A question keeps it waiting (needs_info is open too).
    const referralId = outbox.body.items[0].id as string;
    const asked = await api(app.baseUrl, 'POST', `/api/v1/referrals/${referralId}/questions`, {
      token: waiting.token,
      body: { text: '退院前カンファレンスの日程を教えてください。' },
      headers: { 'idempotency-key': `ask-${randomUUID()}` },
    });
    expect(asked.status, asked.text).toBe(201);
    expectError(await refer(id, [waiting.organization.id]), 409, 'invalid_transition', 'referral_pending');

    // Once it is answered (here: declined), asking it again is the sender's choice.
    const declined = await api(app.baseUrl, 'POST', `/api/v1/referrals/${referralId}/decline`, {
      token: waiting.token,
      body: { reasonCode: 'schedule', reason: '今週は訪問枠が埋まっています' },
    });
    expect(declined.status, declined.text).toBe(200);
    expect((await refer(id, [waiting.organization.id, other.organization.id])).status).toBe(201);
  });

  it('still answers 400 organization_cannot_serve for an organisation that cannot serve the patient', async () => {
    const { id, home } = await directCase();
    // Full (満床): the eligibility check refuses it.
    const full = await station(home, `まんしょう訪問看護 ${randomUUID().slice(0, 4)}`, { availabilityStatus: 'full' });
    const refused = await refer(id, [full.organization.id]);
    expectError(refused, 400, 'validation_failed', 'organization_cannot_serve');
    expect(detailPaths(refused)).toEqual(['organizationIds.0']);
  });
});
