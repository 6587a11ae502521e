/**
 * Rotations over HTTP (輪番制): a medical association groups its clinics, the clinics declare
 * their doctors and days, the association generates a month (every hard rule kept, fairness and
 * the HiGHS lower bound reported), reviews and publishes it; clinics see it as a month calendar
 * and download their duties as RFC 5545; duties are swapped (ask → accept → approve, rules checked
 * again, everyone notified). Bad input answers 400 in Japanese, an infeasible input 422 with the
 * day and the reason, and nothing half made is saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import fc from 'fast-check';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildOrganization, buildUser, login, signedInAs } from '../../../test/helpers/factories.js';
import { rosterSlots } from '../../domain/roster/calendar-slots.js';
import { checkRoster } from '../../domain/roster/roster-rules.js';
import { defaultRosterSettings, type RosterProblem, type ShiftKind } from '../../domain/roster/roster-types.js';

const start = new Date('2026-04-15T10:00:00+09:00');
const allShifts = ['weeknight', 'holiday_day', 'holiday_night'] as const;

type Clinic = { id: string; name: string; token: string };

describe('rotations (輪番制): groups, rosters, calendars and swaps', () => {
  let app: TestApp;
  let association: Awaited<ReturnType<typeof signedInAs>>;
  let otherAssociation: Awaited<ReturnType<typeof signedInAs>>;
  let outsider: Clinic;
  const clinics: Clinic[] = [];
  let groupId: string;
  let mayRosterId: string;

  const call = (method: string, path: string, token: string, body?: unknown, headers?: Record<string, string>) =>
    api(app.baseUrl, method, path, { token, body, ...(headers ? { headers } : {}) });

  async function clinicOf(associationId: string | null, index: number): Promise<Clinic> {
    const organization = await buildOrganization(app.database, {
      kind: 'clinic',
      name: `輪番テスト診療所${index} ${randomUUID().slice(0, 6)}`,
      associationId,
      phone: `086-200-${String(1000 + index)}`,
    });
    const user = await buildUser(app.database, { role: 'provider', organizationId: organization.id });
    return { id: organization.id, name: organization.name, token: await login(app, user.email) };
  }

  const clinic = (index: number): Clinic => {
    const found = clinics[index];
    if (!found) throw new Error(`no clinic ${index}`);
    return found;
  };

  beforeAll(async () => {
    app = await startTestApp({ start });
    association = await signedInAs(app, 'association_admin', { name: `岡山市医師会 ${randomUUID().slice(0, 4)}` });
    otherAssociation = await signedInAs(app, 'association_admin', { name: `別の医師会 ${randomUUID().slice(0, 4)}` });
    for (let index = 0; index < 10; index += 1) clinics.push(await clinicOf(association.organization!.id, index));
    outsider = await clinicOf(association.organization!.id, 99);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('creates a group of member clinics, visible to its association and its members only', async () => {
    const created = await call('POST', '/api/v1/rotation-groups', association.token, {
      name: '北区テスト輪番',
      areaCode: '33101',
      memberOrganizationIds: clinics.map((entry) => entry.id),
    });
    expect(created.status).toBe(201);
    groupId = created.body.id;
    expect(created.body.members).toHaveLength(10);
    expect(created.body.settings).toMatchObject({ minDaysBetweenDuties: 3, maxDutiesPerMonth: 6 });
    expect(created.body.areaName).toBe('北区');

    expect((await call('GET', `/api/v1/rotation-groups/${groupId}`, clinic(0).token)).status).toBe(200);
    expect((await call('GET', `/api/v1/rotation-groups/${groupId}`, outsider.token)).status).toBe(404);
    expect((await call('GET', `/api/v1/rotation-groups/${groupId}`, otherAssociation.token)).status).toBe(404);
    const listed = await call('GET', '/api/v1/rotation-groups', clinic(3).token);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(groupId);

    // A clinic of another association cannot be put in.
    const foreign = await buildOrganization(app.database, {
      kind: 'clinic',
      associationId: otherAssociation.organization!.id,
    });
    const refused = await call('POST', '/api/v1/rotation-groups', association.token, {
      name: '混在',
      areaCode: '33101',
      memberOrganizationIds: [clinic(0).id, foreign.id],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0].message).toMatch(/医師会の会員ではありません/);
  });

  it("lets a clinic declare its doctors and unavailable days for itself only, against the group's version", async () => {
    const groupVersion = async () =>
      (await call('GET', `/api/v1/rotation-groups/${groupId}`, association.token)).body.version as number;
    const memberPath = (index: number) => `/api/v1/rotation-groups/${groupId}/members/${clinic(index).id}`;
    const declaration = {
      doctorCount: 2,
      unavailableWeekdays: [3],
      unavailableDates: ['2026-05-05'],
      preferredWeekdays: [1],
      note: '水曜は外来が遅くまで',
    };
    // A declaration changes the group: without If-Match 428, against an old version 412.
    expect((await call('PUT', memberPath(0), clinic(0).token, declaration)).status).toBe(428);
    const before = await groupVersion();
    expect(
      (await call('PUT', memberPath(0), clinic(0).token, declaration, { 'if-match': `"${before - 1}"` })).status,
    ).toBe(412);
    const own = await call('PUT', memberPath(0), clinic(0).token, declaration, { 'if-match': `"${before}"` });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ doctorCount: 2, unavailableWeekdays: [3], unavailableDates: ['2026-05-05'] });
    expect(own.headers.get('etag')).toBe(`"${before + 1}"`);
    expect(own.body.dutiesToHandOver).toEqual([]); // nothing published yet
    expect(await groupVersion()).toBe(before + 1);
    const others = await call(
      'PUT',
      memberPath(1),
      clinic(0).token,
      { doctorCount: 3 },
      { 'if-match': `"${before + 1}"` },
    );
    expect(others.status).toBe(403);
    // The association declares for a member; the clinic's view of the group is now stale.
    const onBehalf = await call(
      'PUT',
      memberPath(1),
      association.token,
      { doctorCount: 3, unavailableShifts: ['holiday_day'] },
      { 'if-match': `"${before + 1}"` },
    );
    expect(onBehalf.status).toBe(200);
    const stale = await call('PUT', memberPath(0), clinic(0).token, declaration, { 'if-match': `"${before + 1}"` });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('version_conflict');
  });

  it('refuses bad periods, unknown time zones and clinics outside the group with a Japanese 400', async () => {
    const path = `/api/v1/rotation-groups/${groupId}/rosters`;
    const tooLong = await call('POST', path, association.token, {
      from: '2026-04-01',
      to: '2028-04-01',
      shifts: allShifts,
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toMatchObject({ code: 'validation_failed', reason: 'period_too_long' });
    expect(tooLong.body.error.message).toMatch(/2年以内/);
    const longAgo = await call('POST', path, association.token, {
      from: '2000-01-01',
      to: '2000-01-31',
      shifts: allShifts,
    });
    expect(longAgo.status).toBe(400);
    expect(longAgo.body.error).toMatchObject({ code: 'validation_failed', reason: 'period_in_past' });
    expect(longAgo.body.error.message).toMatch(/1年以上前に終わった期間/);

    const zone = await call('POST', path, association.token, {
      from: '2026-05-01',
      to: '2026-05-31',
      shifts: allShifts,
      timezone: 'Mars/Olympus_Mons',
    });
    expect(zone.status).toBe(400);
    expect(zone.body.error).toMatchObject({ code: 'validation_failed', reason: 'unknown_timezone' });
    expect(zone.body.error.message).toMatch(/タイムゾーン/);

    const outside = await call('POST', path, association.token, {
      from: '2026-05-01',
      to: '2026-05-31',
      shifts: allShifts,
      unavailability: [{ organizationId: outsider.id, date: '2026-05-10' }],
    });
    expect(outside.status).toBe(400);
    expect(outside.body.error).toMatchObject({ code: 'validation_failed', reason: 'organization_not_in_group' });
    expect(outside.body.error.message).toMatch(/参加していない診療所/);

    const reversed = await call('POST', path, association.token, {
      from: '2026-05-31',
      to: '2026-05-01',
      shifts: allShifts,
    });
    expect(reversed.status).toBe(400);
    // A member clinic cannot generate.
    expect(
      (await call('POST', path, clinic(0).token, { from: '2026-05-01', to: '2026-05-31', shifts: allShifts })).status,
    ).toBe(403);
  });

  it('answers an infeasible input with 422, the day and the reason, and saves nothing', async () => {
    const response = await call('POST', `/api/v1/rotation-groups/${groupId}/rosters`, association.token, {
      from: '2026-05-01',
      to: '2026-05-31',
      shifts: allShifts,
      unavailability: clinics.map((entry) => ({ organizationId: entry.id, date: '2026-05-03' })),
    });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('roster_infeasible');
    expect(response.body.error.message).toContain('2026年5月3日(日・憲法記念日)');
    expect(response.body.error.message).toMatch(/担当できる診療所がありません/);
    expect(response.body.error.details[0].path).toMatch(/^2026-05-03/);
    // …and the reason's code and values, for saying it in English.
    expect(response.body.error.details[0]).toMatchObject({ code: 'no_clinic', params: { date: '2026-05-03' } });
    const list = await call('GET', `/api/v1/rotation-groups/${groupId}/rosters`, association.token);
    expect(list.body.items).toEqual([]);
  });

  it('generates a month that keeps every hard rule, with fairness and the LP lower bound', async () => {
    const body = { from: '2026-05-01', to: '2026-05-31', shifts: allShifts };
    const key = randomUUID();
    const response = await call('POST', `/api/v1/rotation-groups/${groupId}/rosters`, association.token, body, {
      'idempotency-key': key,
    });
    expect(response.status).toBe(201);
    mayRosterId = response.body.id;
    expect(response.body.status).toBe('draft');
    const duties = response.body.duties as { date: string; shift: ShiftKind; organizationId: string }[];
    const slots = rosterSlots('2026-05-01', '2026-05-31', allShifts, defaultRosterSettings);
    expect(duties).toHaveLength(slots.length);
    expect(new Set(duties.map((duty) => `${duty.date}|${duty.shift}`)).size).toBe(slots.length);
    // 5/3–5/6 are 休日 (憲法記念日, みどりの日, こどもの日, 振替休日): day and night duties.
    for (const date of ['2026-05-03', '2026-05-04', '2026-05-05', '2026-05-06'])
      expect(duties.filter((duty) => duty.date === date).map((duty) => duty.shift)).toEqual([
        'holiday_day',
        'holiday_night',
      ]);
    expect(duties.filter((duty) => duty.date === '2026-05-07').map((duty) => duty.shift)).toEqual(['weeknight']);

    // The independent checker of the domain agrees: no hard rule is broken.
    const group = (await call('GET', `/api/v1/rotation-groups/${groupId}`, association.token)).body;
    const problem: RosterProblem = {
      from: '2026-05-01',
      to: '2026-05-31',
      shifts: allShifts,
      members: group.members.map((member: any) => ({
        organizationId: member.organization.id,
        name: member.organization.name,
        doctorCount: member.doctorCount,
        unavailableWeekdays: member.unavailableWeekdays,
        unavailableDates: member.unavailableDates,
        unavailableShifts: member.unavailableShifts,
        preferredWeekdays: member.preferredWeekdays,
      })),
      unavailability: [],
      settings: group.settings,
      history: [],
      fixedDuties: [],
    };
    expect(checkRoster(problem, duties)).toEqual([]);
    // Clinic 0 declared Wednesdays and 5/5 off; clinic 1 no holiday day shifts.
    expect(
      duties.filter(
        (duty) =>
          duty.organizationId === clinic(0).id &&
          (new Date(`${duty.date}T00:00:00Z`).getUTCDay() === 3 || duty.date === '2026-05-05'),
      ),
    ).toEqual([]);
    expect(duties.filter((duty) => duty.organizationId === clinic(1).id && duty.shift === 'holiday_day')).toEqual([]);

    expect(typeof response.body.objective).toBe('number');
    expect(response.body.fairness.lowerBoundStatus).toBe('optimal');
    expect(typeof response.body.lowerBound).toBe('number');
    expect(response.body.objective).toBeGreaterThanOrEqual(response.body.lowerBound - 1e-6);
    expect(response.body.fairness.clinics).toHaveLength(10);
    expect(response.body.fairness.clinics[0]).toHaveProperty('organizationName');

    // A retry with the same key returns the same roster and creates nothing.
    const again = await call('POST', `/api/v1/rotation-groups/${groupId}/rosters`, association.token, body, {
      'idempotency-key': key,
    });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(mayRosterId);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('refuses a roster that overlaps an existing one (400)', async () => {
    const response = await call('POST', `/api/v1/rotation-groups/${groupId}/rosters`, association.token, {
      from: '2026-05-20',
      to: '2026-06-10',
      shifts: allShifts,
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'validation_failed', reason: 'roster_overlaps' });
    expect(response.body.error.message).toMatch(/重なっています/);
  });

  it('keeps the draft from the clinics until it is published, then notifies every member', async () => {
    expect((await call('GET', `/api/v1/rosters/${mayRosterId}`, clinic(0).token)).status).toBe(404);
    const draft = await call('GET', `/api/v1/rosters/${mayRosterId}`, association.token);
    expect(draft.headers.get('etag')).toBe(`"${draft.body.version}"`);
    expect((await call('POST', `/api/v1/rosters/${mayRosterId}/publish`, association.token)).status).toBe(428);
    expect(
      (
        await call('POST', `/api/v1/rosters/${mayRosterId}/publish`, clinic(0).token, undefined, {
          'if-match': `"${draft.body.version}"`,
        })
      ).status,
    ).toBe(404);
    const published = await call('POST', `/api/v1/rosters/${mayRosterId}/publish`, association.token, undefined, {
      'if-match': `"${draft.body.version}"`,
    });
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    const discard = await call('POST', `/api/v1/rosters/${mayRosterId}/discard`, association.token, undefined, {
      'if-match': `"${published.body.version}"`,
    });
    expect(discard.status).toBe(409);

    const seen = await call('GET', `/api/v1/rosters/${mayRosterId}`, clinic(4).token);
    expect(seen.status).toBe(200);
    const notices = await call('GET', '/api/v1/notifications', clinic(4).token);
    expect(notices.body.items.map((item: { kind: string }) => item.kind)).toContain('roster_published');
  });

  it('shows a month as a calendar with the Japanese holidays', async () => {
    const month = await call('GET', `/api/v1/rosters/${mayRosterId}/calendar?month=2026-05`, clinic(2).token);
    expect(month.status).toBe(200);
    expect(month.body.month).toBe('2026-05');
    const days = month.body.weeks.flat() as any[];
    expect(month.body.weeks.every((week: unknown[]) => week.length === 7)).toBe(true);
    expect(days[0].weekday).toBe(0);
    const byDate = new Map(days.map((day) => [day.date, day]));
    expect(byDate.get('2026-05-03')).toMatchObject({
      dayKind: 'national_holiday',
      holidayName: '憲法記念日',
      isDayOff: true,
    });
    expect(byDate.get('2026-05-06')).toMatchObject({ dayKind: 'national_holiday', holidayName: 'こどもの日 振替休日' });
    expect(byDate.get('2026-05-03').duties.map((duty: { shift: string }) => duty.shift)).toEqual([
      'holiday_day',
      'holiday_night',
    ]);
    expect(byDate.get('2026-04-30')).toMatchObject({ isInMonth: false, isInPeriod: false, duties: [] });
    expect(month.body.previousMonth).toBeNull();
    expect(month.body.nextMonth).toBeNull();
    const outside = await call('GET', `/api/v1/rosters/${mayRosterId}/calendar?month=2026-07`, clinic(2).token);
    expect(outside.status).toBe(400);
    expect(outside.body.error.message).toMatch(/期間/);
  });

  it('gives each clinic its duties as valid RFC 5545 with TZID Asia/Tokyo (ical.js)', async () => {
    const roster = (await call('GET', `/api/v1/rosters/${mayRosterId}`, clinic(0).token)).body;
    const own = roster.duties.filter((duty: { organizationId: string }) => duty.organizationId === clinic(0).id);
    expect(own.length).toBeGreaterThan(0);
    const response = await call(
      'GET',
      `/api/v1/rosters/${mayRosterId}/calendar.ics?organizationId=${clinic(0).id}`,
      clinic(0).token,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(response.text).toMatch(/\r\n/);
    const calendar = new ICAL.Component(ICAL.parse(response.text));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Asia/Tokyo');
    const events = calendar.getAllSubcomponents('vevent');
    expect(events).toHaveLength(own.length);
    for (const vevent of events) {
      const dtstart = vevent.getFirstProperty('dtstart');
      expect(dtstart?.getParameter('tzid')).toBe('Asia/Tokyo');
      expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    }
    const first = own[0];
    const event = new ICAL.Event(
      events.find((vevent) => String(vevent.getFirstPropertyValue('uid')).includes(first.id)),
    );
    expect(event.summary).toContain('輪番当番');
    // The start in the file (JST wall time) is the duty's start.
    expect(event.startDate.toString().slice(0, 16)).toBe(first.startsAt.slice(0, 16));

    // A member sees every duty of the roster: another member's calendar is the same filter of it.
    const other = await call(
      'GET',
      `/api/v1/rosters/${mayRosterId}/calendar.ics?organizationId=${clinic(0).id}`,
      clinic(1).token,
    );
    expect(other.status).toBe(200);
    const eventCount = (text: string) => text.split('BEGIN:VEVENT').length - 1;
    expect(eventCount(other.text)).toBe(eventCount(response.text));
    const stranger = await call('GET', `/api/v1/rosters/${mayRosterId}/calendar.ics`, outsider.token);
    expect(stranger.status).toBe(404);
  });

  it('swaps a duty: a clinic asks, another accepts, the association approves; rules are checked again', async () => {
    const roster = (await call('GET', `/api/v1/rosters/${mayRosterId}`, association.token)).body;
    const group = (await call('GET', `/api/v1/rotation-groups/${groupId}`, association.token)).body;
    const duties = roster.duties as { id: string; date: string; shift: ShiftKind; organizationId: string }[];
    const problem: RosterProblem = {
      from: roster.from,
      to: roster.to,
      shifts: allShifts,
      members: group.members.map((member: any) => ({
        organizationId: member.organization.id,
        name: member.organization.name,
        doctorCount: member.doctorCount,
        unavailableWeekdays: member.unavailableWeekdays,
        unavailableDates: member.unavailableDates,
        unavailableShifts: member.unavailableShifts,
        preferredWeekdays: member.preferredWeekdays,
      })),
      unavailability: [],
      settings: roster.settings,
      history: [],
      fixedDuties: [],
    };
    const giver = clinic(2);
    const handOver = (duty: (typeof duties)[number], to: string) =>
      duties.map((entry) => (entry.id === duty.id ? { ...entry, organizationId: to } : entry));
    // A hand-over that keeps every rule, and one that breaks the spacing rule.
    let good: { duty: (typeof duties)[number]; receiver: Clinic } | null = null;
    let bad: { duty: (typeof duties)[number]; receiver: Clinic } | null = null;
    for (const duty of duties.filter((entry) => entry.organizationId === giver.id)) {
      for (const receiver of clinics.filter((entry) => entry.id !== giver.id)) {
        const broken = checkRoster(problem, handOver(duty, receiver.id));
        if (broken.length === 0) good ??= { duty, receiver };
        else if (broken.every((violation) => violation.rule === 'spacing')) bad ??= { duty, receiver };
      }
    }
    if (!good || !bad) throw new Error('expected a valid and an invalid hand-over');

    const refused = await call('POST', `/api/v1/rosters/${mayRosterId}/swaps`, giver.token, {
      dutyId: bad.duty.id,
      targetOrganizationId: bad.receiver.id,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('swap_breaks_rules');
    expect(refused.body.error.message).toMatch(/間隔/);

    // Someone else's duty cannot be offered.
    const notOwn = duties.find((duty) => duty.organizationId !== giver.id)!;
    expect(
      (await call('POST', `/api/v1/rosters/${mayRosterId}/swaps`, giver.token, { dutyId: notOwn.id })).status,
    ).toBe(403);

    const asked = await call('POST', `/api/v1/rosters/${mayRosterId}/swaps`, giver.token, {
      dutyId: good.duty.id,
      targetOrganizationId: good.receiver.id,
      note: '学会出張のため',
    });
    expect(asked.status).toBe(201);
    expect(asked.body.status).toBe('requested');
    const swapId = asked.body.id;
    const receiverNotices = await call('GET', '/api/v1/notifications', good.receiver.token);
    expect(receiverNotices.body.items.some((item: { kind: string }) => item.kind === 'duty_swap')).toBe(true);
    // The association, which approves the swap, hears of the request too (worded for it, the date in Japanese).
    const reviewNotice = (await call('GET', '/api/v1/notifications', association.token)).body.items.find(
      (item: { kind: string; params: { variant?: string } | null }) =>
        item.kind === 'duty_swap' && item.params?.variant === 'request_review',
    );
    expect(reviewNotice.title).toMatch(/^当番の交代が依頼されました: \d{4}年\d{1,2}月\d{1,2}日\(.\) /);
    expect(reviewNotice.body).toContain(`${good.receiver.name}に`);
    expect(reviewNotice.params).toMatchObject({ date: good.duty.date, targetOrganizationName: good.receiver.name });
    // The association cannot take the duty itself: only a member clinic can.
    expect(
      (await call('POST', `/api/v1/rosters/${mayRosterId}/swaps/${swapId}/accept`, association.token, {})).status,
    ).toBe(403);

    // Only the asked clinic accepts; the admin cannot approve before that.
    const third = clinics.find((entry) => entry.id !== giver.id && entry.id !== good.receiver.id)!;
    expect((await call('POST', `/api/v1/rosters/${mayRosterId}/swaps/${swapId}/accept`, third.token, {})).status).toBe(
      403,
    );
    expect(
      (await call('POST', `/api/v1/rosters/${mayRosterId}/swaps/${swapId}/approve`, association.token, {})).status,
    ).toBe(409);
    const accepted = await call(
      'POST',
      `/api/v1/rosters/${mayRosterId}/swaps/${swapId}/accept`,
      good.receiver.token,
      {},
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    expect((await call('POST', `/api/v1/rosters/${mayRosterId}/swaps/${swapId}/approve`, giver.token, {})).status).toBe(
      403,
    );
    const approved = await call(
      'POST',
      `/api/v1/rosters/${mayRosterId}/swaps/${swapId}/approve`,
      association.token,
      {},
    );
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');

    const after = (await call('GET', `/api/v1/rosters/${mayRosterId}`, association.token)).body;
    expect(after.duties.find((duty: { id: string }) => duty.id === good.duty.id).organizationId).toBe(good.receiver.id);
    expect(after.version).toBeGreaterThan(roster.version);
    for (const party of [giver, good.receiver]) {
      const notices = await call('GET', '/api/v1/notifications', party.token);
      expect(notices.body.items.some((item: { title: string }) => item.title.includes('承認'))).toBe(true);
    }
    // The giver's calendar now cancels the duty; the receiver's holds it.
    const giverCalendar = new ICAL.Component(
      ICAL.parse(
        (await call('GET', `/api/v1/rosters/${mayRosterId}/calendar.ics?organizationId=${giver.id}`, giver.token)).text,
      ),
    );
    const cancelled = giverCalendar
      .getAllSubcomponents('vevent')
      .find((vevent) => String(vevent.getFirstPropertyValue('uid')).includes(good.duty.id));
    expect(cancelled?.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(Number(cancelled?.getFirstPropertyValue('sequence'))).toBe(1);
    const receiverCalendar = (
      await call(
        'GET',
        `/api/v1/rosters/${mayRosterId}/calendar.ics?organizationId=${good.receiver.id}`,
        good.receiver.token,
      )
    ).text;
    expect(receiverCalendar).toContain(good.duty.id);

    const list = await call('GET', `/api/v1/rosters/${mayRosterId}/swaps`, giver.token);
    expect(list.body.items[0]).toMatchObject({ id: swapId, status: 'approved' });
  });

  it('carries fairness over from the published month into the next one, and discards a draft', async () => {
    const june = await call('POST', `/api/v1/rotation-groups/${groupId}/rosters`, association.token, {
      from: '2026-06-01',
      to: '2026-06-30',
      shifts: allShifts,
    });
    expect(june.status).toBe(201);
    const clinicsReport = june.body.fairness.clinics as { carryOver: Record<string, number> }[];
    for (const shift of allShifts) {
      const total = clinicsReport.reduce((sum, entry) => sum + (entry.carryOver[shift] ?? 0), 0);
      // Each carry-over is rounded to 0.01: the ten of them sum to zero within 10 × 0.005.
      expect(Math.abs(total)).toBeLessThanOrEqual(0.05 + 1e-9);
    }
    expect(clinicsReport.some((entry) => Object.values(entry.carryOver).some((value) => Math.abs(value) > 0.01))).toBe(
      true,
    );
    // Fixed duties of May count for spacing across the month boundary.
    const problemDuties = [
      ...(await call('GET', `/api/v1/rosters/${mayRosterId}`, association.token)).body.duties,
      ...june.body.duties,
    ] as { date: string; organizationId: string }[];
    const byClinic = new Map<string, string[]>();
    for (const duty of problemDuties)
      byClinic.set(duty.organizationId, [...(byClinic.get(duty.organizationId) ?? []), duty.date]);
    for (const dates of byClinic.values()) {
      const sorted = [...dates].sort();
      for (let index = 1; index < sorted.length; index += 1)
        expect((Date.parse(sorted[index]!) - Date.parse(sorted[index - 1]!)) / 86_400_000).toBeGreaterThanOrEqual(3);
    }

    const discarded = await call('POST', `/api/v1/rosters/${june.body.id}/discard`, association.token, undefined, {
      'if-match': `"${june.body.version}"`,
    });
    expect(discarded.status).toBe(200);
    expect(discarded.body.status).toBe('discarded');
    // A discarded draft no longer blocks the period.
    const again = await call('POST', `/api/v1/rotation-groups/${groupId}/rosters`, association.token, {
      from: '2026-06-01',
      to: '2026-06-30',
      shifts: ['weeknight'],
    });
    expect(again.status).toBe(201);
  });

  it('refuses to remove a clinic that still holds duties of a published roster, and removes one that holds none', async () => {
    const group = await call('GET', `/api/v1/rotation-groups/${groupId}`, association.token);
    const members = group.body.members.map(
      (member: { organization: { id: string } }) => member.organization.id,
    ) as string[];
    const may = await call('GET', `/api/v1/rosters/${mayRosterId}`, association.token);
    const holder = (may.body.duties as { organizationId: string }[])[0]!.organizationId;
    const patch = (memberOrganizationIds: string[], version: number) =>
      call(
        'PATCH',
        `/api/v1/rotation-groups/${groupId}`,
        association.token,
        { memberOrganizationIds },
        {
          'if-match': `"${version}"`,
        },
      );

    const refused = await patch(
      members.filter((member) => member !== holder),
      group.body.version,
    );
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'invalid_transition', reason: 'member_has_duties' });
    expect(refused.body.error.details[0].message).toMatch(/公開済みの当番 \d+ 件（2026年5月\d{1,2}日\(.\) /);
    const unchanged = await call('GET', `/api/v1/rotation-groups/${groupId}`, association.token);
    expect(unchanged.body.version).toBe(group.body.version);
    expect(unchanged.body.members).toHaveLength(members.length);

    // A clinic without duties comes and goes freely.
    const joined = await patch([...members, outsider.id], group.body.version);
    expect(joined.status).toBe(200);
    const left = await patch(members, joined.body.version);
    expect(left.status).toBe(200);
    expect(left.body.members).toHaveLength(members.length);

    // A clinic declaring a day it already holds a published duty on is told to hand it over.
    const held = (may.body.duties as { organizationId: string; date: string; shift: string }[]).find(
      (duty) => duty.organizationId === holder,
    )!;
    const declared = await call(
      'PUT',
      `/api/v1/rotation-groups/${groupId}/members/${holder}`,
      association.token,
      { doctorCount: 1, unavailableDates: [held.date] },
      { 'if-match': `"${left.body.version}"` },
    );
    expect(declared.status, declared.text).toBe(200);
    expect(declared.body.dutiesToHandOver).toEqual([
      { date: held.date, shift: held.shift, reason: 'この日は担当不可と申告' },
    ]);
  });

  it('never answers bad input with a 5xx (random generation requests and swaps)', async () => {
    const fuzzGroup = await call('POST', '/api/v1/rotation-groups', association.token, {
      name: '乱数テスト輪番',
      areaCode: '33101',
      memberOrganizationIds: clinics.slice(0, 8).map((entry) => entry.id),
    });
    const path = `/api/v1/rotation-groups/${fuzzGroup.body.id}/rosters`;
    const date = fc.oneof(
      fc
        .record({
          year: fc.integer({ min: 2029, max: 2031 }),
          month: fc.integer({ min: 1, max: 12 }),
          day: fc.integer({ min: 1, max: 31 }),
        })
        .map(({ year, month, day }) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`),
      fc.constantFrom('0000-01-01', '9999-12-31', '2030-02-30', '2030-13-01', '', 'tomorrow'),
    );
    const body = fc.record(
      {
        from: date,
        to: date,
        shifts: fc.oneof(
          fc.array(fc.constantFrom('weeknight', 'holiday_day', 'holiday_night', 'night'), { maxLength: 4 }),
          fc.anything(),
        ),
        unavailability: fc.oneof(
          fc.array(
            fc.record({
              organizationId: fc.oneof(fc.uuid(), fc.constantFrom(...clinics.map((entry) => entry.id))),
              date,
            }),
            { maxLength: 20 },
          ),
          fc.anything(),
        ),
        timezone: fc.oneof(fc.constantFrom('Asia/Tokyo', 'Japan', 'UTC', 'Mars/Olympus_Mons', ''), fc.string()),
        extra: fc.anything(),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(body, async (input) => {
        const response = await call('POST', path, association.token, input);
        expect([201, 400, 422], response.text).toContain(response.status);
        if (response.status >= 400) expect(response.body.error.message).toMatch(/[ぁ-んァ-ヶ一-龠]/);
      }),
      { numRuns: 40 },
    );
    const swapBody = fc.record(
      {
        dutyId: fc.oneof(fc.uuid(), fc.string()),
        targetOrganizationId: fc.oneof(fc.uuid(), fc.anything()),
        counterDutyId: fc.uuid(),
        note: fc.anything(),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(swapBody, async (input) => {
        const response = await call('POST', `/api/v1/rosters/${mayRosterId}/swaps`, clinic(5).token, input);
        expect(response.status, response.text).toBeLessThan(500);
        expect(response.status).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: 30 },
    );
  });
});
