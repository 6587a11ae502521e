/**
 * Live case events on GET /api/v1/events: a post on a case's thread (or a change of its
 * conferences) reaches the open streams of the organisations of the case's circle as
 * `case_updated` (the case and what changed, no patient data) — and nobody else's.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
import { openEventStream, type EventStream, type StreamEvent } from '../../../test/helpers/event-stream.js';

/** This file's cases: oxygen only, a nurse and a doctor needed. */
const caseAt = (home: Home) =>
  caseBody(home, {
    patient: { name: '岡山 ライブ花子', nameKana: 'おかやま らいぶはなこ' },
    procedures: ['home_oxygen'],
    admissionDate: '2026-11-01',
    neededRoles: ['primary_doctor', 'visiting_nurse'],
  });

/** This file's providers: oxygen only. */
const provider = (app: TestApp, home: Home, kind: 'visiting_nursing' | 'clinic') =>
  homeCareProvider(app, home, kind, {
    name: `${kind === 'clinic' ? 'ライブ在宅クリニック' : 'ライブ訪問看護'} ${randomUUID().slice(0, 6)}`,
    procedures: ['home_oxygen'],
  });

const caseUpdated = (caseId: string) => (event: StreamEvent) =>
  event.event === 'case_updated' && event.data.caseId === caseId;

describe('live case events on GET /api/v1/events', () => {
  let app: TestApp;
  let liaison: Awaited<ReturnType<typeof signedInAs>>;
  let colleagueToken: string;
  let nurse: HomeCareProvider;
  let candidate: HomeCareProvider;
  let outsider: HomeCareProvider;
  let caseId: string;
  let otherCaseId: string;
  const streams: EventStream[] = [];

  async function stream(token: string) {
    const opened = await openEventStream(app.baseUrl, token);
    streams.push(opened);
    // `ready` is written once the stream listens: what is posted after it reaches the stream.
    await opened.until((event) => event.event === 'ready');
    return opened;
  }

  const directCase = async (home: Home) => (await routedCase(app, liaison.token, caseAt(home))).id;

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
    caseId = await directCase(home);
    await refer(app, liaison.token, caseId, 'visiting_nurse', nurse, { accept: true });
    await refer(app, liaison.token, caseId, 'primary_doctor', candidate);
    // Another case of the same hospital, where the candidate and the outsider are the team: its events are the
    // markers that show the first case's event did not reach them (one channel delivers in commit order).
    otherCaseId = await directCase(home);
    await refer(app, liaison.token, otherCaseId, 'visiting_nurse', outsider, { accept: true });
    await refer(app, liaison.token, otherCaseId, 'primary_doctor', candidate, { accept: true });
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
