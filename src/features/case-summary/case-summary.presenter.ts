/** Case, team, welfare links and next conference → the labelled blocks of the discharge summary. */
import type { PatientGroup, Procedure, TeamRole } from '../../domain/codes.js';
import { patientGroupLabels, procedureLabels, teamRoleLabels } from '../../domain/labels.js';
import {
  careLevelLabels,
  consentScopeLabels,
  difficultyReasonLabels,
  outcomeLabels,
  placeLabels,
  welfareIssueLabels,
  type CareLevel,
  type ConsentScope,
  type DifficultyReason,
  type Place,
  type WelfareIssue,
} from '../../domain/cases/case-codes.js';
import { caseStatusLabels, type CaseStatus } from '../../domain/cases/case-state.js';
import { filledBy } from '../../domain/cases/team-roles.js';
import { welfareLinkStatusLabels } from '../../domain/cases/welfare-link-state.js';
import { ageOn } from '../../domain/cases/minimum-necessary.js';
import type { CaseRow } from '../cases/case.repository.js';
import { outcomeMatchesWish } from '../cases/case.presenter.js';
import type { WelfareLinkResponse } from '../welfare-links/welfare-link.schema.js';
import type { DischargeSummaryDocument, SummaryRow } from './summary-pdf.js';
import { japaneseDate, japaneseDateTime } from '../../platform/time.js';
import { dataSource } from '../../platform/data-sources.js';

export const sensitiveDataNotice = '要配慮個人情報を含みます。取り扱いに注意してください。';

const sexLabels: Record<string, string> = { female: '女性', male: '男性', other: 'その他', unknown: '不明' };
const livingSituationLabels: Record<string, string> = {
  alone: '独居',
  with_family: '家族と同居',
  elderly_couple: '高齢者のみの世帯',
  facility: '施設',
  other: 'その他',
};
const givenByLabels: Record<string, string> = { patient: '本人', family: '家族', guardian: '後見人' };
const routeLabels: Record<string, string> = {
  direct: '病院が直接調整',
  center: '地域ケア総合推進センターに相談',
};
const jstOffsetMs = 9 * 60 * 60 * 1000;

function list(values: readonly string[]): string {
  return values.join('、');
}

export type SummaryInput = {
  caseRow: CaseRow;
  today: string;
  generatedAt: Date;
  hospitalPhone: string | null;
  /** Who at the hospital handles the case (its liaison), or null. */
  hospitalStaffName: string | null;
  pastHospitalNames: string[];
  team: {
    role: string;
    organizationName: string;
    phone: string | null;
    professionalPhone: string | null;
    since: Date;
    /** Where the organisation's name and phone come from (data/okayama/sources.json id). */
    source: string;
  }[];
  welfareLinks: WelfareLinkResponse[];
  /** The conferences held, oldest first, with their minutes. */
  heldConferences: { schedule: string; participantNames: string[]; minutes: string | null }[];
  nextConference: {
    schedule: string;
    place: string | null;
    onlineUrl: string | null;
    participantNames: string[];
  } | null;
};

/** 「 — 本人の希望「自宅」と一致」, or nothing when no wish was stated (or it was 「未定」). */
function outcomeWishWords(row: Pick<CaseRow, 'outcome' | 'acp'>): string {
  const matches = outcomeMatchesWish(row);
  if (matches === null) return '';
  const acp = (row.acp ?? {}) as { preferredPlaceOfCare?: Place; preferredPlaceOfDeath?: Place };
  const wish = row.outcome?.startsWith('died') ? acp.preferredPlaceOfDeath : acp.preferredPlaceOfCare;
  return wish ? ` — 本人の希望「${placeLabels[wish]}」と${matches ? '一致' : '不一致'}` : '';
}

export function presentSummary(input: SummaryInput): DischargeSummaryDocument {
  const { caseRow: row } = input;
  const keyPerson = row.keyPerson;
  const acp = (row.acp ?? {}) as { preferredPlaceOfCare?: Place; preferredPlaceOfDeath?: Place; note?: string };
  const consent = row.consent as {
    scope?: ConsentScope[];
    recordedBy?: string;
    givenBy?: string;
    recordedAt?: string;
    note?: string;
  };
  // 福祉窓口 is filled by an acknowledged welfare link, as on the team view.
  const filled = new Set(filledBy(input.team, input.welfareLinks));
  const openRoles = (row.neededRoles as TeamRole[]).filter((role) => !filled.has(role));
  const patientRows: SummaryRow[] = [
    { label: '氏名', value: `${row.patientName}（${row.patientNameKana}）` },
    {
      label: '生年月日・年齢',
      half: true,
      value: `${japaneseDate(row.birthDate, { withWeekday: false })}（${ageOn(row.birthDate, input.today)}歳）`,
    },
    { label: '性別', half: true, value: sexLabels[row.sex] ?? row.sex },
    { label: '住所', value: row.address },
    { label: '電話', half: true, value: row.phone ?? '' },
    {
      label: 'キーパーソン',
      half: true,
      value: keyPerson
        ? `${keyPerson.name}${keyPerson.relationship ? `（${keyPerson.relationship}）` : ''}${keyPerson.phone ? `\u3000${keyPerson.phone}` : ''}`
        : 'なし',
    },
  ];
  const dischargeRows: SummaryRow[] = [
    {
      label: '病院',
      value: `${row.hospitalName}${input.hospitalPhone ? `\u3000${input.hospitalPhone}` : ''}${
        input.pastHospitalNames.length > 0 ? `（転院元: ${list(input.pastHospitalNames)}）` : ''
      }`,
    },
    ...(input.hospitalStaffName ? [{ label: '病院の担当者', value: input.hospitalStaffName }] : []),
    { label: '入院日', half: true, value: japaneseDate(row.admissionDate) },
    { label: '退院予定日', half: true, value: japaneseDate(row.plannedDischargeDate) },
    ...(row.dischargedOn ? [{ label: '退院日', value: japaneseDate(row.dischargedOn) }] : []),
    ...(row.outcome
      ? [
          {
            label: '退院後の転帰',
            value: `${outcomeLabels[row.outcome as keyof typeof outcomeLabels]}${row.outcomeOn ? `（${japaneseDate(row.outcomeOn)} 確認）` : ''}${outcomeWishWords(row)}`,
          },
        ]
      : []),
    {
      label: '状態・調整の方法',
      value: `${caseStatusLabels[row.status as CaseStatus]}${row.route ? `（${routeLabels[row.route] ?? row.route}）` : ''}`,
    },
  ];
  if (row.difficulty.length > 0)
    dischargeRows.push({
      label: '調整が難しい理由',
      value: `${list(row.difficulty.map((reason) => difficultyReasonLabels[reason as DifficultyReason]))}${row.difficultyNote ? `\n${row.difficultyNote}` : ''}`,
    });
  const careRows: SummaryRow[] = [
    { label: '主病名・入院の理由', value: row.diagnosis ?? '未記入' },
    { label: '介護度', half: true, value: careLevelLabels[row.careLevel as CareLevel] },
    { label: '対象', half: true, value: list(row.groups.map((group) => patientGroupLabels[group as PatientGroup])) },
    {
      label: '医療処置',
      value: list(row.procedures.map((procedure) => procedureLabels[procedure as Procedure])) || 'なし',
    },
  ];
  const livingRows: SummaryRow[] = [
    {
      label: '生活状況',
      half: true,
      value: row.livingSituation ? (livingSituationLabels[row.livingSituation] ?? '') : '未記入',
    },
    {
      label: '福祉的課題',
      half: true,
      value: list(row.welfareIssues.map((issue) => welfareIssueLabels[issue as WelfareIssue])) || 'なし',
    },
    {
      label: '福祉の連携',
      value:
        input.welfareLinks
          .map((link) => `${link.organization.name}（${welfareLinkStatusLabels[link.status]}）`)
          .join('、') || 'なし',
    },
  ];
  const acpRows: SummaryRow[] = [
    {
      label: '療養したい場所',
      half: true,
      value: acp.preferredPlaceOfCare ? placeLabels[acp.preferredPlaceOfCare] : '未確認',
    },
    {
      label: '最期を迎えたい場所',
      half: true,
      value: acp.preferredPlaceOfDeath ? placeLabels[acp.preferredPlaceOfDeath] : '未確認',
    },
  ];
  if (acp.note) acpRows.push({ label: 'メモ', value: acp.note });
  const consentRows: SummaryRow[] = [
    { label: '共有の範囲', value: list((consent.scope ?? []).map((scope) => consentScopeLabels[scope])) || 'なし' },
    {
      label: '同意した人',
      half: true,
      value: consent.givenBy ? (givenByLabels[consent.givenBy] ?? consent.givenBy) : '未記入',
    },
    { label: '確認した職員', half: true, value: consent.recordedBy ?? '' },
    {
      label: '記録日時',
      value: consent.recordedAt ? japaneseDateTime(new Date(consent.recordedAt)) : '',
    },
  ];
  if (consent.note) consentRows.push({ label: 'メモ', value: consent.note });
  const conference = input.nextConference;
  const conferenceRows: SummaryRow[] = conference
    ? [
        { label: '日時', half: true, value: conference.schedule },
        { label: '場所', half: true, value: conference.place ?? '（オンラインのみ）' },
        ...(conference.onlineUrl ? [{ label: 'オンライン', value: conference.onlineUrl }] : []),
        { label: '参加', value: list(conference.participantNames) },
      ]
    : [{ label: '日時', value: 'まだ設定されていません' }];
  // Held conferences, each with its minutes: what was agreed is what the team works from at home.
  const heldBlocks: DischargeSummaryDocument['blocks'] = input.heldConferences.map((held, index) => ({
    title:
      input.heldConferences.length > 1
        ? `開催した退院時カンファレンス（${index + 1}）`
        : '開催した退院時カンファレンス',
    rows: [
      { label: '日時', value: held.schedule },
      { label: '参加', value: list(held.participantNames) || 'なし' },
      { label: '議事録', value: held.minutes ?? '未記録' },
    ],
  }));
  const blocks: DischargeSummaryDocument['blocks'] = [
    { title: '患者', rows: patientRows },
    { title: '入院・退院', rows: dischargeRows },
    { title: '介護度・対象・医療処置', rows: careRows },
    { title: '生活状況と福祉', rows: livingRows },
    { title: '本人の希望（ACP・人生会議）', rows: acpRows },
    { title: '情報共有の同意', rows: consentRows },
    {
      title: '在宅チーム',
      columns: [
        { label: '役割', width: 95 },
        { label: '事業所', width: 205 },
        { label: '電話', width: 105 },
        { label: '参加日', width: 100 },
      ],
      rows: input.team.map((member) => [
        teamRoleLabels[member.role as TeamRole],
        member.organizationName,
        member.professionalPhone ?? member.phone ?? '',
        japaneseDate(new Date(member.since.getTime() + jstOffsetMs).toISOString().slice(0, 10), { withWeekday: false }),
      ]),
      note: list(openRoles.map((role) => teamRoleLabels[role])) || 'なし（すべて決定）',
    },
    ...heldBlocks,
    // After the discharge there is no next conference to announce.
    ...(row.dischargedOn && !conference ? [] : [{ title: '次回の退院時カンファレンス', rows: conferenceRows }]),
  ];
  if (row.note) blocks.push({ title: '備考', rows: [{ label: 'メモ', value: row.note }] });
  // The team's names and phones may come from public data: their 出典, as the licences require.
  const attributions = [...new Set(input.team.map((member) => dataSource(member.source).attribution))];
  return {
    title: '退院支援サマリー',
    hospitalName: row.hospitalName,
    generatedAtText: japaneseDateTime(input.generatedAt),
    blocks,
    footerNotice: sensitiveDataNotice,
    sourceNote: attributions.length > 0 ? `チームの名称・連絡先について — ${attributions.join(' ／ ')}` : null,
  };
}
