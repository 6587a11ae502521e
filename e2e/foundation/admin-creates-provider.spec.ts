/**
 * システム管理者 → 在宅医: an admin creates a provider account for a real clinic of the public data, picking the
 * clinic by name in the organisation picker; the new user signs in (demo mode: no two-factor), replaces the
 * password the admin set, and sees the provider's menu with the clinic's name in the header.
 */
import { describe, expect, it } from 'vitest';
import { newJapaneseContext } from '../helpers/browser.js';
import { escapeRegExp, listOrganizations, mainMenu, signIn } from '../helpers/demo.js';
import { useServerAndBrowser } from '../helpers/suite.js';

const running = useServerAndBrowser();

describe('an administrator creates a provider account', () => {
  it('creates the account for a real clinic and the new user signs in to the provider menu', async () => {
    const email = `e2e-clinic-${Date.now()}@example.jp`;
    const password = 'e2e-initial-password-2026';

    // 管理者: opens 利用者管理 and fills in the form.
    const adminContext = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl });
    const admin = await adminContext.newPage();
    await signIn(admin, 'admin@demo.renkei.jp');
    const clinics = await listOrganizations(admin, 'kind=clinic&limit=200');
    const clinic = clinics.find((organization) => !organization.isDemo && organization.name.length >= 4);
    if (!clinic) throw new Error('the public data holds no clinic');

    await mainMenu(admin).getByRole('link', { name: '利用者管理' }).click();
    await admin.getByRole('heading', { level: 1, name: '利用者管理' }).waitFor();
    await admin.getByRole('button', { name: '利用者を追加' }).click();
    await admin.getByRole('textbox', { name: 'メールアドレス', exact: true }).fill(email);
    await admin.getByRole('textbox', { name: '氏名', exact: true }).fill('E2E 在宅医');
    await admin.getByRole('combobox', { name: '役割', exact: true }).selectOption({ label: '在宅サービス事業所' });

    const picker = admin.getByRole('group', { name: '所属組織' });
    await picker.getByLabel('組織名・カナで検索').fill(clinic.name);
    await picker.getByRole('button', { name: '検索' }).click();
    await picker.getByRole('radio', { name: new RegExp(`^${escapeRegExp(clinic.name)}`) }).check();
    await picker.getByText(`選択中：${clinic.name}`).waitFor();

    await admin.getByLabel('初期パスワード').fill(password);
    await admin.getByRole('button', { name: 'この内容で追加する' }).click();
    await admin
      .getByRole('status')
      .filter({ hasText: `${email} を追加しました。` })
      .waitFor();
    await admin.getByRole('cell', { name: email }).waitFor();
    await adminContext.close();

    // 新しい利用者: signs in with the initial password, must first choose a password of their own, then lands on
    // the provider's home.
    const userContext = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl });
    const user = await userContext.newPage();
    await signIn(user, email, password);
    await user.waitForURL(/\/account\/password/);
    await user.getByText('管理者が設定したパスワードのままです。').waitFor();
    // Until then the menu offers the password change only (the server refuses everything else).
    expect(await mainMenu(user).getByRole('link').allTextContents()).toEqual(['パスワードの変更']);
    await user.getByLabel('現在のパスワード').fill(password);
    await user.getByLabel('新しいパスワード').first().fill('e2e-my-own-password-2026');
    await user.getByLabel('新しいパスワード（確認）').fill('e2e-my-own-password-2026');
    await user.getByRole('button', { name: 'パスワードを変更' }).click();
    await user.waitForURL((url) => url.pathname === '/');
    await user.getByRole('heading', { level: 2, name: 'この役割でできること' }).waitFor();
    expect(await user.getByText('管理者が設定したパスワードのままです。').count()).toBe(0);
    const menu = mainMenu(user);
    for (const label of ['ホーム', '自組織の情報', '紹介の受信', '組織一覧']) {
      expect(await menu.getByRole('link', { name: label, exact: true }).count(), label).toBe(1);
    }
    expect(await menu.getByRole('link', { name: '利用者管理' }).count()).toBe(0);
    expect(await user.getByRole('banner').textContent()).toContain(clinic.name);
    await userContext.close();
  });

  it('marks each empty required field, then a too short initial password, before sending', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl });
    const page = await context.newPage();
    await signIn(page, 'admin@demo.renkei.jp');
    await page.goto('/admin/users');
    await page.getByRole('button', { name: '利用者を追加' }).click();
    await page.getByRole('button', { name: 'この内容で追加する' }).click();
    // The role 在宅サービス事業所 is chosen at first: it needs an organisation too.
    await page.getByText('入力内容を確認してください（4件）。').waitFor();
    for (const message of ['メールアドレスを入力してください。', '氏名を入力してください。', '所属組織が必要です']) {
      expect(await page.getByText(message).count(), message).toBeGreaterThan(0);
    }
    expect(await page.getByLabel('初期パスワード').getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('textbox', { name: 'メールアドレス', exact: true }).fill(`e2e-short-${Date.now()}@example.jp`);
    await page.getByRole('textbox', { name: '氏名', exact: true }).fill('E2E 短いパスワード');
    await page.getByRole('combobox', { name: '役割', exact: true }).selectOption({ label: 'システム管理者' });
    await page.getByLabel('初期パスワード').fill('short');
    await page.getByRole('button', { name: 'この内容で追加する' }).click();
    await page.getByText('入力内容を確認してください（1件）。').waitFor();
    expect(await page.getByLabel('初期パスワード').getAttribute('aria-invalid')).toBe('true');
    await context.close();
  });
});
