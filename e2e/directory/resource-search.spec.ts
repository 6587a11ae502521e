/**
 * The professional resource search in the browser (issue 4): a provider marks itself full and a coordinator's
 * search for visiting nursing with 受入可のみ no longer shows it as accepting; the offline map draws the four ward
 * boundaries and one marker per result, linked both ways with the list; the page works by keyboard alone; a place
 * that cannot be located is explained with the server's message.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y, describeViolations, newJapaneseContext } from '../helpers/browser.js';
import { escapeRegExp, signIn } from '../helpers/demo.js';
import { useServerAndBrowser } from '../helpers/suite.js';

const running = useServerAndBrowser();

type OwnOrganization = { id: string; name: string; address: string; kind: string };

async function ownOrganization(page: Page): Promise<OwnOrganization> {
  const me = (await (await page.request.get('/api/v1/me')).json()) as { organizationId: string };
  return (await (await page.request.get(`/api/v1/organizations/${me.organizationId}`)).json()) as OwnOrganization;
}

/** The result cards (the list items of the result list, not the capability chips inside them). */
const resultCards = (page: Page) => page.locator('.result-list > li');

/** The result card of one organisation (its heading links to the organisation's page). */
const resultCard = (page: Page, name: string) =>
  page.locator('.result-card').filter({ has: page.getByRole('link', { name, exact: true }) });

/** A coordinator's search around a place for visiting nursing, optionally 受入可のみ. */
async function searchVisitingNursing(page: Page, place: string, options: { isAcceptingOnly: boolean }) {
  await page.goto('/directory/search');
  await page.getByRole('heading', { level: 1, name: '資源検索' }).waitFor();
  await page.getByLabel('場所（住所・郵便番号・区名）').fill(place);
  await page.getByLabel('半径').selectOption({ label: '2 km 以内' });
  await page.getByLabel('種別').selectOption({ label: '訪問看護ステーション' });
  await page.getByRole('checkbox', { name: '受入可のみ（条件付きを含む）' }).setChecked(options.isAcceptingOnly);
  await page.getByRole('button', { name: '検索', exact: true }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /件(以上)?見つかりました|見つかりませんでした/ })
    .waitFor();
}

describe('resource search', () => {
  it('stops showing a visiting nursing station as accepting once it marks itself full', async () => {
    // 訪問看護: the nurse's own station. Set-up through the API: it starts as 受入可.
    const nurseContext = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl });
    const nursePage = await nurseContext.newPage();
    await signIn(nursePage, 'nurse@demo.renkei.jp');
    const station = await ownOrganization(nursePage);
    expect(station.kind).toBe('visiting_nursing');
    const current = (await (await nursePage.request.get(`/api/v1/organizations/${station.id}`)).json()) as {
      version: number;
    };
    const reset = await nursePage.request.put(`/api/v1/organizations/${station.id}/availability`, {
      data: { status: 'accepting', freeSlots: 2, note: null },
      headers: { 'if-match': `"${current.version}"`, origin: running.server.baseUrl },
    });
    expect(reset.status()).toBe(200);

    // センター: searching near the station's address, 受入可のみ, finds it as 受入可.
    const centerContext = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl });
    const centerPage = await centerContext.newPage();
    await signIn(centerPage, 'center@demo.renkei.jp');
    await searchVisitingNursing(centerPage, station.address, { isAcceptingOnly: true });
    const before = resultCard(centerPage, station.name);
    await before.waitFor();
    expect(await before.locator('.badge').first().textContent()).toBe('受入可');
    expect(await before.textContent()).toMatch(/\d+\.\d\skm/);
    expect(await before.textContent()).toContain('今日更新');

    // 訪問看護: 自組織の情報 → 受入不可 → 受入状況を更新.
    await nursePage
      .getByRole('navigation', { name: 'メインメニュー' })
      .getByRole('link', { name: '自組織の情報' })
      .click();
    await nursePage.getByRole('radio', { name: /受入不可/ }).check();
    await nursePage.getByRole('button', { name: '受入状況を更新' }).click();
    await nursePage.getByRole('status').filter({ hasText: '受入状況を更新しました。' }).waitFor();

    // センター: the same search no longer lists it; without 受入可のみ it is there as 受入不可.
    await searchVisitingNursing(centerPage, station.address, { isAcceptingOnly: true });
    expect(await resultCard(centerPage, station.name).count()).toBe(0);
    await searchVisitingNursing(centerPage, station.address, { isAcceptingOnly: false });
    const after = resultCard(centerPage, station.name);
    await after.waitFor();
    expect(await after.locator('.badge').first().textContent()).toBe('受入不可');

    await nurseContext.close();
    await centerContext.close();
  });

  it('draws the four wards offline with a marker per result, and links the map and the list both ways', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl });
    const page = await context.newPage();
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(running.server.baseUrl) && !request.url().startsWith('data:'))
        outside.push(request.url());
    });
    await signIn(page, 'liaison@demo.renkei.jp');
    await page.goto('/directory/search?place=700-0913&kind=visiting_nursing&radius=3');
    await page
      .getByRole('status')
      .filter({ hasText: /件(以上)?見つかりました/ })
      .waitFor();

    const map = page.getByRole('region', { name: /検索結果の地図/ });
    await map.locator('path.ward-boundary').first().waitFor();
    expect(await map.locator('path.ward-boundary').count()).toBe(4);
    for (const ward of ['北区', '中区', '東区', '南区']) {
      expect(await map.locator('.ward-label').filter({ hasText: ward }).count(), ward).toBe(1);
    }
    expect(await map.textContent()).toContain('国土数値情報');
    expect(await map.locator('path.search-radius').count()).toBe(1);
    expect(await map.locator('.origin-marker').count()).toBe(1);
    expect(await map.locator('img.leaflet-tile').count()).toBe(0);

    const results = resultCards(page);
    const count = await results.count();
    expect(count).toBeGreaterThan(1);
    expect(await map.locator('.resource-marker').count()).toBe(count);

    // The marker numbered 2 → the second result is highlighted in the list.
    await map.locator('.resource-marker').filter({ hasText: /^2$/ }).click();
    await page.locator('.result-card.is-selected').waitFor();
    expect(await page.locator('.result-card').nth(1).getAttribute('class')).toContain('is-selected');

    // 「地図で見る（1）」 in the list → the marker numbered 1 stands out on the map.
    await page.getByRole('button', { name: '地図で見る（1）' }).click();
    await map.locator('.resource-marker.is-selected').filter({ hasText: /^1$/ }).waitFor();
    expect(await page.getByRole('button', { name: '地図で見る（1）' }).getAttribute('aria-pressed')).toBe('true');

    // A point picked on the map becomes the search's centre.
    await page.getByRole('button', { name: '地図で地点を選ぶ' }).click();
    await page.getByText('地図上の地点をクリックすると、そこを中心に検索します。').waitFor();
    // Picking keeps Leaflet's own classes on the map: without them its panes escape the frame.
    expect(await map.getAttribute('class')).toMatch(
      /\bleaflet-container\b.*\bis-picking\b|\bis-picking\b.*\bleaflet-container\b/,
    );
    expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    const box = await map.boundingBox();
    if (!box) throw new Error('the map has no size');
    // Top right, away from the zoom buttons (top left), the attribution (bottom) and the markers (centre).
    await page.mouse.click(box.x + box.width * 0.85, box.y + box.height * 0.15);
    await page.getByText(/^中心：地図で選んだ地点/).waitFor();
    expect(new URL(page.url()).searchParams.get('lat')).toMatch(/^3[45]\.\d+$/);

    expect(outside, 'no request leaves the server (offline map)').toEqual([]);
    await context.close();
  });

  it('shows more than the first 50 results a page at a time, numbered on, each once, with the map following', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl });
    const page = await context.newPage();
    await signIn(page, 'liaison@demo.renkei.jp');
    // The clinics of 北区: well over a hundred in the city's data.
    await page.goto('/directory/search?area=33101&kind=clinic');
    await page.getByText(/^50件以上見つかりました。/).waitFor();
    expect(await resultCards(page).count()).toBe(50);
    await page.getByRole('button', { name: 'さらに表示' }).click();
    await page.getByText(/^100件以上見つかりました。/).waitFor();
    expect(await resultCards(page).count()).toBe(100);
    const names = await page.locator('.result-card .result-name').allTextContents();
    expect(new Set(names).size, 'no organisation twice').toBe(names.length);
    const map = page.getByRole('region', { name: /検索結果の地図/ });
    expect(await map.locator('.resource-marker').count()).toBe(100);
    expect(await page.getByRole('button', { name: '地図で見る（100）' }).count()).toBe(1);
    await context.close();
  });

  it('locates an address typed without the city, and says in the server’s words when it cannot', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl });
    const page = await context.newPage();
    await signIn(page, 'center@demo.renkei.jp');
    await page.goto('/directory/search');
    const place = page.getByLabel('場所（住所・郵便番号・区名）');
    const search = page.getByRole('button', { name: '検索', exact: true });

    // People in Okayama leave out 岡山市 (and often the ward): the town is still found.
    for (const [typed, located] of [
      ['北区大供1丁目', '岡山市北区大供一丁目'],
      ['西大寺中野', '岡山市東区西大寺中野'],
      ['７０３－８２８２', '〒703-8282 岡山県岡山市中区平井'],
    ] as const) {
      await place.fill(typed);
      await search.click();
      await page.getByText(new RegExp(`^中心：${escapeRegExp(located)}`)).waitFor();
      await page
        .getByRole('status')
        .filter({ hasText: /件(以上)?見つかりました|見つかりませんでした/ })
        .waitFor();
    }

    // A ward with a town that does not exist: searched from the ward's centre, and said so.
    await place.fill('岡山市南区どこにもない町');
    await search.click();
    await page
      .getByText('「岡山市南区どこにもない町」の町名までは特定できなかったため、岡山市南区の中心から探しています。', {
        exact: false,
      })
      .waitFor();

    await place.fill('どこにもない町');
    await search.click();
    await page.getByRole('alert').filter({ hasText: '「どこにもない町」の位置を特定できませんでした。' }).waitFor();
    expect(await page.locator('.result-card').count()).toBe(0);
    await context.close();
  });

  it('can be used with the keyboard alone, list first', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl });
    const page = await context.newPage();
    await signIn(page, 'center@demo.renkei.jp');
    await page.goto('/directory/search');
    await page.getByRole('button', { name: '北区', exact: true }).waitFor();
    await page.getByLabel('場所（住所・郵便番号・区名）').focus();
    await page.keyboard.type('岡山市北区大供1丁目');
    // Ward shortcuts and the map button, then the radius: Tab moves through the form in reading order.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('北区');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: /件(以上)?見つかりました/ })
      .waitFor();
    await page.locator('summary', { hasText: '対象・医療処置で絞り込む' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('checkbox', { name: '在宅酸素' }).waitFor();
    await page.getByRole('checkbox', { name: '在宅酸素' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: '検索', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/procedure=home_oxygen/);
    // The new results (not the previous search's, shown dimmed meanwhile): every one shows 在宅酸素 as matched.
    const cards = page.locator('.result-list:not([aria-busy="true"]) .result-card');
    const matched = cards.filter({ has: page.locator('.result-capabilities li.is-match') });
    await expect
      .poll(async () => {
        const count = await cards.count();
        return count > 0 && count === (await matched.count());
      })
      .toBe(true);

    // The first result's name is a link to the organisation page, reachable and followed by keyboard.
    const firstLink = page.locator('.result-card .result-name a').first();
    const name = (await firstLink.textContent()) ?? '';
    await firstLink.focus();
    await page.keyboard.press('Enter');
    await page
      .getByRole('heading', { level: 1, name: new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })
      .waitFor();
    await context.close();
  });

  it('has no serious accessibility violation, with results and the map shown', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl });
    const page = await context.newPage();
    await signIn(page, 'center@demo.renkei.jp');
    await page.goto('/directory/search?area=33102&kind=clinic&group=elderly&accepting=1');
    await page
      .getByRole('status')
      .filter({ hasText: /件(以上)?見つかりました/ })
      .waitFor();
    await page.locator('path.ward-boundary').first().waitFor();
    const violations = await checkA11y(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await context.close();
  });
});
