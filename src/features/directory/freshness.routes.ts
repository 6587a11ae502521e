/** GET /api/v1/directory/stale — members whose acceptance information needs confirming (要確認). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/context.js';
import { access } from '../../platform/guard.js';
import { PageQuery } from '../../platform/pagination.js';
import type { FreshnessService } from './freshness.service.js';

const StaleResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.string(),
      areaCode: z.string().nullable(),
      phone: z.string().nullable(),
      availabilityStatus: z.string().nullable(),
      availabilityUpdatedAt: z.string().nullable(),
      ageDays: z.number().int().nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
  staleAfterDays: z.number().int(),
});

export function freshnessRoutes(app: FastifyInstance, freshness: FreshnessService) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/directory/stale',
    {
      config: { access: access.roles('admin', 'association_admin') },
      schema: {
        tags: ['directory'],
        summary: '受入状況が古い（要確認）会員の一覧',
        querystring: PageQuery,
        response: { 200: StaleResponse },
      },
    },
    async (request) => freshness.listStale(requireActor(request.context), request.query),
  );
}
