/**
 * The normal case without the Center (issue 5 item 2), with a made-up home anywhere in Okayama City (E2E_SEED
 * repeats a run): 病院（地域連携室）registers a patient whose address she types only to the ward (the server refuses
 * it; she places the home on the map and corrects it by latitude and longitude), coordinates directly, refers the
 * primary doctor to two clinics at once → one declines with a reason, she withdraws the other and refers it again
 * (re-referral) → 診療所 accepts while she is looking at the case (she sees it live) → the team shows the doctor →
 * she schedules a conference that starts within two minutes. Then: an edit that meets a newer version (412: who
 * changed what, keep the input, reload), a general question to the Center's consultation desk, the conference's
 * minutes once it has started, and the transfer to another hospital.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../helpers/server.js';
import { launchBrowser } from '../helpers/browser.js';
import { apiToken, escapeRegExp } from '../helpers/demo.js';
import {
  call,
  chooseCandidate,
  makeAccepting,
  otherProviderPassword,
  personContext,
  providerOf,
  randomOkayamaHome,
  recruitOrganization,
  roleCard,
  seededRandom,
  tokyoDate,
  type Home,
  type Provider,
  type Recruit,
} from './case-helpers.js';
import { captureAtEachSize } from '../helpers/screenshots.js';

let server: RunningServer;
let browser: Browser;
let clinic: Provider;
let otherClinic: Recruit;
let home: Home;
let caseId = '';
let conferenceStartsAt = 0;
const patientName = '北 テスト太郎';
const random = seededRandom('direct route');

function field(scope: Page | Locator, label: string) {
  return scope.getByLabel(new RegExp(`^${escapeRegExp(label)}(必須)?$`));
}

/** Date and minute in Tokyo of a moment, as the form's date and time inputs take them. */
function tokyoParts(at: Date): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` };
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  home = await randomOkayamaHome(random);
  console.info(`direct route: home placed at ${home.address} (${home.lat}, ${home.lng})`);
  // Needs that the demo home-care clinic meets (it reaches the whole city and accepts); a second, real clinic of
  // the directory joins the test with a user of its own and declares the same.
  clinic = await providerOf(server.baseUrl, 'clinic@demo.renkei.jp');
  await makeAccepting(server.baseUrl, clinic);
  const needs = { groups: ['elderly', 'terminal_care'], procedures: ['ventilator'] };
  for (const group of needs.groups) expect(clinic.capabilities.groups).toContain(group);
  for (const procedure of needs.procedures) expect(clinic.capabilities.procedures).toContain(procedure);
  otherClinic = await recruitOrganization(
    server.baseUrl,
    { kind: 'clinic', exclude: [clinic.organizationId], needs, userName: '院長（E2E）' },
    random,
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('discharge coordinated directly by the hospital', () => {
  it('places the home on the map, refers two clinics at once; one declines, the other is re-referred and accepts live', async () => {
    const { context, page } = await personContext(browser, server.baseUrl, 'liaison@demo.renkei.jp');
    await page.goto('/cases/new');
    await field(page, '氏名').first().fill(patientName);
    await field(page, 'ふりがな').fill('キタ テストタロウ');
    await field(page, '生年月日').fill('1938-11-03');
    await field(page, '性別').selectOption({ label: '男性' });
    await field(page, '自宅住所').fill(home.ward);
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
    await field(page, '緯度').fill(home.lat.toFixed(5));
    await field(page, '経度').fill(home.lng.toFixed(5));
    await page.getByText(`区：${home.wardName}`).waitFor();
    await page.getByRole('button', { name: 'ケースを登録する' }).click();
    await page.getByText('ケースを登録しました。次に調整の方法を選んでください。').waitFor();
    caseId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);

    // 直接調整: the primary doctor, two clinics at once, 2 business days (the default), with a message.
    await page.getByRole('button', { name: '直接調整する' }).click();
    await page
      .locator('.case-actions')
      .getByText(/^病院が直接調整することにしました。/)
      .waitFor();
    await page.locator('.case-header').getByText('病院が直接調整').waitFor();
    const doctor = roleCard(page, '主治医');
    await doctor.getByRole('button', { name: '候補を探す' }).click();
    await doctor.locator('.reason-chip', { hasText: '人工呼吸器対応' }).first().waitFor();
    await chooseCandidate(doctor, clinic.name);
    await chooseCandidate(doctor, otherClinic.name);
    await field(doctor, '紹介先へのメッセージ').fill('人工呼吸器の管理をお願いできる在宅医を探しています。');
    await doctor.getByRole('button', { name: '紹介を送る（2件）' }).click();
    await doctor.getByText('2件の紹介を送りました。').waitFor();
    await doctor.getByText('2件の紹介に回答を待っています。').waitFor();

    // The other clinic declines (distance) while she is still on the case page: she is told at once.
    const other = await personContext(browser, server.baseUrl, otherClinic.email, otherProviderPassword);
    await other.page.goto('/referrals');
    await other.page.getByRole('link', { name: '主治医の依頼' }).click();
    await other.page.getByText('人工呼吸器の管理をお願いできる在宅医を探しています。').waitFor();
    await other.page.getByRole('button', { name: '辞退する' }).click();
    await field(other.page, '辞退の理由').selectOption({ label: '距離・訪問範囲外' });
    await field(other.page, '補足').fill('訪問できる範囲の外です。');
    await other.page.getByRole('button', { name: '辞退を送る' }).click();
    await other.page.getByRole('heading', { level: 1, name: /辞退/ }).waitFor();
    await other.page.getByText('辞退を送りました。').waitFor();
    await other.context.close();
    await page.locator('.toast-region').getByText('紹介が辞退されました: 主治医').waitFor();
    await doctor.getByText('1件の紹介に回答を待っています。').waitFor({ timeout: 5_000 });

    // She withdraws the clinic's referral too, then refers it again with a deadline as a date and time: the
    // candidate list says what happened last time to each.
    await doctor.getByRole('button', { name: `${clinic.name}への紹介を取り下げる` }).click();
    await doctor.getByText('これまでの紹介（2件）').waitFor();
    await doctor.getByText('これまでの紹介（2件）').click();
    await doctor.getByText(/辞退理由：距離・訪問範囲外/).waitFor();
    await doctor.getByText('「訪問できる範囲の外です。」').waitFor();
    await expect(
      doctor.getByRole('button', { name: '候補を探して再紹介する' }).getAttribute('aria-expanded'),
    ).resolves.toBe('true');
    await doctor.getByText('前回：取り下げ').waitFor();
    // The clinic that declined comes after every other candidate: beyond the first 20 near a busy part of the city.
    const declinedNote = doctor.getByText('前回：辞退');
    if (!(await declinedNote.isVisible())) await doctor.getByRole('button', { name: /さらに候補を表示/ }).click();
    await declinedNote.waitFor();
    await chooseCandidate(doctor, clinic.name);
    await doctor.getByRole('radio', { name: '日時で指定' }).check();
    await field(doctor, '期限の日付').fill(tokyoDate(2));
    await field(doctor, '期限の時刻（日本時間）').fill('12:00');
    await doctor.getByRole('button', { name: '紹介を送る（1件）' }).click();
    await doctor.getByText('1件の紹介に回答を待っています。').waitFor();
    await captureAtEachSize(page, 'case-direct-rereferral');

    // The clinic accepts; she sees it on the page she has open, without reloading.
    const clinicPerson = await personContext(browser, server.baseUrl, 'clinic@demo.renkei.jp');
    await clinicPerson.page.goto('/referrals');
    await clinicPerson.page.getByRole('link', { name: '主治医の依頼' }).first().click();
    await clinicPerson.page.getByRole('button', { name: '受諾する' }).click();
    // Accepting asks first (it fills the role and withdraws the other referrals of the role).
    await clinicPerson.page.getByText('この紹介を受諾しますか？').waitFor();
    await clinicPerson.page.getByRole('button', { name: '受諾を確定する' }).click();
    await clinicPerson.page.getByText('受諾しました。在宅チームに加わりました。').waitFor();
    await clinicPerson.page.getByRole('link', { name: 'ケースを開く' }).click();
    await clinicPerson.page.getByRole('heading', { level: 1, name: new RegExp(escapeRegExp(patientName)) }).waitFor();
    await clinicPerson.context.close();
    await page.locator('.toast-region').getByText('紹介が受諾されました: 主治医').waitFor();
    await doctor.getByText('決定', { exact: true }).waitFor({ timeout: 5_000 });
    await doctor.getByRole('link', { name: clinic.name }).waitFor();
    await page.locator('.unread-count:visible').waitFor();

    // A short online conference that starts within two minutes (its minutes are written at the end of the run).
    const startsAt = new Date(Math.ceil((Date.now() + 25_000) / 60_000) * 60_000);
    conferenceStartsAt = startsAt.getTime();
    const when = tokyoParts(startsAt);
    await page.getByRole('button', { name: 'カンファレンスを設定する' }).click();
    await field(page, '日付').fill(when.date);
    await field(page, '開始時刻').fill(when.time);
    await field(page, '所要時間').selectOption({ label: '30分' });
    await field(page, 'オンライン会議の URL').fill('https://meet.example.jp/renkei-e2e');
    await page.getByRole('button', { name: '設定して参加者に案内する' }).click();
    await page.getByText('カンファレンスを設定し、参加者に案内を送りました。').waitFor();
    await page.locator('li.conference').getByText(`${when.time}〜`).waitFor();
    await page.getByText('議事録は開始時刻のあとに記録できます。').waitFor();
    await captureAtEachSize(page, 'case-direct-team');
    await context.close();
  });

  it('an edit meeting a newer version shows who changed what, and the reload keeps the edits the other change did not touch', async () => {
    const { context, page } = await personContext(browser, server.baseUrl, 'liaison@demo.renkei.jp');
    // The notification list (the bell) keeps the decline and the acceptance; each opens the case.
    await page.getByRole('link', { name: /^通知/ }).click();
    await page.getByRole('link', { name: '紹介が辞退されました: 主治医' }).first().waitFor();
    await page.getByRole('link', { name: '紹介が受諾されました: 主治医' }).first().click();
    await page.getByRole('heading', { level: 1, name: new RegExp(escapeRegExp(patientName)) }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/cases/${caseId}`);
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
    await page.getByText('このケースは先に更新されています').waitFor();
    await page.getByText(/メモを変更しました/).waitFor();
    await expect(field(page, '介護度').inputValue()).resolves.toBe('care_1');
    await captureAtEachSize(page, 'case-edit-conflict');

    // 最新の内容を読み込む: the colleague's note comes in; the user's 介護度 (a field the colleague did not touch) stays.
    await page.getByRole('button', { name: '最新の内容を読み込む' }).click();
    await expect.poll(() => field(page, 'メモ（チームへの申し送り）').inputValue()).toBe('家族の面会は土日のみ');
    await expect(field(page, '介護度').inputValue()).resolves.toBe('care_1');
    await page.getByText(/あなたが変更した項目（介護度）は、先の更新と重ならないため残してあります/).waitFor();
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
    await captureAtEachSize(hospital.page, 'consultations-desk');

    const center = await personContext(browser, server.baseUrl, 'center@demo.renkei.jp');
    await center.page.goto('/center?kind=general');
    // Oldest first: the question just asked is the last row.
    await center.page.getByRole('link', { name: '訪問歯科の探し方' }).last().click();
    await field(center.page, '回答').fill('資源検索で「訪問歯科」を選び、区で絞り込んでください。');
    await center.page.getByRole('button', { name: '回答する' }).click();
    await center.page.locator('.message-list').getByText('資源検索で「訪問歯科」を選び').waitFor();
    // Closing and reopening re-renders the page in place (it once crashed: a hook called after an early return).
    await center.page.getByRole('button', { name: '相談を終了する' }).click();
    await center.page.getByText('この相談は終了しています。書き込むには再開してください。').waitFor();
    await center.page.getByRole('button', { name: '相談を再開する' }).click();
    await field(center.page, '回答').fill('訪問歯科の一覧は医師会のページにもあります。');
    await center.page.getByRole('button', { name: '回答する' }).click();
    await center.page.locator('.message-list').getByText('訪問歯科の一覧は医師会のページにもあります。').waitFor();
    await center.context.close();

    await hospital.page.getByRole('link', { name: '訪問歯科の探し方' }).first().click();
    await hospital.page.getByText('資源検索で「訪問歯科」を選び、区で絞り込んでください。').waitFor();
    await hospital.page.getByText('回答済み').first().waitFor();
    await captureAtEachSize(hospital.page, 'consultation-general');
    await hospital.context.close();
  });

  it('records the minutes once the conference has started, then transfers the patient; the history stays', async () => {
    const { context, page } = await personContext(browser, server.baseUrl, 'liaison@demo.renkei.jp');
    const wait = conferenceStartsAt + 1_000 - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await page.goto(`/cases/${caseId}`);
    const conference = page.locator('li.conference').first();
    await conference.getByRole('button', { name: '議事録を記録' }).click();
    await field(conference, '議事録').fill('人工呼吸器の設定を在宅医へ引き継ぐ。初回訪問は退院翌日。');
    await conference.getByRole('button', { name: '議事録を保存' }).click();
    await conference.getByText('議事録を保存しました。').waitFor();
    await conference.locator('dd').getByText('人工呼吸器の設定を在宅医へ引き継ぐ。初回訪問は退院翌日。').waitFor();

    await page.getByRole('button', { name: '転院', exact: true }).click();
    // The demo's recovery hospital has a liaison of its own (kaifukuki@): a hospital without one cannot take over.
    await field(page, '転院先の病院名').fill('リハビリテーション病院');
    await field(page, '転院先の病院名').press('Enter');
    const target = page
      .getByRole('group', { name: '転院先の病院' })
      .getByRole('radio', { name: /岡山リハビリテーション病院/ });
    await target.check();
    await field(page, '引き継ぎのメモ').fill('回復期リハビリのため転院');
    await page.getByRole('button', { name: '転院を記録する' }).click();
    // It cannot be undone: asked once more, saying what changes.
    await page.getByText(/へ転院を記録します。以後、このケースの調整.+この病院からは閲覧のみになります/).waitFor();
    await page.getByRole('button', { name: '転院を確定する' }).click();
    await page.locator('.case-header').getByText('転院前：岡山市立市民病院').waitFor();
    // The sending hospital is told where the case went, and that it only reads it from now on.
    await page
      .getByRole('status')
      .getByText(/へ転院を記録しました。以後の調整は.+が行います。/)
      .waitFor();
    await page
      .getByRole('note')
      .getByText(/この病院からは閲覧のみできます/)
      .waitFor();
    await page
      .locator('.timeline')
      .getByText(/へ転院しました（回復期リハビリのため転院）/)
      .waitFor();
    await page
      .locator('.timeline')
      .getByText(/議事録/)
      .first()
      .waitFor();
    // The former hospital still reads the record but no longer edits it.
    await expect(page.getByRole('link', { name: '編集', exact: true }).count()).resolves.toBe(0);
    await captureAtEachSize(page, 'case-transferred');
    await context.close();
  });
});
