/**
 * Notices are read once what they lead to has been opened: a station that opened (and answered) a referral, a
 * hospital that opened its case page, does not keep an unread count for them — while a colleague who has not opened
 * it still has them unread, and notices about other things stay unread.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildUser, login, signedInAs } from '../../../test/helpers/factories.js';
import { caseBody, caseTestStart, homeCareProvider, refer, routedCase, spot } from '../../../test/helpers/cases.js';

describe('notices of what was opened', () => {
  let app: TestApp;
  let liaison: Awaited<ReturnType<typeof signedInAs>>;

  beforeAll(async () => {
    app = await startTestApp({ start: caseTestStart });
    liaison = await signedInAs(app, 'hospital_liaison');
  });
  afterAll(async () => {
    await app.close();
  });

  const unread = async (token: string) => {
    const response = await api(app.baseUrl, 'GET', '/api/v1/notifications?unread=true&limit=100', { token });
    expect(response.status, response.text).toBe(200);
    return response.body as { unreadCount: number; items: { kind: string; link: string }[] };
  };

  it('reads a referral’s notices for the person who opens it, and a case’s for the one who opens the case', async () => {
    const home = spot();
    const first = await routedCase(app, liaison.token, caseBody(home));
    const second = await routedCase(app, liaison.token, caseBody(home));
    const station = await homeCareProvider(app, home, 'visiting_nursing');
    const colleague = await buildUser(app.database, { role: 'provider', organizationId: station.organization.id });
    const colleagueToken = await login(app, colleague.email);
    const opened = await refer(app, liaison.token, first.id, 'visiting_nurse', station);
    await refer(app, liaison.token, second.id, 'visiting_nurse', station);
    expect((await unread(station.token)).items.filter((item) => item.kind === 'referral_new')).toHaveLength(2);

    const read = await api(app.baseUrl, 'GET', `/api/v1/referrals/${opened}`, { token: station.token });
    expect(read.status, read.text).toBe(200);
    const afterOpening = await unread(station.token);
    expect(afterOpening.items.map((item) => item.link)).not.toContain(`/referrals/${opened}`);
    expect(afterOpening.items.filter((item) => item.kind === 'referral_new')).toHaveLength(1);
    // The colleague has not opened it: still unread for them.
    expect((await unread(colleagueToken)).items.filter((item) => item.kind === 'referral_new')).toHaveLength(2);

    // The station asks; the hospital's notice links to the case page, and opening the case reads it.
    const asked = await api(app.baseUrl, 'POST', `/api/v1/referrals/${opened}/questions`, {
      token: station.token,
      body: { text: '夜間の吸引は必要ですか' },
    });
    expect(asked.status, asked.text).toBe(201);
    const beforeCase = await unread(liaison.token);
    expect(beforeCase.items.some((item) => item.link.startsWith(`/cases/${first.id}`))).toBe(true);
    const casePage = await api(app.baseUrl, 'GET', `/api/v1/cases/${first.id}`, { token: liaison.token });
    expect(casePage.status, casePage.text).toBe(200);
    const afterCase = await unread(liaison.token);
    expect(afterCase.items.some((item) => item.link.startsWith(`/cases/${first.id}`))).toBe(false);
    expect(afterCase.unreadCount).toBe(beforeCase.unreadCount - 1);
  });
});
