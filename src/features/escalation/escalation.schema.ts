/**
 * Schemas of the emergency chain (CONTRACT §3 "Load sharing and emergencies"): the escalation of
 * a case at a moment, the emergency contact card, acute events and their per-area summary,
 * backup hospitals and the per-area wait times.
 */
import { z } from 'zod';
import { PageQuery } from '../../platform/pagination.js';
import { hospitalFunctions } from '../../domain/codes.js';
import { escalationRoles } from '../../domain/escalation/escalation.js';
import { escalationNoteCodes, escalationReasonCodes } from '../../domain/server-text.js';
import { TextParamsSchema } from '../../platform/text-params.js';

const inRange = (value: string) => value.slice(0, 4) >= '2000' && value.slice(0, 4) <= '2100';
const isoDateTime = z.iso
  .datetime({ offset: true, message: '日時は ISO 8601（例: 2026-05-03T22:00:00+09:00）で指定してください。' })
  .refine(inRange, '2000年〜2100年の日時を指定してください。');
const isoDate = z.iso
  .date('日付は YYYY-MM-DD で指定してください。')
  .refine(inRange, '2000年〜2100年の日付を指定してください。');
const areaCode = z.string().regex(/^\d{5,6}$/, '地域コードは5桁（区）または6桁です。');

export const CaseParams = z.object({ id: z.uuid('ID の形式が正しくありません。') });
export const AreaParams = z.object({ areaCode });

export const conditions = ['acute', 'non_acute'] as const;

export const EscalationQuery = z.object({
  at: isoDateTime.optional().describe('この時点の連絡順（省略時は現在）'),
  condition: z
    .enum(conditions)
    .default('acute')
    .describe('acute（急性の変化: 急性期の後方支援病院を先に）・non_acute（回復期などを先に）'),
});

const Organization = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  phone: z.string().nullable(),
});

export const EscalationStep = z.object({
  order: z.number().int().describe('呼ぶ順番（1から）'),
  role: z.enum(escalationRoles),
  roleLabel: z.string(),
  organization: Organization.nullable().describe('119 のときは null'),
  phone: z.string().nullable(),
  reason: z.string().describe('この順番にいる理由'),
  reasonCode: z.enum(escalationReasonCodes).describe('理由のコード（英語表示用）'),
  reasonParams: TextParamsSchema,
  waitMinutes: z
    .number()
    .int()
    .nullable()
    .describe('応答を待つ時間（分）。過ぎたら次へ（電話番号のない相手は、番号が分かったときの待ち時間）。最後は null'),
  source: z.enum(['team', 'pair', 'roster', 'area_backup', 'emergency']),
  phoneMissing: z
    .boolean()
    .describe(
      '電話番号が未登録。順番はそのまま（主治医 → 副主治医 → 当番医 → 後方支援病院 → 119）で、番号の登録・手書きでの記入が必要',
    ),
  /** For the on-duty step: which rotation and which duty. */
  duty: z
    .object({
      groupId: z.string(),
      groupName: z.string(),
      rosterId: z.string(),
      date: z.string(),
      shift: z.string(),
      shiftLabel: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
    })
    .nullable(),
  /** For a backup hospital: its function and whether it said it cannot admit for now. */
  hospitalFunction: z.string().nullable(),
  isDemoProfile: z.boolean().describe('後方支援病院の指定・病院の機能がデモ用の値'),
});

export const EscalationResponse = z.object({
  caseId: z.string(),
  at: z.string(),
  condition: z.enum(conditions),
  areaCode: z.string().nullable(),
  areaName: z.string().nullable(),
  dayKind: z.string().describe('working_day・saturday・sunday・national_holiday・year_end'),
  holidayName: z.string().nullable(),
  steps: z.array(EscalationStep),
  skipped: z.array(
    z.object({
      role: z.enum(escalationRoles),
      organization: Organization,
      reason: z.string(),
      reasonCode: z.enum(escalationReasonCodes),
      reasonParams: TextParamsSchema,
    }),
  ),
  notes: z.array(z.string()),
  noteDetails: z
    .array(z.object({ code: z.enum(escalationNoteCodes), params: TextParamsSchema, text: z.string() }))
    .describe('notes と同じ内容をコードと値で（英語表示用）'),
  generatedAt: z.string(),
});

export const CardQuery = z.object({
  size: z.enum(['a4', 'card']).default('a4').describe('a4（A4 1枚）・card（名刺大 91×55mm、表裏2ページ）'),
  at: isoDateTime.optional().describe('基準日時（省略時は現在）。当番表はこの日から載せます'),
  condition: z.enum(conditions).default('acute'),
});

export const acuteCallOutcomes = [
  'advice',
  'home_visit',
  'admission_arranged',
  'referred_next',
  'no_answer',
  'other',
] as const;

export const AcuteCall = z.strictObject({
  order: z.number().int().min(1).max(20).describe('呼んだ順番'),
  role: z.enum(escalationRoles).describe('呼んだ相手の役割'),
  organizationId: z.uuid().nullable().optional().describe('呼んだ組織（119 のときは省略）'),
  calledAt: isoDateTime.optional().describe('電話をかけた時刻'),
  answered: z.boolean().describe('応答があったか'),
  answeredAfterMinutes: z
    .number()
    .min(0, '応答までの時間は0分以上です。')
    .max(1440)
    .optional()
    .describe('応答までの時間（分）'),
  outcome: z.enum(acuteCallOutcomes).optional().describe('対応（助言・往診・入院手配・次へ・応答なし・その他）'),
  note: z.string().trim().max(500).optional(),
});
export type AcuteCall = z.infer<typeof AcuteCall>;

export const CreateAcuteEventRequest = z.strictObject({
  occurredAt: isoDateTime.describe('急変に気づいた時刻'),
  calls: z.array(AcuteCall).min(1, '連絡した相手を1件以上入力してください。').max(20),
  admitted: z.boolean().describe('後方支援病院に入院したか'),
  admittedHospitalId: z.uuid().nullable().optional().describe('入院した病院'),
  note: z.string().trim().max(2000).optional().describe('経過のメモ'),
});
export type CreateAcuteEventRequest = z.infer<typeof CreateAcuteEventRequest>;

export const AcuteEventListQuery = PageQuery;

export const AcuteEventAnalyticsQuery = z.object({
  from: isoDate.optional().describe('期間の初日（省略時は1年前）'),
  to: isoDate.optional().describe('期間の最終日（省略時は今日）'),
  areaCode: areaCode.optional().describe('区（省略時はすべて）'),
});

export const BackupHospitalQuery = PageQuery.extend({
  areaCode: areaCode.optional().describe('この地域を受け持つ病院だけ'),
  function: z.enum(hospitalFunctions).optional().describe('病院の機能'),
  at: isoDateTime.optional().describe('受け入れ可否を判断する時点（省略時は現在）'),
});

const waitMinutes = z.number().int().min(0, '0分以上です。').max(120, '120分以内にしてください。');

export const EscalationSettingsRequest = z.strictObject({
  waitMinutes: z
    .strictObject({
      primary_doctor: waitMinutes.optional(),
      secondary_doctor: waitMinutes.optional(),
      on_duty: waitMinutes.optional(),
      backup_hospital: waitMinutes.optional(),
    })
    .describe('役割ごとの応答待ち時間（分）。省略した役割は既定値'),
});
export type EscalationSettingsRequest = z.infer<typeof EscalationSettingsRequest>;

const NamedOrganization = z.object({ id: z.string(), name: z.string() });

/** An acute event as recorded (acute-event.service.ts presentEvent). */
export const AcuteEventResponse = z.object({
  id: z.string(),
  caseId: z.string(),
  occurredAt: z.string(),
  calls: z.array(
    z.object({
      order: z.number().int(),
      role: z.enum(escalationRoles),
      roleLabel: z.string(),
      organization: NamedOrganization.nullable().describe('119 のときは null'),
      calledAt: z.string().nullable(),
      answered: z.boolean(),
      answeredAfterMinutes: z.number().nullable(),
      outcome: z.string().nullable().describe(acuteCallOutcomes.join('・')),
      note: z.string().nullable(),
    }),
  ),
  respondedBy: z
    .object({
      role: z.enum(escalationRoles),
      roleLabel: z.string(),
      organizationId: z.string().nullable(),
      answeredAfterMinutes: z.number().nullable(),
    })
    .nullable()
    .describe('最初に応答した相手（119 を除く）'),
  admitted: z.boolean(),
  admittedHospital: NamedOrganization.nullable(),
  reached119: z.boolean(),
  note: z.string().nullable(),
  areaCode: z.string().nullable(),
  recordedByOrganizationId: z.string().nullable(),
  createdAt: z.string(),
});

export const AcuteEventListResponse = z.object({
  items: z.array(AcuteEventResponse),
  nextCursor: z.string().nullable(),
});

const AcuteEventAreaSummary = z.object({
  areaCode: z.string().nullable().describe('全体の行は null'),
  areaName: z.string().nullable(),
  events: z.number().int().nullable().describe('急変の件数（10件未満は null）'),
  responded: z.number().int().nullable(),
  respondedBy: z.record(z.string(), z.number().int().nullable()).describe('最初に応答した役割ごとの件数'),
  admissions: z.number().int().nullable(),
  reached119: z.number().int().nullable(),
  medianMinutesToAnswer: z.number().nullable(),
  isSuppressed: z.boolean(),
});

export const AcuteEventSummaryResponse = z.object({
  from: z.string(),
  to: z.string(),
  suppressBelow: z.number().int(),
  suppressionNote: z.string(),
  areas: z.array(AcuteEventAreaSummary),
  total: AcuteEventAreaSummary,
});

export const BackupHospitalListResponse = z.object({
  at: z.string().describe('受け入れ可否を判断した時点'),
  items: z.array(
    z.object({
      organization: z.object({
        id: z.string(),
        name: z.string(),
        kind: z.string(),
        phone: z.string().nullable(),
        address: z.string(),
        areaCode: z.string().nullable(),
        areaName: z.string().nullable(),
        lat: z.number().nullable(),
        lng: z.number().nullable(),
      }),
      hospitalFunction: z.string().nullable(),
      functionLabel: z.string(),
      isDemoProfile: z.boolean(),
      areas: z.array(z.object({ code: z.string(), name: z.string() })).describe('受け持つ地域'),
      unavailableUntil: z.string().nullable(),
      unavailableNote: z.string().nullable(),
      isAdmitting: z.boolean(),
      updatedAt: z.string(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

const WaitMinutes = z.object({
  primary_doctor: z.number(),
  secondary_doctor: z.number(),
  on_duty: z.number(),
  backup_hospital: z.number(),
  emergency_119: z.number(),
});

export const EscalationSettingResponse = z.object({
  areaCode: z.string(),
  areaName: z.string().nullable(),
  waitMinutes: WaitMinutes.describe('役割ごとの応答待ち時間（分）'),
  updatedAt: z.string(),
});

export const EscalationSettingsResponse = z.object({
  defaults: WaitMinutes,
  items: z.array(EscalationSettingResponse),
});
