/**
 * Screenshots of the directory pages for professionals at desktop (1280×800) and phone (390×844) sizes, saved into
 * screenshots/ (git-ignored) for a person to look at, each also checked with axe-core (no serious violation).
 */
import { beforeAll, describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newJapaneseContext } from '../helpers/browser.js';
import { apiToken, signIn } from '../helpers/demo.js';
import { captureAndCheck, viewports } from '../helpers/screenshots.js';
import { useServerAndBrowser } from '../helpers/suite.js';

const running = useServerAndBrowser();

beforeAll(async () => {
  const { server } = running;
  // Two notifications for the Center, so that the notifications page has something to show.
  const token = await apiToken(server.baseUrl, 'nurse@demo.renkei.jp');
  for (const subject of ['人工呼吸器の方の夜間対応について', '小児の訪問看護の受入について']) {
    await fetch(`${server.baseUrl}/api/v1/consultations`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({ subject, body: '受け入れ先の探し方を教えてください。' }),
    });
  }
});

async function capture(page: Page, name: string, size: string) {
  // The map is sticky beside the list: from the top it is where a person first sees it.
  await page.evaluate('window.scrollTo(0, 0)');
  await captureAndCheck(page, name, { size });
}

describe.each(viewports)('directory pages at $name size', (viewport) => {
  it('resource search with results and the map (Center)', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl, viewport });
    const page = await context.newPage();
    await signIn(page, 'center@demo.renkei.jp');
    await page.goto('/directory/search');
    await page.locator('path.ward-boundary').first().waitFor();
    await capture(page, 'directory-search-empty', viewport.name);

    await page.goto('/directory/search?place=700-0913&radius=3&kind=visiting_nursing&procedure=ventilator');
    await page
      .getByRole('status')
      .filter({ hasText: /件(以上)?見つかりました/ })
      .waitFor();
    await page.locator('.resource-marker').first().waitFor();
    await page.getByRole('button', { name: '地図で見る（2）' }).click();
    await capture(page, 'directory-search', viewport.name);
    await context.close();
  });

  it('stale members and a stale member’s edit page (medical association)', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl, viewport });
    const page = await context.newPage();
    await signIn(page, 'ishikai@demo.renkei.jp');
    await page.goto('/association/stale');
    await page.getByRole('table', { name: '受入状況が古い会員' }).waitFor();
    await capture(page, 'association-stale', viewport.name);

    await page
      .locator('tbody tr')
      .first()
      .getByRole('link', { name: /の受入状況を更新$/ })
      .click();
    await page.getByRole('region', { name: /受入状況が\d+日間更新されていません/ }).waitFor();
    await capture(page, 'organization-edit-stale', viewport.name);
    await context.close();
  });

  it('notifications page and the provider’s own page', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl, viewport });
    const page = await context.newPage();
    await signIn(page, 'center@demo.renkei.jp');
    await page.goto('/notifications');
    await page.getByRole('list', { name: '通知の一覧（新しい順）' }).waitFor();
    await capture(page, 'notifications', viewport.name);

    await signIn(page, 'nurse@demo.renkei.jp');
    await page.goto('/my-organization');
    await page.getByRole('button', { name: '受入状況を更新' }).waitFor();
    await capture(page, 'my-organization', viewport.name);
    await context.close();
  });
});
