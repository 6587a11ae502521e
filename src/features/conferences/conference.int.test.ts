import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { signedInAs } from '../../../test/helpers/factories.js';
import {
  caseBody,
  caseTestStart as start,
  homeCareProvider,
  refer,
  relogin,
  routedCase,
  spot,
  type Home,
  type HomeCareProvider,
} from '../../../test/helpers/cases.js';
import { expectNoRepeats, expectPagingRefusals, walkPages } from '../../../test/helpers/paging.js';

/** This file's cases: consent includes the welfare record. */
const caseAt = (home: Home) =>
  caseBody(home, { consent: { scope: ['center', 'referral_summary', 'team_record', 'welfare_record'] } });

/** A direct case with a nurse in the team (accepted referral); returns its id. */
async function caseWithNurse(app: TestApp, liaisonToken: string, nurse: HomeCareProvider, home: Home) {
  const { id } = await routedCase(app, liaisonToken, caseAt(home));
  await refer(app, liaisonToken, id, 'visiting_nurse', nurse, { accept: true });
  return id;
}

function parseCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  return { calendar, vevent };
}

describe('the discharge conference (退院時カンファレンス)', () => {
  let app: TestApp;
  let liaison: Awaited<ReturnType<typeof signedInAs>>;
  let center: Awaited<ReturnType<typeof signedInAs>>;
  let stranger: Awaited<ReturnType<typeof signedInAs>>;
  let nurse: HomeCareProvider;
  let candidate: HomeCareProvider;
  let welfare: HomeCareProvider;
  let caseId: string;
  let hospitalId: string;

  const startsAt = '2026-12-01T14:00:00+09:00';
  const validBody = () => ({
    startsAt,
    durationMinutes: 60,
    place: '岡山テスト総合病院 3階 会議室',
    onlineUrl: 'https://meet.example.jp/renkei-conf',
    participantOrganizationIds: [hospitalId, nurse.organization.id, welfare.organization.id],
  });

  let nurseHome: { lat: number; lng: number };

  beforeAll(async () => {
    // A database of its own on PostgreSQL: this file runs the due jobs at later clocks, which in the shared database
    // would run other files' jobs too (a direct case of another file handed to the Center by its hand-on job).
    app = await startTestApp({ start, isolated: true });
    liaison = await signedInAs(app, 'hospital_liaison', { name: `岡山テスト総合病院 ${randomUUID().slice(0, 4)}` });
    hospitalId = liaison.organization!.id;
    center = await signedInAs(app, 'center_coordinator');
    stranger = await signedInAs(app, 'provider');
    const home = spot();
    nurseHome = home;
    nurse = await homeCareProvider(app, home, 'visiting_nursing');
    candidate = await homeCareProvider(app, home, 'clinic');
    welfare = await homeCareProvider(app, home, 'welfare_office');
    caseId = await caseWithNurse(app, liaison.token, nurse, home);
    // 診療所 is only a candidate (open referral); 福祉事務所 is linked.
    const referral = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/referrals`, {
      token: liaison.token,
      body: { role: 'primary_doctor', organizationIds: [candidate.organization.id], respondWithinBusinessDays: 3 },
    });
    expect(referral.status).toBe(201);
    const link = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/welfare-links`, {
      token: liaison.token,
      body: { organizationId: welfare.organization.id, reason: '生活困窮の相談' },
    });
    expect(link.status).toBe(201);
    // The welfare office joins the case's circle once it acknowledged the link.
    const acknowledged = await api(app.baseUrl, 'POST', `/api/v1/welfare-links/${link.body.id}/acknowledge`, {
      token: welfare.token,
      body: { response: '担当ケースワーカーが参加します。' },
    });
    expect(acknowledged.status).toBe(200);
  });
  afterAll(async () => {
    await app.close();
  });

  it('refuses callers who are not signed in with 401', async () => {
    expect((await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/conferences`, { body: validBody() })).status).toBe(
      401,
    );
    expect((await api(app.baseUrl, 'GET', `/api/v1/conferences/${randomUUID()}/calendar.ics`)).status).toBe(401);
  });

  it('refuses a past start, a zero duration, no place or URL, a plain http URL and an outsider with 400', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ startsAt: '2026-11-24T14:00:00+09:00' }, 'startsAt'],
      [{ startsAt: '2026-12-01T14:00:00' }, 'startsAt'],
      [{ durationMinutes: 0 }, 'durationMinutes'],
      [{ durationMinutes: 481 }, 'durationMinutes'],
      [{ place: undefined, onlineUrl: undefined }, 'place'],
      [{ onlineUrl: 'http://meet.example.jp/x' }, 'onlineUrl'],
      [{ participantOrganizationIds: [] }, 'participantOrganizationIds'],
    ];
    for (const [override, path] of cases) {
      const response = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/conferences`, {
        token: liaison.token,
        body: { ...validBody(), ...override },
      });
      expect(response.status, JSON.stringify(override)).toBe(400);
      expect(
        response.body.error.details.map((detail: any) => detail.path).join(' '),
        JSON.stringify(override),
      ).toContain(path);
    }
    // The discharge conference comes before the discharge: not after the planned date (2026-12-10).
    const late = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/conferences`, {
      token: liaison.token,
      body: { ...validBody(), startsAt: '2026-12-11T10:00:00+09:00' },
    });
    expect(late.status, late.text).toBe(400);
    expect(late.body.error.details).toEqual([
      expect.objectContaining({
        path: 'startsAt',
        code: 'conference_after_discharge',
        params: { plannedDischargeDate: '2026-12-10' },
      }),
    ]);
    const outsider = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/conferences`, {
      token: liaison.token,
      body: {
        ...validBody(),
        participantOrganizationIds: [hospitalId, candidate.organization.id, stranger.organization!.id],
      },
    });
    expect(outsider.status).toBe(400);
    expect(outsider.body.error).toMatchObject({ code: 'validation_failed', reason: 'participant_not_in_case' });
    expect(outsider.body.error.details).toEqual([
      {
        path: 'participantOrganizationIds.1',
        message: `${candidate.organization.name}は、このケースの在宅チーム・病院・センター・福祉の連携先ではありません。`,
      },
      { path: 'participantOrganizationIds.2', message: expect.stringContaining(stranger.organization!.name) },
    ]);
    const list = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/conferences`, { token: liaison.token });
    expect(list.body.items).toEqual([]);
  });

  it('lets only coordinators schedule: a team member gets 403, a stranger and the uninvolved Center 404', async () => {
    const asNurse = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/conferences`, {
      token: nurse.token,
      body: validBody(),
    });
    expect(asNurse.status).toBe(403);
    expect(asNurse.body.error.message).toMatch(/病院・センター/);
    for (const token of [stranger.token, center.token]) {
      const response = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/conferences`, {
        token,
        body: validBody(),
      });
      expect(response.status).toBe(404);
    }
  });

  it('schedules, invites, serves a valid .ics, reschedules with SEQUENCE + 1 and records the minutes afterwards', async () => {
    // 病院 → 訪問看護・福祉事務所: invitation
    const key = `conf-${randomUUID()}`;
    const created = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/conferences`, {
      token: liaison.token,
      body: validBody(),
      headers: { 'idempotency-key': key },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      caseId,
      startsAt: '2026-12-01T14:00:00.000+09:00',
      endsAt: '2026-12-01T15:00:00.000+09:00',
      durationMinutes: 60,
      place: '岡山テスト総合病院 3階 会議室',
      onlineUrl: 'https://meet.example.jp/renkei-conf',
      status: 'scheduled',
      minutes: null,
      minutesRecordedAt: null,
      sequence: 0,
      version: 1,
      permissions: { canManage: true },
    });
    expect(created.body.participants.map((participant: any) => participant.organizationId).sort()).toEqual(
      [hospitalId, nurse.organization.id, welfare.organization.id].sort(),
    );
    const id = created.body.id as string;
    const retry = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/conferences`, {
      token: liaison.token,
      body: validBody(),
      headers: { 'idempotency-key': key },
    });
    expect(retry.body.id).toBe(id);
    for (const member of [nurse, welfare]) {
      const notices = await api(app.baseUrl, 'GET', '/api/v1/notifications', { token: member.token });
      const invitation = notices.body.items.find((item: any) => item.kind === 'conference_invitation');
      expect(invitation).toMatchObject({ title: '退院時カンファレンスのご案内' });
      expect(invitation.body).toContain('2026年12月1日(火) 14:00〜15:00');
      expect(invitation.body).toContain('3階 会議室');
    }
    // The hospital that scheduled it is not invited to its own conference.
    const ownNotices = await api(app.baseUrl, 'GET', '/api/v1/notifications', { token: liaison.token });
    expect(
      ownNotices.body.items.filter((item: any) => item.kind === 'conference_invitation' && item.entityId === id),
    ).toEqual([]);

    // Who reads it: participants yes, a mere candidate 403, a stranger 404.
    const asNurse = await api(app.baseUrl, 'GET', `/api/v1/conferences/${id}`, { token: nurse.token });
    expect(asNurse.status).toBe(200);
    expect(asNurse.body.permissions.canManage).toBe(false);
    expect(asNurse.headers.get('etag')).toBe('"1"');
    expect((await api(app.baseUrl, 'GET', `/api/v1/conferences/${id}`, { token: candidate.token })).status).toBe(403);
    expect((await api(app.baseUrl, 'GET', `/api/v1/conferences/${id}`, { token: stranger.token })).status).toBe(404);
    expect(
      (await api(app.baseUrl, 'GET', `/api/v1/conferences/${id}/calendar.ics`, { token: stranger.token })).status,
    ).toBe(404);
    const candidateList = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/conferences`, {
      token: candidate.token,
    });
    expect(candidateList.body.items).toEqual([]);

    // The .ics: valid, Tokyo time, stable UID, CRLF, ≤ 75 octets, no patient name.
    const ics = await api(app.baseUrl, 'GET', `/api/v1/conferences/${id}/calendar.ics`, { token: nurse.token });
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(ics.headers.get('content-disposition')).toContain('.ics');
    expect(ics.text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(ics.text).not.toContain('岡山 花子');
    const { calendar, vevent } = parseCalendar(ics.text);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBeTruthy();
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    const timezone = calendar.getFirstSubcomponent('vtimezone');
    expect(timezone?.getFirstPropertyValue('tzid')).toBe('Asia/Tokyo');
    expect(timezone?.getFirstSubcomponent('standard')?.getFirstPropertyValue('tzname')).toBe('JST');
    expect(vevent.getFirstPropertyValue('uid')).toBe(`${id}@renkei`);
    expect(vevent.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Asia/Tokyo');
    expect(String(vevent.getFirstPropertyValue('dtstart'))).toBe('2026-12-01T14:00:00');
    expect(String(vevent.getFirstPropertyValue('dtend'))).toBe('2026-12-01T15:00:00');
    expect(String(vevent.getFirstPropertyValue('dtstamp'))).toBe('2026-11-25T01:00:00Z');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(0);
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(vevent.getFirstPropertyValue('summary')).toBe(`退院時カンファレンス（${liaison.organization!.name}）`);
    expect(vevent.getFirstPropertyValue('location')).toBe('岡山テスト総合病院 3階 会議室');
    expect(vevent.getFirstPropertyValue('url')).toBe('https://meet.example.jp/renkei-conf');
    expect(String(vevent.getFirstPropertyValue('description'))).toContain('退院予定日: 2026年12月10日(木)');
    const second = await api(app.baseUrl, 'GET', `/api/v1/conferences/${id}/calendar.ics`, { token: liaison.token });
    expect(parseCalendar(second.text).vevent.getFirstPropertyValue('uid')).toBe(`${id}@renkei`);

    // Reschedule: If-Match required; SEQUENCE + 1; participants told.
    const change = { startsAt: '2026-12-02T15:00:00+09:00', place: '岡山テスト総合病院 1階 地域連携室' };
    expect(
      (await api(app.baseUrl, 'PATCH', `/api/v1/conferences/${id}`, { token: liaison.token, body: change })).status,
    ).toBe(428);
    const byNurse = await api(app.baseUrl, 'PATCH', `/api/v1/conferences/${id}`, {
      token: nurse.token,
      body: change,
      headers: { 'if-match': '"1"' },
    });
    expect(byNurse.status).toBe(403);
    const pastChange = await api(app.baseUrl, 'PATCH', `/api/v1/conferences/${id}`, {
      token: liaison.token,
      body: { startsAt: '2026-11-20T15:00:00+09:00' },
      headers: { 'if-match': '"1"' },
    });
    expect(pastChange.status).toBe(400);
    const changed = await api(app.baseUrl, 'PATCH', `/api/v1/conferences/${id}`, {
      token: liaison.token,
      body: change,
      headers: { 'if-match': '"1"' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ sequence: 1, version: 2, startsAt: '2026-12-02T15:00:00.000+09:00' });
    const stale = await api(app.baseUrl, 'PATCH', `/api/v1/conferences/${id}`, {
      token: liaison.token,
      body: { durationMinutes: 90 },
      headers: { 'if-match': '"1"' },
    });
    expect(stale.status).toBe(412);
    // Who changed it and when, as a case's 412 says.
    expect(stale.body.error.message).toMatch(/^.+が \d{4}年\d{1,2}月\d{1,2}日\(.\) \d{2}:\d{2} に更新しました/);
    const nurseNotices = await api(app.baseUrl, 'GET', '/api/v1/notifications', { token: nurse.token });
    expect(nurseNotices.body.items.find((item: any) => item.kind === 'conference_changed').body).toContain(
      '2026年12月2日(水) 15:00〜16:00',
    );
    const changedIcs = await api(app.baseUrl, 'GET', `/api/v1/conferences/${id}/calendar.ics`, { token: nurse.token });
    const { vevent: changedEvent } = parseCalendar(changedIcs.text);
    expect(changedEvent.getFirstPropertyValue('uid')).toBe(`${id}@renkei`);
    expect(changedEvent.getFirstPropertyValue('sequence')).toBe(1);
    expect(String(changedEvent.getFirstPropertyValue('dtstart'))).toBe('2026-12-02T15:00:00');

    // Dropping a participant tells it; SEQUENCE moves on again.
    const dropped = await api(app.baseUrl, 'PATCH', `/api/v1/conferences/${id}`, {
      token: liaison.token,
      body: { participantOrganizationIds: [hospitalId, nurse.organization.id] },
      headers: { 'if-match': '"2"' },
    });
    expect(dropped.body).toMatchObject({ sequence: 2, version: 3 });
    const welfareNotices = await api(app.baseUrl, 'GET', '/api/v1/notifications', { token: welfare.token });
    expect(welfareNotices.body.items.some((item: any) => item.kind === 'conference_uninvited')).toBe(true);
    // …and its copy of the .ics now takes the event out of its calendar; the others' stays confirmed.
    const droppedIcs = await api(app.baseUrl, 'GET', `/api/v1/conferences/${id}/calendar.ics`, {
      token: welfare.token,
    });
    const { vevent: droppedEvent } = parseCalendar(droppedIcs.text);
    expect(droppedEvent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(droppedEvent.getFirstPropertyValue('sequence')).toBe(2);
    const keptIcs = await api(app.baseUrl, 'GET', `/api/v1/conferences/${id}/calendar.ics`, { token: nurse.token });
    expect(parseCalendar(keptIcs.text).vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');

    // Minutes only after the start.
    const early = await api(app.baseUrl, 'PUT', `/api/v1/conferences/${id}/minutes`, {
      token: liaison.token,
      body: { minutes: '在宅酸素の手配を確認。' },
      headers: { 'if-match': '"3"' },
    });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('開始後');

    // A day before, the participants are reminded (once, for the current schedule only).
    app.clock.set(new Date('2026-12-01T15:30:00+09:00'));
    await app.runDueJobs();
    await relogin(app, liaison, nurse, candidate, welfare);
    const reminders = await api(app.baseUrl, 'GET', '/api/v1/notifications', { token: nurse.token });
    expect(reminders.body.items.filter((item: any) => item.kind === 'conference_reminder')).toHaveLength(1);

    app.clock.set(new Date('2026-12-02T16:10:00+09:00'));
    await relogin(app, liaison, nurse, candidate, welfare);
    const minutesBody = { minutes: '在宅酸素の手配を確認。訪問看護は退院翌日から週3回。' };
    const minutesPath = `/api/v1/conferences/${id}/minutes`;
    // Minutes change the conference: without If-Match 428, against an old version 412.
    expect((await api(app.baseUrl, 'PUT', minutesPath, { token: liaison.token, body: minutesBody })).status).toBe(428);
    const staleMinutes = await api(app.baseUrl, 'PUT', minutesPath, {
      token: liaison.token,
      body: minutesBody,
      headers: { 'if-match': '"2"' },
    });
    expect(staleMinutes.status).toBe(412);
    const minutes = await api(app.baseUrl, 'PUT', minutesPath, {
      token: liaison.token,
      body: minutesBody,
      headers: { 'if-match': '"3"' },
    });
    expect(minutes.status).toBe(200);
    expect(minutes.body).toMatchObject({
      status: 'held',
      minutesRecordedAt: '2026-12-02T16:10:00.000+09:00',
      // Who wrote them, as the page shows beside them.
      minutesRecordedByName: expect.stringContaining(liaison.user.email),
      sequence: 2,
      version: 4,
    });
    const cancelHeld = await api(app.baseUrl, 'POST', `/api/v1/conferences/${id}/cancel`, {
      token: liaison.token,
      body: {},
      headers: { 'if-match': '"4"' },
    });
    expect(cancelHeld.status).toBe(409);
    expect(cancelHeld.body.error.code).toBe('invalid_transition');
    const nurseView = await api(app.baseUrl, 'GET', `/api/v1/conferences/${id}`, { token: nurse.token });
    expect(nurseView.body.minutes).toContain('週3回');

    const timeline = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/timeline`, { token: liaison.token });
    expect(timeline.body.items.map((event: any) => event.kind)).toEqual(
      expect.arrayContaining(['conference_scheduled', 'conference_changed', 'conference_minutes']),
    );
    const audit = await api(app.baseUrl, 'GET', `/api/v1/audit?entity=conference&entityId=${id}&limit=100`, {
      token: liaison.token,
    });
    expect(audit.body.items.map((event: any) => event.action)).toEqual(
      expect.arrayContaining(['schedule', 'read', 'update', 'record_minutes']),
    );
    app.clock.set(start);
    await relogin(app, liaison, nurse, candidate, welfare);
  });

  it('cancels a conference: STATUS:CANCELLED with a higher SEQUENCE, participants told', async () => {
    const created = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/conferences`, {
      token: liaison.token,
      body: { ...validBody(), place: undefined, startsAt: '2026-12-03T10:30:00+09:00', durationMinutes: 45 },
    });
    expect(created.status).toBe(201);
    expect(created.body.place).toBeNull();
    const id = created.body.id as string;
    const unconditional = await api(app.baseUrl, 'POST', `/api/v1/conferences/${id}/cancel`, {
      token: liaison.token,
      body: { reason: '退院日が延期になったため' },
    });
    expect(unconditional.status).toBe(428);
    const cancelled = await api(app.baseUrl, 'POST', `/api/v1/conferences/${id}/cancel`, {
      token: liaison.token,
      body: { reason: '退院日が延期になったため' },
      headers: { 'if-match': '"1"' },
    });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', sequence: 1 });
    const ics = await api(app.baseUrl, 'GET', `/api/v1/conferences/${id}/calendar.ics`, { token: welfare.token });
    const { vevent } = parseCalendar(ics.text);
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(1);
    expect(vevent.getFirstPropertyValue('location')).toBe('オンライン');
    const notices = await api(app.baseUrl, 'GET', '/api/v1/notifications', { token: welfare.token });
    expect(notices.body.items.find((item: any) => item.kind === 'conference_cancelled').body).toContain('延期');
    const changeCancelled = await api(app.baseUrl, 'PATCH', `/api/v1/conferences/${id}`, {
      token: liaison.token,
      body: { durationMinutes: 30 },
      headers: { 'if-match': '"2"' },
    });
    expect(changeCancelled.status).toBe(409);
  });

  it('lets an invited organisation read the conference and its .ics even after its own access to the case ended', async () => {
    const created = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/conferences`, {
      token: liaison.token,
      body: { ...validBody(), startsAt: '2026-12-04T13:00:00+09:00' },
    });
    expect(created.status).toBe(201);
    const links = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/welfare-links`, { token: liaison.token });
    const link = links.body.items.find((item: any) => item.organization.id === welfare.organization.id);
    await api(app.baseUrl, 'POST', `/api/v1/welfare-links/${link.id}/close`, { token: liaison.token, body: {} });
    // The case is out of sight now, the invitation is not.
    expect((await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}`, { token: welfare.token })).status).toBe(404);
    const view = await api(app.baseUrl, 'GET', `/api/v1/conferences/${created.body.id}`, { token: welfare.token });
    expect(view.status).toBe(200);
    expect(view.body.permissions.canManage).toBe(false);
    const ics = await api(app.baseUrl, 'GET', `/api/v1/conferences/${created.body.id}/calendar.ics`, {
      token: welfare.token,
    });
    expect(ics.status).toBe(200);
    // A closed link no longer makes it eligible for new conferences.
    const again = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/conferences`, {
      token: liaison.token,
      body: validBody(),
    });
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({ code: 'validation_failed', reason: 'participant_not_in_case' });
  });
  it("pages a case's conferences by start time, each once, and refuses bad paging with a 400", async () => {
    // 病院 → 訪問看護: five conferences on a new case, scheduled out of order, two at the same hour. The case is
    // near the nurse (a random spot could lie beyond its 10 km coverage).
    const otherCase = await caseWithNurse(app, liaison.token, nurse, nurseHome);
    const starts = [
      '2026-12-03T10:00:00+09:00',
      '2026-12-01T15:00:00+09:00',
      '2026-12-02T09:00:00+09:00',
      '2026-12-01T15:00:00+09:00',
      '2026-12-05T13:30:00+09:00',
    ];
    const scheduled: { id: string; startsAt: string }[] = [];
    for (const at of starts) {
      const created = await api(app.baseUrl, 'POST', `/api/v1/cases/${otherCase}/conferences`, {
        token: liaison.token,
        body: { ...validBody(), startsAt: at, participantOrganizationIds: [hospitalId, nurse.organization.id] },
      });
      expect(created.status, created.text).toBe(201);
      scheduled.push({ id: created.body.id, startsAt: created.body.startsAt });
    }
    const expected = [...scheduled]
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id))
      .map((conference) => conference.id);
    for (const [token, limit] of [
      [liaison.token, 1],
      [liaison.token, 2],
      [nurse.token, 3],
    ] as const) {
      const walked = await walkPages<{ id: string }>(app.baseUrl, `/api/v1/cases/${otherCase}/conferences`, {
        token,
        limit,
      });
      expectNoRepeats(walked.items.map((item) => item.id));
      expect(walked.items.map((item) => item.id)).toEqual(expected);
    }
    await expectPagingRefusals(app.baseUrl, `/api/v1/cases/${otherCase}/conferences`, liaison.token);
  });
});
