/** Schemas of welfare links (CONTRACT §3: POST /api/v1/cases/:id/welfare-links). */
import { z } from 'zod';
import { organizationKinds } from '../../domain/codes.js';
import { welfareLinkStatuses } from '../../domain/cases/welfare-link-state.js';
import { caseStatuses } from '../../domain/cases/case-state.js';
import { PageQuery } from '../../platform/pagination.js';

export const CreateWelfareLinkRequest = z.strictObject({
  organizationId: z.uuid().describe('連携先（福祉事務所・保健所・社会福祉協議会・地域包括支援センター）'),
  reason: z.string().trim().min(1, '連携の理由を入力してください。').max(2000).describe('連携の理由'),
});
export type CreateWelfareLinkRequest = z.infer<typeof CreateWelfareLinkRequest>;

export const AcknowledgeWelfareLinkRequest = z.strictObject({
  response: z.string().trim().min(1, '返答を入力してください。').max(2000).describe('連携先からの返答（担当者など）'),
});

export const CloseWelfareLinkRequest = z.strictObject({
  note: z.string().trim().max(2000).optional().describe('終了の理由・申し送り'),
});

export const WelfareLinkIdParams = z.object({ id: z.uuid('ID の形式が正しくありません。') });

/** A case's links, oldest first. */
export const CaseWelfareLinksQuery = PageQuery;

/** The caller's inbox, newest first. */
export const ListWelfareLinksQuery = PageQuery.extend({
  box: z.enum(['inbox']).default('inbox').describe('inbox: 自分の組織あての連携'),
  status: z.preprocess(
    (value: unknown) => (value === undefined ? undefined : Array.isArray(value) ? (value as unknown[]) : [value]),
    z.array(z.enum(welfareLinkStatuses)).optional(),
  ),
});

export const WelfareLinkResponse = z.object({
  id: z.string(),
  caseId: z.string(),
  organization: z.object({ id: z.string(), name: z.string(), kind: z.enum(organizationKinds) }),
  requestedBy: z
    .object({
      name: z.string().nullable().describe('依頼した職員の氏名'),
      organization: z.object({ id: z.string(), name: z.string(), kind: z.enum(organizationKinds) }),
      phone: z.string().nullable().describe('依頼した組織の連絡先（医療・介護関係者向けの番号があればそれ）'),
    })
    .nullable()
    .describe('依頼した人と組織（病院の地域連携室、または地域ケア総合推進センター）。折り返しの連絡先'),
  reason: z.string(),
  status: z.enum(welfareLinkStatuses),
  response: z.string().nullable().describe('連携先からの返答'),
  createdAt: z.string(),
  updatedAt: z.string(),
  case: z
    .object({
      hospital: z.object({ id: z.string(), name: z.string() }),
      plannedDischargeDate: z.string(),
      dischargedOn: z.string().nullable().describe('退院日（退院が記録されたケースだけ）'),
      status: z.enum(caseStatuses),
      ageBand: z.string().describe('患者の年代（例: 80代）'),
      areaCode: z.string().nullable().describe('患者の住む区のコード'),
      areaName: z.string().nullable().describe('患者の住む区（例: 岡山市北区。ケース・紹介と同じ呼び方）'),
    })
    .describe('ケースの最小限の情報（年代・区。患者の氏名・住所は含まない）'),
});
export type WelfareLinkResponse = z.infer<typeof WelfareLinkResponse>;

export const WelfareLinkListResponse = z.object({
  items: z.array(WelfareLinkResponse),
  nextCursor: z.string().nullable().describe('次のページのカーソル（最後のページは null）'),
});
