/**
 * 地域の分析 in the browser, on the demo server:
 * 岡山市 — opens 地域の分析 from the menu and reads, per ward, the figures GET /api/v1/analytics/areas returns
 * (acceptance status, demand and stuck discharges), the small groups marked 「＊非表示」 with the note saying why (fewer than 10, or a count that would reveal one),
 * the date of the figures the Japanese way, and another period;
 * 岡山市 — reads the acute events of every ward, the role supply as the matching's candidates with what each table counts,
 * and downloads the tables as CSV with the hidden counts still hidden and the 出典 at the end;
 * 病院 — has no such menu entry, is refused by the API (403) and told so on the page.
 * Screenshots (desktop and phone) go to screenshots/analytics-*.png with an accessibility check of each.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useServerAndBrowser } from '../helpers/suite.js';
import { newJapaneseContext } from '../helpers/browser.js';
import { mainMenu, signIn } from '../helpers/demo.js';
import { captureAtEachSize } from '../helpers/screenshots.js';

type CountCell = { count: number | null; suppressed: boolean };
type Capacity = {
  organizations: number;
  reporting: number;
  accepting: number;
  limited: number;
  full: number;
  freeSlots: number;
  freeSlotsFresh: number;
  stale: number;
  staleShare: number | null;
};
type AreaFigures = {
  areaCode: string;
  areaName: string;
  kind: string;
  supply: {
    capacity: Capacity;
    organizationsByKind: Record<string, number>;
    capabilities: { procedures: Record<string, number> };
  };
  roles: Record<string, { supply: { organizations: number } }>;
  demand: { openCases: CountCell; recentlyDischarged: CountCell };
  stuck: { openWithUnfilledRoles: CountCell; pastPlannedDischarge: CountCell; medianDaysOpen: number | null };
};
type AreaAnalytics = {
  asOf: string;
  recentDays: number;
  suppression: { threshold: number };
  areas: AreaFigures[];
};

const running = useServerAndBrowser();

async function signedIn(email: string): Promise<Page> {
  const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

/** The figures as the API gives them to the page's own session. */
async function areaFigures(page: Page, recentDays: number): Promise<AreaAnalytics> {
  const response = await page.request.get(`/api/v1/analytics/areas?recentDays=${recentDays}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as AreaAnalytics;
}

const number = (value: number) => value.toLocaleString('ja-JP');

/** What a count of people reads on screen: the number, or the suppression mark. */
const shown = (cell: CountCell) => (cell.suppressed || cell.count === null ? '＊非表示' : number(cell.count));

const areaHeading = (area: AreaFigures) => (area.kind === 'city' ? `${area.areaName}（全体）` : area.areaName);

/** Each body row of a table as [row heading, …cell texts]. */
async function rowsOf(table: Locator): Promise<string[][]> {
  const rows = table.locator('tbody tr');
  await rows.first().waitFor();
  const result: string[][] = [];
  for (const row of await rows.all()) {
    const heading = (await row.locator('th').textContent())?.trim() ?? '';
    const cells = (await row.locator('td').allTextContents()).map((text) => text.trim());
    result.push([heading, ...cells]);
  }
  return result;
}

/** 2026年11月26日(木), the date in Asia/Tokyo as the page writes it. */
function japaneseDate(iso: string): string {
  return new Intl.DateTimeFormat('ja-JP', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
  }).format(new Date(iso));
}

describe('地域の分析', () => {
  it('shows the city the figures the API returns per ward, small groups marked as suppressed', async () => {
    const page = await signedIn('city@demo.renkei.jp');
    await mainMenu(page).getByRole('link', { name: '地域の分析' }).click();
    await page.getByRole('heading', { level: 1, name: '地域の分析' }).waitFor();
    expect(await page.getByText('準備中').count()).toBe(0);

    const capacityTable = page.getByRole('table', { name: '区ごとの受入状況' });
    await capacityTable.waitFor();
    const data = await areaFigures(page, 90);
    const threshold = data.suppression.threshold;
    expect(data.areas.map((area) => area.areaName)).toEqual(expect.arrayContaining(['北区', '中区', '東区', '南区']));

    await expect(rowsOf(capacityTable)).resolves.toEqual(
      data.areas.map((area) => {
        const capacity = area.supply.capacity;
        const stale =
          capacity.staleShare === null
            ? number(capacity.stale)
            : `${capacity.stale}（${Math.round(capacity.staleShare * 1000) / 10}%）`;
        return [
          areaHeading(area),
          number(capacity.organizations),
          number(capacity.reporting),
          number(capacity.accepting),
          number(capacity.limited),
          number(capacity.full),
          stale,
          number(capacity.freeSlotsFresh),
          number(capacity.freeSlots),
        ];
      }),
    );

    const demandTable = page.getByRole('table', { name: '区ごとの需要と退院調整の滞り' });
    await expect(rowsOf(demandTable)).resolves.toEqual(
      data.areas.map((area) => [
        areaHeading(area),
        shown(area.demand.openCases),
        shown(area.demand.recentlyDischarged),
        shown(area.stuck.openWithUnfilledRoles),
        shown(area.stuck.pastPlannedDischarge),
        area.stuck.medianDaysOpen === null ? '—' : `${area.stuck.medianDaysOpen}日`,
      ]),
    );

    // The demo's open cases are few: some groups are under the threshold and must show the mark, never a number.
    const suppressed = data.areas.flatMap((area) =>
      [area.demand.openCases, area.stuck.openWithUnfilledRoles].filter((cell) => cell.suppressed),
    );
    expect(suppressed.length, 'the demo should have at least one suppressed count').toBeGreaterThan(0);
    expect(await demandTable.getByText('＊非表示').count()).toBe(suppressed.length);
    await page.getByText(`個人が特定されないよう、${threshold}人未満`).waitFor();

    await page.getByText(japaneseDate(data.asOf), { exact: false }).first().waitFor();
    await page.getByRole('heading', { name: '出典' }).waitFor();

    await captureAtEachSize(page, 'area-analytics', { prefix: 'analytics-' });

    // Another period: the page asks for it and says which one it shows.
    await page.getByLabel('「最近の退院」とする期間').selectOption('365');
    await page.getByText('（最近の退院: 過去365日）', { exact: false }).waitFor();
    const yearly = await areaFigures(page, 365);
    await expect(rowsOf(demandTable)).resolves.toEqual(
      yearly.areas.map((area) => [
        areaHeading(area),
        shown(area.demand.openCases),
        shown(area.demand.recentlyDischarged),
        shown(area.stuck.openWithUnfilledRoles),
        shown(area.stuck.pastPlannedDischarge),
        area.stuck.medianDaysOpen === null ? '—' : `${area.stuck.medianDaysOpen}日`,
      ]),
    );
    await page.context().close();
  });

  it('lists the acute events of every ward, counts a role by the matching rule, and downloads the tables as CSV', async () => {
    const page = await signedIn('city@demo.renkei.jp');
    await page.goto('/analytics');
    // Every ward, with or without events, then the total: no row's presence says anything.
    const acuteTable = page.getByRole('table', { name: /区ごとの急変と対応/ });
    await expect(rowsOf(acuteTable).then((rows) => rows.map((row) => row[0]))).resolves.toEqual([
      '北区',
      '中区',
      '東区',
      '南区',
      '合計（市外・位置不明を含む）',
    ]);

    // A role's supply is the matching's candidates: fewer 主治医 than clinics and hospitals (no eye clinic), no more
    // 訪問リハ than the organisations holding rehabilitation; the tables say what they count.
    const data = await areaFigures(page, 90);
    const city = data.areas.find((area) => area.kind === 'city');
    if (!city) throw new Error('no city row');
    const { organizationsByKind, capabilities } = city.supply;
    expect(city.roles.primary_doctor?.supply.organizations).toBeLessThan(
      (organizationsByKind.clinic ?? 0) + (organizationsByKind.hospital ?? 0),
    );
    expect(city.roles.visiting_rehab?.supply.organizations).toBeLessThanOrEqual(
      capabilities.procedures.rehabilitation ?? 0,
    );
    const roles = page.getByRole('table', { name: /役割ごとの需給/ });
    await roles.getByRole('columnheader', { name: '候補になる組織' }).waitFor();
    await page.getByText('候補になる組織: 退院支援で候補を選ぶときと同じ条件で', { exact: false }).waitFor();
    await page
      .getByText('「訪問リハビリテーション」は訪問リハビリだけを行う事業所の数です', { exact: false })
      .waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '表をCSVでダウンロード' }).click(),
    ]);
    const path = await download.path();
    const text = await readFile(path, 'utf8');
    expect(text.startsWith('\uFEFF地域の分析（Renkei）\r\n')).toBe(true);
    // The demand table line by line: a hidden count reads 「＊非表示」 as on the page, never a number.
    const raw = (cell: CountCell) => (cell.suppressed || cell.count === null ? '＊非表示' : String(cell.count));
    for (const area of data.areas) {
      const line = [
        areaHeading(area),
        raw(area.demand.openCases),
        raw(area.demand.recentlyDischarged),
        raw(area.stuck.openWithUnfilledRoles),
        raw(area.stuck.pastPlannedDischarge),
        area.stuck.medianDaysOpen === null ? '—' : String(area.stuck.medianDaysOpen),
      ].join(',');
      expect(text).toContain(`\r\n${line}\r\n`);
    }
    expect(text).toContain('\r\n出典\r\n');
    expect(text).toContain('「介護保険事業状況報告」');
    await page.context().close();
  });

  it('gives a hospital liaison no access: no menu entry, 403 from the API, and a refusal on the page', async () => {
    const page = await signedIn('liaison@demo.renkei.jp');
    await expect(mainMenu(page).getByRole('link', { name: '地域の分析' }).count()).resolves.toBe(0);
    const response = await page.request.get('/api/v1/analytics/areas?recentDays=90');
    expect(response.status()).toBe(403);
    await page.goto('/analytics');
    await page.getByRole('heading', { level: 1, name: 'この画面を表示する権限がありません' }).waitFor();
    await expect(page.getByRole('table').count()).resolves.toBe(0);
    await page.context().close();
  });
});
