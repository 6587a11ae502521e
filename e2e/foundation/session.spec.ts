/**
 * Sessions in the browser: logging out returns to the login page and the old session cookie stops working;
 * a page opened without a session goes to the login page and, after signing in, back to that page.
 */
import { describe, expect, it } from 'vitest';
import { newJapaneseContext } from '../helpers/browser.js';
import { demoPassword, mainMenu, signIn } from '../helpers/demo.js';
import { useServerAndBrowser } from '../helpers/suite.js';

const running = useServerAndBrowser();

describe('sessions', () => {
  it('logs out to the login page, after which the previous session cookie answers 401', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl });
    const page = await context.newPage();
    await signIn(page, 'clinic@demo.renkei.jp');
    const session = (await context.cookies()).find((cookie) => cookie.name === 'renkei_session');
    expect(session?.httpOnly).toBe(true);
    const cookie = `renkei_session=${session?.value ?? ''}`;
    expect((await fetch(`${running.server.baseUrl}/api/v1/me`, { headers: { cookie } })).status).toBe(200);

    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');

    const afterLogout = await fetch(`${running.server.baseUrl}/api/v1/me`, { headers: { cookie } });
    expect(afterLogout.status).toBe(401);
    expect(((await afterLogout.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    await context.close();
  });

  it('leaves an open page for the login page as soon as its session is ended elsewhere', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl });
    const page = await context.newPage();
    await signIn(page, 'nurse@demo.renkei.jp');
    const session = (await context.cookies()).find((cookie) => cookie.name === 'renkei_session');
    // The same session logged out from another tab: the page hears it on its event stream and
    // goes to the login page without a click.
    await page.waitForTimeout(500);
    const logout = await fetch(`${running.server.baseUrl}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { cookie: `renkei_session=${session?.value ?? ''}`, origin: running.server.baseUrl },
    });
    expect(logout.status).toBe(200);
    await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor({ timeout: 10_000 });
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('sends a visitor without a session to the login page and back to the page they asked for', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl });
    const page = await context.newPage();
    await page.goto('/organizations?kind=hospital');
    await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/organizations?kind=hospital');

    await page.getByLabel('メールアドレス').fill('liaison@demo.renkei.jp');
    await page.getByLabel('パスワード').fill(demoPassword);
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '組織一覧' }).waitFor();
    expect(await page.getByLabel('種別').inputValue()).toBe('hospital');
    expect(await mainMenu(page).getByRole('link', { name: '組織一覧' }).getAttribute('aria-current')).toBe('page');
    await context.close();
  });

  it('switches the interface to English and keeps the choice after a reload', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl });
    const page = await context.newPage();
    await signIn(page, 'city@demo.renkei.jp');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Area analytics' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await page.getByRole('navigation', { name: 'Main menu' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('button', { name: '日本語' }).click();
    await mainMenu(page).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    await context.close();
  });
});
