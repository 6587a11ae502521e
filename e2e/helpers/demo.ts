/** The demo logins of CONTRACT §4, the menu each role should see, and signing in through the login page. */
import type { Page } from 'playwright-core';

export const demoPassword = 'renkei-demo-2026';

export type DemoAccount = { email: string; role: string; menu: string[] };

/** The main menu entries per role (DESIGN.md §1 as the web client renders them). */
export const demoAccounts: DemoAccount[] = [
  {
    email: 'admin@demo.renkei.jp',
    role: 'admin',
    menu: ['ホーム', '組織一覧', '利用者管理', '組織の登録', '監査ログ', '地域の分析', '資源検索'],
  },
  {
    email: 'center@demo.renkei.jp',
    role: 'center_coordinator',
    menu: [
      'ホーム',
      '相談受付',
      '退院支援ケース',
      '一括割り当て',
      '在宅医療の集中度',
      '地域の分析',
      '資源検索',
      '組織一覧',
    ],
  },
  {
    email: 'liaison@demo.renkei.jp',
    role: 'hospital_liaison',
    menu: ['ホーム', '退院支援ケース', '資源検索', '組織一覧'],
  },
  {
    email: 'clinic@demo.renkei.jp',
    role: 'provider',
    menu: ['ホーム', '自組織の情報', '紹介の受信', '輪番', '資源検索', '組織一覧'],
  },
  {
    email: 'nurse@demo.renkei.jp',
    role: 'provider',
    menu: ['ホーム', '自組織の情報', '紹介の受信', '資源検索', '組織一覧'],
  },
  {
    email: 'caremanager@demo.renkei.jp',
    role: 'provider',
    menu: ['ホーム', '自組織の情報', '紹介の受信', '資源検索', '組織一覧'],
  },
  {
    email: 'ishikai@demo.renkei.jp',
    role: 'association_admin',
    menu: [
      'ホーム',
      '会員の情報',
      '受入状況が古い会員',
      '輪番',
      '主治医ペア',
      '在宅医療の集中度',
      '地域の分析',
      '利用者管理',
      '資源検索',
      '組織一覧',
    ],
  },
  {
    email: 'city@demo.renkei.jp',
    role: 'city_analyst',
    menu: ['ホーム', '地域の分析', '在宅医療の集中度', '資源検索', '組織一覧'],
  },
];

/** Every label any role's menu may show, to check that nothing of another role leaks in. */
export const allMenuLabels = [...new Set(demoAccounts.flatMap((account) => account.menu))];

export const mainMenu = (page: Page) => page.getByRole('navigation', { name: 'メインメニュー' });

/**
 * Signs in through the login page and waits for the signed-in menu: the home page, or — for a user who must
 * first replace the password an administrator set — the password page, the only entry of the menu then.
 */
export async function signIn(page: Page, email: string, password = demoPassword): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  // The signed-in shell's menu: its entries on a wide screen, the button that unfolds them on a phone.
  await mainMenu(page)
    .getByRole('link', { name: /^(ホーム|パスワードの変更)$/ })
    .or(mainMenu(page).getByRole('button', { name: /^メニュー/ }))
    .first()
    .waitFor();
}

export type OrganizationSummary = {
  id: string;
  name: string;
  nameKana: string | null;
  kind: string;
  isDemo: boolean;
  version: number;
  source: { id: string; attribution: string };
};

/** Reads organisations through the API with the page's session (test set-up, not the journey itself). */
export async function listOrganizations(page: Page, query: string): Promise<OrganizationSummary[]> {
  const response = await page.request.get(`/api/v1/organizations?${query}`);
  if (!response.ok()) throw new Error(`GET organizations?${query} answered ${response.status()}`);
  return ((await response.json()) as { items: OrganizationSummary[] }).items;
}

/** A Bearer token for API calls made beside the browser (another person acting at the same time). */
export async function apiToken(baseUrl: string, email: string, password = demoPassword): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`login of ${email} answered ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Creates a user through the API as `creatorToken` (the admin, or an association for its members) and, as that user,
 * replaces the initial password the creator set with `password`: the server opens nothing else until then.
 */
export async function createUserWithOwnPassword(
  baseUrl: string,
  creatorToken: string,
  user: { email: string; name: string; role: string; organizationId: string },
  password: string,
): Promise<void> {
  const initial = `initial-${password}`;
  const send = async (token: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${baseUrl}/api/v1/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  };
  await send(creatorToken, 'users', { ...user, password: initial }, { 'Idempotency-Key': `e2e-${user.email}` });
  await send(await apiToken(baseUrl, user.email, initial), 'me/password', {
    currentPassword: initial,
    newPassword: password,
  });
}
