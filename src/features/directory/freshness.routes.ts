/**
 * GET /api/v1/directory/stale — members whose acceptance information needs confirming (要確認), oldest answer first
 * (or by name), by kind and ward, each with when it was last reminded.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/context.js';
import { access } from '../../platform/guard.js';
import type { FreshnessService } from './freshness.service.js';
import { StaleQuery, StaleResponse } from './freshness.schema.js';

export function freshnessRoutes(app: FastifyInstance, freshness: FreshnessService) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/directory/stale',
    {
      config: { access: access.roles('admin', 'association_admin') },
      schema: {
        tags: ['directory'],
        summary: '受入状況が古い（要確認）会員の一覧',
        querystring: StaleQuery,
        response: { 200: StaleResponse },
      },
    },
    async (request) => freshness.listStale(requireActor(request.context), request.query),
  );
}
