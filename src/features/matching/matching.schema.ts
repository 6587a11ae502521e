/** Schemas of the Center's batch assignment (CONTRACT §3: POST /matching/proposals …). */
import { z } from 'zod';
import { availabilityStatuses, organizationKinds, patientGroups, procedures, teamRoles } from '../../domain/codes.js';
import { unassignedReasonCodes } from '../../domain/server-text.js';
import { TextParamsSchema } from '../../platform/text-params.js';
import { PageQuery } from '../../platform/pagination.js';

export const ProposalIdParams = z.object({ id: z.uuid('ID の形式が正しくありません。') });

export const CreateProposalRequest = z.strictObject({
  role: z.enum(teamRoles).describe('割り当てる役割（例: primary_doctor）'),
  caseIds: z
    .array(z.uuid('ケース ID の形式が正しくありません。'))
    .min(1, '割り当てるケースを1件以上選んでください。')
    .max(1000, '一度に割り当てられるケースは1,000件までです。')
    .describe('割り当てるケース（1〜1,000件）'),
});
export type CreateProposalRequest = z.infer<typeof CreateProposalRequest>;

export const AdjustProposalRequest = z.strictObject({
  changes: z
    .array(
      z.strictObject({
        caseId: z.uuid(),
        organizationId: z.uuid().nullable().describe('割り当てる事業所（null = 割り当てを外す）'),
      }),
    )
    .min(1, '変更を1件以上指定してください。')
    .max(1000),
});
export type AdjustProposalRequest = z.infer<typeof AdjustProposalRequest>;

/** Business days a referral sent from a proposal may take to be answered when the sender names none. */
export const defaultProposalRespondWithinBusinessDays = 3;

/** The body is optional (CONTRACT names none): no body or `{}` sends with the default deadline. */
export const SendProposalRequest = z.preprocess(
  (value: unknown) => value ?? {},
  z.strictObject({
    respondWithinBusinessDays: z
      .number()
      .int()
      .min(1)
      .max(20)
      .default(defaultProposalRespondWithinBusinessDays)
      .describe('回答期限（営業日数: 土日祝・年末年始を除く）。省略時は3営業日'),
    message: z.string().trim().max(4000).default(''),
  }),
);
export type SendProposalRequest = z.infer<typeof SendProposalRequest>;

const isoDate = z.iso.date('日付は YYYY-MM-DD の形式で、実在する日付を指定してください。');

export const OpenCasesQuery = z
  .object({
    role: z.enum(teamRoles).describe('必要な役割'),
    from: isoDate.optional().describe('退院予定日がこの日以降（例: 週の月曜日）'),
    to: isoDate.optional().describe('退院予定日がこの日以前（例: 週の日曜日）'),
  })
  .refine((value) => !value.from || !value.to || value.from <= value.to, {
    message: '期間の終わりは始まり以降の日付にしてください。',
    path: ['to'],
  });

export const ListProposalsQuery = PageQuery.extend({
  status: z.enum(['draft', 'sent']).optional(),
});
export type ListProposalsQuery = z.infer<typeof ListProposalsQuery>;

const Metrics = z.object({
  maxLoad: z.number().describe('この割り当てで患者を受け持つ事業所のうち、最大の在宅患者数（既存＋新規）'),
  gini: z.number().describe('対象となりうる事業所の在宅患者数のジニ係数（0 = 均等）'),
  totalDistanceKm: z.number().describe('患者宅からの距離の合計（km）'),
  assignedCount: z.number().int(),
});

const ProposalCase = z.object({
  id: z.string(),
  patientName: z.string().nullable(),
  areaName: z.string().nullable(),
  plannedDischargeDate: z.string().nullable(),
});

const AssignmentItem = z.object({
  caseId: z.string(),
  organizationId: z.string(),
  distanceKm: z.number(),
  organizationName: z.string(),
  case: ProposalCase,
  /** The organisation's home patients now, before this batch. */
  currentLoad: z.number().int(),
  declaredCapacity: z.number().int().nullable(),
  isPairDefault: z.boolean().describe('副主治医: 主治医のペアの診療所を既定として割り当てた'),
});

export const ProposalResponse = z.object({
  id: z.string(),
  role: z.enum(teamRoles),
  status: z.enum(['draft', 'sent']),
  source: z
    .enum(['center', 'waitlist'])
    .describe('center: センターが作成 / waitlist: 事業所の受入再開を受けて自動で作成（待機リスト）'),
  /** For a waiting-list proposal: the organisation whose availability freed room. */
  trigger: z.object({ organizationId: z.string(), organizationName: z.string() }).nullable(),
  caseIds: z.array(z.string()),
  assignments: z.array(AssignmentItem),
  unassigned: z.array(
    z.object({
      caseId: z.string(),
      reason: z.string().describe('割り当てられない理由（日本語）'),
      reasonCode: z.enum(unassignedReasonCodes).optional().describe('理由のコード（英語表示用。古い案にはない）'),
      reasonParams: TextParamsSchema.optional(),
      case: ProposalCase,
    }),
  ),
  metrics: Metrics.extend({
    maxServable: z.number().int().describe('最大フローで同時に割り当てられる件数'),
    bottleneck: z.number().int().nullable().describe('達成可能な最大在宅患者数の最小値（ボトルネック最適）'),
  }),
  baseline: z.object({
    name: z.literal('greedy_nearest'),
    metrics: Metrics,
    assignments: z.array(
      z.object({
        caseId: z.string(),
        organizationId: z.string(),
        distanceKm: z.number(),
        organizationName: z.string(),
      }),
    ),
  }),
  /** Ours minus the greedy baseline (negative = better for load and distance). */
  difference: z.object({ maxLoad: z.number(), gini: z.number(), totalDistanceKm: z.number() }),
  referrals: z.array(z.object({ caseId: z.string(), organizationId: z.string(), referralId: z.string() })),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  version: z.number().int(),
});
export type ProposalResponse = z.infer<typeof ProposalResponse>;

export const OpenCasesResponse = z.object({
  role: z.enum(teamRoles),
  items: z.array(
    z.object({
      id: z.string(),
      patientName: z.string(),
      hospitalName: z.string(),
      areaCode: z.string().nullable(),
      areaName: z.string().nullable(),
      plannedDischargeDate: z.string(),
      groups: z.array(z.enum(patientGroups)),
      procedures: z.array(z.enum(procedures)),
      pendingReferrals: z.number().int(),
      isLocated: z.boolean(),
      hasReferralConsent: z.boolean(),
    }),
  ),
});

export const ProposalListResponse = z.object({
  items: z
    .array(
      z.object({
        id: z.string(),
        role: z.enum(teamRoles),
        status: z.enum(['draft', 'sent']),
        source: z.enum(['center', 'waitlist']),
        trigger: z.object({ organizationId: z.string(), organizationName: z.string() }).nullable(),
        caseCount: z.number().int(),
        assignedCount: z.number().int(),
        createdAt: z.string(),
        sentAt: z.string().nullable(),
      }),
    )
    .describe('新しい順'),
  nextCursor: z.string().nullable().describe('次のページ（より古い案）のカーソル。最後のページは null'),
});

/**
 * Why a candidate list is empty: nobody of a kind that can fill the role is registered at all, or some
 * are but none fits this patient (place, needs, availability). Null when the list has candidates.
 */
export const candidateEmptyReasons = ['no_organization_of_kind', 'no_candidate_fits'] as const;
export type CandidateEmptyReason = (typeof candidateEmptyReasons)[number];

/** An organisation as a candidate list shows it (a candidate, or a near miss). */
const CandidateOrganization = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(organizationKinds),
  address: z.string(),
  phone: z.string().nullable(),
  lat: z.number(),
  lng: z.number(),
});

const CandidateAvailability = z
  .object({
    status: z.enum(availabilityStatuses),
    freeSlots: z.number().int().nullable(),
    ageDays: z.number().int().nullable(),
    isStale: z.boolean(),
  })
  .nullable();

/**
 * One condition a near miss does not meet: the same problem, in the same words, as GET /cases/:id/team/fit says it
 * (features/teams/patient-fit.ts), with its values for another language.
 */
export const nearMissCodes = ['groups', 'procedures', 'coverage', 'full'] as const;
const NearMissProblem = z.object({
  code: z
    .enum(nearMissCodes)
    .describe(
      '満たさない条件の種類。groups: 対象者 / procedures: 医療処置 / coverage: 訪問範囲の外 / full: 受入不可（満床）',
    ),
  message: z.string().describe('満たさない条件（日本語。GET …/team/fit の problems と同じ文）'),
  groups: z.array(z.enum(patientGroups)).optional().describe('対応していない対象者（groups のとき）'),
  procedures: z.array(z.enum(procedures)).optional().describe('対応していない医療処置（procedures のとき）'),
  distanceKm: z.number().optional().describe('患者宅までの距離（coverage のとき）'),
  radiusKm: z
    .number()
    .nullable()
    .optional()
    .describe('登録された訪問半径（coverage のとき。訪問地域だけの登録は null）'),
});

/** GET /cases/:id/candidates: a ranked list (never paged), each candidate with its reasons in words. */
export const CandidatesResponse = z.object({
  role: z.enum(teamRoles),
  filters: z
    .object({
      kinds: z.array(z.enum(organizationKinds)),
      groups: z.array(z.enum(patientGroups)),
      procedures: z.array(z.enum(procedures)),
    })
    .describe('この役割の候補に求めた条件（種別・対象者・処置。すべてを満たす組織だけが候補）'),
  items: z
    .array(
      z.object({
        organization: CandidateOrganization,
        score: z.number().describe('適合度（0〜1）'),
        distanceKm: z.number(),
        availability: CandidateAvailability,
        currentLoad: z.number().int(),
        declaredCapacity: z.number().int().nullable(),
        reasons: z.array(
          z.object({
            code: z.string().describe('理由のコード（英語表示用。例: distance、procedure:ventilator）'),
            message: z.string().describe('理由（日本語）'),
            params: TextParamsSchema.optional(),
          }),
        ),
        factors: z.record(z.string(), z.number()).describe('各要素の点数（0〜1）'),
      }),
    )
    .describe('点数の高い順（上位 limit 件）'),
  emptyReason: z
    .enum(candidateEmptyReasons)
    .nullable()
    .describe(
      '候補が0件の理由（候補があるときは null）。no_organization_of_kind: 名簿にこの役割を担える種類の事業所が1件も登録されていない / no_candidate_fits: 登録はあるが、この患者の条件（場所・対象者・処置・受入状況）に合う事業所がない',
    ),
  nearMisses: z
    .array(
      z.object({
        organization: CandidateOrganization,
        distanceKm: z.number().describe('患者宅からの直線距離（km）'),
        availability: CandidateAvailability,
        misses: z.array(NearMissProblem).min(1).describe('満たさない条件（1〜2件。処置・対象者は1つずつ数える）'),
      }),
    )
    .describe(
      '惜しい候補: 候補が3件未満のときだけ、この役割を担える種類の事業所のうち患者宅から30 km以内で、条件を1〜2つだけ満たさないもの（医療処置・対象者は1つずつ数え、訪問範囲の外・受入不可（満床）も1つ）。近い順（同じ距離は ID 順）に最大5件。電話で受け入れを確認できれば「直接チームに加える」（POST /cases/:id/team）で加えられる。候補が3件以上なら空',
    ),
  nextCursor: z.null().describe('順位づけの一覧のため常に null（次のページはない）'),
});
export type CandidatesResponse = z.infer<typeof CandidatesResponse>;
