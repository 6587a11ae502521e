/**
 * A referral nobody answers expires at its deadline (issue 5 item 5: a durable job stored in the database), and the
 * hospital refers the role again from the case page: 病院（地域連携室）sends the primary doctor's referral with a
 * deadline a few seconds away; the background job expires it; on the case page the role is open again, the earlier
 * referral is listed as 期限切れ, the candidate list says so for that clinic, and the re-referral is accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../helpers/server.js';
import { launchBrowser } from '../helpers/browser.js';
import { apiToken, escapeRegExp } from '../helpers/demo.js';
import {
  call,
  chooseCandidate,
  makeAccepting,
  personContext,
  eventually,
  providerOf,
  registerDirectCase,
  roleCard,
  type Provider,
} from './case-helpers.js';

let server: RunningServer;
let browser: Browser;
let clinic: Provider;
let caseId = '';
let firstReferralId = '';
const patientName = '南 期限太郎';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const liaison = await apiToken(server.baseUrl, 'liaison@demo.renkei.jp');
  clinic = await providerOf(server.baseUrl, 'clinic@demo.renkei.jp');
  await makeAccepting(server.baseUrl, clinic);
  caseId = await registerDirectCase(server.baseUrl, liaison, {
    name: patientName,
    nameKana: 'みなみ きげんたろう',
    birthDate: '1936-02-11',
    sex: 'male',
    careLevel: 'care_3',
  });
  // A deadline a few seconds away: nobody answers, the durable job expires it.
  const sent = await call(server.baseUrl, liaison, 'POST', `cases/${caseId}/referrals`, {
    role: 'primary_doctor',
    organizationIds: [clinic.organizationId],
    respondBy: new Date(Date.now() + 5_000).toISOString(),
  });
  firstReferralId = sent.items[0].id as string;
  await eventually(async () => {
    const referral = await call(server.baseUrl, liaison, 'GET', `referrals/${firstReferralId}`);
    return referral.status === 'expired';
  }, 60_000);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a referral that expires', () => {
  it('opens the role again: the hospital sees 期限切れ, refers again, and the clinic accepts', async () => {
    const { context, page } = await personContext(browser, server.baseUrl, 'liaison@demo.renkei.jp');
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(escapeRegExp(patientName)) }).waitFor();
    const doctor = roleCard(page, '主治医');
    await doctor.getByText(/これまでの紹介（1件）/).click();
    await doctor.getByText('期限切れ').first().waitFor();
    // The role is open again: she looks for candidates; the clinic that let it expire is marked so.
    await doctor.getByRole('button', { name: '候補を探して再紹介する' }).click();
    await chooseCandidate(doctor, clinic.name);
    await doctor.getByText('前回：期限切れ').waitFor();
    await doctor.getByRole('button', { name: '紹介を送る（1件）' }).click();
    await doctor.getByText('1件の紹介に回答を待っています。').waitFor();

    // The clinic sees only the new referral as open, and accepts it; the hospital's page shows the role filled.
    const open = await call(server.baseUrl, clinic.token, 'GET', `referrals?box=inbox&caseId=${caseId}`);
    const statuses = (open.items as { id: string; status: string }[]).map((item) => [
      item.id === firstReferralId,
      item.status,
    ]);
    expect(statuses.sort()).toEqual([
      [false, 'sent'],
      [true, 'expired'],
    ]);
    const clinicPerson = await personContext(browser, server.baseUrl, 'clinic@demo.renkei.jp');
    await clinicPerson.page.goto('/referrals');
    await clinicPerson.page.getByRole('link', { name: '主治医の依頼' }).first().click();
    await clinicPerson.page.getByRole('button', { name: '受諾する' }).click();
    // Accepting asks first (it fills the role and withdraws the other referrals of the role).
    await clinicPerson.page.getByText('この紹介を受諾しますか？').waitFor();
    await clinicPerson.page.getByRole('button', { name: '受諾を確定する' }).click();
    await clinicPerson.page.getByText('受諾しました。在宅チームに加わりました。').waitFor();
    await clinicPerson.context.close();
    await doctor.getByText('決定', { exact: true }).waitFor({ timeout: 10_000 });
    await doctor.getByRole('link', { name: clinic.name }).waitFor();
    await context.close();
  });
});
