/**
 * Live case events on GET /api/v1/events: a post on a case's thread (or a change of its
 * conferences) reaches the open streams of the organisations of the case's circle as
 * `case_updated` (the case and what changed, no patient data) — and nobody else's.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildOrganization, buildUser, login, signedInAs } from '../../../test/helpers/factories.js';

// Wednesday 2026-11-25 10:00 JST
const start = new Date('2026-11-25T10:00:00+09:00');

type Home = { lat: number; lng: number };
type StreamEvent = { event: string; data: any };

function spot(): Home {
  return { lat: 34.6 + Math.random() * 0.1, lng: 133.85 + Math.random() * 0.15 };
}

function caseBody(home: Home) {
  return {
    patient: {
      name: '岡山 ライブ花子',
      nameKana: 'おかやま らいぶはなこ',
      birthDate: '1941-04-02',
      sex: 'female',
      address: '岡山市北区大供1丁目1-1',
      phone: '086-000-1111',
      lat: home.lat,
      lng: home.lng,
    },
    groups: ['elderly', 'terminal_care'],
    procedures: ['home_oxygen'],
    careLevel: 'care_3',
    plannedDischargeDate: '2026-12-10',
    admissionDate: '2026-11-01',
    consent: { scope: ['center', 'referral_summary', 'team_record'], recordedBy: '退院調整看護師 山田' },
    neededRoles: ['primary_doctor', 'visiting_nurse'],
  };
}

async function provider(app: TestApp, home: Home, kind: 'visiting_nursing' | 'clinic') {
  const organization = await buildOrganization(app.database, {
    kind,
    name: `${kind === 'clinic' ? 'ライブ在宅クリニック' : 'ライブ訪問看護'} ${randomUUID().slice(0, 6)}`,
    lat: home.lat + 0.005,
    lng: home.lng + 0.005,
    areaCode: '33101',
    groups: ['elderly', 'terminal_care'],
    procedures: ['home_oxygen'],
    isAvailable24h: true,
    coverageRadiusKm: 10,
    availabilityStatus: 'accepting',
    freeSlots: 3,
    availabilityUpdatedAt: start,
  });
  const user = await buildUser(app.database, { role: 'provider', organizationId: organization.id });
  return { organization, user, token: await login(app, user.email) };
}

type Provider = Awaited<ReturnType<typeof provider>>;

/** An open GET /api/v1/events of one signed-in user, read event by event. */
async function openStream(app: TestApp, token: string) {
  const controller = new AbortController();
  const response = await fetch(`${app.baseUrl}/api/v1/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';

  async function next(deadline: number): Promise<StreamEvent> {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = block.split('\n').filter((line) => !line.startsWith(':'));
        const event = lines.find((line) => line.startsWith('event: '))?.slice('event: '.length);
        const data = lines.find((line) => line.startsWith('data: '))?.slice('data: '.length);
        if (event && data !== undefined) return { event, data: JSON.parse(data) };
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no further event on the stream; so far: ${buffer}`);
      let timer: NodeJS.Timeout | undefined;
      const chunk = await Promise.race([
        reader.read(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('the stream stayed silent')), left);
        }),
      ]).finally(() => clearTimeout(timer));
      if (chunk.done) throw new Error('the stream ended');
      buffer += decoder.decode(chunk.value, { stream: true });
    }
  }

  /** Every event up to and including the first that matches. */
  async function until(matches: (event: StreamEvent) => boolean): Promise<StreamEvent[]> {
    const deadline = Date.now() + 10_000;
    const seen: StreamEvent[] = [];
    for (;;) {
      const event = await next(deadline);
      seen.push(event);
      if (matches(event)) return seen;
    }
  }

  return { until, close: () => controller.abort() };
}

type Stream = Awaited<ReturnType<typeof openStream>>;

const caseUpdated = (caseId: string) => (event: StreamEvent) =>
  event.event === 'case_updated' && event.data.caseId === caseId;

describe('live case events on GET /api/v1/events', () => {
  let app: TestApp;
  let liaison: Awaited<ReturnType<typeof signedInAs>>;
  let colleagueToken: string;
  let nurse: Provider;
  let candidate: Provider;
  let outsider: Provider;
  let caseId: string;
  let otherCaseId: string;
  const streams: Stream[] = [];

  async function stream(token: string) {
    const opened = await openStream(app, token);
    streams.push(opened);
    // `ready` is written once the stream listens: what is posted after it reaches the stream.
    await opened.until((event) => event.event === 'ready');
    return opened;
  }

  async function routedCase(home: Home): Promise<string> {
    const created = await api(app.baseUrl, 'POST', '/api/v1/cases', { token: liaison.token, body: caseBody(home) });
    expect(created.status).toBe(201);
    const routed = await api(app.baseUrl, 'POST', `/api/v1/cases/${created.body.id}/route`, {
      token: liaison.token,
      body: { route: 'direct' },
      headers: { 'if-match': `"${created.body.version}"` },
    });
    expect(routed.status).toBe(200);
    return created.body.id as string;
  }

  async function refer(id: string, role: string, to: Provider, accept: boolean) {
    const sent = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/referrals`, {
      token: liaison.token,
      body: { role, organizationIds: [to.organization.id], respondWithinBusinessDays: 3 },
    });
    expect(sent.status).toBe(201);
    if (!accept) return;
    const accepted = await api(app.baseUrl, 'POST', `/api/v1/referrals/${sent.body.items[0].id}/accept`, {
      token: to.token,
    });
    expect(accepted.status).toBe(200);
  }

  async function post(id: string, body: string, token = liaison.token) {
    const response = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/messages`, { token, body: { body } });
    expect(response.status).toBe(201);
  }

  beforeAll(async () => {
    app = await startTestApp({ start });
    liaison = await signedInAs(app, 'hospital_liaison', { name: `ライブ総合病院 ${randomUUID().slice(0, 4)}` });
    const colleague = await buildUser(app.database, {
      role: 'hospital_liaison',
      organizationId: liaison.organization!.id,
    });
    colleagueToken = await login(app, colleague.email);
    const home = spot();
    nurse = await provider(app, home, 'visiting_nursing');
    candidate = await provider(app, home, 'clinic');
    outsider = await provider(app, home, 'visiting_nursing');
    // The case: 訪問看護 is on the team, 診療所 only a candidate (open referral), the outsider has nothing to do with it.
    caseId = await routedCase(home);
    await refer(caseId, 'visiting_nurse', nurse, true);
    await refer(caseId, 'primary_doctor', candidate, false);
    // Another case of the same hospital, where the candidate and the outsider are the team: its events are the
    // markers that show the first case's event did not reach them (one channel delivers in commit order).
    otherCaseId = await routedCase(home);
    await refer(otherCaseId, 'visiting_nurse', outsider, true);
    await refer(otherCaseId, 'primary_doctor', candidate, true);
  });
  afterEach(() => {
    for (const opened of streams.splice(0)) opened.close();
  });
  afterAll(async () => {
    await app.close();
  });

  it('tells the team and the hospital when a message is posted, and nobody outside the case', async () => {
    const nurseStream = await stream(nurse.token);
    const colleagueStream = await stream(colleagueToken);
    const candidateStream = await stream(candidate.token);
    const outsiderStream = await stream(outsider.token);

    await post(caseId, '退院前カンファレンスの日程を相談させてください。');

    // The team member hears it: the case and what changed, nothing about the patient.
    const heardByNurse = await nurseStream.until(caseUpdated(caseId));
    expect(heardByNurse.at(-1)!.data).toEqual({ type: 'case_updated', caseId, what: 'messages' });
    expect(JSON.stringify(heardByNurse.at(-1)!.data)).not.toContain('ライブ花子');
    // So does the poster's colleague at the hospital (her open page shows the message too).
    const heardByColleague = await colleagueStream.until(caseUpdated(caseId));
    expect(heardByColleague.at(-1)!.data).toEqual({ type: 'case_updated', caseId, what: 'messages' });

    // Then a post on the other case, whose team the candidate and the outsider are: they hear that one, and
    // nothing of the first case came before it.
    await post(otherCaseId, '初回訪問の日程を決めましょう。');
    for (const outside of [candidateStream, outsiderStream]) {
      const heard = await outside.until(caseUpdated(otherCaseId));
      expect(heard.at(-1)!.data).toEqual({ type: 'case_updated', caseId: otherCaseId, what: 'messages' });
      expect(heard.filter(caseUpdated(caseId))).toEqual([]);
    }
  });

  it('tells the team member’s organisation when the hospital schedules a conference, and the outsider not', async () => {
    const nurseStream = await stream(nurse.token);
    const outsiderStream = await stream(outsider.token);
    const scheduled = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/conferences`, {
      token: liaison.token,
      body: {
        startsAt: '2026-12-01T14:00:00+09:00',
        durationMinutes: 60,
        place: 'ライブ総合病院 3階 会議室',
        participantOrganizationIds: [liaison.organization!.id, nurse.organization.id],
      },
    });
    expect(scheduled.status).toBe(201);
    const heard = await nurseStream.until((event) => caseUpdated(caseId)(event) && event.data.what === 'conferences');
    expect(heard.at(-1)!.data).toEqual({ type: 'case_updated', caseId, what: 'conferences' });

    // The team member answers on the thread: the hospital's colleague hears it, the outsider (marker: the other
    // case) heard nothing of this case.
    const colleagueStream = await stream(colleagueToken);
    await post(caseId, '参加します。', nurse.token);
    await colleagueStream.until(caseUpdated(caseId));
    await post(otherCaseId, '了解です。');
    const outsiderHeard = await outsiderStream.until(caseUpdated(otherCaseId));
    expect(outsiderHeard.filter(caseUpdated(caseId))).toEqual([]);
  });
});
