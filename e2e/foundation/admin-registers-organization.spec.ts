/**
 * システム管理者: registers an organisation the public data does not hold, with its official code copied in full width
 * and its FAX, so that a later import of the public data recognises it instead of adding it again; a code of the
 * wrong length is said at its field before sending, and a code another organisation holds is refused at it.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newJapaneseContext } from '../helpers/browser.js';
import { escapeRegExp, signIn } from '../helpers/demo.js';
import { useServerAndBrowser } from '../helpers/suite.js';

const running = useServerAndBrowser();

/** A form field by its label, marked 必須 or not. */
const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${escapeRegExp(label)}(必須)?$`));

describe('an administrator registers an organisation', () => {
  it('keeps its official code and FAX, and refuses a wrong or taken code at the field', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl });
    const page = await context.newPage();
    await signIn(page, 'admin@demo.renkei.jp');
    const suffix = String(Date.now()).slice(-6);
    const number = `3360${suffix}`;
    await page.goto('/admin/organizations/new');
    await page.getByRole('heading', { level: 1, name: '組織の登録' }).waitFor();
    await field(page, '名称').fill(`せのお訪問看護ステーション${suffix}`);
    await field(page, '種別').selectOption({ label: '訪問看護ステーション' });
    await field(page, '所在地').fill('岡山市南区妹尾880番地');
    await field(page, 'FAX').fill('086-282-0000');
    await field(page, '介護保険事業所番号').fill('336');
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByText('介護保険事業所番号は10桁の英数字で入力してください。').first().waitFor();

    // Copied from a printed list: full width, with a hyphen.
    const typed = number.replace(/\d/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0));
    await field(page, '介護保険事業所番号').fill(`${typed.slice(0, 4)}－${typed.slice(4)}`);
    await page.getByRole('button', { name: '登録する' }).click();
    await page.waitForURL(/\/organizations\/[0-9a-f-]{36}$/);
    await page.getByText(number, { exact: true }).waitFor();
    await page.getByText('086-282-0000').first().waitFor();

    // The same number for another organisation: refused at the field, naming the one that has it.
    await page.goto('/admin/organizations/new');
    await field(page, '名称').fill(`みなみ居宅介護支援${suffix}`);
    await field(page, '種別').selectOption({ label: '居宅介護支援事業所' });
    await field(page, '所在地').fill('岡山市南区妹尾900番地');
    await field(page, '介護保険事業所番号').fill(number);
    await page.getByRole('button', { name: '登録する' }).click();
    const numberField = field(page, '介護保険事業所番号');
    await expect.poll(async () => numberField.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText(new RegExp(`せのお訪問看護ステーション${suffix}`)).count()).toBeGreaterThan(0);
    expect(new URL(page.url()).pathname).toBe('/admin/organizations/new');
    await context.close();
  });
});
