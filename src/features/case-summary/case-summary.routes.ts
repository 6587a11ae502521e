/** The printable discharge summary (CONTRACT §3: GET /api/v1/cases/:id/summary.pdf). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/context.js';
import { BinaryBody } from '../../platform/openapi.js';
import { caseRoles } from '../cases/case.routes.js';
import { CaseIdParams } from '../cases/case.schema.js';
import type { CaseSummaryService } from './case-summary.service.js';

export function caseSummaryRoutes(app: FastifyInstance, summaries: CaseSummaryService) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/cases/:id/summary.pdf',
    {
      config: { access: caseRoles },
      schema: {
        tags: ['cases'],
        summary: '退院支援サマリー（PDF, A4, 記録全体を見られる人のみ）',
        params: CaseIdParams,
        response: {
          200: { description: 'PDF', content: { 'application/pdf': { schema: BinaryBody } } },
        },
      },
    },
    async (request, reply) => {
      const file = await summaries.pdf(requireActor(request.context), request.params.id);
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `inline; filename="${file.filename}"; filename*=UTF-8''${encodeURIComponent('退院支援サマリー')}.pdf`,
        )
        .send(file.body);
    },
  );
}
