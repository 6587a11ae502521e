/**
 * Keeping the directory fresh, and hearing about it: the medical association's list of members whose 受入状況 is
 * stale (要確認) and confirming one of them in one click; the provider's own page warning about its stale status;
 * the notification bell counting live (Server-Sent Events), the toast, and the notifications page.
 */
import { describe, expect, it } from 'vitest';
import { checkA11y, describeViolations, newJapaneseContext } from '../helpers/browser.js';
import { apiToken, mainMenu, signIn } from '../helpers/demo.js';
import { useServerAndBrowser } from '../helpers/suite.js';

const running = useServerAndBrowser();

type StaleMember = { id: string; name: string; ageDays: number | null };

describe('stale members', () => {
  it('lists the association’s stale members and confirms one from its edit page in one click', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl });
    const page = await context.newPage();
    await signIn(page, 'ishikai@demo.renkei.jp');
    await mainMenu(page).getByRole('link', { name: '受入状況が古い会員' }).click();
    await page.getByRole('heading', { level: 1, name: '受入状況が古い会員' }).waitFor();
    const table = page.getByRole('table', { name: '受入状況が古い会員' });
    await table.waitFor();
    expect(await page.getByText('受入状況の更新から14日以上たっている').count()).toBe(1);

    const stale = (await (await page.request.get('/api/v1/directory/stale?limit=5')).json()) as {
      items: StaleMember[];
    };
    const member = stale.items.find((item) => item.ageDays !== null);
    if (!member) throw new Error('the demo has no stale member with a date');
    const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: member.name, exact: true }) });
    expect(await row.textContent()).toContain(`${member.ageDays}日前`);
    expect(await row.textContent()).toContain('要確認');

    await row.getByRole('link', { name: `${member.name} の受入状況を更新` }).click();
    const warning = page.getByRole('region', { name: /受入状況が\d+日間更新されていません/ });
    await warning.waitFor();
    // The menu still marks the list the page was opened from, and the hint names the button below it.
    expect(await mainMenu(page).getByRole('link', { name: '受入状況が古い会員' }).getAttribute('aria-current')).toBe(
      'page',
    );
    expect(await mainMenu(page).getByRole('link', { name: '組織一覧' }).getAttribute('aria-current')).toBeNull();
    const confirm = warning.getByRole('button', { name: /のまま更新する$/ });
    expect(await warning.textContent()).toContain(`すぐ下のボタン（${await confirm.textContent()}）`);
    expect(await warning.textContent()).toContain(`${member.ageDays}日間`);
    expect(await page.getByText(/^名称・所在地などの基本情報：出典：/).count()).toBe(1);
    const violations = await checkA11y(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    await confirm.click();
    const confirmed = page.getByRole('status').filter({ hasText: '受入状況を確認済みにしました' });
    await confirmed.waitFor();
    expect(await warning.count()).toBe(0);

    // Back to the list, which no longer has the member.
    await confirmed.getByRole('link', { name: '受入状況が古い会員の一覧へ戻る' }).click();
    await page.getByRole('heading', { level: 1, name: '受入状況が古い会員' }).waitFor();
    await table.waitFor();
    await table.getByRole('link', { name: member.name, exact: true }).waitFor({ state: 'detached' });
    // Oldest answer first by default; by name on request, kept in the address.
    await page.getByText(/^回答が古い順に\d+件を表示しています/).waitFor();
    await page.getByLabel('並び順').selectOption({ label: '名称順' });
    await page.getByRole('button', { name: '表示', exact: true }).click();
    await page.getByText(/^名称順に\d+件を表示しています/).waitFor();
    expect(new URL(page.url()).searchParams.get('sort')).toBe('name');
    await context.close();
  });
});

describe('notifications', () => {
  it('counts a new notification live, shows it, and marks notifications read', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl });
    const page = await context.newPage();
    // The live stream opens with the signed-in shell; its headers arrive once the server has subscribed.
    const stream = page.waitForResponse((response) => response.url().endsWith('/api/v1/events'));
    await signIn(page, 'center@demo.renkei.jp');
    expect((await stream).status()).toBe(200);
    const bell = mainMenu(page).getByRole('link', { name: /^通知/ });
    await bell.waitFor();
    const unread = async () =>
      ((await (await page.request.get('/api/v1/notifications?limit=1')).json()) as { unreadCount: number }).unreadCount;
    const before = await unread();
    await bell.click();
    await page.getByRole('heading', { level: 1, name: '通知' }).waitFor();
    await page.getByText(`未読は${before}件です。`).waitFor();

    // 訪問看護 asks the Center a general question (the API, as another person at the same time).
    const token = await apiToken(running.server.baseUrl, 'nurse@demo.renkei.jp');
    for (const subject of ['夜間の吸引が必要な方の受入について', '小児の訪問看護の相談']) {
      const response = await fetch(`${running.server.baseUrl}/api/v1/consultations`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': crypto.randomUUID(),
        },
        body: JSON.stringify({ subject, body: '受け入れ先の探し方を教えてください。' }),
      });
      expect(response.status).toBe(201);
    }

    // The bell counts them without a reload; the toast says what arrived.
    await mainMenu(page)
      .getByRole('link', { name: new RegExp(`^通知\\s*未読\\s*${before + 2}\\s*件`) })
      .waitFor();
    const toasts = page.locator('.toast-region');
    await toasts.getByText('小児の訪問看護の相談').waitFor();
    expect(await toasts.getAttribute('role')).toBe('status');
    const list = page.getByRole('list', { name: '通知の一覧（新しい順）' });
    await list.getByRole('listitem').filter({ hasText: '小児の訪問看護の相談' }).waitFor();
    const violations = await checkA11y(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    const first = list.getByRole('listitem').filter({ hasText: '小児の訪問看護の相談' });
    expect(await first.getByText('未読', { exact: true }).count()).toBe(1);
    await first.getByRole('button', { name: /を既読にする$/ }).click();
    await first.getByText('既読', { exact: true }).waitFor();
    await mainMenu(page)
      .getByRole('link', { name: new RegExp(`^通知\\s*未読\\s*${before + 1}\\s*件`) })
      .waitFor();

    await page.getByRole('button', { name: '未読のみ' }).click();
    await list.getByRole('listitem').first().waitFor();
    expect(await list.getByRole('listitem').filter({ hasText: '小児の訪問看護の相談' }).count()).toBe(0);

    await page.getByRole('button', { name: 'すべて既読にする' }).click();
    await page.getByRole('status').filter({ hasText: 'すべての通知を既読にしました。' }).waitFor();
    await mainMenu(page)
      .getByRole('link', { name: /^通知\s*（未読なし）/ })
      .waitFor();
    expect(await unread()).toBe(0);

    // Each notification opens the record it is about.
    await page.getByRole('button', { name: 'すべて', exact: true }).click();
    const link = list.getByRole('link', { name: '相談窓口に新しい相談があります' }).first();
    expect(await link.getAttribute('href')).toMatch(/^\/center\/consultations\/[0-9a-f-]{36}$/);
    await context.close();
  });
});
