/**
 * Two-factor sign-in in the browser: a provider turns it on (QR/secret, code, recovery codes shown once),
 * then signs in again through the second step with a recovery code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticator } from 'otplib';
import { startServer, type RunningServer } from '../helpers/server.js';
import { newJapaneseContext } from '../helpers/browser.js';
import { demoPassword, mainMenu, signIn } from '../helpers/demo.js';
import { useServerAndBrowser } from '../helpers/suite.js';

const running = useServerAndBrowser();

describe('two-factor authentication', () => {
  it('is set up from the home page and then asked for at sign-in, where a recovery code works', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl });
    const page = await context.newPage();
    await signIn(page, 'caremanager@demo.renkei.jp');
    await page.getByRole('link', { name: '二要素認証を設定する' }).first().click();
    await page.getByRole('heading', { level: 1, name: '二要素認証の設定' }).waitFor();

    await page.getByRole('button', { name: '設定を開始' }).click();
    await page.getByRole('img', { name: '認証アプリで読み取る QR コード' }).waitFor();
    const secret = ((await page.locator('code.secret').textContent()) ?? '').trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByRole('textbox', { name: '確認コード（6桁）' }).fill(authenticator.generate(secret));
    await page.getByRole('button', { name: '確認して有効にする' }).click();

    await page.getByRole('heading', { level: 1, name: '二要素認証を有効にしました' }).waitFor();
    const recoveryCodes = (await page.locator('.recovery-codes code').allTextContents()).map((code) => code.trim());
    expect(recoveryCodes).toHaveLength(10);
    const next = page.getByRole('button', { name: '続ける' });
    expect(await next.isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: 'リカバリーコードを安全な場所に保管しました' }).check();
    await next.click();
    await page.getByRole('heading', { level: 1, name: /こんにちは/ }).waitFor();
    expect(await page.getByRole('definition').filter({ hasText: '設定済み' }).count()).toBe(1);

    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor();
    await page.getByLabel('メールアドレス').fill('caremanager@demo.renkei.jp');
    await page.getByLabel('パスワード').fill(demoPassword);
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '確認コードの入力' }).waitFor();

    const code = page.getByRole('textbox', { name: '確認コード' });
    await code.fill('000000');
    await page.getByRole('button', { name: '確認', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: '確認コードが正しくありません。' }).waitFor();

    await code.fill(recoveryCodes[0] ?? '');
    await page.getByRole('button', { name: '確認', exact: true }).click();
    await mainMenu(page).getByRole('link', { name: '自組織の情報' }).waitFor();
    await context.close();
  });
});

describe('two-factor authentication when it is mandatory (RENKEI_REQUIRE_MFA)', () => {
  let strictServer: RunningServer;

  beforeAll(async () => {
    strictServer = await startServer({ env: { RENKEI_REQUIRE_MFA: 'true' } });
  });

  afterAll(async () => {
    await strictServer?.stop();
  });

  it('sends a liaison nurse to the setup after sign-in and back there from any data page until it is done', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: strictServer.baseUrl });
    const page = await context.newPage();
    await page.goto('/login?next=%2Forganizations');
    await page.getByLabel('メールアドレス').fill('liaison@demo.renkei.jp');
    await page.getByLabel('パスワード').fill(demoPassword);
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '二要素認証の設定' }).waitFor();
    await page.getByText('設定が終わるまで他の操作はできません。', { exact: false }).waitFor();

    // The data API answers 403 mfa_enrollment_required: the client comes back to the setup page.
    await page.goto('/organizations');
    await page.getByRole('heading', { level: 1, name: '二要素認証の設定' }).waitFor();

    await page.getByRole('button', { name: '設定を開始' }).click();
    const secret = ((await page.locator('code.secret').textContent()) ?? '').trim();
    await page.getByRole('textbox', { name: '確認コード（6桁）' }).fill(authenticator.generate(secret));
    await page.getByRole('button', { name: '確認して有効にする' }).click();
    await page.getByRole('checkbox', { name: 'リカバリーコードを安全な場所に保管しました' }).check();
    await page.getByRole('button', { name: '続ける' }).click();
    await page.getByRole('heading', { level: 1, name: /こんにちは|組織一覧/ }).waitFor();
    await page.goto('/organizations');
    await page.getByRole('table', { name: '組織の一覧' }).waitFor();
    await context.close();
  });
});
