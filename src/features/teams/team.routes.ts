/** The team of a case and its candidates (CONTRACT §3). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
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
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(20)
    .describe('上位から何件（既定20、最大500）。順位づけの一覧で、nextCursor は常に null'),
  cursor: PageQuery.shape.cursor.describe(
    '指定できません（順位づけの一覧で次のページはないため、指定すると 400 validation_failed）',
  ),
});

export function teamRoutes(app: FastifyInstance, deps: AppDeps, teams: TeamService) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/cases/:id/team',
    {
      config: { access: caseRoles },
      schema: { tags: ['teams'], summary: '在宅チーム（役割・担当・開始日と未決定の役割）', params: CaseIdParams },
    },
    async (request) => teams.team(requireActor(request.context), request.params.id),
  );

  api.post(
    '/api/v1/cases/:id/team',
    {
      config: { access: caseRoles },
      schema: {
        tags: ['teams'],
        summary: 'チームに直接加える（既にかかっている主治医など）',
        params: CaseIdParams,
        body: z.strictObject({ role: z.enum(teamRoles), organizationId: z.uuid() }),
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
