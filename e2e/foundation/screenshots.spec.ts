/**
 * Visits the main pages at desktop (1280×800) and phone (390×844) sizes, saves full-page screenshots into
 * screenshots/ (git-ignored) for a person to look at, and requires no serious accessibility violations on each.
 */
import { describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newJapaneseContext } from '../helpers/browser.js';
import { signIn } from '../helpers/demo.js';
import { captureAndCheck, viewports } from '../helpers/screenshots.js';
import { useServerAndBrowser } from '../helpers/suite.js';

const running = useServerAndBrowser();

const capture = (page: Page, name: string, size: string) => captureAndCheck(page, name, { size });

describe.each(viewports)('pages at $name size', (viewport) => {
  it('login page', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl, viewport });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByRole('heading', { name: 'デモ用アカウント' }).waitFor();
    await capture(page, 'login', viewport.name);
    await context.close();
  });

  for (const account of ['admin', 'clinic', 'ishikai']) {
    it(`home page of ${account}`, async () => {
      const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl, viewport });
      const page = await context.newPage();
      await signIn(page, `${account}@demo.renkei.jp`);
      await page.getByRole('heading', { level: 2, name: 'この役割でできること' }).waitFor();
      await capture(page, `home-${account}`, viewport.name);
      await context.close();
    });
  }

  it('organisation list, organisation page and edit page (clinic)', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl, viewport });
    const page = await context.newPage();
    await signIn(page, 'clinic@demo.renkei.jp');

    await page.goto('/organizations?kind=clinic&area=33101');
    await page.getByRole('table', { name: '組織の一覧' }).waitFor();
    await capture(page, 'organizations', viewport.name);

    const me = (await (await page.request.get('/api/v1/me')).json()) as { organizationId: string };
    await page.goto(`/organizations/${me.organizationId}`);
    await page.getByRole('heading', { level: 2, name: '受入状況' }).waitFor();
    await capture(page, 'organization', viewport.name);

    await page.goto('/my-organization');
    await page.getByRole('button', { name: '受入状況を更新' }).waitFor();
    await capture(page, 'edit', viewport.name);
    await context.close();
  });

  it('administration pages (admin)', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl, viewport });
    const page = await context.newPage();
    await signIn(page, 'admin@demo.renkei.jp');

    await page.goto('/admin/users');
    await page.getByRole('table', { name: '利用者の一覧' }).waitFor();
    await page.getByRole('button', { name: '利用者を追加' }).click();
    await page.getByRole('button', { name: 'システム管理者（デモ） の操作' }).click();
    await capture(page, 'users', viewport.name);

    await page.goto('/admin/organizations/new');
    await page.getByRole('button', { name: '登録する' }).waitFor();
    await capture(page, 'organization-new', viewport.name);

    await page.goto('/audit');
    await page.getByRole('table', { name: '監査ログ（新しい順）' }).waitFor();
    await capture(page, 'audit', viewport.name);
    await context.close();
  });

  it('members and data-source pages', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl, viewport });
    const page = await context.newPage();
    await signIn(page, 'ishikai@demo.renkei.jp');
    await page.goto('/association/members');
    await page.getByRole('table', { name: '会員の医療機関' }).waitFor();
    await capture(page, 'members', viewport.name);

    await page.goto('/about/data');
    await page.getByRole('heading', { level: 2, name: 'データの出典' }).waitFor();
    await capture(page, 'about-data', viewport.name);
    await context.close();
  });
});
