/**
 * Clinics share the load (issue 7), in the browser: the medical association creates a rotation group of the demo
 * clinic's ward with ten member clinics, a clinic declares two doctors, a roster for next month that cannot be made
 * (monthly maximum 1) is explained (422: which days and why), the rule is put back and the month is generated,
 * reviewed (fairness against the LP lower bound, the calendar with its holidays) and published → the demo clinic is
 * notified, sees its duties, downloads its .ics (parsed with ical.js) and asks another clinic to take a duty → that
 * clinic accepts → the association approves → the duty changed hands in the calendar and in the .ics (CANCELLED).
 * Then a hospital's patient at home in the ward: at a holiday night of the month, the calling order names the
 * clinic on duty; the emergency contact card downloads as a PDF; an acute event is recorded and shows on the
 * timeline.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { projectRoot, startServer, type RunningServer } from '../helpers/server.js';
import { launchBrowser, newJapaneseContext } from '../helpers/browser.js';
import { apiToken, createUserWithOwnPassword, escapeRegExp, mainMenu, signIn } from '../helpers/demo.js';
import { captureAndCheck } from '../helpers/screenshots.js';

type Json = Record<string, any>;
type Duty = {
  id: string;
  date: string;
  shift: string;
  organizationId: string;
  organizationName: string;
  startsAt: string;
};
type Member = { id: string; name: string };

let server: RunningServer;
let browser: Browser;
const people: BrowserContext[] = [];
const groupName = `E2E 輪番 ${Date.now() % 100000}`;
const otherPassword = 'renkei-e2e-rotation-2026';

let association = '';
let clinic: Member = { id: '', name: '' };
let areaCode = '';
let members: Member[] = [];
let groupId = '';
let rosterId = '';
let swapped: { duty: Duty; to: Member } | null = null;

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

async function person(email: string, password?: string): Promise<Page> {
  const context = await newJapaneseContext(browser, { baseUrl: server.baseUrl });
  people.push(context);
  const page = await context.newPage();
  await signIn(page, email, password);
  return page;
}

const capture = (page: Page, name: string) => captureAndCheck(page, name, { prefix: 'rotations-' });

/** The .ics behind a download link, parsed: its events by status. */
async function downloadCalendar(page: Page, link: Locator) {
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const text = await readFile(await download.path(), 'utf8');
  const calendar = new ICAL.Component(ICAL.parse(text));
  const timezone = calendar.getFirstSubcomponent('vtimezone');
  expect(timezone?.getFirstPropertyValue('tzid')).toBe('Asia/Tokyo');
  if (timezone) ICAL.TimezoneService.register(timezone);
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => ({
    event: new ICAL.Event(vevent),
    status: String(vevent.getFirstPropertyValue('status') ?? ''),
    startTzid: vevent.getFirstProperty('dtstart')?.getParameter('tzid'),
  }));
  return { text, events };
}

/** Tokyo date-time of an instant, as a datetime-local input takes it. */
function tokyoInput(iso: string): string {
  return new Date(new Date(iso).getTime() + 9 * 60 * 60 * 1000).toISOString().slice(0, 16);
}

const tokyoToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());

/** Whether `to` may take `duty` under the default rules (3 days apart, 6 a month, nothing declared). */
function canTake(duties: Duty[], duty: Duty, to: string): boolean {
  const own = duties.filter((entry) => entry.organizationId === to);
  const days = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;
  return (
    own.every((entry) => days(entry.date, duty.date) >= 3) &&
    own.filter((entry) => entry.date.slice(0, 7) === duty.date.slice(0, 7)).length < 6
  );
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const ishikai = await apiToken(server.baseUrl, 'ishikai@demo.renkei.jp');
  association = String((await call(ishikai, 'GET', 'me')).organizationId);
  const clinicToken = await apiToken(server.baseUrl, 'clinic@demo.renkei.jp');
  const me = await call(clinicToken, 'GET', 'me');
  const organization = await call(clinicToken, 'GET', `organizations/${String(me.organizationId)}`);
  clinic = { id: String(organization.id), name: String(organization.name) };
  areaCode = String(organization.areaCode);
});

afterAll(async () => {
  for (const context of people) await context.close();
  await browser?.close();
  await server?.stop();
});

describe('the association runs the rotation', () => {
  it('creates a group of ten clinics of the ward in the browser', async () => {
    const page = await person('ishikai@demo.renkei.jp');
    await mainMenu(page).getByRole('link', { name: '輪番', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '輪番（夜間・休日の当番）' }).waitFor();
    await page.getByRole('link', { name: '輪番グループを作る' }).click();
    await page.getByRole('heading', { level: 1, name: '輪番グループを作る' }).waitFor();
    await page.getByLabel(/^グループ名/).fill(groupName);
    await page.getByLabel(/^地域（区）/).selectOption(areaCode);

    // The demo clinic, found by name, then nine more of the ward's member clinics as listed — those that do home
    // care, each marked why (在支診・往診専門・在宅の受け入れ), unless the filter is taken off.
    await expect.poll(() => page.getByLabel('在宅医療を行う診療所だけを表示する').isChecked()).toBe(true);
    await page.getByLabel('診療所の名称で絞り込む').fill(clinic.name);
    await page.getByRole('button', { name: '検索', exact: true }).click();
    await page.getByRole('checkbox', { name: new RegExp(`^${escapeRegExp(clinic.name)}`) }).check();
    await page.getByLabel('診療所の名称で絞り込む').fill('');
    await page.getByRole('button', { name: '検索', exact: true }).click();
    const boxes = page.locator('.clinic-results input[type="checkbox"]');
    await expect.poll(() => boxes.count()).toBeGreaterThan(10);
    const homeCareCount = await boxes.count();
    expect(
      await page
        .locator('.clinic-results label')
        .filter({ has: page.locator('.home-care-marks') })
        .count(),
    ).toBe(homeCareCount);
    let chosen = 1;
    for (let index = 0; chosen < 10; index += 1) {
      const box = boxes.nth(index);
      if (await box.isChecked()) continue;
      await box.check();
      chosen += 1;
    }
    await page.getByText('選んだ診療所（10か所）').waitFor();
    await capture(page, 'group-new');
    await page.getByRole('button', { name: '輪番グループを作る' }).click();

    await page.getByRole('heading', { level: 1, name: groupName }).waitFor();
    await page.getByText('輪番グループを作りました。').waitFor();
    groupId = page.url().split('/').at(-1) ?? '';
    const ishikai = await apiToken(server.baseUrl, 'ishikai@demo.renkei.jp');
    const group = await call(ishikai, 'GET', `rotation-groups/${groupId}`);
    const stored = (group.members as { organization: { id: string; name: string } }[]).map((member) => ({
      id: member.organization.id,
      name: member.organization.name,
    }));
    expect(stored).toHaveLength(10);
    expect(stored.map((member) => member.id)).toContain(clinic.id);
    expect(group.associationId).toBe(association);
    members = stored.filter((member) => member.id !== clinic.id);

    // The demo clinic has two doctors: it takes about twice the duties.
    const table = page.getByRole('table', { name: /参加診療所と申告/ });
    await table.getByRole('button', { name: `${clinic.name}の申告を変更` }).click();
    await page.getByLabel('当番を担う医師の数').fill('2');
    await page.getByRole('button', { name: '申告を保存する' }).click();
    await page.getByText(`${clinic.name}の申告を保存しました。`).waitFor();
    await table.getByRole('row').filter({ hasText: clinic.name }).getByText('2人').waitFor();
    await page.getByText('10か所・医師11人。').waitFor();
  });

  it('explains a month that cannot be covered (422), then generates, reviews and publishes it', async () => {
    const page = await person('ishikai@demo.renkei.jp');
    await page.goto(`/rotations/groups/${groupId}`);
    await page.getByRole('heading', { level: 1, name: groupName }).waitFor();

    // One duty a month per clinic: ten clinics cannot cover a month.
    await page.getByRole('button', { name: '規則を変更する' }).click();
    await page.getByLabel('1か月の当番の上限').fill('1');
    await page.getByRole('button', { name: '規則を保存する' }).click();
    await page.getByText('規則を保存しました。').waitFor();
    await page.getByRole('button', { name: '輪番表を作成する' }).click();
    const alert = page.locator('.infeasible');
    await alert.getByText('この条件では輪番表を作れません（何も保存していません）').waitFor();
    // Which days (the month's duties) and why (the monthly maximum), in the server's words.
    const explanation = (await alert.textContent()) ?? '';
    expect(explanation).toMatch(/\d{4}年\d+月/);
    expect(explanation).toContain('上限');
    await capture(page, 'infeasible');

    await page.getByRole('button', { name: '規則を変更する' }).click();
    await page.getByLabel('1か月の当番の上限').fill('6');
    await page.getByRole('button', { name: '規則を保存する' }).click();
    await page.getByText('規則を保存しました。').waitFor();
    const period = (await page.locator('#generate-period').textContent()) ?? '';
    expect(period).toMatch(/^期間: \d{4}年\d+月1日/);
    await page.getByRole('button', { name: '輪番表を作成する' }).click();

    await page.getByRole('heading', { level: 1, name: /^輪番表 / }).waitFor();
    await page.getByText('輪番表（下書き）を作成しました。').waitFor();
    rosterId = page.url().split('/').at(-1) ?? '';
    const ishikai = await apiToken(server.baseUrl, 'ishikai@demo.renkei.jp');
    const roster = await call(ishikai, 'GET', `rosters/${rosterId}`);
    expect(roster.status).toBe('draft');

    // Fairness: the objective, the LP lower bound and the gap are shown as the server computed them.
    const facts = page.locator('.fairness-facts');
    await facts.getByText('下限（線形計画・HiGHS）').waitFor();
    expect(await facts.textContent()).toContain(String(Math.round(Number(roster.objective) * 1000) / 1000));
    expect(await facts.textContent()).toMatch(/下限との差.*（下限の [\d.]+ 倍）/);
    const fairness = page.getByRole('table', { name: '診療所ごとの当番の回数と目標' });
    expect(await fairness.getByRole('row').count()).toBe(11);

    // The calendar: every duty of the first month in its day, every holiday named as the server classifies it.
    const month = await call(ishikai, 'GET', `rosters/${rosterId}/calendar`);
    const calendar = page.locator('table.roster-calendar');
    for (const day of (month.weeks as Json[][]).flat().filter((entry) => entry.isInMonth)) {
      const cell = calendar.locator('td.calendar-day').nth(Number(String(day.date).slice(8)) - 1);
      const text = (await cell.textContent()) ?? '';
      for (const duty of day.duties as Duty[]) expect(text).toContain(duty.organizationName);
      if (day.dayKind === 'national_holiday')
        expect(text).toContain(day.holidayName === '休日' ? '国民の休日' : String(day.holidayName));
      if (day.dayKind === 'year_end') expect(text).toContain('年末年始');
    }
    await capture(page, 'roster-draft');

    // 調整: the association hands one duty of the draft to another clinic the rules allow (an option without a
    // reason beside its name); the calendar, the API and the fairness note follow.
    const adjustButton = page.getByRole('button', { name: /の担当を調整$/ }).first();
    const holder = /（(.+)）の担当を調整$/.exec((await adjustButton.getAttribute('aria-label')) ?? '')?.[1] ?? '';
    await adjustButton.click();
    const adjustForm = page.locator('form[aria-labelledby="adjust-form-title"]');
    await adjustForm.getByText(`いまの担当は${holder}です。`).waitFor();
    const options = await adjustForm.getByLabel('新しい担当').locator('option:not([disabled])').allTextContents();
    const target = options.find((text) => text !== '診療所を選んでください' && !text.includes('（')) ?? '';
    expect(target, options.join(' / ')).not.toBe('');
    expect(options).not.toContain(holder);
    await adjustForm.getByLabel('新しい担当').selectOption({ label: target });
    await capture(page, 'roster-adjust');
    await adjustForm.getByRole('button', { name: '担当を変更する' }).click();
    await page
      .getByText(new RegExp(`の担当を${escapeRegExp(holder)}から${escapeRegExp(target)}に変更しました。`))
      .waitFor();
    const adjusted = await call(ishikai, 'GET', `rosters/${rosterId}`);
    const changed = (adjusted.duties as Duty[]).filter(
      (duty) =>
        (roster.duties as Duty[]).find((before) => before.id === duty.id)?.organizationName !== duty.organizationName,
    );
    expect(changed.map((duty) => duty.organizationName)).toEqual([target]);
    expect(adjusted.version).toBe(Number(roster.version) + 1);
    await page.getByText(/手で調整した当番が1件あります/).waitFor();

    // Publishing notifies every member clinic: it is asked once more.
    await page.getByRole('button', { name: '公開する' }).click();
    await page.getByText(/^この輪番表を公開します。参加している10か所の診療所に通知され/).waitFor();
    await page.getByRole('button', { name: '公開して通知する' }).click();
    await page.getByText('輪番表を公開しました。参加診療所に通知しました。').waitFor();
    await page.getByRole('heading', { level: 1 }).getByText('公開済み').waitFor();
  });
});

describe('clinics take their duties', () => {
  it('the demo clinic is notified, downloads its .ics and asks another clinic to take a duty', async () => {
    const page = await person('clinic@demo.renkei.jp');
    await page.goto('/notifications');
    await page.getByText(`輪番表が公開されました（${groupName}）`).first().waitFor();

    await mainMenu(page).getByRole('link', { name: '輪番', exact: true }).click();
    const coming = page.getByRole('list', { name: '自院のこれからの当番（日付順）' });
    await coming.waitFor();
    const ishikai = await apiToken(server.baseUrl, 'ishikai@demo.renkei.jp');
    const roster = await call(ishikai, 'GET', `rosters/${rosterId}`);
    const duties = roster.duties as Duty[];
    const own = duties.filter((duty) => duty.organizationId === clinic.id);
    expect(own.length).toBeGreaterThan(0);
    expect(await coming.getByRole('listitem').count()).toBe(Math.min(own.length, 12));

    await coming.getByRole('link', { name: groupName }).first().click();
    await page.getByRole('heading', { level: 1, name: /^輪番表 / }).waitFor();
    // On a phone the month is a list of days; both sizes pass axe.
    await page.setViewportSize({ width: 390, height: 844 });
    await capture(page, 'roster-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
    const { events, text } = await downloadCalendar(
      page,
      page.getByRole('link', { name: '自院の当番をカレンダーに取り込む（.ics）' }),
    );
    expect(text).toContain('BEGIN:VCALENDAR');
    expect(events).toHaveLength(own.length);
    for (const { event, status, startTzid } of events) {
      expect(startTzid).toBe('Asia/Tokyo');
      expect(status).toBe('CONFIRMED');
      expect(event.summary).toMatch(/^輪番当番（(平日夜間|休日日中|休日夜間)）$/);
    }
    const starts = events.map(({ event }) => event.startDate.toJSDate().toISOString()).sort();
    expect(starts).toEqual(own.map((duty) => new Date(duty.startsAt).toISOString()).sort());

    // A duty another member can take under the rules (3 days apart, 6 a month).
    for (const duty of own) {
      const to = members.find((member) => canTake(duties, duty, member.id));
      if (to) {
        swapped = { duty, to };
        break;
      }
    }
    if (!swapped) throw new Error('no member can take any of the demo clinic’s duties');
    const { duty, to } = swapped;
    const ownList = page.getByRole('list', { name: '自院の当番（日付順）' });
    const item = ownList.getByRole('listitem').nth(own.findIndex((entry) => entry.id === duty.id));
    await item.getByRole('button', { name: '交代を依頼' }).click();
    const form = page.locator('form.swap-form');
    await form.getByLabel('依頼する相手').selectOption({ label: to.name });
    await form.getByLabel('メッセージ（任意）').fill('学会出張のため、交代をお願いします。');
    await capture(page, 'swap-request');
    await form.getByRole('button', { name: '依頼する' }).click();
    await page.getByText(/の交代を依頼しました。相手の診療所に通知しました。/).waitFor();
    const swaps = page.getByRole('list', { name: '交代の依頼（処理中を先に）' });
    await swaps.getByText('依頼中').waitFor();
    await ownList.getByText('交代の手続き中').waitFor();
  });

  it('the other clinic accepts, the association approves, the duty changes hands', async () => {
    if (!swapped) throw new Error('no swap was requested');
    const { duty, to } = swapped;
    // The association gives the other clinic its first account (as on 利用者管理).
    const ishikai = await apiToken(server.baseUrl, 'ishikai@demo.renkei.jp');
    const email = `rotation-${Date.now()}@e2e.renkei.jp`;
    await createUserWithOwnPassword(
      server.baseUrl,
      ishikai,
      { email, name: '輪番 医師（E2E）', role: 'provider', organizationId: to.id },
      otherPassword,
    );

    const other = await person(email, otherPassword);
    await other.goto('/notifications');
    await other
      .getByText(/^当番の交代依頼: /)
      .first()
      .click();
    await other.getByRole('heading', { level: 1, name: /^輪番表 / }).waitFor();
    // The notice opens the roster at the request (#swap-<id>), focused, 引き受ける at hand.
    expect(new URL(other.url()).hash).toMatch(/^#swap-/);
    await expect
      .poll(() => other.evaluate("document.activeElement?.id ?? ''"))
      .toBe(new URL(other.url()).hash.slice(1));
    const otherSwaps = other.getByRole('list', { name: '交代の依頼（処理中を先に）' });
    await otherSwaps.getByRole('button', { name: /の交代を引き受ける$/ }).click();
    await otherSwaps.getByText('承諾済み（承認待ち）').waitFor();

    // The association heard of the request when it was made; it approves, but never takes the duty itself.
    const admin = await person('ishikai@demo.renkei.jp');
    await admin.goto('/notifications');
    await admin
      .getByText(/^当番の交代が依頼されました: /)
      .first()
      .waitFor();
    await admin.goto(`/rotations/rosters/${rosterId}`);
    const adminSwaps = admin.getByRole('list', { name: '交代の依頼（処理中を先に）' });
    await adminSwaps.getByText('承諾済み（承認待ち）').waitFor();
    expect(await adminSwaps.getByRole('button', { name: /の交代を引き受ける$/ }).count()).toBe(0);
    await capture(admin, 'swap-approve');
    await adminSwaps.getByRole('button', { name: /の交代を承認する$/ }).click();
    await adminSwaps.getByText('承認済み').waitFor();

    const roster = await call(ishikai, 'GET', `rosters/${rosterId}`);
    const changed = (roster.duties as Duty[]).find((entry) => entry.id === duty.id);
    expect(changed?.organizationId).toBe(to.id);

    // The demo clinic hears of it; its calendar cancels the duty it gave away.
    const page = await person('clinic@demo.renkei.jp');
    await page.goto('/notifications');
    await page
      .getByText(/^当番の交代が承認されました: /)
      .first()
      .waitFor();
    await page.goto(`/rotations/rosters/${rosterId}`);
    await page.getByRole('heading', { level: 1, name: /^輪番表 / }).waitFor();
    const { events } = await downloadCalendar(
      page,
      page.getByRole('link', { name: '自院の当番をカレンダーに取り込む（.ics）' }),
    );
    const cancelled = events.filter(({ status }) => status === 'CANCELLED');
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]?.event.startDate.toJSDate().toISOString()).toBe(new Date(duty.startsAt).toISOString());
    // In the former holder's calendar it says who took it over (not 「担当: …」 as if it still held it).
    expect(cancelled[0]?.event.description).toContain(`${to.name} に交代しました`);
    // The other clinic now has the duty in the month calendar.
    const month = duty.date.slice(0, 7);
    const months = page.getByLabel('表示する月');
    if (await months.count()) await months.selectOption(month);
    const cell = page.locator('td.calendar-day').nth(Number(duty.date.slice(8)) - 1);
    await cell.getByText(to.name).waitFor();
  });
});

describe('a patient at home in the ward', () => {
  it('on a holiday night of the month, the calling order names the clinic on duty', async () => {
    const ishikai = await apiToken(server.baseUrl, 'ishikai@demo.renkei.jp');
    const roster = await call(ishikai, 'GET', `rosters/${rosterId}`);
    const night = (roster.duties as Duty[]).find((duty) => duty.shift === 'holiday_night' && duty.date > tokyoToday());
    if (!night) throw new Error('the month has no holiday night');

    // The hospital registers a patient whose home is in the ward (a town of the ward from the address list).
    const towns = JSON.parse(await readFile(join(projectRoot, 'data/okayama/machiaza.json'), 'utf8')) as {
      lgCode5: string;
      city: string;
      town: string;
      lat: number;
      lng: number;
    }[];
    const town = towns.find((entry) => entry.lgCode5 === areaCode);
    if (!town) throw new Error(`no town in area ${areaCode}`);
    const liaison = await apiToken(server.baseUrl, 'liaison@demo.renkei.jp');
    const created = await call(
      liaison,
      'POST',
      'cases',
      {
        patient: {
          name: '輪番 テスト花子',
          nameKana: 'りんばん てすとはなこ',
          birthDate: '1941-05-03',
          sex: 'female',
          address: `${town.city}${town.town}1-1`,
          lat: town.lat,
          lng: town.lng,
        },
        groups: ['elderly'],
        procedures: [],
        careLevel: 'care_2',
        plannedDischargeDate: tokyoToday(),
        consent: { scope: ['center', 'referral_summary', 'team_record'], recordedBy: '連携室 看護師' },
      },
      { 'Idempotency-Key': `e2e-rotation-case-${Date.now()}` },
    );
    const caseId = String(created.id);

    const page = await person('liaison@demo.renkei.jp');
    await page.goto(`/cases/${caseId}`);
    const section = page.locator('#case-emergency');
    await section.getByRole('heading', { level: 2, name: '急変時の連絡' }).waitFor();
    await section.getByLabel('日時を指定').check();
    const at = new Date(new Date(night.startsAt).getTime() + 4 * 60 * 60 * 1000).toISOString();
    await section.getByLabel('日時（日本時間）').fill(tokyoInput(at));
    const steps = section.getByRole('list', { name: '連絡する順番' });
    const onDuty = steps.locator('li.escalation-on_duty');
    await onDuty.getByText(night.organizationName, { exact: true }).waitFor();
    expect(await onDuty.textContent()).toContain('休日夜間');
    await steps.locator('li.escalation-emergency_119').getByText('119番に電話').waitFor();
    const order = await steps.locator('li').evaluateAll((items) => items.map((item) => item.className));
    expect(order.at(-1)).toContain('escalation-emergency_119');
    await capture(page, 'escalation');

    // The emergency contact card: A4 and card size, made from the current team and roster.
    for (const name of ['緊急時連絡カード（A4・PDF）', '緊急時連絡カード（カードサイズ・PDF）']) {
      const href =
        (await section.getByRole('link', { name: new RegExp(escapeRegExp(name)) }).getAttribute('href')) ?? '';
      const response = await page.request.get(href);
      expect(response.status(), name).toBe(200);
      expect(response.headers()['content-type']).toBe('application/pdf');
      expect((await response.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }

    // An acute event now: the first in the calling order answered after 4 minutes; not admitted.
    await section.getByRole('button', { name: '急変を記録する' }).click();
    const form = section.locator('form.acute-form');
    const calls = form.locator('.acute-calls > li');
    await calls.first().waitFor();
    await calls.first().getByRole('checkbox').first().check();
    await calls.first().getByLabel('応答があった').check();
    await calls
      .first()
      .getByLabel(/応答するまで（分）$/)
      .fill('4');
    await form.getByLabel('経過のメモ（任意）').fill('呼吸苦の訴え。電話で助言し経過観察。');
    await form.getByRole('button', { name: '記録する' }).click();
    await section.getByText('急変を記録しました。経過記録にも載りました。').waitFor();
    await section.getByRole('list', { name: '急変の記録（新しい順）' }).getByText('4分で応答').waitFor();
    await page
      .locator('#case-timeline')
      .getByText(/^急変（/)
      .waitFor();
  });
});
