/**
 * Every demo login (CONTRACT §4) signs in through the login page and sees its own main menu, its organisation
 * in the header, and a home page without serious accessibility violations.
 */
import { describe, expect, it } from 'vitest';
import { checkA11y, describeViolations, newJapaneseContext } from '../helpers/browser.js';
import { allMenuLabels, demoAccounts, mainMenu, signIn } from '../helpers/demo.js';
import { useServerAndBrowser } from '../helpers/suite.js';

const running = useServerAndBrowser();

describe('demo logins', () => {
  it('shows the login page with its labelled fields and the demo accounts, without serious violations', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl });
    const page = await context.newPage();
    await page.goto('/login');
    await expect(page.getByRole('heading', { level: 1, name: 'ログイン' }).isVisible()).resolves.toBe(true);
    await page.getByRole('heading', { name: 'デモ用アカウント' }).waitFor();
    expect(await page.getByRole('button', { name: 'admin@demo.renkei.jp を入力' }).count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    const violations = await checkA11y(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await context.close();
  });

  it('shows the server’s Japanese message for a wrong password', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('メールアドレス').fill('clinic@demo.renkei.jp');
    await page.getByLabel('パスワード').fill('not-the-password');
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'メールアドレスまたはパスワードが正しくありません。' });
    await alert.waitFor();
    expect(page.url()).toContain('/login');
    await context.close();
  });

  for (const account of demoAccounts) {
    it(`signs in ${account.email} (${account.role}) and shows that role's menu and organisation`, async () => {
      const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl });
      const page = await context.newPage();
      await signIn(page, account.email);

      const menu = mainMenu(page);
      for (const label of account.menu) {
        expect(await menu.getByRole('link', { name: label, exact: true }).count(), label).toBe(1);
      }
      for (const label of allMenuLabels.filter((entry) => !account.menu.includes(entry))) {
        expect(await menu.getByRole('link', { name: label, exact: true }).count(), label).toBe(0);
      }
      expect(await menu.getByRole('link', { name: 'ホーム' }).getAttribute('aria-current')).toBe('page');

      const me = (await (await page.request.get('/api/v1/me')).json()) as {
        name: string;
        organizationName: string | null;
      };
      const header = page.getByRole('banner');
      expect(await header.textContent()).toContain(me.name);
      if (account.role === 'admin') {
        expect(me.organizationName).toBeNull();
      } else {
        expect(me.organizationName).toBeTruthy();
        expect(await header.textContent()).toContain(me.organizationName);
      }

      const violations = await checkA11y(page);
      expect(violations, describeViolations(violations)).toEqual([]);
      await context.close();
    });
  }

  it('folds the menu behind a button naming the current page on a phone, beside 通知', async () => {
    const context = await newJapaneseContext(running.browser, {
      baseUrl: running.server.baseUrl,
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    await signIn(page, 'ishikai@demo.renkei.jp');
    const menu = mainMenu(page);
    const toggle = menu.getByRole('button', { name: /^メニュー\s*ホーム$/ });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await menu.getByRole('link', { name: '組織一覧', exact: true }).count()).toBe(0);
    expect(await menu.getByRole('link', { name: /^通知/ }).count()).toBe(1);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await menu.getByRole('link', { name: /^通知/ }).count()).toBe(1);
    const violations = await checkA11y(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await menu.getByRole('link', { name: '組織一覧', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '組織一覧' }).waitFor();
    await menu.getByRole('button', { name: /^メニュー\s*組織一覧$/, expanded: false }).waitFor();
    expect(await menu.getByRole('link', { name: '組織一覧', exact: true }).count()).toBe(0);
    await context.close();
  });
});
