/** Schemas of doctor pairs (CONTRACT §3: POST/GET /doctor-pairs) and pair suggestions. */
import { z } from 'zod';
import { queryNumber } from '../../platform/query-number.js';
import { PageQuery } from '../../platform/pagination.js';
import { pairRuleCodes, unpairedPairReasonCodes } from '../../domain/server-text.js';
import { patientGroups } from '../../domain/codes.js';

const areaCode = z
  .string()
  .regex(/^\d{5}$/, '地域コードは5桁の数字です。')
  .describe('地域コード（区）');

export const CreatePairRequest = z
  .strictObject({
    areaCode,
    primaryOrganizationId: z.uuid().describe('主治医の診療所'),
    secondaryOrganizationId: z.uuid().describe('副主治医の診療所'),
  })
  .refine((value) => value.primaryOrganizationId !== value.secondaryOrganizationId, {
    message: '主治医と副主治医には別の診療所を指定してください。',
    path: ['secondaryOrganizationId'],
  });
export type CreatePairRequest = z.infer<typeof CreatePairRequest>;

export const BulkCreatePairsRequest = z.strictObject({
  pairs: z.array(CreatePairRequest).min(1, 'ペアを1組以上指定してください。').max(200),
});

export const PairIdParams = z.object({ id: z.uuid('ID の形式が正しくありません。') });

export const ListPairsQuery = PageQuery.extend({
  areaCode: areaCode.optional(),
  organizationId: z.uuid().optional(),
  status: z.enum(['active', 'ended']).default('active'),
});
export type ListPairsQuery = z.infer<typeof ListPairsQuery>;

export const SuggestionsQuery = z.object({
  areaCode,
  maxDistanceKm: queryNumber(z.number().positive().max(50)).optional().describe('ペアの診療所どうしの最大距離（km）'),
  maxPairsPerClinic: queryNumber(z.number().int().min(1).max(5)).optional().describe('1つの診療所が入るペアの上限'),
});

const PairOrganization = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string().nullable().describe('公開の電話番号'),
  professionalPhone: z.string().nullable().describe('医療・介護関係者向けの電話番号'),
  address: z.string(),
});

export const PairResponse = z.object({
  id: z.string(),
  areaCode: z.string(),
  areaName: z.string(),
  primary: PairOrganization,
  secondary: PairOrganization,
  distanceKm: z.number().nullable(),
  status: z.enum(['active', 'ended']),
  source: z.string(),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
});
export type PairResponse = z.infer<typeof PairResponse>;

export const PairListResponse = z.object({
  items: z
    .array(PairResponse)
    .describe(
      '地域コード、主治医の診療所名の順。見えるのは、管理者・センターはすべて、医師会は会員の診療所のペア、それ以外は自組織が入っているペアのみ',
    ),
  nextCursor: z.string().nullable().describe('次のページのカーソル（最後のページは null）'),
});

const SuggestedClinic = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  currentLoad: z.number().int(),
  declaredCapacity: z.number().int().nullable(),
});

export const SuggestionsResponse = z.object({
  areaCode: z.string(),
  maxDistanceKm: z.number(),
  maxPairsPerClinic: z.number().int(),
  /** Home-care clinics of the area without an active pair. */
  wantingCount: z.number().int(),
  activePairCount: z.number().int(),
  pairs: z.array(
    z.object({
      primary: SuggestedClinic,
      secondary: SuggestedClinic,
      distanceKm: z.number(),
      isSecondPartner: z.boolean(),
      sharedGroups: z
        .array(z.enum(patientGroups))
        .min(1)
        .describe('2つの診療所がともに対応する患者の対象（1つ以上共通する組だけを提案。多い組ほど優先）'),
      reason: z.string().describe('提案の理由（共通する対象と距離）'),
    }),
  ),
  unpaired: z.array(
    z.object({
      organization: SuggestedClinic,
      reason: z.enum(unpairedPairReasonCodes),
      message: z.string(),
      params: z
        .object({ maxDistanceKm: z.number(), maxPairsPerClinic: z.number().int(), nearestKm: z.number().nullable() })
        .describe('message の値（reason をコードとして他の言語で表示するため）'),
      nearestKm: z.number().nullable(),
    }),
  ),
  rule: z.string().describe('「パートナーを必要とする診療所」の定義'),
  ruleCode: z.enum(pairRuleCodes).describe('rule のコード（他の言語で表示するため）'),
});
