/**
 * Texts the server writes in Japanese are said in English from their code and values (server-text.ts), fall back to
 * the server's Japanese when the code or a value is unknown, and every code the server can emit has an English entry.
 * The codes come from the server's own lists (src/domain/server-text.ts); the server's types only let it write those.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  areaNameCodes,
  caseEventKinds,
  candidateReasonCodes,
  consultationSubjectCodes,
  escalationNoteCodes,
  escalationReasonCodes,
  notificationKinds,
  pairRuleCodes,
  unassignedReasonCodes,
  unpairedPairReasonCodes,
} from '../../../src/domain/server-text';
import { errorCodes } from '../../../src/platform/errors';
import ja from './ja.json';
import en from './en.json';
import jaCases from './ja/cases.json';
import enCases from './en/cases.json';
import jaRotations from './ja/rotations.json';
import enRotations from './en/rotations.json';
import jaServerText from './ja/server-text.json';
import enServerText from './en/server-text.json';
import jaPublic from './ja/public.json';
import enPublic from './en/public.json';
import jaAnalytics from './ja/analytics.json';
import enAnalytics from './en/analytics.json';
import {
  ageBandText,
  apiErrorDetailText,
  apiErrorText,
  areaNameText,
  consultationSubjectText,
  dataSourceText,
  escalationNoteText,
  escalationReasonText,
  notificationText,
  pairRuleText,
  reasonText,
  serverText,
  timelineText,
  unassignedReasonText,
  unpairedPairReasonText,
} from './server-text';

async function instance(language: 'ja' | 'en'): Promise<I18n> {
  const created = i18next.createInstance();
  await created.init({
    lng: language,
    fallbackLng: 'ja',
    resources: {
      ja: {
        translation: ja,
        cases: jaCases,
        rotations: jaRotations,
        public: jaPublic,
        analytics: jaAnalytics,
        'server-text': jaServerText,
      },
      en: {
        translation: en,
        cases: enCases,
        rotations: enRotations,
        public: enPublic,
        analytics: enAnalytics,
        'server-text': enServerText,
      },
    },
    interpolation: { escapeValue: false },
  });
  return created;
}

let english: I18n;
let japanese: I18n;

beforeAll(async () => {
  english = await instance('en');
  japanese = await instance('ja');
});

type Tree = { [key: string]: string | Tree };
const entries = enServerText as unknown as Tree;

/** An entry exists for `path` as a text, a text with a variant (`path_x`), or a group of parts. */
function hasEntry(path: string): boolean {
  const segments = path.split('.');
  const last = segments.pop() ?? '';
  let node: Tree | string | undefined = entries;
  for (const segment of segments) node = typeof node === 'object' ? node[segment] : undefined;
  if (typeof node !== 'object') return false;
  return Object.entries(node).some(
    ([key, value]) =>
      (key === last || key.startsWith(`${last}_`)) && (typeof value === 'object' || value.trim() !== ''),
  );
}

describe('server texts in English', () => {
  it('renders every candidate reason with its values', () => {
    const cases: [{ code: string; message: string; params?: Record<string, unknown> }, string][] = [
      [{ code: 'distance', message: '距離 2.1 km', params: { km: 2.1 } }, '2.1 km away'],
      [{ code: 'travel_burden', message: '移動負担 ×1.5', params: { factor: 1.5 } }, 'Travel burden ×1.5'],
      [
        { code: 'procedure:ventilator', message: '人工呼吸器対応', params: { procedure: 'ventilator' } },
        'Handles ventilator',
      ],
      [
        { code: 'group:terminal_care', message: '看取りに対応', params: { group: 'terminal_care' } },
        `Serves ${en.codes.patientGroup.terminal_care}`,
      ],
      [
        {
          code: 'specialist:terminal_care',
          message:
            '看取りに多い処置（麻薬による疼痛管理・中心静脈栄養・在宅酸素・尿道カテーテル・褥瘡処置）のうち 3/5 に対応',
          params: {
            group: 'terminal_care',
            held: 3,
            total: 5,
            relatedProcedures: ['opioid_pain_control', 'central_venous_nutrition', 'home_oxygen'],
          },
        },
        `Handles 3/5 of the procedures common in ${en.codes.patientGroup.terminal_care} (${en.codes.procedure.opioid_pain_control}, ${en.codes.procedure.central_venous_nutrition}, ${en.codes.procedure.home_oxygen})`,
      ],
      [
        { code: 'availability_unknown', message: '受入状況は未登録（要確認）', params: {} },
        'Acceptance status not registered (to be confirmed)',
      ],
      [
        {
          code: 'availability',
          message: '受入可（3日前更新）',
          params: { availabilityStatus: 'accepting', ageDays: 3, variant: 'days' },
        },
        `${en.codes.availabilityStatus.accepting} (updated 3 days ago)`,
      ],
      [
        {
          code: 'availability',
          message: '受入可（1日前更新）',
          params: { availabilityStatus: 'accepting', ageDays: 1, variant: 'days' },
        },
        `${en.codes.availabilityStatus.accepting} (updated 1 day ago)`,
      ],
      [
        {
          code: 'availability_stale',
          message: '受入可（20日前更新・要確認）',
          params: { availabilityStatus: 'accepting', ageDays: 20, variant: 'days' },
        },
        `${en.codes.availabilityStatus.accepting} (updated 20 days ago, to be confirmed)`,
      ],
      [{ code: 'free_slots', message: '空き 2 名', params: { freeSlots: 2 } }, '2 free places'],
      [
        { code: 'over_capacity', message: '受け持ち 9 名（申告上限 9 名に到達）', params: { load: 9, capacity: 9 } },
        '9 patients (declared limit of 9 reached)',
      ],
      [
        { code: 'load', message: '受け持ち 3 名（上限は未申告）', params: { load: 3, variant: 'uncapped' } },
        '3 patients (no declared limit)',
      ],
      [{ code: 'available_24h', message: '24時間対応', params: {} }, '24-hour support'],
      [
        { code: 'no_24h', message: '24時間対応なし（この患者には必要）', params: {} },
        'No 24-hour support (this patient needs it)',
      ],
      [{ code: 'continuity', message: 'この患者のチームに参加中', params: {} }, "Already in this patient's team"],
      [
        { code: 'continuity_pair', message: 'チームのA診療所と主治医・副主治医のペア', params: { name: 'A診療所' } },
        'Primary/secondary doctor pair with A診療所 in the team',
      ],
      [
        {
          code: 'beyond_usual_reach',
          message: '訪問範囲が未登録で、通常の訪問距離（16 km）を超えています（要確認）',
          params: { km: 16 },
        },
        'No coverage declared, and farther than the usual home-visit distance (16 km): to be confirmed',
      ],
      [
        {
          code: 'answered_before',
          message: '前回のこの役割の紹介を辞退（距離: 灘崎町は訪問エリア外です）',
          params: { variant: 'note', declineReason: 'distance', note: '灘崎町は訪問エリア外です' },
        },
        `Declined the last referral for this role (${enCases.codes.declineReason.distance}: 灘崎町は訪問エリア外です)`,
      ],
      [
        {
          code: 'answered_before',
          message: '前回のこの役割の紹介は回答期限切れ',
          params: { variant: 'expired', declineReason: null, note: null },
        },
        'Did not answer the last referral for this role in time',
      ],
      [
        { code: 'pair_default', message: '主治医（A診療所）のペアの診療所', params: { name: 'A診療所' } },
        'Paired clinic of the primary doctor (A診療所): the default secondary doctor',
      ],
    ];
    expect([...new Set(cases.map(([reason]) => reason.code.split(':')[0]))].sort()).toEqual(
      [...candidateReasonCodes].sort(),
    );
    for (const [reason, expected] of cases) {
      const rendered = reasonText(english, reason);
      expect(rendered, reason.code).toBe(expected.replace('ventilator', en.codes.procedure.ventilator));
    }
  });

  it('falls back to the Japanese message for an unknown code, missing values or an unknown value', () => {
    expect(reasonText(english, { code: 'brand_new', message: '新しい理由', params: { x: 1 } })).toBe('新しい理由');
    expect(reasonText(english, { code: 'distance', message: '距離 2.1 km' })).toBe('距離 2.1 km');
    expect(reasonText(english, { code: 'distance', message: '距離 2.1 km', params: {} })).toBe('距離 2.1 km');
    expect(
      reasonText(english, { code: 'procedure:teleport', message: '瞬間移動対応', params: { procedure: 'teleport' } }),
    ).toBe('瞬間移動対応');
    expect(serverText(english, 'reasons', { km: 1 }, '日本語')).toBe('日本語');
  });

  it('shows the server text as it is in Japanese', () => {
    expect(reasonText(japanese, { code: 'distance', message: '距離 2.1 km', params: { km: 2.1 } })).toBe('距離 2.1 km');
    expect(ageBandText(japanese, '70代')).toBe('70代');
    expect(
      notificationText(japanese, {
        kind: 'referral_accepted',
        title: '紹介が受諾されました',
        body: 'B',
        params: { role: 'visiting_nurse', organizationName: 'X' },
      }),
    ).toEqual({ title: '紹介が受諾されました', body: 'B' });
  });

  it('renders escalation reasons, with the variant the server chose', () => {
    expect(
      escalationReasonText(english, {
        reason: '在宅チームの副主治医です。',
        reasonCode: 'team_secondary',
        reasonParams: { waitMinutes: 5 },
      }),
    ).toBe(
      'The secondary doctor of the home-care team. Call when the primary doctor does not answer within 5 minutes.',
    );
    expect(
      escalationReasonText(english, {
        reason: '…',
        reasonCode: 'backup_area',
        reasonParams: { areaName: '北区', hospitalFunction: 'acute', variant: 'acute_first' },
      }),
    ).toContain(`covering ${enPublic.wardNames['33101'].name} (${en.codes.hospitalFunction.acute})`);
    // The ward is named as 地域の分析 names it; an area the client does not know keeps the server's name.
    expect(
      escalationReasonText(english, {
        reason: '…',
        reasonCode: 'backup_area',
        reasonParams: { areaName: '岡山市南区', hospitalFunction: 'recovery', variant: null },
      }),
    ).toContain('covering Minami Ward, Okayama City (');
    expect(
      escalationReasonText(english, {
        reason: '…',
        reasonCode: 'backup_area',
        reasonParams: { areaName: '新区', hospitalFunction: 'acute', variant: null },
      }),
    ).toContain('covering 新区 (');
    expect(
      escalationReasonText(japanese, {
        reason: '東区を受け持つ後方支援病院（急性期）です。',
        reasonCode: 'backup_area',
        reasonParams: { areaName: '東区', hospitalFunction: 'acute', variant: null },
      }),
    ).toBe('東区を受け持つ後方支援病院（急性期）です。');
    expect(
      escalationReasonText(english, {
        reason: '輪番の当番ですが、主治医として既に連絡先に入っています。',
        reasonCode: 'on_duty_already_called',
        reasonParams: { groupName: '在宅当番', calledAs: 'primary_doctor' },
      }),
    ).toBe(
      `On duty in the rotation “在宅当番” at this time, but already in the list as ${enRotations.escalation.role.primary_doctor}.`,
    );
    expect(escalationReasonText(english, { reason: '古い理由' })).toBe('古い理由');
  });

  it('renders the notes under the calling order, with the time and the role', () => {
    expect(
      escalationNoteText(english, {
        code: 'no_duty',
        params: { areaName: '南区', checkedAt: '2026-11-27T00:13:00.000+09:00', variant: '' },
        text: '南区の公開済み輪番表に 11月27日(金) 00:13 の当番がありません。',
      }),
    ).toMatch(/^The published rotation of Minami Ward has no duty at .*2026.*\.$/);
    expect(
      escalationNoteText(english, {
        code: 'no_phone',
        params: { name: 'どい小児科クリニック', calledAs: 'primary_doctor' },
        text: '…',
      }),
    ).toBe(`どい小児科クリニック (${enRotations.escalation.role.primary_doctor}) has no phone number registered.`);
    expect(escalationNoteText(english, { code: 'no_primary', params: {}, text: '…' })).toBe(
      'The home-care team has no primary doctor.',
    );
    expect(escalationNoteText(english, { code: 'unknown_code', params: {}, text: '古い注記' })).toBe('古い注記');
  });

  it('renders unassigned reasons and keeps the Japanese of older proposals', () => {
    expect(
      unassignedReasonText(english, {
        reason: '「訪問看護」は既に決まっています',
        reasonCode: 'role_filled',
        reasonParams: { role: 'visiting_nurse' },
      }),
    ).toBe(`${enCases.codes.teamRole.visiting_nurse} is already filled`);
    expect(unassignedReasonText(english, { reason: 'センターが割り当てを外しました' })).toBe(
      'センターが割り当てを外しました',
    );
  });

  it('renders a notification from its kind and values, and an older one (no values) in Japanese', () => {
    expect(
      notificationText(english, {
        kind: 'referral_accepted',
        title: '紹介が受諾されました: 訪問看護',
        body: 'A訪問看護ステーションが受諾しました。',
        params: { role: 'visiting_nurse', organizationName: 'A訪問看護ステーション' },
      }),
    ).toEqual({
      title: `Referral accepted: ${enCases.codes.teamRole.visiting_nurse}`,
      body: 'A訪問看護ステーション accepted.',
    });
    expect(
      notificationText(english, {
        kind: 'referral_accepted',
        title: '紹介が受諾されました',
        body: '本文',
        params: null,
      }),
    ).toEqual({ title: '紹介が受諾されました', body: '本文' });
    // A thread message names the patient by age band and ward, in English words.
    expect(
      notificationText(english, {
        kind: 'case_message',
        title: 'チームのスレッドに新しいメッセージ（A病院の患者・80代・岡山市北区）',
        body: '',
        params: { variant: 'patient', hospitalName: 'A病院', ageBand: '80代', areaName: '岡山市北区' },
      }).title,
    ).toMatch(/^New message on the team's thread \(patient of A病院, .*80.*, .*Kita.*\)$/);
    expect(
      notificationText(english, {
        kind: 'referral_question',
        title: '紹介先から質問: B訪問看護（訪問看護・80代・岡山市北区の患者）',
        body: '',
        params: {
          variant: 'case',
          organizationName: 'B訪問看護',
          role: 'visiting_nurse',
          ageBand: '80代',
          areaName: '岡山市北区',
        },
      }).title,
    ).toBe(`Question from B訪問看護 (${enCases.codes.teamRole.visiting_nurse}, patient 80s, Kita Ward, Okayama City)`);
    // A decline with a note names the patient in the title and keeps the note in the body; a home outside the wards
    // is named by the age band alone.
    const declined = {
      kind: 'referral_declined',
      title: '紹介が辞退されました: 主治医（70代・岡山市南区の患者）',
      body: 'C診療所: 受入枠なし: 今月は満床',
      params: {
        variant: 'patient_note',
        role: 'primary_doctor',
        organizationName: 'C診療所',
        declineReason: 'capacity',
        note: '今月は満床',
        ageBand: '70代',
        areaName: '岡山市南区',
      },
    };
    expect(notificationText(english, declined)).toEqual({
      title: `Referral declined: ${enCases.codes.teamRole.primary_doctor} (patient 70s, Minami Ward, Okayama City)`,
      body: `C診療所: ${enCases.codes.declineReason.capacity}: 今月は満床`,
    });
    expect(
      notificationText(english, {
        kind: 'referral_expired',
        title: '紹介の回答期限切れ: 訪問看護（60代の患者）',
        body: '…',
        params: { variant: 'patient_age', role: 'visiting_nurse', organizationName: 'D', ageBand: '60代' },
      }).title,
    ).toBe(`Referral deadline passed: ${enCases.codes.teamRole.visiting_nurse} (patient 60s)`);
    // An answer that extended the deadline names the referral and keeps the extension in the body.
    expect(
      notificationText(english, {
        kind: 'referral_answer',
        title: '紹介元から回答がありました（訪問看護・80代・岡山市北区の患者）',
        body: '夜間に2回程度です\n（回答期限を…まで延ばしました）',
        params: {
          variant: 'patient_extended',
          role: 'visiting_nurse',
          ageBand: '80代',
          areaName: '岡山市北区',
          text: '夜間に2回程度です',
          respondByAt: '2026-11-30T17:00:00.000+09:00',
        },
      }),
    ).toEqual({
      title: `The referring organisation answered (${enCases.codes.teamRole.visiting_nurse}, patient 80s, Kita Ward, Okayama City)`,
      body: expect.stringMatching(/^夜間に2回程度です\n\(The deadline was extended to .*2026.*\.\)$/),
    });
    expect(
      notificationText(english, {
        kind: 'case_discharge_date_changed',
        title: '退院予定日が変わりました',
        body: '…',
        params: { hospitalName: 'C病院', from: '2026-12-01', to: '2026-12-08' },
      }).title,
    ).toBe('The planned discharge date changed (Tue, 1 Dec 2026 → Tue, 8 Dec 2026)');
    // An empty body stays empty; a variant without an entry of its own falls back per field.
    expect(
      notificationText(english, {
        kind: 'duty_swap',
        title: '交代依頼が取り下げられました',
        body: '',
        params: { variant: 'withdraw', date: '2026-12-01', shift: 'weeknight' },
      }),
    ).toEqual({ title: `Swap request withdrawn: Tue, 1 Dec 2026 ${enRotations.shift.weeknight}`, body: '' });
    expect(
      notificationText(english, {
        kind: 'referral_withdrawn',
        title: '紹介が取り下げられました: 訪問看護の依頼（80代・岡山市北区の患者）',
        body: '転帰が記録されたため、「訪問看護」の紹介は取り下げられました。',
        params: { variant: 'case_closed', role: 'visiting_nurse', ageBand: '80代', areaName: '岡山市北区' },
      }),
    ).toEqual({
      title: `Referral withdrawn: ${enCases.codes.teamRole.visiting_nurse} (patient 80s)`,
      body: `The outcome after discharge was recorded, so the referral for ${enCases.codes.teamRole.visiting_nurse} was withdrawn.`,
    });
    // A notice written before the role was named in it: the server's Japanese, never a half-filled sentence.
    expect(
      notificationText(english, {
        kind: 'referral_withdrawn',
        title: '紹介が取り下げられました',
        body: '別の理由',
        params: { variant: null },
      }),
    ).toEqual({ title: '紹介が取り下げられました', body: '別の理由' });
  });

  it('renders timeline entries from their kind and details, parts joined', () => {
    // An entry that needs no values comes without details.
    expect(timelineText(english, { kind: 'route_direct', summary: '病院が直接調整を始めました', details: null })).toBe(
      'The hospital started coordinating directly',
    );
    expect(
      timelineText(english, {
        kind: 'updated',
        summary: '退院予定日・メモを変更しました',
        details: { changed: ['plannedDischargeDate', 'note'], fields: ['plannedDischargeDate', 'note'] },
      }),
    ).toBe('Changed: planned discharge date, note');
    expect(
      timelineText(english, {
        kind: 'acute_event',
        summary: '急変…',
        details: {
          parts: ['calls', 'responder_minutes', 'reached119'],
          occurredAt: '2026-12-01T21:05:00+09:00',
          count: 2,
          calledAs: 'secondary_doctor',
          responderName: 'B診療所',
          minutes: 4,
          hospitalName: null,
        },
      }),
    ).toBe(
      `Acute event (Tue, 1 Dec 2026 21:05): 2 contacted, ${enRotations.escalation.role.secondary_doctor} (B診療所) answered in 4 min, called 119`,
    );
    // An entry written before the details existed keeps its Japanese.
    expect(timelineText(english, { kind: 'created', summary: 'A病院がケースを登録しました', details: null })).toBe(
      'A病院がケースを登録しました',
    );
    expect(
      timelineText(english, { kind: 'referral_viewed', summary: '閲覧しました', details: { referralId: 'x' } }),
    ).toBe('閲覧しました');
  });

  it('says a plural by the count the server sent, with or without a variant', () => {
    const sent = (count: number) =>
      timelineText(english, {
        kind: 'referrals_sent',
        summary: `訪問看護の紹介を${count}件送りました`,
        details: { role: 'visiting_nurse', count, names: ['A'] },
      });
    const nurse = enCases.codes.teamRole.visiting_nurse;
    expect(sent(1)).toBe(`Sent 1 referral for ${nurse} (A)`);
    expect(sent(3)).toBe(`Sent 3 referrals for ${nurse} (A)`);
    const offer = (count: number) =>
      notificationText(english, {
        kind: 'waitlist_offer',
        title: '…',
        body: '…',
        params: { variant: 'proposal', organizationName: 'A', role: 'visiting_nurse', count, dates: ['2026-12-01'] },
      }).title;
    expect(offer(1)).toBe(`A is accepting again: proposal for ${nurse} (1 patient)`);
    expect(offer(2)).toBe(`A is accepting again: proposal for ${nurse} (2 patients)`);
    // A text without plural forms is used whatever the count.
    expect(
      timelineText(english, {
        kind: 'acute_event',
        summary: '…',
        details: { parts: ['calls'], count: 1, occurredAt: '2026-12-01T21:05:00+09:00' },
      }),
    ).toMatch(/: 1 contacted$/);
  });

  it("renders a case consultation's generated subject, keeps a typed one and an unknown code's Japanese", () => {
    const generated = {
      subject: '退院調整の相談（岡山中央病院）',
      subjectCode: 'case_discharge',
      subjectParams: { hospitalName: '岡山中央病院' },
    };
    expect(consultationSubjectText(english, generated)).toBe('Discharge coordination consultation (岡山中央病院)');
    expect(consultationSubjectText(japanese, generated)).toBe('退院調整の相談（岡山中央病院）');
    expect(
      consultationSubjectText(english, { subject: '在宅酸素の相談', subjectCode: null, subjectParams: null }),
    ).toBe('在宅酸素の相談');
    expect(consultationSubjectText(english, { subject: '古い件名' })).toBe('古い件名');
    expect(
      consultationSubjectText(english, { subject: '新しい件名', subjectCode: 'brand_new', subjectParams: {} }),
    ).toBe('新しい件名');
    expect(
      consultationSubjectText(english, {
        subject: '退院調整の相談（X）',
        subjectCode: 'case_discharge',
        subjectParams: {},
      }),
    ).toBe('退院調整の相談（X）');
    // The notifications that name a case's consultation say the subject too (variant `case`).
    expect(
      notificationText(english, {
        kind: 'consultation_new',
        title: '相談に返信がありました',
        body: '退院調整の相談（X病院）',
        params: { variant: 'reply_case', subject: '退院調整の相談（X病院）', hospitalName: 'X病院' },
      }),
    ).toEqual({ title: 'A consultation got a reply', body: 'Discharge coordination consultation (X病院)' });
  });

  it('renders the pair suggestions: the rule and why a clinic got no partner, with the distance', () => {
    expect(
      unpairedPairReasonText(english, {
        reason: 'none_within_distance',
        message: '指定した距離の範囲に、ペアになれる診療所がありません',
        params: { maxDistanceKm: 8, maxPairsPerClinic: 2, nearestKm: 16.2 },
      }),
    ).toBe('No clinic that can be its partner within 8 km');
    expect(
      unpairedPairReasonText(english, {
        reason: 'partners_at_limit',
        message: '範囲内の診療所は、すべてペア数の上限に達しています',
        params: { maxDistanceKm: 2, maxPairsPerClinic: 1, nearestKm: 1.2 },
      }),
    ).toBe('Every clinic within 2 km already has the most pairs allowed (1)');
    expect(unpairedPairReasonText(english, { reason: 'none_within_distance', message: '古い理由' })).toBe('古い理由');
    expect(unpairedPairReasonText(english, { reason: 'brand_new', message: '新しい理由', params: {} })).toBe(
      '新しい理由',
    );
    expect(pairRuleText(english, { rule: '在宅患者を…', ruleCode: 'wants_partner' })).toMatch(
      /^Clinics that take home/,
    );
    expect(pairRuleText(english, { rule: '在宅患者を…' })).toBe('在宅患者を…');
    expect(pairRuleText(japanese, { rule: '在宅患者を…', ruleCode: 'wants_partner' })).toBe('在宅患者を…');
  });

  it("renders an area's composed name, and a ward's name in the language shown", () => {
    const city = { areaName: '岡山市全体', areaNameCode: 'city_whole', areaNameParams: { name: '岡山市' } };
    expect(areaNameText(english, city)).toBe('Okayama City (whole city)');
    expect(areaNameText(japanese, city)).toBe('岡山市全体');
    expect(areaNameText(english, { areaName: '岡山市北区', areaNameCode: null, areaNameParams: null })).toBe(
      'Kita Ward, Okayama City',
    );
    expect(areaNameText(japanese, { areaName: '岡山市北区', areaNameCode: null, areaNameParams: null })).toBe(
      '岡山市北区',
    );
    expect(areaNameText(english, { areaName: '岡山市全体', areaNameCode: 'city_whole', areaNameParams: null })).toBe(
      '岡山市全体',
    );
  });

  it("renders a data source's own labels, licence and date by its id, and keeps the licence's 出典 words", () => {
    const manual = { id: 'manual', attribution: '利用者が登録した情報', license: null, asOf: null };
    expect(dataSourceText(english, manual)).toEqual({
      attribution: 'Information registered by users',
      license: null,
      asOf: null,
      note: null,
      named: null,
    });
    expect(dataSourceText(japanese, manual).attribution).toBe('利用者が登録した情報');
    const demo = {
      id: 'demo',
      attribution: 'デモ用の参考データ（要確認）',
      license: 'デモ用（実在の公的機関の所在地・連絡先は要確認）',
      asOf: null,
    };
    expect(dataSourceText(english, demo)).toMatchObject({
      attribution: 'Demo reference data (to be confirmed)',
      license: 'Demo use (check the addresses and contacts of real public bodies)',
    });
    const attribution = '出典：「介護サービス情報公表システム オープンデータ」（厚生労働省）を加工して作成';
    const note = '訪問看護と居宅介護支援の事業所は、…（中間加工）から取り込んでいます。';
    const kaigo = { id: 'kaigo-derived', attribution, license: 'CC BY 4.0', asOf: '2025-12', note };
    expect(dataSourceText(english, kaigo)).toEqual({
      attribution,
      license: 'CC BY 4.0',
      asOf: 'Dec 2025',
      note: expect.stringContaining('intermediate processing'),
      named: { publisher: 'Ministry of Health, Labour and Welfare', title: expect.stringContaining('open data') },
    });
    expect(dataSourceText(japanese, kaigo)).toEqual({
      attribution,
      license: 'CC BY 4.0',
      asOf: '2025年12月',
      note,
      named: null,
    });
    // A day is written without its weekday: 「2021年1月1日」, not 「2021年1月1日(金)」.
    const boundaries = {
      id: 'geo-boundaries',
      attribution: '出典：「国土数値情報（行政区域データ）」（国土交通省）を加工して作成',
      license: '政府標準利用規約 (CC BY 4.0 互換)',
      asOf: '2021-01-01',
    };
    expect(dataSourceText(japanese, boundaries).asOf).toBe('2021年1月1日');
    expect(dataSourceText(english, boundaries)).toMatchObject({
      asOf: '1 Jan 2021',
      license: 'Government of Japan Standard Terms of Use (compatible with CC BY 4.0)',
    });
    // A source the web does not know keeps the server's words.
    expect(
      dataSourceText(english, {
        id: 'unknown',
        attribution: '新しい出典',
        license: '独自',
        asOf: '令和7年',
        note: '注記',
      }),
    ).toEqual({
      attribution: '新しい出典',
      license: '独自',
      asOf: '令和7年',
      note: '注記',
      named: null,
    });
  });

  it('has English names for every public data source the server lists', () => {
    const sources = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../../data/okayama/sources.json'), 'utf8'),
    ) as { id: string; note: string | null }[];
    const names = enServerText.dataSources as Record<string, { publisher?: string; title?: string; note?: string }>;
    for (const source of sources.filter((candidate) => !['manual', 'demo'].includes(candidate.id))) {
      expect(names[source.id]?.publisher, source.id).toBeTruthy();
      expect(names[source.id]?.title, source.id).toBeTruthy();
      if (source.note) expect(names[source.id]?.note, source.id).toBeTruthy();
    }
  });

  it('renders age bands', () => {
    expect(ageBandText(english, '70代')).toBe('70s');
    expect(ageBandText(english, '0〜4歳')).toBe('age 0–4');
    expect(ageBandText(english, '100歳以上')).toBe('100 and over');
    expect(ageBandText(english, '不明')).toBe('不明');
  });
});

describe('API errors in English', () => {
  it('says the top line by its code, and keeps the Japanese in Japanese or for an unknown code', () => {
    const error = { code: 'version_conflict', message: '他の利用者がこのデータを更新しました（現在の版: 4）。' };
    expect(apiErrorText(english, error)).toBe(
      'Someone else updated this record in the meantime. Reload it to see the latest version.',
    );
    expect(apiErrorText(japanese, error)).toBe(error.message);
    expect(apiErrorText(english, { code: 'some_new_code', message: '新しいエラー' })).toBe('新しいエラー');
  });

  it('says the top line by the reason where the error has one (the contract code stays general)', () => {
    const filled = { code: 'invalid_transition', reason: 'role_filled', message: '「主治医」は既に決まっています。' };
    expect(apiErrorText(english, filled)).toBe('This role of the team is already filled.');
    expect(apiErrorText(japanese, filled)).toBe(filled.message);
    const wrongPassword = { code: 'unauthenticated', reason: 'invalid_credentials', message: '正しくありません。' };
    expect(apiErrorText(english, wrongPassword)).toBe('The email address or password is not correct.');
  });

  it('says a field error by its zod code and bounds, a refine message as it is', () => {
    const tooShort = {
      path: 'password',
      message: '小さすぎる値: 13文字以上である必要があります',
      code: 'field_too_small',
      params: { minimum: 13, variant: 'string' },
    };
    expect(apiErrorDetailText(english, tooShort)).toBe('Too short: at least 13 characters.');
    expect(apiErrorDetailText(japanese, tooShort)).toBe(tooShort.message);
    expect(
      apiErrorDetailText(english, {
        path: 'groups.0',
        message: '無効な選択肢',
        code: 'field_invalid_value',
        params: { values: 'elderly, cancer' },
      }),
    ).toBe('Not one of the allowed values: elderly, cancer.');
    expect(apiErrorDetailText(english, { path: 'on', message: '未来の日付は指定できません。' })).toBe(
      '未来の日付は指定できません。',
    );
  });

  it('says why a roster cannot be made, with the month and the variant the server chose', () => {
    expect(
      apiErrorDetailText(english, {
        path: '2026-05-01',
        message: '…',
        code: 'monthly_capacity',
        params: { month: '2026-05', count: 31, maxPerMonth: 2, matched: 24 },
      }),
    ).toBe(
      'In May 2026, at most 24 of the 31 duties can be assigned under the cap of 2 per clinic and the declared unavailability. Raise the cap or add clinics.',
    );
    expect(
      apiErrorDetailText(english, {
        path: '2026-05-03/holiday_night',
        message: '…',
        code: 'search_failed',
        params: { date: '2026-05-03', shift: 'holiday_night', minDays: 7, maxPerMonth: 2, variant: 'open' },
      }),
    ).toMatch(/^Sun, 3 May 2026, Holiday night could not be filled: .*A roster may still exist/);
  });
});

describe('every code the server can emit has an English entry', () => {
  it.each([
    ['candidate reasons', 'reasons', candidateReasonCodes],
    ['escalation reasons', 'escalation', escalationReasonCodes],
    ['escalation notes', 'escalationNotes', escalationNoteCodes],
    ['unassigned reasons', 'unassigned', unassignedReasonCodes],
    ['timeline entries', 'timeline', caseEventKinds],
    ['consultation subjects', 'consultationSubjects', consultationSubjectCodes],
    ['reasons a clinic got no pair partner', 'pairs.unpaired', unpairedPairReasonCodes],
    ['pair suggestion rules', 'pairs.rule', pairRuleCodes],
    ['composed area names', 'areaNames', areaNameCodes],
  ] as const)('%s', (_name, group, codes) => {
    expect(codes.filter((code) => !hasEntry(`${group}.${code}`))).toEqual([]);
  });

  it('API errors (a sentence for each code)', () => {
    expect(errorCodes.filter((code) => !hasEntry(`errors.${code}`))).toEqual([]);
  });

  it('notifications (a title for each kind)', () => {
    expect(notificationKinds.filter((kind) => !hasEntry(`notifications.${kind}.title`))).toEqual([]);
    expect(notificationKinds.filter((kind) => !hasEntry(`notifications.${kind}.body`))).toEqual([]);
  });

  it("data sources: every label of Renkei's own, every licence and every date not written as a date", () => {
    type Source = { id: string; attribution: string; license: string | null; asOf: string | null };
    const file = join(import.meta.dirname, '../../../data/okayama/sources.json');
    const sources = [
      { id: 'manual', attribution: '利用者が登録した情報', license: null, asOf: null },
      ...(JSON.parse(readFileSync(file, 'utf8')) as Source[]),
    ];
    const japaneseText = /[\u3040-\u30ff\u3400-\u9fff（）]/;
    const missing = sources.flatMap((source) => [
      // The 出典 lines are the licences' required words: they stay Japanese.
      ...(source.attribution.startsWith('出典') || hasEntry(`dataSources.${source.id}.attribution`)
        ? []
        : [`${source.id}.attribution`]),
      ...(source.license && japaneseText.test(source.license) && !hasEntry(`dataSources.${source.id}.license`)
        ? [`${source.id}.license`]
        : []),
      ...(source.asOf && !/^\d{4}-\d{2}(-\d{2})?$/.test(source.asOf) && !hasEntry(`dataSources.${source.id}.asOf`)
        ? [`${source.id}.asOf`]
        : []),
    ]);
    expect(missing).toEqual([]);
  });
});
