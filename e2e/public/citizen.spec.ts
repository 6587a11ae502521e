/**
 * The citizens' pages, without a login (issue 4): a resident on a phone-sized screen finds a visiting nursing
 * station by postal code, with whether it takes new patients and how fresh that is in plain words; a ward search;
 * several needs at once; a place that cannot be located; a result without a phone leads to whom to ask (the
 * 地域ケア総合推進センター's number); the results print as a short list headed by what was searched and when; the guides
 * print as leaflets with whom to ask, who printed them and when; axe-core finds no serious violation.
 */
import { describe, expect, it } from 'vitest';
import { checkA11y, describeViolations, newJapaneseContext } from '../helpers/browser.js';
import { useServerAndBrowser } from '../helpers/suite.js';

const running = useServerAndBrowser();

const phone = { width: 390, height: 844 };

/** The pages of a PDF made by Chromium (each page object is written once, uncompressed). */
function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
}

const acceptanceWords =
  /新しい患者さんを受け入れています（(今日|昨日|\d+日前)確認）|条件によっては受け入れています|いまは新しい患者さんを受け入れていません|情報が古いため、電話で確認してください|受け入れの状況は登録されていません/;

describe('citizen search', () => {
  it('finds a visiting nursing station by postal code on a phone, from the login page', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl, viewport: phone });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByRole('link', { name: '近くの在宅医療・介護をさがす' }).click();
    await page.getByRole('heading', { level: 1, name: '近くの在宅医療・介護をさがす' }).waitFor();
    expect(await page.getByRole('button', { name: 'ログアウト' }).count()).toBe(0);
    // The legend of the needs wraps on a phone: it stays inside its box instead of running into the border.
    // Measured once the page's fonts and styles have settled (a busy machine laid it out late once).
    const needs = page.getByRole('group', { name: '2. 何が必要ですか（いくつでも選べます）' });
    await page.evaluate('document.fonts.ready');
    await expect
      .poll(
        async () => {
          const legendBox = await needs.locator('legend').boundingBox();
          const needsBox = await needs.boundingBox();
          return legendBox !== null && needsBox !== null && legendBox.y > needsBox.y;
        },
        { timeout: 5_000 },
      )
      .toBe(true);

    await page.getByLabel('住所または郵便番号').fill('700-0913');
    await page.getByRole('checkbox', { name: /^訪問看護/ }).check();
    await page.getByRole('button', { name: 'さがす', exact: true }).click();

    const status = page.getByRole('status').filter({ hasText: /「訪問看護」：\d+件/ });
    await status.waitFor();
    expect(await status.textContent()).toContain('〒700-0913');
    const results = page.getByRole('region', { name: 'さがした結果' }).getByRole('listitem');
    const first = results.first();
    await first.waitFor();
    expect(await first.textContent()).toContain('訪問看護ステーション');
    expect(await first.textContent()).toMatch(/約\s\d+\.\d\skm/);
    expect(await first.textContent()).toMatch(acceptanceWords);
    // The heading of the results has the focus: on a phone the visitor is taken to them.
    expect(await page.evaluate('document.activeElement?.id')).toBe('citizen-results-heading');
    // Nothing wider than the screen.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(phone.width);

    // Only providers taking new patients, when asked.
    await page.getByRole('checkbox', { name: '新しい患者さんを受け入れている所だけ表示する' }).check();
    await page.getByRole('button', { name: 'さがす', exact: true }).click();
    await page.waitForURL(/accepting=1/);
    await page
      .getByRole('status')
      .filter({ hasText: /「訪問看護」：\d+件/ })
      .waitFor();
    const texts = await page.locator('.citizen-result .acceptance').allTextContents();
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).not.toContain('受け入れていません');

    // The visiting nursing stations in the public data have no phone: a result without one leads to whom to ask,
    // and the 地域ケア総合推進センター's number (in the demo's reference data) is given there, with its 出典.
    await page.locator('.citizen-result').getByRole('link', { name: '連絡のしかたを相談できる所' }).first().click();
    const help = page.getByRole('region', { name: '電話番号がわからないときの相談先' });
    expect(await help.textContent()).toContain('担当のケアマネジャー');
    expect(
      await help
        .getByRole('link', { name: /^電話する / })
        .first()
        .getAttribute('href'),
    ).toMatch(/^tel:\d{9,}$/);
    expect(await help.textContent()).toContain('連絡先の出典：デモ用の参考データ（要確認）');
    await context.close();
  });

  it('prints the results as a short list headed by the place, the needs and the date, without the form', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl });
    const page = await context.newPage();
    await page.goto('/public/search?place=700-0913&need=visiting_nursing');
    await page.locator('.citizen-result').first().waitFor();
    await page.emulateMedia({ media: 'print' });
    const display = (selector: string) =>
      page.evaluate<string>(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).display`);
    expect(await display('.citizen-form')).toBe('none');
    expect(await display('.citizen-print-header')).toBe('block');
    const header = (await page.locator('.citizen-print-header').textContent()) ?? '';
    expect(header).toContain('〒700-0913');
    expect(header).toContain('訪問看護');
    expect(header).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    // 30 results, whom to ask and the 出典 (the whole form took 11 pages).
    expect(pdfPageCount(pdf)).toBeLessThanOrEqual(5);
    await context.close();
  });

  it('answers a mistyped citizen address with a citizens’ page, not the professionals’ login', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl, viewport: phone });
    const page = await context.newPage();
    for (const path of ['/public/guide/xyz', '/public/nonexistent', '/public/search/extra']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: 'ページが見つかりません' }).waitFor();
      expect(new URL(page.url()).pathname, path).toBe(path);
      expect(await page.getByLabel('パスワード').count(), path).toBe(0);
    }
    await page.getByRole('link', { name: '近くの在宅医療・介護をさがす' }).first().click();
    await page.getByRole('heading', { level: 1, name: '近くの在宅医療・介護をさがす' }).waitFor();
    await context.close();
  });

  it('shows phone numbers as tel: links and the 出典 of the data', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl, viewport: phone });
    const page = await context.newPage();
    // ケアマネジャー offices have public phone numbers in the open data.
    await page.goto('/public/search?place=700-0913&need=care_manager');
    await page
      .getByRole('status')
      .filter({ hasText: /「ケアマネジャー」：\d+件/ })
      .waitFor();
    const call = page.getByRole('link', { name: /^電話する / }).first();
    expect(await call.getAttribute('href')).toMatch(/^tel:\+?\d{9,}$/);
    const sources = page.locator('.sources');
    expect(await sources.textContent()).toContain('介護サービス情報公表システム');
    expect(await page.locator('.citizen-footer').textContent()).toContain('出典');
    await context.close();
  });

  it('searches a whole ward, and explains a place it cannot locate', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl, viewport: phone });
    const page = await context.newPage();
    await page.goto('/public/search');
    await page.getByRole('button', { name: '中区' }).click();
    await page.getByRole('checkbox', { name: /^在宅酸素/ }).check();
    await page.getByRole('button', { name: 'さがす', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '岡山市中区の「在宅酸素」' }).waitFor();
    expect(new URL(page.url()).searchParams.get('area')).toBe('33102');

    // An address without 岡山市 is read as in Okayama City.
    await page.getByLabel('住所または郵便番号').fill('大供1丁目');
    await page.getByRole('button', { name: 'さがす', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^岡山市北区大供一丁目から\s5\skm\s以内の「在宅酸素」：\d+件/ })
      .waitFor();

    await page.getByLabel('住所または郵便番号').fill('どこにもない町');
    await page.getByRole('button', { name: 'さがす', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: '「どこにもない町」の位置を特定できませんでした。' }).waitFor();

    // A ward typed (or linked) as the place searches the whole ward, as its button does — even before the list of
    // wards has loaded.
    await page.goto(`/public/search?place=${encodeURIComponent('南区')}&need=home_oxygen`);
    await page.getByRole('status').filter({ hasText: '岡山市南区の「在宅酸素」' }).waitFor();

    // Asking without a need says what is missing, next to the choices.
    await page.goto('/public/search?place=700-0913');
    await page.getByRole('button', { name: 'さがす', exact: true }).click();
    await page.getByText('必要なものを1つ以上選んでください。').waitFor();
    await context.close();
  });

  it('looks for providers that meet several needs at once, and says when no one kind of provider meets them', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl, viewport: phone });
    const page = await context.newPage();
    await page.goto('/public/search');
    await page.getByLabel('住所または郵便番号').fill('700-0913');
    // 「訪問看護」 that does 「看取り」: visiting nursing stations only, each caring for the dying.
    await page.getByRole('checkbox', { name: /^訪問看護/ }).check();
    await page.getByRole('checkbox', { name: /^看取り/ }).check();
    await page.getByRole('button', { name: 'さがす', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /「訪問看護・看取り」：\d+件/ })
      .waitFor();
    const url = new URL(page.url());
    expect(url.searchParams.getAll('need')).toEqual(['visiting_nursing', 'end_of_life']);
    const results = page.locator('.citizen-results .citizen-result');
    await results.first().waitFor();
    for (const text of await results.allTextContents()) {
      expect(text).toContain('訪問看護ステーション');
      expect(text).toContain('看取り');
    }

    // 「ケアマネジャー」 and 「在宅酸素」 are done by different kinds of provider: the form says so instead of searching.
    await page.getByRole('checkbox', { name: /^看取り/ }).uncheck();
    await page.getByRole('checkbox', { name: /^訪問看護/ }).uncheck();
    await page.getByRole('checkbox', { name: /^ケアマネジャー/ }).check();
    await page.getByRole('checkbox', { name: /^在宅酸素/ }).check();
    await page.getByRole('button', { name: 'さがす', exact: true }).click();
    await page.getByText('「ケアマネジャー」と「在宅酸素」の両方に対応できる事業所はありません').waitFor();
    expect(new URL(page.url()).searchParams.getAll('need')).toEqual(['visiting_nursing', 'end_of_life']);
    await context.close();
  });
});

describe('guides', () => {
  for (const guide of [
    { path: '/public/guide/discharge', title: '病院から家へ帰るまで', mustSay: '地域ケア総合推進センター' },
    { path: '/public/guide/acp', title: '人生会議（ACP）', mustSay: '信頼できる人' },
    { path: '/public/guide/family-doctor', title: 'かかりつけ医をもちましょう', mustSay: '訪問診療' },
  ]) {
    it(`prints ${guide.path} as a leaflet without the site's navigation, with the search's address`, async () => {
      const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl });
      const page = await context.newPage();
      await page.goto(guide.path);
      await page.getByRole('heading', { level: 1, name: guide.title }).waitFor();
      expect(await page.locator('main').textContent()).toContain(guide.mustSay);
      await page.emulateMedia({ media: 'print' });
      // Evaluated in the page as a string: the tests' own program has no DOM types.
      const display = (selector: string) =>
        page.evaluate<string>(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).display`);
      expect(await display('.citizen-nav')).toBe('none');
      expect(await display('.citizen-footer')).toBe('none');
      expect(await display('.guide-header .no-print')).toBe('none');
      // The demo's 127.0.0.1 would lead a reader of the paper nowhere: the site's name and the page's path instead.
      expect(await page.locator('.print-url').first().textContent()).toBe('Renkei 連携（/public/search）');
      // Whom to ask, with the Center's number and its 出典 (loaded after the page); who printed the leaflet, and when.
      await page.locator('.contact-help').getByText('連絡先の出典：', { exact: false }).first().waitFor();
      const contacts = (await page.locator('.contact-help').textContent()) ?? '';
      expect(contacts).toContain('岡山市地域ケア総合推進センター');
      expect(contacts).toMatch(/086-\d{3}-\d{4}/);
      expect(contacts).toContain('連絡先の出典：');
      expect(await display('.guide-issued')).toBe('block');
      expect(await page.locator('.guide-issued').textContent()).toMatch(
        /^この案内は Renkei（岡山市の在宅医療・介護の連携システム）から印刷しました（\d{4}年\d{1,2}月\d{1,2}日/,
      );
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      // A leaflet: both sides of one sheet.
      expect(pdfPageCount(pdf)).toBe(2);
      await context.close();
    });
  }
});

describe('accessibility of the public pages', () => {
  for (const viewport of [phone, { width: 1280, height: 800 }]) {
    it(`has no serious violation at ${viewport.width}×${viewport.height}`, async () => {
      const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl, viewport });
      const page = await context.newPage();
      for (const path of [
        '/public',
        '/public/search',
        '/public/search?place=700-0913&need=visiting_nursing',
        '/public/guide/discharge',
        '/public/guide/acp',
        '/public/guide/family-doctor',
      ]) {
        await page.goto(path);
        await page.locator('main h1').waitFor();
        if (path.includes('need=')) await page.locator('.citizen-result').first().waitFor();
        const violations = await checkA11y(page);
        expect(violations, `${path}:\n${describeViolations(violations)}`).toEqual([]);
      }
      await context.close();
    });
  }

  it('works by keyboard: the needs are ticked with Tab and Space and the search sent with Enter', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl, viewport: phone });
    const page = await context.newPage();
    await page.goto('/public/search');
    await page.getByLabel('住所または郵便番号').focus();
    await page.keyboard.type('7000913');
    await page.getByRole('checkbox', { name: /^訪問看護/ }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    expect(await page.getByRole('checkbox', { name: /^訪問看護/ }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /^ケアマネジャー/ }).isChecked()).toBe(true);
    await page.getByRole('checkbox', { name: /^訪問看護/ }).focus();
    await page.keyboard.press('Space');
    expect(await page.getByRole('checkbox', { name: /^訪問看護/ }).isChecked()).toBe(false);
    await page.getByLabel('住所または郵便番号').focus();
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: /「ケアマネジャー」：\d+件/ })
      .waitFor();
    await context.close();
  });
});
