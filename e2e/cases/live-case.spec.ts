/**
 * The case page is live: 病院（地域連携室）and the team's 在宅医 have the same case open in two browsers. What one
 * writes on the team's thread appears in the other's thread (and a hospital colleague's) without reloading — within seconds, long before the
 * page's slow safety-net poll (60 s) — and the conference's 「議事録を記録」 appears by itself once the conference
 * has started; the saved minutes show on both pages at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../helpers/server.js';
import { launchBrowser } from '../helpers/browser.js';
import { apiToken, createUserWithOwnPassword, escapeRegExp } from '../helpers/demo.js';
import { call, makeAccepting, personContext, providerOf, registerDirectCase, type Provider } from './case-helpers.js';

/** Well under the page's fallback poll (60 s): what arrives within it came live. */
const liveTimeout = { timeout: 10_000 };

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let clinic: Provider;
let caseId = '';
let conferenceStartsAt = 0;
const patientName = '旭 ライブ花子';
/** A colleague of the liaison at the same hospital: her own hospital's posts notify her of nothing. */
const colleagueEmail = `liaison-live-${Date.now()}@e2e.renkei.jp`;
const colleaguePassword = 'renkei-e2e-password-2026';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // A case of the demo hospital coordinated directly; the demo home-care clinic accepted the primary doctor's role.
  const liaison = await apiToken(server.baseUrl, 'liaison@demo.renkei.jp');
  clinic = await providerOf(server.baseUrl, 'clinic@demo.renkei.jp');
  await makeAccepting(server.baseUrl, clinic);
  caseId = await registerDirectCase(server.baseUrl, liaison, {
    name: patientName,
    nameKana: 'あさひ らいぶはなこ',
    birthDate: '1940-05-05',
    sex: 'female',
    careLevel: 'care_2',
  });
  const referrals = await call(server.baseUrl, liaison, 'POST', `cases/${caseId}/referrals`, {
    role: 'primary_doctor',
    organizationIds: [clinic.organizationId],
    respondWithinBusinessDays: 2,
  });
  await call(server.baseUrl, clinic.token, 'POST', `referrals/${referrals.items[0].id as string}/accept`);
  // A short conference that starts in half a minute, while both pages are open.
  const me = await call(server.baseUrl, liaison, 'GET', 'me');
  const admin = await apiToken(server.baseUrl, 'admin@demo.renkei.jp');
  await createUserWithOwnPassword(
    server.baseUrl,
    admin,
    {
      email: colleagueEmail,
      name: '退院調整看護師（E2E）',
      role: 'hospital_liaison',
      organizationId: me.organizationId as string,
    },
    colleaguePassword,
  );
  conferenceStartsAt = Date.now() + 30_000;
  await call(server.baseUrl, liaison, 'POST', `cases/${caseId}/conferences`, {
    startsAt: new Date(conferenceStartsAt).toISOString(),
    durationMinutes: 30,
    onlineUrl: 'https://meet.example.jp/renkei-live',
    participantOrganizationIds: [me.organizationId as string, clinic.organizationId],
  });
}, 300_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

/** Signs in and opens the case; marks the window so that a reload would be noticed. */
async function openCase(email: string, password?: string): Promise<Page> {
  const { context, page } = await personContext(browser, server.baseUrl, email, password);
  contexts.push(context);
  await page.goto(`/cases/${caseId}`);
  await page.getByRole('heading', { level: 1, name: new RegExp(escapeRegExp(patientName)) }).waitFor();
  await page
    .locator('.message-thread')
    .getByText('メッセージはまだありません。')
    .or(page.locator('.message-list'))
    .waitFor();
  await page.evaluate('window.__notReloaded = true');
  return page;
}

async function post(page: Page, text: string) {
  const thread = page.locator('.message-thread');
  await thread.getByLabel(/^メッセージ/).fill(text);
  await thread.getByRole('button', { name: '送信' }).click();
  await thread.locator('.message.is-mine').getByText(text).waitFor();
}

const notReloaded = (page: Page) => page.evaluate('window.__notReloaded === true');

describe('a live case page', () => {
  it('shows the other person’s message and the minutes without reloading', async () => {
    const hospital = await openCase('liaison@demo.renkei.jp');
    const doctor = await openCase('clinic@demo.renkei.jp');
    const colleague = await openCase(colleagueEmail, colleaguePassword);

    // 病院 → 在宅医: it appears in the doctor's open thread, and in the hospital colleague's (who is not notified of
    // her own hospital's message: only the live case event brings it).
    await post(hospital, '退院日の午後に初回訪問をお願いできますか？');
    for (const page of [doctor, colleague])
      await page
        .locator('.message-list .message')
        .filter({ hasText: '退院日の午後に初回訪問をお願いできますか？' })
        .waitFor(liveTimeout);

    // 在宅医 → 病院: and the answer in the hospital's.
    await post(doctor, '15時に伺います。');
    await hospital.locator('.message-list .message').filter({ hasText: '15時に伺います。' }).waitFor(liveTimeout);

    // The conference starts: 「議事録を記録」 appears on the hospital's open page by itself.
    const conference = hospital.locator('li.conference').first();
    const record = conference.getByRole('button', { name: '議事録を記録' });
    await record.waitFor({ timeout: Math.max(conferenceStartsAt - Date.now(), 0) + 10_000 });
    await record.click();
    await conference.getByLabel(/^議事録/).fill('初回訪問は退院日の15時。在宅酸素は不要。');
    await conference.getByRole('button', { name: '議事録を保存' }).click();
    await conference.getByText('議事録を保存しました。').waitFor();
    await conference.locator('dd').getByText('初回訪問は退院日の15時。在宅酸素は不要。').waitFor(liveTimeout);
    // …and on the doctor's, who took part, and the colleague's.
    for (const page of [doctor, colleague])
      await page.locator('li.conference dd').getByText('初回訪問は退院日の15時。在宅酸素は不要。').waitFor(liveTimeout);
    await doctor
      .locator('.timeline')
      .getByText(/議事録を記録しました/)
      .waitFor(liveTimeout);

    await expect(notReloaded(hospital)).resolves.toBe(true);
    await expect(notReloaded(doctor)).resolves.toBe(true);
    await expect(notReloaded(colleague)).resolves.toBe(true);
  });
});
