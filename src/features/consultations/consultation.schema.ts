/** Schemas of the Center's inbox and the consultation desk's lists (CONTRACT §2 lists, §3 center). */
import { z } from 'zod';
import { consultationStatuses } from '../../domain/cases/consultation-state.js';
import { PageQuery } from '../../platform/pagination.js';
import { TextParamsSchema } from '../../platform/text-params.js';
import { difficultyReasons } from '../../domain/cases/case-codes.js';
import { consultationSubjectCodes } from '../../domain/server-text.js';

export const consultationSorts = ['age', 'plannedDischargeDate'] as const;
export type ConsultationSort = (typeof consultationSorts)[number];

export const ListConsultationsQuery = PageQuery.extend({
  status: z.preprocess(
    (value: unknown) => (value === undefined ? undefined : Array.isArray(value) ? (value as unknown[]) : [value]),
    z.array(z.enum(consultationStatuses)).optional(),
  ),
  kind: z.enum(['case', 'general']).optional(),
  caseId: z
    .uuid('ID の形式が正しくありません。')
    .optional()
    .describe('このケースの相談だけ（今の相談と、それより前に終了した相談）。ケースの画面から相談を開くときに使います'),
  sort: z
    .enum(consultationSorts)
    .optional()
    .describe(
      'age（既定）: 受付の古い順 / plannedDischargeDate: 退院予定日の近い順（一般の相談は最後）、同じ日は受付順。どちらも最後は ID 順',
    ),
  assigned: z.enum(['me', 'unassigned']).optional(),
});
export type ListConsultationsQuery = z.infer<typeof ListConsultationsQuery>;

/** A consultation as the caller sees it (consultation.service.ts present). */
export const ConsultationResponse = z.object({
  id: z.string(),
  kind: z.enum(['case', 'general']),
  caseId: z.string().nullable(),
  subject: z.string(),
  subjectCode: z
    .enum(consultationSubjectCodes)
    .nullable()
    .describe('生成した件名のコード（英語表示用）。一般の相談は null'),
  subjectParams: TextParamsSchema.nullable(),
  patient: z
    .object({ name: z.string(), nameKana: z.string(), age: z.number().int().nullable() })
    .nullable()
    .describe('患者（ケースの病院と、同意のあるセンターだけ）'),
  reason: z.string().describe('request・timeout・general'),
  difficulty: z.array(z.enum(difficultyReasons)),
  note: z.string().nullable(),
  status: z.enum(consultationStatuses),
  requesterOrganizationId: z.string().nullable(),
  requesterName: z.string().nullable(),
  assignedUserId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  plannedDischargeDate: z.string().nullable(),
  dischargedOn: z.string().nullable().describe('退院日（退院が記録されたケースだけ）'),
  caseStatus: z.string().nullable(),
  ageDays: z.number().int().describe('受付からの日数'),
  daysToDischarge: z
    .number()
    .int()
    .nullable()
    .describe('退院予定日までの日数（過ぎていれば負）。相談が終了したとき、退院・中止されたケースでは null'),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ConsultationDetailResponse = ConsultationResponse.extend({
  messages: z.array(
    z.object({
      id: z.string(),
      body: z.string(),
      authorName: z.string().nullable(),
      authorOrganizationName: z.string().nullable(),
      isFromCenter: z.boolean(),
      createdAt: z.string(),
    }),
  ),
});

export const ConsultationListResponse = z.object({
  items: z.array(ConsultationResponse),
  nextCursor: z.string().nullable(),
});

export const CoordinatorListResponse = z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) });
