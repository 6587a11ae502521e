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

export const SwapReasonRequest = z.strictObject({ reason: z.string().trim().max(500).optional() });

export const SwapListQuery = PageQuery.extend({ status: z.enum(swapStatuses).optional() });
