/** The team of a case and its candidates (CONTRACT §3). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { queryNumber } from '../../platform/query-number.js';
import type { AppDeps } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { sendIdempotentBody } from '../../platform/route-replies.js';
import { teamRoles } from '../../domain/codes.js';
import { caseRoles } from '../cases/case.routes.js';
import { CaseIdParams } from '../cases/case.schema.js';
import { CandidatesResponse } from '../matching/matching.schema.js';
import { PageQuery } from '../../platform/pagination.js';
import type { TeamService } from './team.service.js';

/**
 * Candidates are a ranking, not a paged list: `limit` takes the best ones (20 unless asked, as
 * the case page shows them) and the answer's `nextCursor` is always null. A `cursor` is refused
 * (400) like every list refuses one it did not issue, never silently ignored.
 */
const CandidatesQuery = z.object({
  role: z.enum(teamRoles).describe('役割'),
  limit: queryNumber(z.number().int().min(1).max(500))
    .default(20)
    .describe('上位から何件（既定20、最大500）。順位づけの一覧で、nextCursor は常に null'),
  cursor: PageQuery.shape.cursor.describe(
    '指定できません（順位づけの一覧で次のページはないため、指定すると 400 validation_failed）',
  ),
});

const AddMemberBody = z.strictObject({
  role: z.enum(teamRoles),
  organizationId: z.uuid(),
  note: z
    .string()
    .trim()
    .max(500)
    .optional()
    .describe('直接加える理由（例: 電話で受諾を確認）。経過記録に残る。acceptProblems のときは必須'),
  acceptProblems: z
    .boolean()
    .optional()
    .describe('対応条件に合わない点（GET …/team/fit の problems）を承知のうえで加える'),
});

const FitQuery = z.object({
  role: z.enum(teamRoles).describe('役割'),
  organizationId: z.uuid().describe('加えようとする組織'),
});

const FitProblem = z.object({
  code: z.enum(['not_located', 'kind', 'groups', 'procedures', 'profile', 'coverage', 'full']),
  message: z.string(),
  refuses: z.boolean().describe('true: 承知しても加えられない（種別・所在地未登録）'),
  kind: z.string().optional(),
  groups: z.array(z.string()).optional(),
  procedures: z.array(z.string()).optional(),
  distanceKm: z.number().optional(),
  radiusKm: z.number().nullable().optional(),
});

const FitResponse = z.object({
  role: z.enum(teamRoles),
  organization: z.object({
    id: z.string(),
    name: z.string(),
    kind: z.string().nullable(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
  }),
  roleFilled: z.boolean(),
  fits: z.boolean(),
  canAdd: z.boolean(),
  problems: z.array(FitProblem),
});

const TeamResponse = z.object({
  members: z.array(
    z.object({
      role: z.enum(teamRoles),
      organization: z.object({
        id: z.string(),
        name: z.string(),
        kind: z.string(),
        phone: z.string().nullable(),
        professionalPhone: z.string().nullable(),
      }),
      since: z.string().describe('担当の開始日'),
      viaReferral: z.boolean(),
    }),
  ),
  openRoles: z
    .array(
      z.object({
        role: z.enum(teamRoles),
        pendingReferrals: z.array(
          z.object({ id: z.string(), organizationName: z.string(), status: z.string(), respondBy: z.string() }),
        ),
      }),
    )
    .describe('まだ決まっていない役割と、その依頼中の紹介'),
  referrals: z.array(
    z.object({
      id: z.string(),
      role: z.enum(teamRoles),
      organizationId: z.string(),
      organizationName: z.string(),
      status: z.string(),
      respondBy: z.string(),
      viewedAt: z.string().nullable(),
      declineReasonCode: z.string().nullable(),
    }),
  ),
  welfareLinks: z.array(
    z.object({
      id: z.string(),
      organizationId: z.string(),
      organizationName: z.string(),
      organizationKind: z.string(),
      status: z.enum(['requested', 'acknowledged']),
    }),
  ),
});

const AddedMemberResponse = z.object({
  role: z.enum(teamRoles),
  organizationId: z.string(),
  note: z.string().nullable(),
  acceptedProblems: z.array(z.string()).describe('承知のうえで加えた、合わない点のコード'),
});

export function teamRoutes(app: FastifyInstance, deps: AppDeps, teams: TeamService) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/cases/:id/team',
    {
      config: { access: caseRoles },
      schema: {
        tags: ['teams'],
        summary: '在宅チーム（役割・担当・開始日と未決定の役割）',
        params: CaseIdParams,
        response: { 200: TeamResponse },
      },
    },
    async (request) => teams.team(requireActor(request.context), request.params.id),
  );

  api.post(
    '/api/v1/cases/:id/team',
    {
      config: { access: caseRoles, idempotent: true },
      schema: {
        tags: ['teams'],
        summary: 'チームに直接加える（既にかかっている主治医、電話で受諾を確認した組織など）',
        description:
          '対応条件（対象・医療処置・訪問範囲）に合わない組織は 400 organization_cannot_serve（理由つき）。' +
          'acceptProblems: true と理由（note）があれば、その点を承知のうえで加えられる（経過記録と監査に残る）。' +
          '役割を担えない種別の組織・所在地が未登録の組織は常に 400。',
        params: CaseIdParams,
        body: AddMemberBody,
        response: { 201: AddedMemberResponse },
      },
    },
    async (request, reply) => {
      await teams.refreshDirectory();
      return sendIdempotentBody(deps, request, reply, (tx) =>
        teams.addMember(requireActor(request.context), request.params.id, request.body, tx),
      );
    },
  );

  api.get(
    '/api/v1/cases/:id/team/fit',
    {
      config: { access: caseRoles },
      schema: {
        tags: ['teams'],
        summary: '直接加える前の確認: この組織が患者に合うか（合わない点と、承知すれば加えられるか）',
        params: CaseIdParams,
        querystring: FitQuery,
        response: { 200: FitResponse },
      },
    },
    async (request) => teams.fit(requireActor(request.context), request.params.id, request.query),
  );

  api.get(
    '/api/v1/cases/:id/candidates',
    {
      config: { access: caseRoles },
      schema: {
        tags: ['teams'],
        summary: '役割ごとの候補（対応できる組織のみ、理由つきで順位づけ）',
        params: CaseIdParams,
        querystring: CandidatesQuery,
        response: { 200: CandidatesResponse },
      },
    },
    async (request) => teams.candidates(requireActor(request.context), request.params.id, request.query),
  );
}
