/** GET /api/v1/analytics/areas: supply against demand per area, and where discharges get stuck. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { access } from '../../platform/guard.js';
import { AreaAnalyticsQuery, AreaAnalyticsResponse } from './area-analytics.schema.js';
import { createAreaAnalyticsService } from './area-analytics.service.js';

/** The city, the medical association, the Center and the operator see aggregated figures only. */
export const areaAnalyticsRoles = access.roles('city_analyst', 'association_admin', 'center_coordinator', 'admin');

export function areaAnalyticsRoutes(app: FastifyInstance, deps: AppDeps) {
  const service = createAreaAnalyticsService(deps);
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/analytics/areas',
    {
      config: { access: areaAnalyticsRoles },
      schema: {
        tags: ['analytics'],
        summary:
          '地域ごとの需給: 組織（種類・対応能力・空き枠と鮮度）と需要（調整中・最近退院したケース、役割・処置別）、調整が滞っている所（10人未満は秘匿）',
        querystring: AreaAnalyticsQuery,
        response: { 200: AreaAnalyticsResponse },
      },
    },
    async (request) => service.areas(requireActor(request.context), request.query),
  );
}
