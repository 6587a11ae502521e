/** Schemas of referrals (CONTRACT §3): send to several at once, answer, ask back, withdraw. */
import { z } from 'zod';
import { PageQuery } from '../../platform/pagination.js';
import { teamRoles } from '../../domain/codes.js';
import { declineReasonCodes, referralWithdrawnReasons } from '../../domain/cases/case-codes.js';
import { referralStatuses } from '../../domain/cases/referral-state.js';
import { CaseSummaryResponse } from '../cases/case.schema.js';

export const SendReferralsRequest = z
  .strictObject({
    role: z.enum(teamRoles).describe('依頼する役割'),
    organizationIds: z
      .array(z.uuid())
      .min(1, '紹介先を1つ以上選んでください。')
      .max(20, '一度に送れる紹介先は20件までです。'),
    respondBy: z.iso
      .datetime({ offset: true, message: '回答期限は ISO 8601（+09:00 など時差つき）で指定してください。' })
      .optional()
      .describe('回答期限（日時）'),
    respondWithinBusinessDays: z
      .number()
      .int()
      .min(1)
      .max(20)
      .optional()
      .describe('回答期限（営業日数: 土日祝・年末年始を除く）'),
    message: z.string().trim().max(4000).default(''),
  })
  .refine((value) => (value.respondBy === undefined) !== (value.respondWithinBusinessDays === undefined), {
    message: '回答期限は respondBy（日時）か respondWithinBusinessDays（営業日数）のどちらか一方で指定してください。',
    path: ['respondBy'],
  });
export type SendReferralsRequest = z.infer<typeof SendReferralsRequest>;

export const DeclineRequest = z.strictObject({
  reasonCode: z.enum(declineReasonCodes).describe('辞退理由'),
  reason: z
    .string()
    .trim()
    .max(2000)
    .default('')
    .describe('辞退の理由（説明）。辞退理由が other（その他）のときは必須（空欄・空白のみは 400 validation_failed）'),
});

export const QuestionRequest = z.strictObject({ text: z.string().trim().min(1).max(4000) });

export const ReferralIdParams = z.object({ id: z.uuid('ID の形式が正しくありません。') });

export const ListReferralsQuery = z.object({
  box: z.enum(['inbox', 'outbox']).default('inbox'),
  status: z.preprocess(
    (value: unknown) => (value === undefined ? undefined : Array.isArray(value) ? (value as unknown[]) : [value]),
    z.array(z.enum(referralStatuses)).optional(),
  ),
  caseId: z.uuid().optional(),
  ...PageQuery.shape,
});

export const ReferralResponse = z.object({
  id: z.string(),
  caseId: z.string(),
  batchId: z.string(),
  role: z.enum(teamRoles),
  status: z.enum(referralStatuses),
  organization: z.object({ id: z.string(), name: z.string() }),
  sender: z.object({ id: z.string(), name: z.string() }),
  message: z.string(),
  respondBy: z.string(),
  isOverdue: z.boolean(),
  declineReasonCode: z.enum(declineReasonCodes).nullable(),
  declineReason: z.string().nullable(),
  withdrawnReason: z
    .enum(referralWithdrawnReasons)
    .nullable()
    .describe('取り下げの理由（by_sender 紹介元が取り下げ / other_accepted 他の事業所が受諾 / case_* ケースの終了）'),
  viewedAt: z.string().nullable(),
  respondedAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
  /** The receiver sees the minimum necessary until it accepts; the sender sees the patient's name. */
  patientName: z.string().nullable(),
  case: CaseSummaryResponse.nullable(),
  distanceKm: z
    .number()
    .nullable()
    .describe(
      '受け手の事業所から患者宅までの直線距離（km、0.5 km 単位）。どちらかの位置が不明、または要約を見せない時は null',
    ),
  messages: z
    .array(
      z.object({
        id: z.string(),
        kind: z.string(),
        body: z.string(),
        authorName: z.string().nullable(),
        authorOrganizationName: z.string().nullable(),
        createdAt: z.string(),
      }),
    )
    .optional(),
});
export type ReferralResponse = z.infer<typeof ReferralResponse>;

export const SendReferralsResponse = z.object({ batchId: z.string(), items: z.array(ReferralResponse) });
