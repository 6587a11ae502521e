/**
 * The discharge journey through the Center (issue 5 "Tests": liaison → center → clinic and nursing station →
 * liaison), with a made-up patient living at a made-up address anywhere in Okayama City (E2E_SEED repeats a run):
 * 病院（地域連携室）registers the patient with every field and asks the Center → センター takes the consultation,
 * finds candidates and refers the visiting nurse to two stations at once and the primary doctor to a clinic; the
 * station, already looking at its inbox, sees the referral arrive live → one station declines, きらめき訪問看護
 * ステーション asks a question, gets the answer and accepts (the Center sees it live), the clinic accepts → the team
 * is formed → the Center links the welfare office, schedules the discharge conference, the .ics is downloaded and
 * parsed, the summary PDF is downloaded → the team talks on the thread (read receipts) → 病院 records the discharge
 * and the outcome, compared with the patient's wish.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import type { Browser, Locator, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../helpers/server.js';
import { launchBrowser } from '../helpers/browser.js';
import { apiToken, escapeRegExp } from '../helpers/demo.js';
import {
  call,
  chooseCandidate,
  createProviderUser,
  makeAccepting,
  oneOf,
  otherProviderPassword,
  personContext,
  pick,
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
let nurse: Provider;
let clinic: Provider;
let otherStation: Recruit;
let home: Home;
let caseId = '';
let patientProcedures: string[] = [];
let patientGroups: string[] = [];
let patient = { name: '', kana: '', birthDate: '', phone: '' };

const random = seededRandom('center journey');
const procedureLabels: Record<string, string> = {
  home_oxygen: '在宅酸素',
  ventilator: '人工呼吸器',
  tube_feeding: '経管栄養',
  central_venous_nutrition: '中心静脈栄養',
  opioid_pain_control: '麻薬による疼痛管理',
  urinary_catheter: '尿道カテーテル',
  pressure_ulcer: '褥瘡処置',
  stoma: 'ストーマ管理',
  insulin: 'インスリン注射',
};
const groupLabels: Record<string, string> = { dementia: '認知症', cancer: 'がん', terminal_care: '看取り' };
const families = [
  ['吉備', 'きび'],
  ['旭川', 'あさひかわ'],
  ['後楽', 'こうらく'],
  ['烏城', 'うじょう'],
  ['備前', 'びぜん'],
] as const;
const givens = [
  ['花子', 'はなこ'],
  ['桃代', 'ももよ'],
  ['きよ', 'きよ'],
  ['澄江', 'すみえ'],
] as const;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  home = await randomOkayamaHome(random);
  const family = oneOf(families, random);
  const given = oneOf(givens, random);
  patient = {
    name: `${family[0]} ${given[0]}（テスト）`,
    kana: `${family[1]} ${given[1]}`,
    birthDate: `19${30 + Math.floor(random() * 15)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
    phone: `086-2${Math.floor(100 + random() * 899)}-${Math.floor(1000 + random() * 8999)}`,
  };
  console.info(`center journey: ${patient.name} at ${home.address}`);

  // The demo station and clinic reach the whole city and accept; the patient's needs are chosen at random among
  // what both can do; a second, real station of the directory joins with a user of its own.
  nurse = await providerOf(server.baseUrl, 'nurse@demo.renkei.jp');
  clinic = await providerOf(server.baseUrl, 'clinic@demo.renkei.jp');
  await makeAccepting(server.baseUrl, nurse);
  await makeAccepting(server.baseUrl, clinic);
  const nurseProcedures = nurse.capabilities.procedures as string[];
  patientProcedures = pick(
    (clinic.capabilities.procedures as string[]).filter(
      (procedure) => nurseProcedures.includes(procedure) && procedure in procedureLabels,
    ),
    2,
    random,
  );
  const nurseGroups = nurse.capabilities.groups as string[];
  patientGroups = [
    'elderly',
    ...pick(
      (clinic.capabilities.groups as string[]).filter((group) => nurseGroups.includes(group) && group in groupLabels),
      1,
      random,
    ),
  ];
  expect(patientProcedures).toHaveLength(2);
  otherStation = await recruitOrganization(
    server.baseUrl,
    {
      kind: 'visiting_nursing',
      exclude: [nurse.organizationId],
      needs: { groups: patientGroups, procedures: patientProcedures },
      userName: '訪問看護 管理者（E2E）',
    },
    random,
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A form control by its visible label (the label may end with the 必須 mark). */
function field(scope: Page | Locator, label: string) {
  return scope.getByLabel(new RegExp(`^${escapeRegExp(label)}(必須)?$`));
}

async function openCase(page: Page) {
  await page.goto(`/cases/${caseId}`);
  await page.getByRole('heading', { level: 1, name: new RegExp(escapeRegExp(patient.name)) }).waitFor();
}

/** The live notification (Server-Sent Events) shown as a toast, without reloading the page. */
function toast(page: Page, title: string) {
  return page.locator('.toast-region').getByText(title);
}

describe('discharge through the Center', () => {
  it('the hospital registers the patient with every field, the home located on the map, and asks the Center', async () => {
    const { context, page } = await personContext(browser, server.baseUrl, 'liaison@demo.renkei.jp');
    await page
      .getByRole('navigation', { name: 'メインメニュー' })
      .getByRole('link', { name: '退院支援ケース' })
      .click();
    await page.getByRole('link', { name: 'ケースを登録する' }).click();
    await page.getByRole('heading', { level: 1, name: '退院支援ケースの登録' }).waitFor();

    // The reference data hold no dental clinic: the role says so before it is chosen, and why once it is.
    await page.getByRole('checkbox', { name: '訪問歯科 （登録なし）' }).check();
    await page.getByText(/訪問歯科を担える事業所は Renkei にまだ登録されていません/).waitFor();
    await page.getByRole('checkbox', { name: '訪問歯科 （登録なし）' }).uncheck();
    expect(await page.getByRole('checkbox', { name: '訪問看護', exact: true }).isChecked()).toBe(true);

    // Sending the empty form shows the checks next to the fields, in Japanese.
    await page.getByRole('button', { name: 'ケースを登録する' }).click();
    await page.getByText('氏名を入力してください。', { exact: true }).waitFor();
    await page.getByText('退院予定日を入力してください。', { exact: true }).waitFor();

    await field(page, '氏名').first().fill(patient.name);
    await field(page, 'ふりがな').fill('Okayama');
    await page.getByRole('button', { name: 'ケースを登録する' }).click();
    await page.getByText('ふりがなはひらがな・カタカナで入力してください。', { exact: true }).waitFor();
    await field(page, 'ふりがな').fill(patient.kana);
    await field(page, '生年月日').fill(patient.birthDate);
    await field(page, '性別').selectOption({ label: '女性' });
    await field(page, '電話番号').first().fill(patient.phone);
    await field(page, '自宅住所').fill(home.address);
    await page.getByRole('button', { name: '住所から位置を確認' }).click();
    const picker = page.locator('.location-picker');
    await picker.getByText('住所から求めた位置：').waitFor();
    await picker
      .getByText(new RegExp(escapeRegExp(home.town)))
      .first()
      .waitFor();
    await picker.getByText(`区：${home.wardName}`).waitFor();

    const keyPerson = page.getByRole('region', { name: 'キーパーソン' });
    await field(keyPerson, '氏名').fill(`${patient.name.split(' ')[0]} 一郎`);
    await field(keyPerson, '続柄').fill('長男');
    await field(keyPerson, '電話番号').fill('090-1234-5678');
    for (const group of patientGroups)
      await page.getByRole('checkbox', { name: group === 'elderly' ? '高齢者' : groupLabels[group] }).check();
    for (const procedure of patientProcedures)
      await page.getByRole('checkbox', { name: procedureLabels[procedure] }).check();
    await field(page, '介護度').selectOption({ label: '要介護2' });
    await field(page, '生活状況').selectOption({ label: '高齢者のみの世帯' });
    await page.getByRole('checkbox', { name: 'キーパーソン不在' }).uncheck();
    await page.getByRole('checkbox', { name: '生活困窮' }).check();
    await field(page, '療養したい場所').selectOption({ label: '自宅' });
    await field(page, '最期を迎えたい場所').selectOption({ label: '自宅' });
    await field(page, '希望についてのメモ').fill('最期まで自宅で、猫と暮らしたい。');
    for (const scope of [
      /地域ケア総合推進センターへの相談/,
      /候補の事業所への最小限の情報/,
      /在宅チームへの記録全体の共有/,
      /福祉の連携先への記録の共有/,
    ])
      await page.getByRole('checkbox', { name: scope }).check();
    await field(page, '同意した人').selectOption({ label: '本人' });
    await field(page, '入院日').fill(tokyoDate(-14));
    await field(page, '退院予定日').fill(tokyoDate(10));
    await captureAtEachSize(page, 'case-new');
    // A home outside the city is refused by the server: summed up once at the top with a link to the field, said at
    // the field, and not a third time in the map's box. Typing the address back brings back its located point.
    await field(page, '自宅住所').fill('倉敷市阿知1丁目7-2');
    await page.getByRole('button', { name: 'ケースを登録する' }).click();
    const refusal = page.locator('.case-form-server-error');
    await refusal.getByText('入力内容を確認してください（1件）。').waitFor();
    await refusal.getByRole('link', { name: /^自宅住所：.*岡山市外/ }).click();
    await expect.poll(() => page.evaluate("document.activeElement?.id ?? ''")).toBe('case-field-patient-address');
    await field(page, '自宅住所').fill(home.address);
    await picker.getByText(`区：${home.wardName}`).waitFor();
    await page.getByRole('button', { name: 'ケースを登録する' }).click();

    await page.getByText('ケースを登録しました。次に調整の方法を選んでください。').waitFor();
    caseId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: new RegExp(escapeRegExp(patient.name)) }).waitFor();
    // Every field is on the record.
    const details = page.locator('#case-details');
    for (const text of [
      home.address,
      patient.phone,
      '090-1234-5678',
      '長男',
      '要介護2',
      '高齢者のみの世帯',
      '生活困窮',
    ])
      await details.getByText(text, { exact: false }).first().waitFor();
    await details.getByText('最期まで自宅で、猫と暮らしたい。').waitFor();
    await details.getByText(/確認した職員：連携室 看護師（デモ）/).waitFor();

    // 調整困難: the hospital asks the Center with the reasons and a note.
    await page.getByRole('button', { name: 'センターに相談する' }).click();
    await page.getByRole('checkbox', { name: '職種' }).check();
    await page.getByRole('checkbox', { name: '福祉' }).check();
    await field(page, '相談内容').fill('生活困窮があり、在宅医と訪問看護を一緒に探してほしいです。');
    await page.getByRole('button', { name: 'この内容でセンターに相談する' }).click();
    await page.locator('.case-actions').getByText('地域ケア総合推進センターに相談しました。').waitFor();
    await page.locator('.case-header').getByText('センターに相談').waitFor();
    await page.locator('.case-header').getByText('職種').waitFor();
    await page.getByRole('heading', { level: 3, name: /^主治医/ }).waitFor();
    await captureAtEachSize(page, 'case-planning');

    // The list shows the case with its open roles.
    await page.getByRole('link', { name: '退院支援ケース', exact: true }).first().click();
    const row = page.getByRole('row').filter({ hasText: patient.name });
    await row.getByText('訪問看護').waitFor();
    await captureAtEachSize(page, 'cases-list');
    await context.close();
  });

  it('the Center takes the consultation and refers two stations at once and a clinic; the station sees it live', async () => {
    // The station is already looking at its inbox when the referral is sent.
    const station = await personContext(browser, server.baseUrl, 'nurse@demo.renkei.jp');
    await station.page.goto('/referrals');
    await station.page.getByRole('heading', { level: 1, name: '紹介の受信' }).waitFor();
    await expect(station.page.getByRole('link', { name: '訪問看護の依頼' }).count()).resolves.toBe(0);

    const { context, page } = await personContext(browser, server.baseUrl, 'center@demo.renkei.jp');
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '相談受付' }).click();
    await page.getByRole('heading', { level: 1, name: '相談受付' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: '岡山市立市民病院' }).last();
    await row.getByText('職種').waitFor();
    await row.getByText('担当者なし').waitFor();
    await row.getByRole('button', { name: /を自分が担当する$/ }).click();
    await row.getByText('センター 調整員（デモ）').waitFor();
    await field(page, '並べ替え').selectOption({ label: '退院予定日の近い順' });
    await page.getByRole('table', { name: '相談（退院予定日の近い順）' }).waitFor();
    await captureAtEachSize(page, 'center-inbox');
    await row.getByRole('link').first().click();
    await page.getByRole('heading', { level: 2, name: 'やり取り' }).waitFor();
    await page.getByText('生活困窮があり、在宅医と訪問看護を一緒に探してほしいです。').waitFor();
    await captureAtEachSize(page, 'consultation');
    await page.getByRole('link', { name: 'ケースを開く' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(escapeRegExp(patient.name)) }).waitFor();

    // 訪問看護: two stations at once, deadline 2 business days (the default), with a message.
    const nursing = roleCard(page, '訪問看護');
    await nursing.getByRole('button', { name: '候補を探す' }).click();
    await chooseCandidate(nursing, nurse.name);
    await chooseCandidate(nursing, otherStation.name);
    await nursing
      .locator('.reason-chip', { hasText: /^距離 / })
      .first()
      .waitFor();
    await nursing
      .locator('.reason-chip', { hasText: procedureLabels[patientProcedures[0] ?? ''] ?? '' })
      .first()
      .waitFor();
    await field(nursing, '紹介先へのメッセージ').fill('退院前に一度、病棟で面談をお願いします。');
    await captureAtEachSize(page, 'case-candidates');
    await nursing.getByRole('button', { name: '紹介を送る（2件）' }).click();
    await nursing.getByText('2件の紹介を送りました。').waitFor();
    await nursing.getByText('2件の紹介に回答を待っています。').waitFor();

    // The station's open inbox shows it without reloading: the live notification and the new row.
    await toast(station.page, '新しい紹介: 訪問看護の依頼').waitFor();
    await station.page.getByRole('link', { name: '訪問看護の依頼' }).waitFor();
    await station.page.locator('.unread-count:visible').waitFor();
    await station.context.close();

    // 主治医: the demo home-care clinic, 3 business days.
    const doctor = roleCard(page, '主治医');
    await doctor.getByRole('button', { name: '候補を探す' }).click();
    await chooseCandidate(doctor, clinic.name);
    await field(doctor, '回答までの営業日数').selectOption({ label: '3営業日後の17時まで' });
    await doctor.getByRole('button', { name: '紹介を送る（1件）' }).click();
    await doctor.getByText('1件の紹介を送りました。').waitFor();
    await context.close();
  });

  it('one station declines with a reason; the demo station asks, is answered and accepts; the clinic accepts', async () => {
    // The second station: 辞退 with a reason code and text.
    const second = await personContext(browser, server.baseUrl, otherStation.email, otherProviderPassword);
    await second.page
      .getByRole('navigation', { name: 'メインメニュー' })
      .getByRole('link', { name: '紹介の受信' })
      .click();
    await second.page.getByRole('link', { name: '訪問看護の依頼' }).click();
    await second.page.getByRole('heading', { level: 1, name: /紹介：訪問看護の依頼/ }).waitFor();
    await second.page.getByRole('button', { name: '辞退する' }).click();
    await field(second.page, '辞退の理由').selectOption({ label: '受入枠がない' });
    await field(second.page, '補足').fill('今月は新規の受け入れ枠がありません。');
    await second.page.getByRole('button', { name: '辞退を送る' }).click();
    await second.page.getByRole('heading', { level: 1, name: /辞退/ }).waitFor();
    await second.page.getByText('辞退を送りました。').waitFor();
    // It declined for lack of room while its 受入状況 still says 受入可: it is asked to update it.
    await second.page.getByText('受入状況が「受入可」のままです。').waitFor();
    await second.page.getByRole('link', { name: '受入状況を更新する' }).waitFor();
    await second.context.close();

    // きらめき訪問看護ステーション: sees the minimum necessary only, asks a question.
    const station = await personContext(browser, server.baseUrl, 'nurse@demo.renkei.jp');
    await station.page.goto('/referrals');
    await station.page.getByRole('table', { name: '受信した紹介' }).waitFor();
    await expect(station.page.getByText(patient.name).count()).resolves.toBe(0);
    await expect(station.page.getByText(home.town).count()).resolves.toBe(0);
    // The ward and how far the home is from the station (the demo station is in the city: a few km at most).
    await station.page.getByText(new RegExp(`${escapeRegExp(home.ward)}（約 \\d+(\\.5)? km）・要介護2`)).waitFor();
    await captureAtEachSize(station.page, 'referral-inbox');
    await station.page.getByRole('link', { name: '訪問看護の依頼' }).click();
    await station.page.getByText('受諾するまでは、本人・家族の同意に基づき').waitFor();
    await station.page.getByText('退院前に一度、病棟で面談をお願いします。').waitFor();
    await field(station.page, '紹介元への質問').fill('退院時のお薬は何日分出ますか？');
    await station.page.getByRole('button', { name: '質問する' }).click();
    await station.page.getByText('質問を送りました。').waitFor();
    await station.page.getByRole('heading', { level: 1, name: /質問中/ }).waitFor();
    await captureAtEachSize(station.page, 'referral-question');

    // The candidate opening the case sees only the summary, and why.
    await station.page.goto(`/cases/${caseId}`);
    await station.page.getByRole('heading', { level: 1, name: '紹介された患者さん（概要）' }).waitFor();
    await station.page.getByText('表示は必要最小限の情報だけです').waitFor();
    await expect(station.page.getByText(patient.name).count()).resolves.toBe(0);
    await expect(station.page.getByText(patient.phone).count()).resolves.toBe(0);
    await station.page.getByRole('link', { name: '「訪問看護」の紹介を開く' }).waitFor();
    await captureAtEachSize(station.page, 'case-summary-view');

    // センター answers on the case page (the referral is 質問中 in the team view, with its viewed receipt).
    const center = await personContext(browser, server.baseUrl, 'center@demo.renkei.jp');
    await openCase(center.page);
    const nursing = roleCard(center.page, '訪問看護');
    await nursing.getByText('紹介先から質問があります。回答してください。').waitFor();
    await nursing.getByText('退院時のお薬は何日分出ますか？').waitFor();
    await nursing
      .getByText(/閲覧 \d{4}年/)
      .first()
      .waitFor();
    await field(nursing, '質問への回答').fill('7日分の予定です。以降は主治医から処方されます。');
    await nursing.getByRole('button', { name: '回答する' }).click();
    await nursing.getByText('回答を送りました。').waitFor();
    await nursing.getByRole('button', { name: 'やり取りを見る' }).first().waitFor();

    // The station reads the answer and accepts; the full record opens.
    await station.page.goto('/referrals');
    await station.page.getByRole('link', { name: '訪問看護の依頼' }).click();
    await station.page.getByText('7日分の予定です。以降は主治医から処方されます。').waitFor();
    await station.page.getByRole('button', { name: '受諾する' }).click();
    // Accepting asks first (it fills the role and withdraws the other referrals of the role).
    await station.page.getByText('この紹介を受諾しますか？').waitFor();
    await station.page.getByRole('button', { name: '受諾を確定する' }).click();
    await station.page.getByText('受諾しました。在宅チームに加わりました。').waitFor();
    await captureAtEachSize(station.page, 'referral-accepted');
    await station.page.getByRole('link', { name: 'ケースを開く' }).click();
    await station.page.getByRole('heading', { level: 1, name: new RegExp(escapeRegExp(patient.name)) }).waitFor();
    await station.page.getByText(patient.phone).first().waitFor();
    await station.context.close();

    // The Center, still on the case page, is told at once and sees the role filled without reloading.
    await toast(center.page, '紹介が受諾されました: 訪問看護').waitFor();
    await roleCard(center.page, '訪問看護').getByText('決定', { exact: true }).waitFor({ timeout: 5_000 });

    // The clinic accepts the primary doctor's role.
    const doctor = await personContext(browser, server.baseUrl, 'clinic@demo.renkei.jp');
    await doctor.page.goto('/referrals');
    await doctor.page.getByRole('link', { name: '主治医の依頼' }).click();
    await doctor.page.getByRole('button', { name: '受諾する' }).click();
    // Accepting asks first (it fills the role and withdraws the other referrals of the role).
    await doctor.page.getByText('この紹介を受諾しますか？').waitFor();
    await doctor.page.getByRole('button', { name: '受諾を確定する' }).click();
    await doctor.page.getByText('受諾しました。在宅チームに加わりました。').waitFor();
    await doctor.context.close();

    // The team view: both roles filled, since today, the decline recorded with its reason, what is still open.
    await center.page.reload();
    await roleCard(center.page, '訪問看護').getByText(nurse.name).waitFor();
    await roleCard(center.page, '主治医').getByText(clinic.name).waitFor();
    await roleCard(center.page, '主治医')
      .getByText(/から担当/)
      .waitFor();
    await roleCard(center.page, '訪問看護').getByText('これまでの紹介（1件）').click();
    await roleCard(center.page, '訪問看護').getByText(otherStation.name).waitFor();
    await roleCard(center.page, '訪問看護')
      .getByText(/辞退理由：受入枠がない/)
      .waitFor();
    await roleCard(center.page, 'ケアマネジャー').getByText('未決定').waitFor();
    await center.page.getByText('必要な役割 3 件のうち 2 件が決まっています。').waitFor();
    await center.context.close();
  });

  it('the Center links the welfare office, schedules the conference; the .ics and the summary PDF download', async () => {
    const { context, page } = await personContext(browser, server.baseUrl, 'center@demo.renkei.jp');
    await openCase(page);

    // 福祉の連携: the ward's welfare office, because of 生活困窮.
    await page.getByRole('button', { name: '福祉の窓口と連携する' }).click();
    await field(page, '連携先の種類').selectOption({ label: '福祉事務所' });
    const office = field(page, '連携先');
    await office.locator('option').nth(1).waitFor({ state: 'attached' });
    await office.selectOption({ index: 1 });
    await field(page, '連携の理由').fill('生活困窮のため、生活保護の相談が必要です。');
    await page.getByRole('button', { name: '連携を依頼する' }).click();
    await page.getByText('理由：生活困窮のため、生活保護の相談が必要です。').waitFor();
    await page.locator('.welfare-link').getByText('依頼中').waitFor();

    // The welfare office's staff (a user created by the admin) acknowledge it from their inbox.
    const centerToken = await apiToken(server.baseUrl, 'center@demo.renkei.jp');
    const links = await call(server.baseUrl, centerToken, 'GET', `cases/${caseId}/welfare-links`);
    const linked = (links.items as { organization: { id: string; name: string } }[])[0]?.organization;
    if (!linked) throw new Error('no welfare link');
    const welfareEmail = await createProviderUser(
      server.baseUrl,
      linked.id,
      `welfare-${Date.now()}@e2e.renkei.jp`,
      '地区担当 ケースワーカー（E2E）',
    );
    const welfare = await personContext(browser, server.baseUrl, welfareEmail, otherProviderPassword);
    // A welfare office is not a care provider: its role is its window (left out of the header when the office's name
    // already says 福祉事務所), never 在宅サービス事業所; its menu leads to its welfare links.
    await welfare.page
      .locator('.current-user-meta')
      .getByText(/福祉事務所/)
      .first()
      .waitFor();
    expect(await welfare.page.locator('.current-user-meta').getByText('在宅サービス事業所').count()).toBe(0);
    const welfareMenu = welfare.page.getByRole('navigation', { name: 'メインメニュー' });
    expect(await welfareMenu.getByRole('link', { name: '紹介の受信' }).count()).toBe(0);
    await welfareMenu.getByRole('link', { name: '福祉の連携の依頼' }).click();
    const request = welfare.page.locator('li.welfare-link').filter({ hasText: '依頼中' }).first();
    // The Center asked: the window reads who, the number to call back, and the patient's hospital.
    await request.getByRole('heading', { level: 2, name: /岡山市地域ケア総合推進センターからの依頼/ }).waitFor();
    await request.getByText(/^依頼者：.+（折り返し先 .+） 患者さんの入院先：岡山市立市民病院$/).waitFor();
    // The minimum necessary only: age band and ward, no name, until it acknowledges.
    await request.getByText(/患者：\d+代・.+区/).waitFor();
    // No name on the card before acknowledging.
    expect(await request.getByText(patient.name).count()).toBe(0);
    // Its case page says why it sees the summary only (not as a referral candidate would be told).
    await welfare.page.goto(`/cases/${caseId}`);
    await welfare.page.getByText(/福祉の連携の依頼を受け付けるまでは、必要最小限の情報/).waitFor();
    await welfare.page.goto('/welfare-links');
    await request.getByRole('heading', { level: 2, name: /岡山市地域ケア総合推進センターからの依頼/ }).waitFor();
    await field(request, '返答（担当者・今後の対応など）').fill(
      '担当は地区担当ケースワーカーです。退院前に面談します。',
    );
    await request.getByRole('button', { name: '受け付ける' }).click();
    await welfare.page.getByText('連携先からの返答：担当は地区担当ケースワーカーです。').first().waitFor();
    await captureAtEachSize(welfare.page, 'welfare-inbox');
    await welfare.context.close();
    await page.reload();
    await page.locator('.welfare-link').getByText('受付済み').waitFor();

    // 退院時カンファレンス with the team, the hospital, the Center and the welfare office.
    await page.getByRole('button', { name: 'カンファレンスを設定する' }).click();
    await field(page, '日付').fill(tokyoDate(5));
    await field(page, '開始時刻').fill('14:00');
    await field(page, '所要時間').selectOption({ label: '60分' });
    await field(page, '場所').fill('岡山市立市民病院 3階 地域連携室');
    for (const name of [nurse.name, clinic.name, linked.name, '岡山市立市民病院'])
      await expect(page.getByRole('checkbox', { name: new RegExp(escapeRegExp(name)) }).isChecked()).resolves.toBe(
        true,
      );
    await page.getByRole('button', { name: '設定して参加者に案内する' }).click();
    await page.getByText('カンファレンスを設定し、参加者に案内を送りました。').waitFor();
    const conference = page.locator('li.conference').first();
    await conference.getByText('14:00〜15:00').waitFor();
    await conference.getByText('岡山市立市民病院 3階 地域連携室').waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      conference.getByRole('link', { name: 'カレンダーに追加 (.ics)' }).click(),
    ]);
    const path = await download.path();
    const text = await readFile(path, 'utf8');
    expect(text).toContain('BEGIN:VCALENDAR');
    expect(text).toContain('TZID=Asia/Tokyo');
    expect(text).toMatch(/^UID:/m);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const timezone = calendar.getFirstSubcomponent('vtimezone');
    expect(timezone?.getFirstPropertyValue('tzid')).toBe('Asia/Tokyo');
    if (timezone) ICAL.TimezoneService.register(timezone);
    const vevent = calendar.getFirstSubcomponent('vevent');
    if (!vevent) throw new Error('the .ics has no VEVENT');
    const event = new ICAL.Event(vevent);
    expect(event.uid).not.toBe('');
    expect(event.startDate.toJSDate().toISOString()).toBe(new Date(`${tokyoDate(5)}T14:00:00+09:00`).toISOString());
    expect(event.endDate.toJSDate().toISOString()).toBe(new Date(`${tokyoDate(5)}T15:00:00+09:00`).toISOString());
    expect(event.location).toBe('岡山市立市民病院 3階 地域連携室');

    // 退院支援サマリー: the link of the case page gives an A4 PDF with a Japanese font embedded.
    const summaryHref = await page.getByRole('link', { name: /退院支援サマリー \(PDF\)/ }).getAttribute('href');
    expect(summaryHref).toBe(`/api/v1/cases/${caseId}/summary.pdf`);
    const summary = await page.request.get(summaryHref ?? '');
    expect(summary.status()).toBe(200);
    expect(summary.headers()['content-type']).toBe('application/pdf');
    const pdf = await summary.body();
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansJP/);

    // The team's thread: the Center writes, the hospital reads, the Center sees 既読 with who read it.
    await field(page, 'メッセージ').fill('カンファレンスの日程を設定しました。ご都合をお知らせください。');
    await page.getByRole('button', { name: '送信' }).click();
    await page.locator('.message-list').getByText('カンファレンスの日程を設定しました。').waitFor();
    // Nobody has read it yet: the receipt says where (the hospital and the team), not a bare 未読.
    await page
      .locator('.message-list')
      .getByText(/^未読: \d+組織$/)
      .waitFor();
    const hospital = await personContext(browser, server.baseUrl, 'liaison@demo.renkei.jp');
    await openCase(hospital.page);
    await hospital.page.locator('.message-list').getByText('カンファレンスの日程を設定しました。').waitFor();
    await hospital.context.close();
    await page.reload();
    await page
      .locator('.message-list')
      .getByText(/^既読 1人/)
      .click();
    await page
      .locator('.message-list')
      .getByText(/連携室 看護師（デモ）（岡山市立市民病院）/)
      .waitFor();
    await captureAtEachSize(page, 'case-center');
    await context.close();
  });

  it('the hospital records the discharge and, later, the outcome compared with the wish', async () => {
    const { context, page } = await personContext(browser, server.baseUrl, 'liaison@demo.renkei.jp');
    await openCase(page);
    await roleCard(page, '主治医').getByText(clinic.name).waitFor();
    await page.getByRole('button', { name: '退院', exact: true }).click();
    await field(page, '退院日').fill(tokyoDate(0));
    // ケアマネジャー is still open: the form names it and asks for an explicit confirmation (no 「センターに相談」 hint:
    // the case is already with the Center).
    const openRoles = page.locator('.discharge-open-roles');
    await openRoles.getByText('必要な役割のうち 1 件がまだ決まっていません。').waitFor();
    await openRoles.getByText('ケアマネジャー', { exact: true }).waitFor();
    expect(await openRoles.getByText(/センターへの相談/).count()).toBe(0);
    // The conference of the fifth day has not taken place: the form says that recording the discharge cancels it.
    await page
      .locator('.conferences-to-cancel')
      .getByText(/^予定中の退院時カンファレンス（.+ 14:00）は中止され、参加者に通知されます。$/)
      .waitFor();
    await page.getByRole('button', { name: '退院を記録する' }).click();
    await page.getByText('未決定の役割があることを確認してください。').waitFor();
    await openRoles.getByRole('checkbox').check();
    await page.getByRole('button', { name: '退院を記録する' }).click();
    await page.locator('.case-header').getByText('退院済み').waitFor();
    await page
      .locator('.timeline')
      .getByText(/に退院しました（未決定の役割: ケアマネジャー）/)
      .waitFor();
    // Its card then says it was cancelled (not 「1回変更」).
    const cancelledConference = page.locator('li.conference').first();
    await cancelledConference.getByText(/に中止（参加者に通知済み）$/).waitFor();
    expect(await cancelledConference.getByText(/回変更/).count()).toBe(0);

    // The patient died in hospital on the discharge day: an early outcome, confirmed as such.
    await page.getByRole('heading', { name: '急変時の連絡' }).waitFor();
    await page.getByRole('button', { name: '転帰の記録' }).click();
    // The consultation the discharge kept open (ケアマネジャー still open) ends with the outcome: the form says so.
    const ends = page.locator('.outcome-ends');
    await ends.getByText('転帰を記録すると、まだ続いている次のものが終了し、相手に通知されます。').waitFor();
    await ends.getByText('地域ケア総合推進センターへの相談（終了）').waitFor();
    await field(page, '転帰').selectOption({ label: '病院で死亡' });
    await field(page, '確認日').fill(tokyoDate(0));
    await page.getByText(/転帰の確認日（.*）より前です。「早期の転帰」として記録され/).waitFor();
    await page.getByRole('button', { name: '転帰を記録する' }).click();
    await page.getByText('早期の転帰として記録することを確認してください。').waitFor();
    await page.getByRole('checkbox', { name: '確認日より前の転帰として記録する' }).check();
    await page.getByRole('button', { name: '転帰を記録する' }).click();
    const header = page.locator('.case-header');
    await header.getByText('転帰記録済み').waitFor();
    await header.getByText('早期の転帰').waitFor();
    await header.getByText('本人の希望と不一致').waitFor();
    // The comparison names the wish.
    await header.getByText('（希望する最期の場所: 自宅 → 転帰: 病院で死亡）').waitFor();
    await page
      .locator('.timeline')
      .getByText(/早期の転帰: 病院で死亡/)
      .waitFor();
    // The case is closed: no emergency tools, the thread read-only.
    await page.getByText('このケースは終了しました').waitFor();
    expect(await page.getByRole('heading', { name: '急変時の連絡' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '送信' }).count()).toBe(0);
    await page
      .getByText('患者さんが亡くなられたため、このスレッドは閲覧のみです（新しい投稿はできません）。')
      .waitFor();
    await captureAtEachSize(page, 'case-closed');
    await context.close();
  });
});
