import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { pdfText } from '../../../test/helpers/pdf-text.js';
import { api } from '../../../test/helpers/http.js';
import { signedInAs } from '../../../test/helpers/factories.js';
import {
  caseBody,
  caseTestStart as start,
  fullCaseDetails,
  homeCareProvider,
  refer,
  relogin,
  routedCase,
  spot,
  type Home,
  type HomeCareProvider,
} from '../../../test/helpers/cases.js';

/** The case on the summary: a full discharge plan, with a room number, cancer care and a note on the wishes. */
const caseAt = (home: Home) =>
  caseBody(home, fullCaseDetails, {
    patient: { address: '岡山市北区大供1丁目1-1 グリーンハイツ大供 305号室' },
    groups: ['elderly', 'terminal_care', 'cancer'],
    acp: { preferredPlaceOfCare: 'home', preferredPlaceOfDeath: 'home', note: '最期まで自宅で過ごしたい。' },
    diagnosis: '膵がん（末期）、誤嚥性肺炎で入院',
  });

/** The team on the summary: named as on a real one, with a phone, caring for cancer too. */
const provider = (app: TestApp, home: Home, kind: 'visiting_nursing' | 'clinic') =>
  homeCareProvider(app, home, kind, {
    name: `${kind === 'clinic' ? 'おかやま在宅クリニック' : '訪問看護ステーションあおぞら'} ${randomUUID().slice(0, 4)}`,
    phone: '086-111-2222',
    groups: ['elderly', 'terminal_care', 'cancer'],
  });

describe('the printable discharge summary (退院支援サマリー)', () => {
  let app: TestApp;
  let liaison: Awaited<ReturnType<typeof signedInAs>>;
  let stranger: Awaited<ReturnType<typeof signedInAs>>;
  let nurse: HomeCareProvider;
  let candidate: HomeCareProvider;
  let caseId: string;
  let conferenceId: string;
  let conferenceVersion: number;

  beforeAll(async () => {
    app = await startTestApp({ start });
    liaison = await signedInAs(app, 'hospital_liaison', {
      name: `岡山サマリー総合病院 ${randomUUID().slice(0, 4)}`,
      phone: '086-222-3333',
    });
    stranger = await signedInAs(app, 'provider');
    const home = spot();
    ({ id: caseId } = await routedCase(app, liaison.token, caseAt(home)));
    nurse = await provider(app, home, 'visiting_nursing');
    candidate = await provider(app, home, 'clinic');
    await refer(app, liaison.token, caseId, 'visiting_nurse', nurse, { accept: true });
    await refer(app, liaison.token, caseId, 'primary_doctor', candidate);
    const conference = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/conferences`, {
      token: liaison.token,
      body: {
        startsAt: '2026-12-01T14:00:00+09:00',
        durationMinutes: 60,
        place: '3階 会議室',
        onlineUrl: 'https://meet.example.jp/renkei',
        participantOrganizationIds: [liaison.organization!.id, nurse.organization.id],
      },
    });
    expect(conference.status).toBe(201);
    conferenceId = conference.body.id as string;
    conferenceVersion = conference.body.version as number;
  });
  afterAll(async () => {
    await app.close();
  });

  it('refuses callers who are not signed in with 401', async () => {
    expect((await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/summary.pdf`)).status).toBe(401);
  });

  it('refuses a malformed id with 400', async () => {
    const response = await api(app.baseUrl, 'GET', '/api/v1/cases/not-a-uuid/summary.pdf', { token: liaison.token });
    expect(response.status).toBe(400);
  });

  it('gives a candidate with the minimum necessary 403 and a stranger 404', async () => {
    const asCandidate = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/summary.pdf`, {
      token: candidate.token,
    });
    expect(asCandidate.status).toBe(403);
    expect(asCandidate.body.error.message).toContain('退院支援サマリー');
    // Nor does the summary the candidate reads say the diagnosis (the full record does).
    const summary = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}`, { token: candidate.token });
    expect(summary.body.access).toBe('summary');
    expect(JSON.stringify(summary.body)).not.toContain('膵がん');
    const full = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}`, { token: liaison.token });
    expect(full.body.diagnosis).toBe('膵がん（末期）、誤嚥性肺炎で入院');
    expect(
      (await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/summary.pdf`, { token: stranger.token })).status,
    ).toBe(404);
  });

  it('serves an A4 PDF in Japanese with the patient, the team and the next conference, and audits the read', async () => {
    const response = await fetch(`${app.baseUrl}/api/v1/cases/${caseId}/summary.pdf`, {
      headers: { authorization: `Bearer ${liaison.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    if (process.env.RENKEI_SUMMARY_PDF_OUT) writeFileSync(process.env.RENKEI_SUMMARY_PDF_OUT, pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeLessThan(300 * 1024);
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    const text = pdfText(pdf);
    const flat = text.replace(/\s+/g, '');
    for (const expected of [
      '退院支援サマリー',
      '岡山花子',
      'おかやまはなこ',
      '1941年4月2日（85歳）',
      '岡山太郎（長男）',
      '2026年12月10日(木)',
      // Who at the hospital to call.
      `病院の担当者利用者${liaison.user.email}`,
      '要介護3',
      '主病名・入院の理由膵がん（末期）、誤嚥性肺炎で入院',
      '麻薬による疼痛管理',
      '高齢者のみの世帯',
      '生活困窮',
      '療養したい場所自宅',
      '最期を迎えたい場所自宅',
      '退院調整看護師山田',
      '訪問看護',
      nurse.organization.name.replace(/\s+/g, ''),
      '主治医、ケアマネジャー',
      '2026年12月1日(火)14:00〜15:00',
      '要配慮個人情報を含みます。取り扱いに注意してください。',
      '2026年11月25日(水)10:00',
      // The 出典 of the team's names and phones, in the footer.
      'チームの名称・連絡先について—利用者が登録した情報',
    ])
      expect(flat, expected).toContain(expected);
    // The 出典 is a footer line, not a section that could fill a page of its own.
    expect(flat).not.toContain('出典（チームの名称・連絡先）');
    // The team member with the full record may print it too.
    const asNurse = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/summary.pdf`, { token: nurse.token });
    expect(asNurse.status).toBe(200);
    const audit = await api(app.baseUrl, 'GET', `/api/v1/audit?entity=case&entityId=${caseId}&limit=200`, {
      token: liaison.token,
    });
    const reads = audit.body.items.filter((event: any) => event.details?.what === 'summary_pdf');
    expect(reads.map((event: any) => event.actorOrganizationId).sort()).toEqual(
      [liaison.organization!.id, nurse.organization.id].sort(),
    );
  });

  it('after the discharge: the held conference with its minutes, the discharge date and the outcome against the wish', async () => {
    // The conference took place (the clock past its start); its minutes are recorded.
    app.clock.set(new Date('2026-12-01T16:00:00+09:00'));
    await relogin(app, liaison);
    const minutes = await api(app.baseUrl, 'PUT', `/api/v1/conferences/${conferenceId}/minutes`, {
      token: liaison.token,
      body: { minutes: '退院後は週3回の訪問看護。疼痛時は主治医へ連絡。' },
      headers: { 'if-match': `"${conferenceVersion}"` },
    });
    expect(minutes.status, minutes.text).toBe(200);
    const current = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}`, { token: liaison.token });
    const discharged = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/discharge`, {
      token: liaison.token,
      body: { dischargedOn: '2026-12-01' },
      headers: { 'if-match': `"${current.body.version}"` },
    });
    expect(discharged.status, discharged.text).toBe(200);
    app.clock.set(new Date('2026-12-31T10:00:00+09:00'));
    await relogin(app, liaison);
    const outcome = await api(app.baseUrl, 'PUT', `/api/v1/cases/${caseId}/outcome`, {
      token: liaison.token,
      body: { outcome: 'home', on: '2026-12-31' },
      headers: { 'if-match': `"${discharged.body.version}"` },
    });
    expect(outcome.status, outcome.text).toBe(200);
    const response = await fetch(`${app.baseUrl}/api/v1/cases/${caseId}/summary.pdf`, {
      headers: { authorization: `Bearer ${liaison.token}` },
    });
    const flat = pdfText(Buffer.from(await response.arrayBuffer())).replace(/\s+/g, '');
    for (const expected of [
      '退院日2026年12月1日(火)',
      '退院後の転帰在宅療養を継続（2026年12月31日(木)確認）—本人の希望「自宅」と一致',
      '開催した退院時カンファレンス',
      '2026年12月1日(火)14:00〜15:00',
      '議事録退院後は週3回の訪問看護。疼痛時は主治医へ連絡。',
    ])
      expect(flat, expected).toContain(expected);
    // Nothing is next after the discharge.
    expect(flat).not.toContain('次回の退院時カンファレンス');
    app.clock.set(start);
  });
});
