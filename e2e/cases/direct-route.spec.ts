/**
 * The normal case without the Center (issue 5 item 2): 病院（地域連携室）registers a patient whose address the
 * geocoder finds only to the ward (the server refuses it; she places the home on the map and corrects it by
 * latitude and longitude), coordinates directly, refers the primary doctor, withdraws and refers again →
 * 診療所 accepts → the team shows the doctor. Then two hospital-side details: an edit that meets a newer version
 * (412: who changed what, keep the input, reload), and a general question to the Center's consultation desk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../helpers/server.js';
import { launchBrowser } from '../helpers/browser.js';
import { apiToken, escapeRegExp } from '../helpers/demo.js';
import {
  call,
  captureAndCheck,
  personContext,
  providerOf,
  roleCard,
  tokyoDate,
  type Provider,
} from './case-helpers.js';

let server: RunningServer;
let browser: Browser;
let clinic: Provider;
let caseId = '';
const patientName = '北 テスト太郎';

function field(scope: Page | Locator, label: string) {
  return scope.getByLabel(new RegExp(`^${escapeRegExp(label)}(必須)?$`));
}

beforeAll(async () => {
  // TEMPORARY (development): reuse a running demo server.
  server = process.env.CASES_E2E_BASE_URL
    ? { baseUrl: process.env.CASES_E2E_BASE_URL, dataDir: '', output: () => '', stop: async () => {} }
    : await startServer();
  browser = await launchBrowser();
  clinic = await providerOf(server.baseUrl, 'clinic@demo.renkei.jp');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('discharge coordinated directly by the hospital', () => {
  it('registers a patient placed on the map, coordinates directly, withdraws and re-refers; the clinic accepts', async () => {
    const { context, page } = await personContext(browser, server.baseUrl, 'liaison@demo.renkei.jp');
    await page.goto('/cases/new');
    await field(page, '氏名').first().fill(patientName);
    await field(page, 'ふりがな').fill('キタ テストタロウ');
    await field(page, '生年月日').fill('1938-11-03');
    await field(page, '性別').selectOption({ label: '男性' });
    await field(page, '自宅住所').fill('岡山市北区');
    // Needs that few clinics meet, so that the demo home-care clinic is among the first candidates.
    await page.getByRole('checkbox', { name: '高齢者' }).check();
    await page.getByRole('checkbox', { name: '看取り' }).check();
    await page.getByRole('checkbox', { name: '人工呼吸器' }).check();
    await field(page, '介護度').selectOption({ label: '要支援2' });
    await page.getByRole('checkbox', { name: /候補の事業所への最小限の情報/ }).check();
    await page.getByRole('checkbox', { name: /在宅チームへの記録全体の共有/ }).check();
    await field(page, '退院予定日').fill(tokyoDate(7));

    // Only the ward is known: the server refuses and says so next to the map.
    await page.getByRole('button', { name: 'ケースを登録する' }).click();
    await page
      .locator('.location-picker')
      .getByText(/住所から自宅の位置を特定できませんでした/)
      .waitFor();
    await page.getByRole('button', { name: '住所から位置を確認' }).click();
    await page.getByText('区の精度（要確認）').waitFor();
    await page.getByText('区・郵便番号の単位でしか分かりません。').waitFor();

    // She clicks the map, then corrects the point by latitude and longitude (the keyboard way).
    await page.locator('.case-map').click({ position: { x: 120, y: 120 } });
    await page.getByText('地図で指定した位置').waitFor();
    await page.getByText('緯度・経度で指定', { exact: true }).click();
    await field(page, '緯度').fill('34.6508');
    await field(page, '経度').fill('133.9199');
    await page.getByText('区：北区').waitFor();
    await page.getByRole('button', { name: 'ケースを登録する' }).click();
    await page.getByText('ケースを登録しました。次に調整の方法を選んでください。').waitFor();
    caseId = new URL(page.url()).pathname.split('/').at(-1) ?? '';

    // 直接調整: refer the primary doctor with a deadline as a date and time.
    await page.getByRole('button', { name: '直接調整する' }).click();
    await page.locator('.case-header').getByText('病院が直接調整').waitFor();
    const doctor = roleCard(page, '主治医');
    await doctor.getByRole('button', { name: '候補を探す' }).click();
    await doctor.getByRole('checkbox', { name: new RegExp(escapeRegExp(clinic.name)) }).check();
    await doctor.getByRole('radio', { name: '日時で指定' }).check();
    await field(doctor, '期限の日付').fill(tokyoDate(2));
    await field(doctor, '期限の時刻（日本時間）').fill('12:00');
    await doctor.getByRole('button', { name: '紹介を送る（1件）' }).click();
    await doctor.getByText('1件の紹介を送りました。').waitFor();

    // Withdraw it, then refer again: the candidate list says what happened last time.
    await doctor.getByRole('button', { name: `${clinic.name}への紹介を取り下げる` }).click();
    await doctor.getByText('これまでの紹介（1件）').waitFor();
    // The candidate panel stays open after sending; it now says what happened last time.
    await expect(
      doctor.getByRole('button', { name: '候補を探して再紹介する' }).getAttribute('aria-expanded'),
    ).resolves.toBe('true');
    await doctor.getByText('前回：取り下げ').waitFor();
    await doctor.getByRole('checkbox', { name: new RegExp(escapeRegExp(clinic.name)) }).check();
    await doctor.getByRole('button', { name: '紹介を送る（1件）' }).click();
    await doctor.getByText('1件の紹介に回答を待っています。').waitFor();
    await context.close();

    const clinicPerson = await personContext(browser, server.baseUrl, 'clinic@demo.renkei.jp');
    await clinicPerson.page.goto('/referrals');
    await clinicPerson.page.getByRole('link', { name: '主治医の依頼' }).first().click();
    await clinicPerson.page.getByRole('button', { name: '受諾する' }).click();
    await clinicPerson.page.getByText('受諾しました。在宅チームに加わりました。').waitFor();
    await clinicPerson.page.getByRole('link', { name: 'ケースを開く' }).click();
    await clinicPerson.page.getByRole('heading', { level: 1, name: new RegExp(escapeRegExp(patientName)) }).waitFor();
    await clinicPerson.context.close();

    const hospital = await personContext(browser, server.baseUrl, 'liaison@demo.renkei.jp');
    await hospital.page.goto(`/cases/${caseId}`);
    await roleCard(hospital.page, '主治医').getByRole('link', { name: clinic.name }).waitFor();
    await roleCard(hospital.page, '主治医').getByText('決定').waitFor();
    await hospital.context.close();
  });

  it('an edit meeting a newer version shows who changed what and keeps the input until reloaded', async () => {
    const { context, page } = await personContext(browser, server.baseUrl, 'liaison@demo.renkei.jp');
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('link', { name: '編集', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'ケースの編集' }).waitFor();
    await field(page, '介護度').selectOption({ label: '要介護1' });

    // Meanwhile a colleague changes the note (through the API, as another tab would).
    const token = await apiToken(server.baseUrl, 'liaison@demo.renkei.jp');
    const current = await call(server.baseUrl, token, 'GET', `cases/${caseId}`);
    await call(
      server.baseUrl,
      token,
      'PATCH',
      `cases/${caseId}`,
      { note: '家族の面会は土日のみ' },
      { 'If-Match': `"${current.version as number}"` },
    );

    await page.getByRole('button', { name: '変更を保存する' }).click();
    await page.getByText('他の利用者が先に更新しました').waitFor();
    await page.getByText(/メモを変更しました/).waitFor();
    await expect(field(page, '介護度').inputValue()).resolves.toBe('care_1');
    await captureAndCheck(page, 'case-edit-conflict');

    await page.getByRole('button', { name: '最新の内容を読み込む' }).click();
    await expect.poll(() => field(page, 'メモ（チームへの申し送り）').inputValue()).toBe('家族の面会は土日のみ');
    await expect(field(page, '介護度').inputValue()).resolves.toBe('support_2');
    await field(page, '介護度').selectOption({ label: '要介護1' });
    await page.getByRole('button', { name: '変更を保存する' }).click();
    await page.getByText('変更を保存しました。').waitFor();
    await page.locator('.facts').getByText('要介護1').waitFor();
    await page.locator('.timeline').getByText('介護度を変更しました').waitFor();
    await context.close();
  });

  it('a professional asks the consultation desk and reads the Center’s answer', async () => {
    const hospital = await personContext(browser, server.baseUrl, 'liaison@demo.renkei.jp');
    await hospital.page.goto('/cases');
    await hospital.page.getByRole('link', { name: '相談窓口（センターへの相談）へ' }).click();
    await hospital.page.getByRole('heading', { level: 1, name: '相談窓口' }).waitFor();
    await field(hospital.page, '件名').fill('訪問歯科の探し方');
    await field(hospital.page, '相談内容').fill('嚥下評価ができる訪問歯科を地域で探す方法を教えてください。');
    await hospital.page.getByRole('button', { name: 'センターに相談する' }).click();
    await hospital.page.getByText('相談を送りました。').waitFor();
    await hospital.page.getByRole('link', { name: '訪問歯科の探し方' }).first().waitFor();
    await captureAndCheck(hospital.page, 'consultations-desk');

    const center = await personContext(browser, server.baseUrl, 'center@demo.renkei.jp');
    await center.page.goto('/center?kind=general');
    // Oldest first: the question just asked is the last row.
    await center.page.getByRole('link', { name: '訪問歯科の探し方' }).last().click();
    await field(center.page, '回答').fill('資源検索で「訪問歯科」を選び、区で絞り込んでください。');
    await center.page.getByRole('button', { name: '回答する' }).click();
    await center.page.locator('.message-list').getByText('資源検索で「訪問歯科」を選び').waitFor();
    await center.context.close();

    await hospital.page.getByRole('link', { name: '訪問歯科の探し方' }).first().click();
    await hospital.page.getByText('資源検索で「訪問歯科」を選び、区で絞り込んでください。').waitFor();
    await hospital.page.getByText('回答済み').first().waitFor();
    await captureAndCheck(hospital.page, 'consultation-general');
    await hospital.context.close();
  });

  it('transfers the patient to another hospital, which takes the case over; the history stays', async () => {
    const { context, page } = await personContext(browser, server.baseUrl, 'liaison@demo.renkei.jp');
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('button', { name: '転院', exact: true }).click();
    await field(page, '転院先の病院名').fill('病院');
    await field(page, '転院先の病院名').press('Enter');
    const target = page.getByRole('group', { name: '転院先の病院' }).getByRole('radio').first();
    await target.check();
    await field(page, '引き継ぎのメモ').fill('回復期リハビリのため転院');
    await page.getByRole('button', { name: '転院を記録する' }).click();
    await page.locator('.case-header').getByText('転院前：岡山市立市民病院').waitFor();
    await page
      .locator('.timeline')
      .getByText(/へ転院しました（回復期リハビリのため転院）/)
      .waitFor();
    // The former hospital still reads the record but no longer edits it.
    await expect(page.getByRole('link', { name: '編集', exact: true }).count()).resolves.toBe(0);
    await context.close();
  });
});
