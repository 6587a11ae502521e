/**
 * The organisation directory in the browser: search that ignores full/half width and kana forms, the 出典 of
 * the rows shown, and a provider keeping its own availability and profile fresh (with a concurrent change).
 */
import { describe, expect, it } from 'vitest';
import { newJapaneseContext } from '../helpers/browser.js';
import { apiToken, listOrganizations, mainMenu, signIn } from '../helpers/demo.js';
import { toFullWidthAscii, toHalfWidthKatakana } from '../helpers/kana.js';
import { useServerAndBrowser } from '../helpers/suite.js';

const running = useServerAndBrowser();

describe('organisation list', () => {
  it('finds a real care management office by its kana typed in half-width katakana and shows its 出典', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl });
    const page = await context.newPage();
    await signIn(page, 'center@demo.renkei.jp');
    const offices = await listOrganizations(page, 'kind=care_management&limit=100');
    const office = offices.find(
      (organization) => !organization.isDemo && organization.nameKana && organization.nameKana.length >= 6,
    );
    if (!office?.nameKana) throw new Error('the public data holds no care management office with kana');
    const query = toHalfWidthKatakana(office.nameKana.replace(/\s/g, '').slice(0, 12));
    expect(query).not.toBe(office.nameKana.slice(0, 12));

    await mainMenu(page).getByRole('link', { name: '組織一覧' }).click();
    await page.getByLabel('名称・カナ').fill(query);
    await page.getByRole('button', { name: '検索', exact: true }).click();
    const table = page.getByRole('table', { name: '組織の一覧' });
    await table.getByRole('link', { name: office.name, exact: true }).waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe(query);

    const sources = page.locator('.sources');
    await sources.getByRole('heading', { name: '出典' }).waitFor();
    expect(await sources.textContent()).toContain(office.source.attribution);
    expect(office.source.attribution).toMatch(/^出典：/);
    await context.close();
  });

  it('finds a clinic whose name is in ASCII when the query is typed in full-width letters', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl });
    const page = await context.newPage();
    await signIn(page, 'liaison@demo.renkei.jp');
    const clinics = await listOrganizations(page, 'kind=clinic&limit=500');
    const clinic = clinics.find((organization) => !organization.isDemo && /^[A-Za-z]{3,}/.test(organization.name));
    if (!clinic) throw new Error('no clinic with an ASCII name in the public data');
    const query = toFullWidthAscii(/^[A-Za-z]+/.exec(clinic.name)?.[0] ?? '');

    await page.goto('/organizations');
    await page.getByLabel('名称・カナ').fill(query);
    await page.getByLabel('種別').selectOption({ label: '診療所' });
    await page.getByRole('button', { name: '検索', exact: true }).click();
    await page
      .getByRole('table', { name: '組織の一覧' })
      .getByRole('link', { name: clinic.name, exact: true })
      .waitFor();
    expect(await page.locator('.sources').textContent()).toContain(clinic.source.attribution);
    await context.close();
  });
});

describe('a provider keeps its organisation fresh', () => {
  it('updates the availability from the one page, and after a concurrent change reloads before saving', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl });
    const page = await context.newPage();
    await signIn(page, 'nurse@demo.renkei.jp');
    await mainMenu(page).getByRole('link', { name: '自組織の情報' }).click();
    await page.getByRole('heading', { level: 1, name: '自組織の情報' }).waitFor();

    // 訪問看護: 受入不可, no free slot.
    await page.getByRole('radio', { name: /受入不可/ }).check();
    await page.getByLabel('空き枠（人数）').fill('0');
    await page.getByLabel('備考（条件など）').fill('年末まで新規受入を停止');
    await page.getByRole('button', { name: '受入状況を更新' }).click();
    await page.getByRole('status').filter({ hasText: '受入状況を更新しました。' }).waitFor();
    await page.getByText('今日更新').first().waitFor();

    // Meanwhile the medical association's office (or a colleague) changes the phone number.
    const me = (await (await page.request.get('/api/v1/me')).json()) as { organizationId: string };
    const token = await apiToken(running.server.baseUrl, 'admin@demo.renkei.jp');
    const current = (await (
      await fetch(`${running.server.baseUrl}/api/v1/organizations/${me.organizationId}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { version: number };
    const patched = await fetch(`${running.server.baseUrl}/api/v1/organizations/${me.organizationId}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'if-match': `"${current.version}"`,
      },
      body: JSON.stringify({ phone: '086-111-2222' }),
    });
    expect(patched.status).toBe(200);

    // The nurse, unaware, ticks 透析 and saves: the page says someone else updated it and keeps the input.
    const dialysis = page.getByRole('checkbox', { name: '透析' });
    const wasChecked = await dialysis.isChecked();
    await dialysis.setChecked(!wasChecked);
    await page.getByRole('button', { name: '対応内容と連絡先を保存' }).click();
    await page.getByRole('alert').filter({ hasText: '他の利用者が更新しました' }).waitFor();
    expect(await dialysis.isChecked()).toBe(!wasChecked);

    // 最新の内容を読み込む: the form now shows the other person's phone number; saving again works.
    await page.getByRole('button', { name: '最新の内容を読み込む' }).click();
    await page.getByLabel('電話番号', { exact: true }).and(page.locator('[value="086-111-2222"]')).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: '他の利用者が更新しました' }).count()).toBe(0);
    expect(await dialysis.isChecked()).toBe(wasChecked);
    await dialysis.setChecked(!wasChecked);
    await page.getByRole('button', { name: '対応内容と連絡先を保存' }).click();
    await page.getByRole('status').filter({ hasText: '対応内容と連絡先を保存しました。' }).waitFor();

    const saved = (await (await page.request.get(`/api/v1/organizations/${me.organizationId}`)).json()) as {
      phone: string;
      capabilities: { procedures: string[] };
      availability: { status: string; freeSlots: number; note: string };
    };
    expect(saved.phone).toBe('086-111-2222');
    expect(saved.capabilities.procedures.includes('dialysis')).toBe(!wasChecked);
    expect(saved.availability).toMatchObject({ status: 'full', freeSlots: 0, note: '年末まで新規受入を停止' });
    await context.close();
  });
});
