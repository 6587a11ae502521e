/**
 * Matching in the browser (issue 6), on the demo server:
 * センター — chooses the role and the week on 一括割り当て, reads the proposal beside nearest-first with the
 * differences, changes one row to another ranked candidate, and sends every referral in one action;
 * 医師会 — reviews the suggested primary/secondary pairs of an area, saves them, ends one;
 * 岡山市 — reads the reliance per ward (every ward listed; one without a home patient reads 0, not the suppression mark,
 * as on 地域の分析), in Japanese and English.
 * Screenshots (desktop and phone) go to screenshots/matching-*.png with an accessibility check of each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../helpers/server.js';
import { launchBrowser, newJapaneseContext } from '../helpers/browser.js';
import { apiToken, mainMenu, signIn } from '../helpers/demo.js';
import { captureAtEachSize } from '../helpers/screenshots.js';

type Json = Record<string, any>;

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function call(token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.baseUrl}/api/v1/${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : {}) as Json;
}

/** A date in Asia/Tokyo, `days` after today. */
function tokyoDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date(Date.now() + days * 86_400_000));
}

/** Monday of next week, in Tokyo. */
function nextMonday(): string {
  const today = tokyoDate(0);
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
  const untilMonday = weekday === 0 ? 1 : 8 - weekday;
  return new Date(Date.parse(`${today}T00:00:00Z`) + untilMonday * 86_400_000).toISOString().slice(0, 10);
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const capture = (page: Page, name: string) => captureAtEachSize(page, name, { prefix: 'matching-' });

async function signedIn(email: string): Promise<Page> {
  const context = await newJapaneseContext(browser, { baseUrl: server.baseUrl });
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

/** A case of the liaison's hospital at a home near `place`, brought to the Center (or coordinated directly). */
async function createCase(
  liaison: string,
  place: { lat: number; lng: number },
  index: number,
  options: { route: 'center' | 'direct'; plannedDischargeDate: string; name: string },
) {
  const created = await call(liaison, 'POST', 'cases', {
    patient: {
      name: options.name,
      nameKana: 'おかやま',
      birthDate: '1939-04-01',
      sex: index % 2 === 0 ? 'female' : 'male',
      address: `岡山市北区大供${1 + (index % 3)}丁目${index + 1}-1`,
      lat: place.lat + (index % 4) * 0.0015,
      lng: place.lng + Math.floor(index / 4) * 0.0015,
    },
    groups: ['elderly'],
    procedures: [],
    careLevel: 'care_2',
    plannedDischargeDate: options.plannedDischargeDate,
    admissionDate: tokyoDate(-10),
    consent: { scope: ['center', 'referral_summary', 'team_record'], recordedBy: '退院調整看護師', givenBy: 'patient' },
    neededRoles: ['primary_doctor', 'visiting_nurse'],
  });
  await call(
    liaison,
    'POST',
    `cases/${created.id as string}/route`,
    options.route === 'center'
      ? { route: 'center', difficulty: ['area'], note: '主治医が見つからない' }
      : { route: 'direct' },
    { 'If-Match': `"${created.version as number}"` },
  );
  return created.id as string;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

describe('matching that spreads the load', () => {
  it('the Center proposes the week’s primary doctors beside nearest-first, changes one, and sends them all', async () => {
    const liaison = await apiToken(server.baseUrl, 'liaison@demo.renkei.jp');
    const center = await apiToken(server.baseUrl, 'center@demo.renkei.jp');
    // Homes around 岡山駅 (北区), where the demo directory has home-care clinics.
    const station = { lat: 34.6656, lng: 133.918 };
    const monday = nextMonday();
    const names = ['吉備 はな', '旭川 たけ', '後楽 きよ', '烏城 すみ', '備前 とし'];
    const caseIds: string[] = [];
    for (const [index, name] of names.entries())
      caseIds.push(
        await createCase(liaison, station, index, {
          route: 'center',
          plannedDischargeDate: addDays(monday, index),
          name,
        }),
      );

    const page = await signedIn('center@demo.renkei.jp');
    await mainMenu(page).getByRole('link', { name: '一括割り当て' }).click();
    await page.getByRole('heading', { level: 1, name: '一括割り当て' }).waitFor();
    await page.getByRole('button', { name: '次の週' }).click();
    const open = page.getByRole('table', { name: /「主治医」がまだ決まっていない患者さん/ });
    for (const name of names) await open.getByRole('row', { name: new RegExp(name) }).waitFor();
    await capture(page, 'batch-cases');

    await page.getByRole('button', { name: /^割り当て案を作る（\d+ 名）$/ }).click();
    await page.getByRole('heading', { level: 2, name: /割り当て案: 主治医/ }).waitFor();
    const metrics = page.getByRole('table', { name: /最寄り順（貪欲法）に割り当てた場合の比較/ });
    await metrics.getByRole('row', { name: /最も多い受け持ち/ }).waitFor();
    await expect(metrics.getByRole('columnheader', { name: '最寄り順（貪欲法）' }).count()).resolves.toBe(1);
    const proposalId = new URL(page.url()).searchParams.get('proposal') ?? '';
    const proposal = await call(center, 'GET', `matching/proposals/${proposalId}`);
    const ours = proposal.assignments.filter((item: Json) => caseIds.includes(item.caseId as string));
    expect(ours.length).toBeGreaterThan(0);
    expect(proposal.metrics.maxLoad).toBeLessThanOrEqual(proposal.baseline.metrics.maxLoad);
    await capture(page, 'batch-proposal');

    // Change the first patient's doctor to another ranked candidate.
    const first = proposal.assignments[0] as Json;
    const firstName = first.case.patientName as string;
    await page.getByRole('button', { name: `${firstName}さんの割り当てを変更` }).click();
    const chooser = page.getByLabel('別の事業所（推薦順）');
    await chooser.waitFor();
    const chosenLabel = (await chooser.locator('option').first().textContent()) ?? '';
    const chosenName = chosenLabel.replace(/（.*$/, '');
    await capture(page, 'batch-change');
    await page.getByRole('button', { name: 'この事業所にする' }).click();
    const rows = page.getByRole('table', { name: /患者さんごとの割り当て/ });
    await rows
      .getByRole('row', { name: new RegExp(firstName) })
      .getByText(chosenName)
      .first()
      .waitFor();
    const adjusted = await call(center, 'GET', `matching/proposals/${proposalId}`);
    expect(adjusted.version).toBe((proposal.version as number) + 1);
    const changed = (adjusted.assignments as Json[]).find((item) => item.caseId === first.caseId);
    expect(changed?.organizationName).toBe(chosenName);

    // Send every referral in one action.
    await page.getByLabel('紹介先へのひとこと（任意）').fill('在宅主治医をお願いできますでしょうか。');
    await page.getByRole('button', { name: /^紹介を送る（\d+ 件）$/ }).click();
    await page.getByText(/件の紹介を送りました/).waitFor();
    const sent = await call(center, 'GET', `matching/proposals/${proposalId}`);
    expect(sent.status).toBe('sent');
    expect(sent.referrals).toHaveLength(adjusted.assignments.length);
    const team = await call(center, 'GET', `cases/${first.caseId as string}/team`);
    expect(team.referrals).toEqual([
      expect.objectContaining({ role: 'primary_doctor', organizationName: chosenName, status: 'sent' }),
    ]);
    await capture(page, 'batch-sent');
  });

  it('the association reviews the suggested doctor pairs of a ward, saves them and ends one', async () => {
    const page = await signedIn('ishikai@demo.renkei.jp');
    await mainMenu(page).getByRole('link', { name: '主治医ペア' }).click();
    await page.getByRole('heading', { level: 1, name: '主治医・副主治医のペア' }).waitFor();
    await page.getByLabel('地域', { exact: true }).selectOption({ label: '岡山市北区' });
    await page.getByRole('heading', { level: 2, name: 'ペアの提案' }).waitFor();
    const suggested = page.getByRole('table', { name: /提案されたペア/ });
    await suggested.waitFor();
    const pairCount = await suggested.locator('tbody tr').count();
    expect(pairCount).toBeGreaterThan(0);
    await capture(page, 'pairs-suggestions');

    // Leave the last suggestion out, save the rest.
    await suggested.locator('tbody tr').last().getByRole('checkbox').uncheck();
    await page.getByRole('button', { name: `選んだペアを登録する（${pairCount - 1} 組）` }).click();
    await page.getByText(`${pairCount - 1} 組のペアを登録しました。`).waitFor();
    const saved = page.getByRole('table', { name: '主治医・副主治医のペア' });
    await expect.poll(() => saved.locator('tbody tr').count()).toBe(pairCount - 1);
    await capture(page, 'pairs-saved');

    await saved.locator('tbody tr').first().getByRole('button', { name: '解消する' }).click();
    await expect.poll(() => saved.locator('tbody tr').count()).toBe(pairCount - 2);
    await page.getByLabel('表示', { exact: true }).selectOption({ label: '解消したペア' });
    await expect.poll(() => saved.locator('tbody tr').count()).toBe(1);
  });

  it('the city reads the reliance per ward, 0 as 0, in Japanese and in English', async () => {
    // Twelve home patients of one clinic in 北区 (their primary doctor), so that 北区 is shown; the other wards have none.
    const liaison = await apiToken(server.baseUrl, 'liaison@demo.renkei.jp');
    const clinic = await apiToken(server.baseUrl, 'clinic@demo.renkei.jp');
    const me = await call(clinic, 'GET', 'me');
    const organization = await call(clinic, 'GET', `organizations/${me.organizationId as string}`);
    const place = { lat: organization.lat as number, lng: organization.lng as number };
    for (let index = 0; index < 12; index += 1) {
      const caseId = await createCase(liaison, place, index, {
        route: 'direct',
        plannedDischargeDate: tokyoDate(3),
        name: `北区 患者${index + 1}`,
      });
      await call(liaison, 'POST', `cases/${caseId}/team`, {
        role: 'primary_doctor',
        organizationId: organization.id as string,
      });
    }

    const page = await signedIn('city@demo.renkei.jp');
    await mainMenu(page).getByRole('link', { name: '在宅医療の集中度' }).click();
    await page.getByRole('heading', { level: 1, name: '在宅医療の集中度' }).waitFor();
    const table = page.getByRole('table', { name: '地域ごとの集中度' });
    const kita = table.getByRole('row', { name: /岡山市北区/ });
    await kita.waitFor();
    await expect(kita.textContent()).resolves.not.toContain('非表示');
    await expect(kita.textContent()).resolves.toMatch(/HHI|\d{3,}/);
    // 東区 has no home patient: 0 is nobody, so it is shown (shares and HHI 「—」), as 地域の分析 shows 0.
    const higashi = table.getByRole('row', { name: /岡山市東区/ });
    await expect(higashi.locator('td').first().textContent()).resolves.toBe('0');
    await expect(higashi.textContent()).resolves.toContain('—');
    await expect(table.getByText('非表示').count()).resolves.toBe(0);
    await page.getByText('0人は表示します', { exact: false }).waitFor();
    await capture(page, 'reliance');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reliance on few providers' }).waitFor();
    await page.getByRole('table', { name: 'Concentration per area' }).waitFor();
    await page.getByText('0 is shown', { exact: false }).waitFor();
    await capture(page, 'reliance-en');
    await page.getByRole('button', { name: '日本語' }).click();
  });
});
