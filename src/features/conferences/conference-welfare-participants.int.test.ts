/**
 * Welfare windows as participants of the discharge conference, over real HTTP. A window joins the
 * case's circle — and may be invited — once it acknowledged its link (with the patient's consent to
 * share with welfare windows): until then it sees only the minimum necessary of the case, while a
 * participant reads the conference and its minutes. Every refusal says the real reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { signedInAs } from '../../../test/helpers/factories.js';
import { caseBody, staffedOrganization } from '../../../test/helpers/cases.js';

// Wednesday 2026-11-25 10:00 JST
const start = new Date('2026-11-25T10:00:00+09:00');

/** A patient at 岡山市北区大供 living alone in hardship, consenting to share with welfare windows. */
const body = () =>
  caseBody(
    { lat: 34.6551, lng: 133.9195 },
    {
      groups: ['elderly'],
      procedures: ['home_oxygen'],
      consent: { scope: ['center', 'referral_summary', 'team_record', 'welfare_record'] },
      livingSituation: 'alone',
      welfareIssues: ['financial_hardship'],
      neededRoles: undefined,
    },
  );

type Window = { organization: { id: string; name: string }; token: string };

describe('welfare windows invited to the discharge conference', () => {
  let app: TestApp;
  let liaison: Awaited<ReturnType<typeof signedInAs>>;

  const welfareWindow = (name: string): Promise<Window> => staffedOrganization(app, 'welfare_office', name);

  async function newCase(): Promise<string> {
    const created = await api(app.baseUrl, 'POST', '/api/v1/cases', { token: liaison.token, body: body() });
    expect(created.status).toBe(201);
    return created.body.id as string;
  }

  async function link(caseId: string, window: Window): Promise<string> {
    const created = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/welfare-links`, {
      token: liaison.token,
      body: { organizationId: window.organization.id, reason: '生活困窮の相談' },
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  }

  async function acknowledge(window: Window, linkId: string) {
    const acknowledged = await api(app.baseUrl, 'POST', `/api/v1/welfare-links/${linkId}/acknowledge`, {
      token: window.token,
      body: { response: '担当ケースワーカーが参加します。' },
    });
    expect(acknowledged.status).toBe(200);
  }

  function schedule(caseId: string, participantOrganizationIds: string[]) {
    return api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/conferences`, {
      token: liaison.token,
      body: {
        startsAt: '2026-12-01T14:00:00+09:00',
        durationMinutes: 60,
        place: '3階 地域連携室',
        participantOrganizationIds,
      },
    });
  }

  beforeAll(async () => {
    app = await startTestApp({ start });
    liaison = await signedInAs(app, 'hospital_liaison');
  });
  afterAll(async () => {
    await app.close();
  });

  it('refuses a window whose link is only requested, saying it has not acknowledged yet; invites it once it did', async () => {
    const caseId = await newCase();
    const window = await welfareWindow('岡山市南区南福祉事務所');
    const linkId = await link(caseId, window);
    const hospitalId = liaison.organization!.id;

    const refused = await schedule(caseId, [hospitalId, window.organization.id]);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'validation_failed', reason: 'participant_not_in_case' });
    expect(refused.body.error.details).toEqual([
      {
        path: 'participantOrganizationIds.1',
        message: `${window.organization.name}はまだ福祉の連携を受け付けていません。受付後に招待できます。`,
      },
    ]);
    // Nothing contradicts the data: it is linked, and not called an outsider.
    expect(JSON.stringify(refused.body)).not.toContain('連携先ではありません');
    const none = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/conferences`, { token: liaison.token });
    expect(none.body.items).toEqual([]);

    await acknowledge(window, linkId);
    const scheduled = await schedule(caseId, [hospitalId, window.organization.id]);
    expect(scheduled.status, scheduled.text).toBe(201);
    expect(scheduled.body.participants.map((participant: any) => participant.organizationId).sort()).toEqual(
      [hospitalId, window.organization.id].sort(),
    );
    const notices = await api(app.baseUrl, 'GET', '/api/v1/notifications?limit=500', { token: window.token });
    expect(
      (notices.body.items as any[]).some(
        (item) => item.kind === 'conference_invitation' && item.entityId === scheduled.body.id,
      ),
    ).toBe(true);
  });

  it('says a closed link is closed, and a link without the consent to share with welfare windows lacks it', async () => {
    const caseId = await newCase();
    const closedWindow = await welfareWindow('岡山市社会福祉協議会');
    const noConsentWindow = await welfareWindow('岡山市北区中央福祉事務所');
    const stranger = await welfareWindow('岡山市東区福祉事務所');
    const closedLink = await link(caseId, closedWindow);
    const closed = await api(app.baseUrl, 'POST', `/api/v1/welfare-links/${closedLink}/close`, {
      token: liaison.token,
      body: {},
    });
    expect(closed.status).toBe(200);
    await acknowledge(noConsentWindow, await link(caseId, noConsentWindow));
    // The family withdraws the consent to share with welfare windows.
    const current = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}`, { token: liaison.token });
    const withdrawn = await api(app.baseUrl, 'PATCH', `/api/v1/cases/${caseId}`, {
      token: liaison.token,
      body: { consent: { scope: ['center', 'referral_summary', 'team_record'], recordedBy: '退院調整看護師 山田' } },
      headers: { 'if-match': `"${current.body.version}"` },
    });
    expect(withdrawn.status, withdrawn.text).toBe(200);

    const refused = await schedule(caseId, [
      liaison.organization!.id,
      closedWindow.organization.id,
      noConsentWindow.organization.id,
      stranger.organization.id,
    ]);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'validation_failed', reason: 'participant_not_in_case' });
    expect(refused.body.error.details).toEqual([
      {
        path: 'participantOrganizationIds.1',
        message: `${closedWindow.organization.name}との福祉の連携は終了しています。`,
      },
      {
        path: 'participantOrganizationIds.2',
        message: `${noConsentWindow.organization.name}は福祉の連携先ですが、本人・家族の同意（福祉の連携先への記録の共有）がないため招待できません。`,
      },
      {
        path: 'participantOrganizationIds.3',
        message: `${stranger.organization.name}は、このケースの在宅チーム・病院・センター・福祉の連携先ではありません。`,
      },
    ]);
  });
});
