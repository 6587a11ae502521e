/**
 * Matching through the API: the ranked candidates with their reasons, the Center's batch
 * assignment beside the greedy baseline (propose, adjust with If-Match, send in one action with an
 * Idempotency-Key), bad input answered in words, the secondary doctor defaulting to the primary's
 * pair partner, and the waiting list proposing as soon as an organisation frees room.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { addBusinessDays, jstInstant } from '../../domain/calendar/japanese-calendar.js';
import { jstDate } from '../../platform/time.js';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { detailPaths, expectError } from '../../../test/helpers/errors.js';
import { buildOrganization, buildUser, login, signedInAs } from '../../../test/helpers/factories.js';
import { caseBody, caseTestStart as start, routedCase, type CaseOverrides } from '../../../test/helpers/cases.js';
import { expectNoRepeats, expectPagingRefusals, walkPages } from '../../../test/helpers/paging.js';

type Place = { lat: number; lng: number };
/** Places at least ~8 km apart; every organisation of this file covers 3 km, so tests do not meet. */
const spots = {
  ranking: { lat: 34.8, lng: 133.88 }, // 北区北部 (御津): travel burden ×1.5
  batch: { lat: 34.662, lng: 133.925 }, // 北区, city centre
  secondary: { lat: 34.6, lng: 133.85 },
  badInput: { lat: 34.58, lng: 133.96 },
  waitlist: { lat: 34.69, lng: 134.03 },
  onePlace: { lat: 34.62, lng: 133.99 },
  crowd: { lat: 34.72, lng: 133.86 },
} satisfies Record<string, Place>;

const near = (place: Place, northKm: number, eastKm = 0): Place => ({
  lat: place.lat + northKm / 111,
  lng: place.lng + eastKm / 91.5,
});

/** This file's cases: an elderly patient living alone, no procedures, needing two doctors and a nurse. */
const caseAt = (home: Place, overrides: CaseOverrides = {}) =>
  caseBody(
    home,
    {
      patient: { name: `岡山 ${randomUUID().slice(0, 4)}`, nameKana: 'おかやま', birthDate: '1940-05-01' },
      groups: ['elderly'],
      procedures: [],
      careLevel: 'care_2',
      plannedDischargeDate: '2026-12-07',
      admissionDate: '2026-11-01',
      consent: { recordedBy: '退院調整看護師', givenBy: 'patient' },
      keyPerson: { name: '岡山 太郎', relationship: '長男', phone: '090-0000-0000' },
      livingSituation: 'alone',
      neededRoles: ['primary_doctor', 'secondary_doctor', 'visiting_nurse'],
    },
    overrides,
  );

describe('matching: ranking, batch assignment, waiting list', () => {
  let app: TestApp;
  let liaison: Awaited<ReturnType<typeof signedInAs>>;
  let center: Awaited<ReturnType<typeof signedInAs>>;
  let admin: Awaited<ReturnType<typeof signedInAs>>;

  beforeAll(async () => {
    app = await startTestApp({ start, isolated: true });
    liaison = await signedInAs(app, 'hospital_liaison', { name: `マッチング総合病院 ${randomUUID().slice(0, 4)}` });
    center = await signedInAs(app, 'center_coordinator');
    admin = await signedInAs(app, 'admin');
  });
  afterAll(async () => {
    await app.close();
  });

  async function createCase(home: Place, route: 'center' | 'direct', overrides: CaseOverrides = {}) {
    const routing =
      route === 'center' ? { route: 'center', difficulty: ['area'], note: '担い手が少ない地域です' } : { route };
    return (await routedCase(app, liaison.token, caseAt(home, overrides), routing)).id;
  }

  async function clinic(place: Place, overrides: Parameters<typeof buildOrganization>[1] = {}) {
    return buildOrganization(app.database, {
      kind: 'clinic',
      name: `在宅クリニック ${randomUUID().slice(0, 6)}`,
      lat: place.lat,
      lng: place.lng,
      areaCode: '33101',
      groups: ['elderly', 'terminal_care'],
      procedures: ['opioid_pain_control', 'home_oxygen'],
      isAvailable24h: true,
      coverageRadiusKm: 3,
      availabilityStatus: 'accepting',
      freeSlots: 6,
      declaredCapacity: 30,
      availabilityUpdatedAt: start,
      ...overrides,
    });
  }

  async function addMember(caseId: string, role: string, organizationId: string) {
    const added = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/team`, {
      token: liaison.token,
      body: { role, organizationId },
    });
    expect(added.status, added.text).toBe(201);
  }

  it('finds a doctor for a patient of no group beyond more than 200 nearer clinics without a profile', async () => {
    // The public data's clinics have no declared patients: a doctor must have (canFillRole), which the search
    // cannot ask for when the patient has no group — 205 such clinics nearer (accepting, fresh: ranked as high) must
    // not hide the one that declared.
    const home = spots.crowd;
    const caseId = await createCase(home, 'direct', { groups: [], procedures: [] });
    const values = Array.from({ length: 205 }, (_, index) => ({
      ...near(home, 0.1 + index * 0.002),
      groups: [] as string[],
      procedures: [] as string[],
    }));
    for (const value of values) await clinic(value, value);
    const declared = await clinic(near(home, 1.5), { name: '申告済みの在宅クリニック' });
    const response = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/candidates?role=primary_doctor&limit=50`, {
      token: liaison.token,
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body.items.map((item: any) => item.organization.id)).toEqual([declared.id]);
  });

  it('ranks candidates in the same order every time, each with its reasons in words', async () => {
    const home = spots.ranking;
    const caseId = await createCase(home, 'center', {
      groups: ['elderly', 'terminal_care'],
      procedures: ['opioid_pain_control'],
    });
    const busy = await clinic(near(home, 0.3), { declaredCapacity: 3, freeSlots: 1, name: '御津ちかくクリニック' });
    await clinic(near(home, 1.0), { isAvailable24h: false, name: '御津24時間なし医院' });
    await clinic(near(home, 1.6), {
      name: '御津緩和ケア診療所',
      procedures: ['opioid_pain_control', 'central_venous_nutrition', 'home_oxygen', 'urinary_catheter'],
    });
    const full = await clinic(near(home, 0.5), { availabilityStatus: 'full', freeSlots: 0 });
    // Load on the nearest clinic: two patients of other cases already.
    for (let index = 0; index < 2; index += 1)
      await addMember(await createCase(near(home, 0.2), 'direct'), 'primary_doctor', busy.id);

    const path = `/api/v1/cases/${caseId}/candidates?role=primary_doctor&limit=50`;
    const first = await api(app.baseUrl, 'GET', path, { token: center.token });
    expect(first.status, first.text).toBe(200);
    const again = await api(app.baseUrl, 'GET', path, { token: center.token });
    const order = (body: any) => body.items.map((item: any) => [item.organization.id, item.score]);
    expect(order(again.body)).toEqual(order(first.body));
    const ids = first.body.items.map((item: any) => item.organization.id);
    expect(ids).toHaveLength(3);
    expect(ids).not.toContain(full.id);

    const byName = (name: string) => first.body.items.find((item: any) => item.organization.name === name);
    const messages = (name: string) => byName(name).reasons.map((reason: any) => reason.message) as string[];
    for (const item of first.body.items) {
      expect(item.reasons.length).toBeGreaterThan(3);
      for (const reason of item.reasons) expect(reason.message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      // Beside the Japanese words, the values a client needs to say them in English.
      for (const reason of item.reasons) expect(reason.params).toEqual(expect.any(Object));
      const distance = item.reasons.find((reason: any) => reason.code === 'distance');
      expect(distance.params).toEqual({ km: expect.any(Number) });
      expect(distance.message).toBe(
        `距離 ${distance.params.km < 10 ? distance.params.km.toFixed(1) : distance.params.km} km`,
      );
    }
    expect(messages('御津ちかくクリニック')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^距離 0\.\d km$/),
        '移動負担 ×1.5（北区北部（御津・建部・足守北部））',
        '麻薬による疼痛管理対応',
        '24時間対応',
        '空き 1 名',
        '受け持ち 2 名／申告上限 3 名',
      ]),
    );
    expect(byName('御津ちかくクリニック').currentLoad).toBe(2);
    expect(messages('御津24時間なし医院')).toContain('24時間対応なし（この患者には必要）');
    expect(messages('御津緩和ケア診療所')).toContain(
      '看取りに多い処置（麻薬による疼痛管理・中心静脈栄養・在宅酸素・尿道カテーテル・褥瘡処置）のうち 4/5 に対応',
    );
    // The nearest is nearly at its declared capacity: it does not come first.
    expect(ids[0]).not.toBe(busy.id);
    for (let index = 1; index < first.body.items.length; index += 1)
      expect(first.body.items[index - 1].score).toBeGreaterThanOrEqual(first.body.items[index].score);
  });

  it("defaults the secondary doctor to the primary's pair partner, in the ranking and in a batch", async () => {
    const home = spots.secondary;
    const primary = await clinic(near(home, 0.1), { name: '主治医クリニック' });
    const partner = await clinic(near(home, 2.2), { name: 'ペア相手クリニック' });
    const nearer = await clinic(near(home, 0.4), { name: 'より近いクリニック' });
    const pair = await api(app.baseUrl, 'POST', '/api/v1/doctor-pairs', {
      token: admin.token,
      body: { areaCode: '33101', primaryOrganizationId: primary.id, secondaryOrganizationId: partner.id },
    });
    expect(pair.status, pair.text).toBe(201);
    const withPair = await createCase(home, 'center');
    const withoutPrimary = await createCase(near(home, 0.2), 'center');
    await addMember(withPair, 'primary_doctor', primary.id);

    const ranked = await api(app.baseUrl, 'GET', `/api/v1/cases/${withPair}/candidates?role=secondary_doctor`, {
      token: center.token,
    });
    expect(ranked.status, ranked.text).toBe(200);
    expect(ranked.body.items[0].organization.id).toBe(partner.id);
    expect(ranked.body.items[0].reasons[0]).toEqual({
      code: 'pair_default',
      message: '主治医（主治医クリニック）のペアの診療所: 副主治医の既定の候補',
      params: { name: '主治医クリニック' },
    });
    const other = await api(app.baseUrl, 'GET', `/api/v1/cases/${withoutPrimary}/candidates?role=secondary_doctor`, {
      token: center.token,
    });
    expect(other.body.items[0].organization.id).not.toBe(partner.id);

    const proposal = await api(app.baseUrl, 'POST', '/api/v1/matching/proposals', {
      token: center.token,
      body: { role: 'secondary_doctor', caseIds: [withPair, withoutPrimary] },
    });
    expect(proposal.status, proposal.text).toBe(201);
    const of = (caseId: string) => proposal.body.assignments.find((item: any) => item.caseId === caseId);
    expect(of(withPair)).toMatchObject({ organizationId: partner.id, isPairDefault: true });
    expect(of(withoutPrimary)).toMatchObject({ isPairDefault: false });
    expect([primary.id, nearer.id, partner.id]).toContain(of(withoutPrimary).organizationId);
  });

  it('proposes a batch that respects capacity, serves the maximum flow and spreads the load better than greedy', async () => {
    const home = spots.batch;
    const caseIds: string[] = [];
    for (let index = 0; index < 6; index += 1)
      caseIds.push(
        await createCase(near(home, (index % 3) * 0.05, Math.floor(index / 3) * 0.05), 'center', {
          plannedDischargeDate: `2026-12-0${1 + index}`,
        }),
      );
    const nearest = await clinic(near(home, 0.2), { name: '駅前在宅クリニック' });
    const second = await clinic(near(home, 1.2), { name: '二番目クリニック' });
    const third = await clinic(near(home, 1.8), { name: '三番目クリニック' });
    const noSlots = await clinic(near(home, 0.1), {
      availabilityStatus: 'limited',
      freeSlots: 0,
      name: '空きなし医院',
    });
    const outside = await clinic(near(home, 5), { name: '範囲外クリニック' });

    const open = await api(app.baseUrl, 'GET', '/api/v1/matching/open-cases?role=primary_doctor', {
      token: center.token,
    });
    expect(open.status, open.text).toBe(200);
    expect(open.body.items.map((item: any) => item.id)).toEqual(expect.arrayContaining(caseIds));
    const week = await api(
      app.baseUrl,
      'GET',
      '/api/v1/matching/open-cases?role=primary_doctor&from=2026-12-01&to=2026-12-03',
      { token: center.token },
    );
    expect(week.body.items.map((item: any) => item.id)).toEqual(caseIds.slice(0, 3));
    expectError(
      await api(app.baseUrl, 'GET', '/api/v1/matching/open-cases?role=primary_doctor&from=2026-12-09&to=2026-12-01', {
        token: center.token,
      }),
      400,
    );
    expectError(
      await api(app.baseUrl, 'GET', '/api/v1/matching/open-cases?role=primary_doctor&from=2026-02-30', {
        token: center.token,
      }),
      400,
    );

    const key = `proposal-${randomUUID()}`;
    const created = await api(app.baseUrl, 'POST', '/api/v1/matching/proposals', {
      token: center.token,
      body: { role: 'primary_doctor', caseIds },
      headers: { 'idempotency-key': key },
    });
    expect(created.status, created.text).toBe(201);
    const proposal = created.body;
    expect(proposal).toMatchObject({ status: 'draft', source: 'center', role: 'primary_doctor', unassigned: [] });
    // Serves everyone (the maximum flow), never above a capacity, never an organisation that cannot serve.
    expect(proposal.assignments).toHaveLength(6);
    expect(proposal.metrics).toMatchObject({ assignedCount: 6, maxServable: 6, bottleneck: 2, maxLoad: 2 });
    const counts = new Map<string, number>();
    for (const item of proposal.assignments)
      counts.set(item.organizationId, (counts.get(item.organizationId) ?? 0) + 1);
    for (const [, count] of counts) expect(count).toBeLessThanOrEqual(6);
    expect(counts.has(noSlots.id)).toBe(false);
    expect(counts.has(outside.id)).toBe(false);
    expect([...counts.keys()].sort()).toEqual([nearest.id, second.id, third.id].sort());
    expect(proposal.assignments[0].case.patientName).toMatch(/^岡山/);
    // Greedy "nearest willing" puts all six on the nearest clinic.
    expect(proposal.baseline.name).toBe('greedy_nearest');
    expect(proposal.baseline.assignments.every((item: any) => item.organizationId === nearest.id)).toBe(true);
    expect(proposal.baseline.metrics).toMatchObject({ maxLoad: 6, assignedCount: 6 });
    expect(proposal.difference.maxLoad).toBe(-4);
    expect(proposal.difference.gini).toBeLessThan(0);
    expect(proposal.difference.totalDistanceKm).toBeGreaterThan(0);
    expect(proposal.difference.totalDistanceKm).toBeCloseTo(
      proposal.metrics.totalDistanceKm - proposal.baseline.metrics.totalDistanceKm,
      2,
    );
    const retry = await api(app.baseUrl, 'POST', '/api/v1/matching/proposals', {
      token: center.token,
      body: { role: 'primary_doctor', caseIds },
      headers: { 'idempotency-key': key },
    });
    expect(retry.body.id).toBe(proposal.id);

    // Adjusting needs If-Match and re-checks eligibility and free places.
    const path = `/api/v1/matching/proposals/${proposal.id}`;
    const read = await api(app.baseUrl, 'GET', path, { token: center.token });
    expect(read.headers.get('etag')).toBe(`"${proposal.version}"`);
    const movedCase = proposal.assignments.find((item: any) => item.organizationId === third.id).caseId as string;
    const change = (organizationId: string | null) => ({ changes: [{ caseId: movedCase, organizationId }] });
    expectError(await api(app.baseUrl, 'PATCH', path, { token: center.token, body: change(second.id) }), 428);
    const ineligible = await api(app.baseUrl, 'PATCH', path, {
      token: center.token,
      body: change(outside.id),
      headers: { 'if-match': `"${proposal.version}"` },
    });
    expectError(ineligible, 400, 'validation_failed', 'invalid_adjustment');
    expect(ineligible.body.error.details[0].message).toMatch(/訪問範囲/);
    const noRoom = await api(app.baseUrl, 'PATCH', path, {
      token: center.token,
      body: change(noSlots.id),
      headers: { 'if-match': `"${proposal.version}"` },
    });
    expectError(noRoom, 400, 'validation_failed', 'invalid_adjustment');
    expect(JSON.stringify(noRoom.body)).toMatch(/空き 0 名を超えて/);
    const adjusted = await api(app.baseUrl, 'PATCH', path, {
      token: center.token,
      body: change(nearest.id),
      headers: { 'if-match': `"${proposal.version}"` },
    });
    expect(adjusted.status, adjusted.text).toBe(200);
    expect(adjusted.body.version).toBe(Number(proposal.version) + 1);
    expect(adjusted.body.assignments.find((item: any) => item.caseId === movedCase).organizationId).toBe(nearest.id);
    expect(adjusted.body.metrics.maxLoad).toBe(3);
    expect(adjusted.body.difference.maxLoad).toBe(-3);
    const stale = await api(app.baseUrl, 'PATCH', path, {
      token: center.token,
      body: change(null),
      headers: { 'if-match': `"${proposal.version}"` },
    });
    expectError(stale, 412);
    const removed = await api(app.baseUrl, 'PATCH', path, {
      token: center.token,
      body: change(null),
      headers: { 'if-match': `"${adjusted.body.version}"` },
    });
    expect(removed.body.assignments).toHaveLength(5);
    expect(removed.body.unassigned).toEqual([
      expect.objectContaining({
        caseId: movedCase,
        reason: 'センターが割り当てを外しました',
        reasonCode: 'removed_by_center',
        reasonParams: {},
      }),
    ]);

    // Send: one referral per assignment, in one action; a retry with the same key sends nothing new.
    const sendKey = `send-${randomUUID()}`;
    const sent = await api(app.baseUrl, 'POST', `${path}/send`, {
      token: center.token,
      body: { respondWithinBusinessDays: 2, message: '在宅主治医をお願いできますか' },
      headers: { 'idempotency-key': sendKey },
    });
    expect(sent.status, sent.text).toBe(200);
    expect(sent.body.status).toBe('sent');
    expect(sent.body.sentAt).toMatch(/\+09:00$/);
    expect(sent.body.referrals).toHaveLength(5);
    const sentRetry = await api(app.baseUrl, 'POST', `${path}/send`, {
      token: center.token,
      body: { respondWithinBusinessDays: 2, message: '在宅主治医をお願いできますか' },
      headers: { 'idempotency-key': sendKey },
    });
    expect(sentRetry.body.referrals).toEqual(sent.body.referrals);
    for (const referral of sent.body.referrals) {
      const team = await api(app.baseUrl, 'GET', `/api/v1/cases/${referral.caseId}/team`, { token: center.token });
      const open = team.body.referrals.filter((item: any) => item.role === 'primary_doctor');
      expect(open).toEqual([
        expect.objectContaining({ id: referral.referralId, organizationId: referral.organizationId, status: 'sent' }),
      ]);
    }
    expectError(
      await api(app.baseUrl, 'POST', `${path}/send`, { token: center.token, body: { respondWithinBusinessDays: 2 } }),
      409,
      'invalid_transition',
    );
    expectError(
      await api(app.baseUrl, 'PATCH', path, {
        token: center.token,
        body: change(second.id),
        headers: { 'if-match': `"${sent.body.version}"` },
      }),
      409,
    );
    // The clinic received it.
    const clinicUser = await buildUser(app.database, { role: 'provider', organizationId: nearest.id });
    const inbox = await api(app.baseUrl, 'GET', '/api/v1/referrals?box=inbox', {
      token: await login(app, clinicUser.email),
    });
    const sentToNearest = sent.body.referrals.filter((item: any) => item.organizationId === nearest.id);
    expect(inbox.body.items.filter((item: any) => item.role === 'primary_doctor')).toHaveLength(sentToNearest.length);

    const list = await api(app.baseUrl, 'GET', '/api/v1/matching/proposals?status=sent', { token: center.token });
    expect(list.body.items.map((item: any) => item.id)).toContain(proposal.id);
    // Another Center cannot see it.
    const otherCenter = await signedInAs(app, 'center_coordinator');
    expectError(await api(app.baseUrl, 'GET', path, { token: otherCenter.token }), 404);
  });

  it('counts the referrals a batch already sent against the free places of the next batch', async () => {
    const home = spots.onePlace;
    const onlyOne = await clinic(near(home, 0.2), { name: '一枠だけのクリニック', freeSlots: 1 });
    const propose = async (caseId: string) => {
      const created = await api(app.baseUrl, 'POST', '/api/v1/matching/proposals', {
        token: center.token,
        body: { role: 'primary_doctor', caseIds: [caseId] },
        headers: { 'idempotency-key': `one-${randomUUID()}` },
      });
      expect(created.status, created.text).toBe(201);
      return created.body;
    };
    const first = await propose(await createCase(near(home, 0.1), 'center'));
    expect(first.assignments.map((item: any) => item.organizationId)).toEqual([onlyOne.id]);
    // If-Match is optional (CONTRACT names none); given and stale, nothing is sent.
    const stale = await api(app.baseUrl, 'POST', `/api/v1/matching/proposals/${first.id as string}/send`, {
      token: center.token,
      headers: { 'idempotency-key': `send-${randomUUID()}`, 'if-match': `"${(first.version as number) + 1}"` },
    });
    expect(stale.status, stale.text).toBe(412);
    expect(stale.body.error.code).toBe('version_conflict');
    const unsent = await api(app.baseUrl, 'GET', `/api/v1/matching/proposals/${first.id as string}`, {
      token: center.token,
    });
    expect(unsent.body.status).toBe('draft');
    // No body: CONTRACT names none, so the referrals get the default deadline of 3 business days.
    const sent = await api(app.baseUrl, 'POST', `/api/v1/matching/proposals/${first.id as string}/send`, {
      token: center.token,
      headers: { 'idempotency-key': `send-${randomUUID()}` },
    });
    expect(sent.status, sent.text).toBe(200);
    const sentReferral = sent.body.referrals[0];
    const sentTeam = await api(app.baseUrl, 'GET', `/api/v1/cases/${sentReferral.caseId as string}/team`, {
      token: center.token,
    });
    const deadline = jstInstant(addBusinessDays(jstDate(new Date(sent.body.sentAt as string)), 3), '17:00');
    expect(
      new Date(sentTeam.body.referrals.find((item: any) => item.id === sentReferral.referralId).respondBy).getTime(),
    ).toBe(deadline.getTime());
    // Its one free place is claimed by the referral waiting for its answer: the next case gets no one.
    const second = await propose(await createCase(near(home, 0.15), 'center'));
    expect(second.assignments).toEqual([]);
    expect(second.unassigned).toHaveLength(1);
  });

  it('answers bad input with which cases cannot be served and why — never an exception', async () => {
    const home = spots.badInput;
    const empty = await api(app.baseUrl, 'POST', '/api/v1/matching/proposals', {
      token: center.token,
      body: { role: 'primary_doctor', caseIds: [] },
    });
    // Nothing to assign is a mistake in the request, not an empty draft to keep.
    expectError(empty, 400);
    expect(empty.body.error.details[0]).toMatchObject({
      path: 'caseIds',
      message: '割り当てるケースを1件以上選んでください。',
    });

    // Zero capacities: the only clinic around has no free place.
    await clinic(near(home, 0.3), { availabilityStatus: 'limited', freeSlots: 0, declaredCapacity: 5 });
    const zero = await createCase(home, 'center');
    // A role nobody can fill: no home-visit dentist anywhere near.
    const nobody = await createCase(near(home, 0.1), 'center', { neededRoles: ['primary_doctor', 'home_dental'] });
    const notNeeded = await createCase(near(home, 0.2), 'center', { neededRoles: ['visiting_nurse'] });
    const direct = await createCase(near(home, 0.2), 'direct');
    const unknown = randomUUID();
    const result = await api(app.baseUrl, 'POST', '/api/v1/matching/proposals', {
      token: center.token,
      body: { role: 'primary_doctor', caseIds: [zero, nobody, notNeeded, direct, unknown] },
    });
    expect(result.status, result.text).toBe(201);
    expect(result.body.assignments).toEqual([]);
    const reason = (caseId: string) => result.body.unassigned.find((item: any) => item.caseId === caseId)?.reason;
    expect(reason(zero)).toMatch(/どこも空きがありません/);
    expect(reason(nobody)).toMatch(/どこも空きがありません/);
    expect(reason(notNeeded)).toMatch(/必要な役割に含まれていません/);
    expect(reason(direct)).toMatch(/ケースが見つかりません/);
    expect(reason(unknown)).toMatch(/ケースが見つかりません/);
    const code = (caseId: string) => result.body.unassigned.find((item: any) => item.caseId === caseId)?.reasonCode;
    expect([code(zero), code(nobody), code(notNeeded), code(direct), code(unknown)]).toEqual([
      'no_capacity',
      'no_capacity',
      'role_not_needed',
      'case_not_found',
      'case_not_found',
    ]);
    expect(result.body.unassigned.find((item: any) => item.caseId === notNeeded).reasonParams).toEqual({
      role: expect.any(String),
    });

    const dental = await api(app.baseUrl, 'POST', '/api/v1/matching/proposals', {
      token: center.token,
      body: { role: 'home_dental', caseIds: [nobody] },
    });
    expect(dental.status, dental.text).toBe(201);
    expect(dental.body.unassigned).toEqual([
      expect.objectContaining({ caseId: nobody, reason: expect.stringMatching(/対応できる事業所.*ありません/) }),
    ]);
    expect(dental.body.unassigned[0].case).toMatchObject({ id: nobody, patientName: expect.any(String) });

    expectError(
      await api(app.baseUrl, 'POST', '/api/v1/matching/proposals', {
        token: center.token,
        body: { role: 'welfare_contact', caseIds: [zero] },
      }),
      400,
    );
    expectError(
      await api(app.baseUrl, 'POST', '/api/v1/matching/proposals', {
        token: center.token,
        body: { role: 'primary_doctor', caseIds: ['not-a-uuid'] },
      }),
      400,
    );
    expectError(
      await api(app.baseUrl, 'POST', '/api/v1/matching/proposals', {
        token: center.token,
        body: { role: 'primary_doctor', caseIds: Array.from({ length: 1001 }, () => randomUUID()) },
      }),
      400,
    );
    expectError(
      await api(app.baseUrl, 'POST', '/api/v1/matching/proposals', { token: center.token, body: { role: 'chef' } }),
      400,
    );
    expectError(
      await api(app.baseUrl, 'PATCH', `/api/v1/matching/proposals/${result.body.id}`, {
        token: center.token,
        body: { changes: [] },
        headers: { 'if-match': `"${result.body.version}"` },
      }),
      400,
    );
    const notInProposal = await api(app.baseUrl, 'PATCH', `/api/v1/matching/proposals/${result.body.id}`, {
      token: center.token,
      body: { changes: [{ caseId: randomUUID(), organizationId: randomUUID() }] },
      headers: { 'if-match': `"${result.body.version}"` },
    });
    expectError(notInProposal, 400, 'validation_failed', 'invalid_adjustment');
    expect(notInProposal.body.error.details[0].message).toMatch(/含まれていません/);
    expectError(
      await api(app.baseUrl, 'GET', `/api/v1/matching/proposals/${randomUUID()}`, { token: center.token }),
      404,
    );
  });

  it('matches waiting cases as soon as an organisation accepts again, and tells the Center or the liaison', async () => {
    const home = spots.waitlist;
    const station = await buildOrganization(app.database, {
      kind: 'visiting_nursing',
      name: `訪問看護ステーション待機 ${randomUUID().slice(0, 4)}`,
      lat: home.lat + 0.003,
      lng: home.lng,
      areaCode: '33103',
      groups: ['elderly'],
      procedures: [],
      coverageRadiusKm: 3,
      availabilityStatus: 'full',
      freeSlots: 0,
      availabilityUpdatedAt: start,
    });
    const stationUser = await buildUser(app.database, { role: 'provider', organizationId: station.id });
    const stationToken = await login(app, stationUser.email);
    const viaCenter = await createCase(home, 'center', { plannedDischargeDate: '2026-12-02' });
    const direct = await createCase(near(home, 0.1), 'direct', { plannedDischargeDate: '2026-12-03' });

    const update = async (status: string, freeSlots: number) => {
      const current = await api(app.baseUrl, 'GET', `/api/v1/organizations/${station.id}`, { token: stationToken });
      const updated = await api(app.baseUrl, 'PUT', `/api/v1/organizations/${station.id}/availability`, {
        token: stationToken,
        body: { status, freeSlots },
        headers: { 'if-match': current.headers.get('etag') ?? '' },
      });
      expect(updated.status, updated.text).toBe(200);
    };
    const offersTo = async (token: string) =>
      (await api(app.baseUrl, 'GET', '/api/v1/notifications', { token })).body.items.filter(
        (item: any) => item.kind === 'waitlist_offer' && item.title.includes(station.name),
      );

    expect(await offersTo(center.token)).toHaveLength(0);
    await update('accepting', 2);
    const centerOffers = await offersTo(center.token);
    expect(centerOffers).toHaveLength(1);
    expect(centerOffers[0].title).toContain('訪問看護の割り当て案（1名）');
    const proposalId = /proposal=([0-9a-f-]+)/.exec(centerOffers[0].link)?.[1] ?? '';
    const proposal = await api(app.baseUrl, 'GET', `/api/v1/matching/proposals/${proposalId}`, {
      token: center.token,
    });
    expect(proposal.status, proposal.text).toBe(200);
    expect(proposal.body).toMatchObject({
      status: 'draft',
      source: 'waitlist',
      role: 'visiting_nurse',
      trigger: { organizationId: station.id, organizationName: station.name },
      assignments: [expect.objectContaining({ caseId: viaCenter, organizationId: station.id })],
    });
    const liaisonOffers = await offersTo(liaison.token);
    expect(liaisonOffers).toEqual([expect.objectContaining({ link: `/cases/${direct}` })]);
    const timeline = await api(app.baseUrl, 'GET', `/api/v1/cases/${viaCenter}/timeline`, { token: liaison.token });
    expect(timeline.body.items.map((event: any) => event.kind)).toContain('waitlist_offer');

    // More free slots: only a case not yet offered is proposed; nobody is told twice.
    const later = await createCase(near(home, 0.2), 'center', { plannedDischargeDate: '2026-12-04' });
    await update('accepting', 3);
    const second = await offersTo(center.token);
    expect(second).toHaveLength(2);
    const secondId =
      second.map((item: any) => /proposal=([0-9a-f-]+)/.exec(item.link)?.[1]).find((id: string) => id !== proposalId) ??
      '';
    const secondProposal = await api(app.baseUrl, 'GET', `/api/v1/matching/proposals/${secondId}`, {
      token: center.token,
    });
    expect(secondProposal.body.caseIds).toEqual([later]);
    expect(await offersTo(liaison.token)).toHaveLength(1);
    // Fewer free slots or turning full proposes nothing.
    await update('accepting', 1);
    await update('full', 0);
    expect(await offersTo(center.token)).toHaveLength(2);

    // The Center sends the waiting-list proposal in one action.
    await update('accepting', 2);
    const sent = await api(app.baseUrl, 'POST', `/api/v1/matching/proposals/${proposalId}/send`, {
      token: center.token,
      body: { respondWithinBusinessDays: 3 },
      headers: { 'idempotency-key': `wait-${randomUUID()}` },
    });
    expect(sent.status, sent.text).toBe(200);
    expect(sent.body.referrals).toEqual([expect.objectContaining({ caseId: viaCenter, organizationId: station.id })]);
  });
  it('lists the proposals newest first in pages, and the candidates up to 500 in one ranked list', async () => {
    // センター: four drafts for one case, the middle two at the same instant (ties go by id, newest first too).
    const caseId = await createCase({ lat: 34.75, lng: 134.05 }, 'center');
    const mine: string[] = [];
    for (const advance of [60_000, 60_000, 0, 60_000]) {
      app.clock.advance(advance);
      const created = await api(app.baseUrl, 'POST', '/api/v1/matching/proposals', {
        token: center.token,
        body: { role: 'visiting_nurse', caseIds: [caseId] },
        headers: { 'idempotency-key': `paged-${randomUUID()}` },
      });
      expect(created.status, created.text).toBe(201);
      mine.push(created.body.id as string);
    }
    const whole = await api(app.baseUrl, 'GET', '/api/v1/matching/proposals?limit=500', { token: center.token });
    expect(whole.body.nextCursor).toBeNull();
    type Summary = { id: string; createdAt: string; status: string };
    const newestFirst = (a: Summary, b: Summary) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);
    const expected = [...(whole.body.items as Summary[])].sort(newestFirst).map((item) => item.id);
    expect(whole.body.items.map((item: Summary) => item.id)).toEqual(expected);
    const [first, second, third, fourth] = mine;
    expect(expected.slice(0, 4)).toEqual([fourth, ...[second, third].sort().reverse(), first]);
    for (const limit of [1, 3]) {
      const walked = await walkPages<Summary>(app.baseUrl, '/api/v1/matching/proposals', {
        token: center.token,
        limit,
      });
      expectNoRepeats(walked.items.map((item) => item.id));
      expect(walked.items.map((item) => item.id)).toEqual(expected);
    }
    const drafts = await walkPages<Summary>(app.baseUrl, '/api/v1/matching/proposals?status=draft', {
      token: center.token,
      limit: 2,
    });
    expect(drafts.items.map((item) => item.id)).toEqual(
      expected.filter((id) => whole.body.items.find((item: Summary) => item.id === id).status === 'draft'),
    );
    await expectPagingRefusals(app.baseUrl, '/api/v1/matching/proposals', center.token);

    // Candidates are a ranking: up to 500 asked at once, never a next page; 501 is refused.
    const ranked = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/candidates?role=visiting_nurse&limit=500`, {
      token: liaison.token,
    });
    expect(ranked.status, ranked.text).toBe(200);
    expect(ranked.body.nextCursor).toBeNull();
    const tooMany = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/candidates?role=visiting_nurse&limit=501`, {
      token: liaison.token,
    });
    expectError(tooMany, 400, 'validation_failed');
    expect(detailPaths(tooMany)).toContain('limit');
  });
});
