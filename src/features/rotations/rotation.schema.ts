/** Schemas of rotation groups, rosters and swaps (CONTRACT §3 "Load sharing and emergencies"). */
import { z } from 'zod';
import { PageQuery } from '../../platform/pagination.js';
import { shiftKinds } from '../../domain/roster/roster-types.js';
import { rosterStatuses, swapStatuses } from '../../domain/roster/roster-state.js';

const isoDate = z.iso
  .date('日付は YYYY-MM-DD で指定してください。')
  .refine((value) => value >= '2000-01-01' && value <= '2100-12-31', '2000年〜2100年の日付を指定してください。');
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '時刻は HH:MM（24時間）で指定してください。');
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '月日は MM-DD で指定してください。');
const weekday = z.number().int().min(0, '曜日は 0（日）〜6（土）です。').max(6, '曜日は 0（日）〜6（土）です。');
const shift = z.enum(shiftKinds).describe('weeknight（平日夜間）・holiday_day（休日日中）・holiday_night（休日夜間）');

export const IdParams = z.object({ id: z.uuid('ID の形式が正しくありません。') });
export const MemberParams = z.object({ id: z.uuid(), organizationId: z.uuid() });
export const SwapParams = z.object({ id: z.uuid(), swapId: z.uuid() });
export const DutyParams = z.object({ id: z.uuid(), dutyId: z.uuid() });

export const RosterSettingsInput = z.strictObject({
  minDaysBetweenDuties: z.number().int().min(0).max(31).optional().describe('同じ診療所の当番の間隔（日）の最小'),
  maxDutiesPerMonth: z.number().int().min(1).max(31).optional().describe('1か月の当番回数の上限'),
  shiftWeights: z
    .strictObject({
      weeknight: z.number().min(0.1).max(10),
      holiday_day: z.number().min(0.1).max(10),
      holiday_night: z.number().min(0.1).max(10),
    })
    .optional()
    .describe('当番の負担の重み（休日夜間を最も重く）'),
  includeNationalHolidays: z.boolean().optional().describe('祝日（振替休日・国民の休日を含む）を休日とする'),
  yearEnd: z
    .strictObject({ isEnabled: z.boolean(), fromMonthDay: monthDay, toMonthDay: monthDay })
    .optional()
    .describe('年末年始（既定 12-29〜01-03）'),
  times: z
    .strictObject({ dayStart: time, nightStart: time, workdayMorning: time })
    .optional()
    .describe('休日日中の開始・夜間の開始・平日朝の終了'),
});
export type RosterSettingsInput = z.infer<typeof RosterSettingsInput>;

export const CreateRotationGroupRequest = z.strictObject({
  name: z.string().trim().min(1, 'グループ名を入力してください。').max(100).describe('グループ名（例: 北区東部 輪番）'),
  areaCode: z
    .string()
    .regex(/^\d{5}$/, '地域コードは5桁です。')
    .describe('地域（区）のコード'),
  memberOrganizationIds: z
    .array(z.uuid())
    .min(1, '診療所を1つ以上選んでください。')
    .max(200)
    .describe('参加する診療所'),
  settings: RosterSettingsInput.optional(),
});
export type CreateRotationGroupRequest = z.infer<typeof CreateRotationGroupRequest>;

export const UpdateRotationGroupRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    areaCode: z
      .string()
      .regex(/^\d{5}$/)
      .optional(),
    memberOrganizationIds: z.array(z.uuid()).min(1).max(200).optional(),
    settings: RosterSettingsInput.optional(),
  })
  .refine((value) => Object.values(value).some((entry) => entry !== undefined), {
    message: '変更する項目を1つ以上指定してください。',
  });
export type UpdateRotationGroupRequest = z.infer<typeof UpdateRotationGroupRequest>;

export const MemberDeclarationRequest = z.strictObject({
  doctorCount: z.number().int().min(1, '医師数は1以上です。').max(50).describe('当番を担う医師の数'),
  unavailableWeekdays: z.array(weekday).max(7).default([]).describe('担当できない曜日（0=日〜6=土）'),
  unavailableDates: z.array(isoDate).max(400).default([]).describe('担当できない日'),
  unavailableShifts: z.array(shift).max(3).default([]).describe('担当できない当番の種類'),
  preferredWeekdays: z.array(weekday).max(7).default([]).describe('希望する曜日（同点のときのみ考慮）'),
  note: z.string().trim().max(500).nullable().default(null).describe('備考'),
});
export type MemberDeclarationRequest = z.infer<typeof MemberDeclarationRequest>;

export const GroupListQuery = PageQuery.extend({
  areaCode: z
    .string()
    .regex(/^\d{5}$/)
    .optional(),
});

export const GenerateRosterRequest = z.strictObject({
  from: isoDate.describe('期間の初日'),
  to: isoDate.describe('期間の最終日（2年以内）'),
  shifts: z
    .array(shift)
    .min(1, '当番の種類を1つ以上選んでください。')
    .max(3)
    .refine((value) => new Set(value).size === value.length, '当番の種類が重複しています。')
    .describe('作成する当番の種類'),
  unavailability: z
    .array(z.strictObject({ organizationId: z.uuid(), date: isoDate }))
    .max(5000)
    .default([])
    .describe('この期間に担当できない日（診療所ごと）'),
  timezone: z.string().max(64).default('Asia/Tokyo').describe('タイムゾーン（Asia/Tokyo のみ対応）'),
});
export type GenerateRosterRequest = z.infer<typeof GenerateRosterRequest>;

export const RosterListQuery = PageQuery.extend({ status: z.enum(rosterStatuses).optional() });

export const CalendarQuery = z.object({
  organizationId: z.uuid().optional().describe('この診療所の当番だけ（省略時は全員分）'),
});

export const MonthQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月は YYYY-MM で指定してください。')
    .optional()
    .describe('表示する月（省略時は期間の最初の月）'),
});

export const CreateSwapRequest = z.strictObject({
  dutyId: z.uuid().describe('交代してほしい当番'),
  targetOrganizationId: z.uuid().optional().describe('交代を頼む診療所（省略時はグループ全員に）'),
  counterDutyId: z.uuid().optional().describe('代わりに引き受ける相手の当番（省略時は譲るだけ）'),
  note: z.string().trim().max(500).optional(),
});
export type CreateSwapRequest = z.infer<typeof CreateSwapRequest>;

export const AcceptSwapRequest = z.strictObject({
  counterDutyId: z.uuid().optional().describe('代わりに渡す自分の当番（省略時は引き受けるだけ）'),
});

/** A draft's duty handed to another member clinic by the association (the rules checked again). */
export const AdjustDutyRequest = z.strictObject({
  organizationId: z.uuid().describe('この当番を担当させる参加診療所'),
});

export const SwapReasonRequest = z.strictObject({ reason: z.string().trim().max(500).optional() });

export const SwapListQuery = PageQuery.extend({ status: z.enum(swapStatuses).optional() });

/** The group's rules as they apply (stored values over the defaults). */
export const RosterSettingsResponse = z.object({
  minDaysBetweenDuties: z.number().int(),
  maxDutiesPerMonth: z.number().int(),
  shiftWeights: z.object({ weeknight: z.number(), holiday_day: z.number(), holiday_night: z.number() }),
  includeNationalHolidays: z.boolean(),
  yearEnd: z.object({ isEnabled: z.boolean(), fromMonthDay: z.string(), toMonthDay: z.string() }),
  times: z.object({ dayStart: z.string(), nightStart: z.string(), workdayMorning: z.string() }),
});

const Permissions = z.object({ canManage: z.boolean().describe('医師会（管理者）として変更できる') });

/** A member clinic and what it declared (rotation.presenter.ts presentMember). */
export const RotationMemberResponse = z.object({
  organization: z.object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    phone: z.string().nullable(),
    areaCode: z.string().nullable(),
  }),
  doctorCount: z.number().int(),
  unavailableWeekdays: z.array(z.number().int()).readonly(),
  unavailableDates: z.array(z.string()).readonly(),
  unavailableShifts: z.array(z.enum(shiftKinds)).readonly(),
  preferredWeekdays: z.array(z.number().int()).readonly(),
  note: z.string().nullable(),
});

export const RotationGroupResponse = z.object({
  id: z.string(),
  name: z.string(),
  areaCode: z.string(),
  areaName: z.string().nullable(),
  associationId: z.string().nullable(),
  settings: RosterSettingsResponse,
  members: z.array(RotationMemberResponse),
  permissions: Permissions,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const RotationGroupListResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      areaCode: z.string(),
      memberCount: z.number().int(),
      doctorCount: z.number().int(),
      permissions: Permissions,
      version: z.number().int(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

/** A member's declaration, with the group's new version and the duties it must now hand over. */
export const MemberDeclarationResponse = RotationMemberResponse.extend({
  version: z.number().int().describe('グループの版'),
  dutiesToHandOver: z
    .array(z.object({ date: z.string(), shift: z.enum(shiftKinds), reason: z.string() }))
    .describe('公開済みの当番のうち、申告により担当できなくなったもの（交代の依頼が必要）'),
});

export const DutyResponse = z.object({
  id: z.string(),
  date: z.string(),
  shift: z.enum(shiftKinds),
  shiftLabel: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
});

export const RosterSummaryResponse = z.object({
  id: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  from: z.string(),
  to: z.string(),
  status: z.string().describe(rosterStatuses.join('・')),
  shifts: z.array(z.enum(shiftKinds)),
  objective: z.number().nullable().describe('公平性の指標 F（小さいほど公平）'),
  lowerBound: z.number().nullable().describe('F の下限（LP 緩和）'),
  version: z.number().int(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});

export const RosterListResponse = z.object({
  items: z.array(RosterSummaryResponse),
  nextCursor: z.string().nullable(),
});

/**
 * A roster with its duties and how fair it is. The fairness report is the generator's own
 * (domain/roster/fairness.ts) as stored with the roster: its keys are passed on as they are.
 */
export const RosterResponse = RosterSummaryResponse.extend({
  areaCode: z.string(),
  timezone: z.string(),
  settings: RosterSettingsResponse,
  duties: z.array(DutyResponse),
  fairness: z
    .looseObject({
      definition: z.string().describe('公平性の指標 F の定義'),
      lowerBound: z.unknown().describe('F の下限（数、または求められなかったとき null）'),
      lowerBoundStatus: z.unknown().describe('下限の求め方の結果（optimal・unavailable など）'),
      ratio: z.unknown().describe('F ÷ 下限'),
      gap: z.unknown().describe('F − 下限'),
      flowObjective: z.unknown(),
      isRealised: z.unknown(),
      clinics: z
        .array(z.looseObject({ organizationName: z.string().nullable() }))
        .describe('診療所ごとの当番数・目標・持ち越し（作成時の報告のまま）'),
    })
    .describe('作成時の公平性の報告（objective・shifts・weights・slotCounts・clinics など）'),
  solver: z.unknown().describe('作成の方法と所要時間（作成時の報告のまま）'),
  permissions: Permissions,
});

export const RosterMonthResponse = z.object({
  rosterId: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  status: z.string(),
  from: z.string(),
  to: z.string(),
  month: z.string().describe('YYYY-MM'),
  previousMonth: z.string().nullable(),
  nextMonth: z.string().nullable(),
  shiftLabels: z.object({ weeknight: z.string(), holiday_day: z.string(), holiday_night: z.string() }),
  weeks: z
    .array(
      z.array(
        z.object({
          date: z.string(),
          weekday: z.number().int(),
          dayKind: z.string().describe('working_day・saturday・sunday・national_holiday・year_end'),
          isDayOff: z.boolean(),
          holidayName: z.string().nullable(),
          isInMonth: z.boolean(),
          isInPeriod: z.boolean(),
          duties: z.array(DutyResponse),
        }),
      ),
    )
    .describe('週ごと（日曜始まり）の日'),
});

export const SwapResponse = z.object({
  id: z.string(),
  rosterId: z.string(),
  status: z.enum(swapStatuses),
  duty: DutyResponse.nullable(),
  counterDuty: DutyResponse.nullable(),
  requestingOrganization: z.object({ id: z.string(), name: z.string() }).nullable(),
  otherOrganization: z
    .object({ id: z.string(), name: z.string() })
    .nullable()
    .describe('依頼された診療所（依頼中・辞退）または引き受けた診療所'),
  note: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const SwapListResponse = z.object({ items: z.array(SwapResponse), nextCursor: z.string().nullable() });
