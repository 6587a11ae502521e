/** GET /api/v1/public/config — what the web client needs before sign-in (demo mode, map tiles, 出典). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/context.js';
import { access } from '../../platform/guard.js';
import { dataSources } from '../../platform/data-sources.js';

const PublicConfigResponse = z.object({
  demo: z.boolean(),
  mapTileUrl: z.string().nullable(),
  staleAvailabilityDays: z.number().int(),
  sources: z.array(
    z.object({
      id: z.string(),
      attribution: z.string().describe('出典（データの下に示す行）'),
      license: z.string().nullable(),
      asOf: z.string().nullable().describe('データの時点（YYYY-MM または YYYY-MM-DD）'),
      note: z.string().nullable().describe('中間加工・推定などの注記（データの出典のページに示す）'),
    }),
  ),
});

export function publicConfigRoutes(app: FastifyInstance, deps: AppDeps) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/public/config',
    {
      config: { access: access.public },
      schema: { tags: ['public'], summary: '画面の設定と出典', response: { 200: PublicConfigResponse } },
    },
    async () => ({
      demo: deps.config.demo,
      mapTileUrl: deps.config.mapTileUrl ?? null,
      staleAvailabilityDays: deps.config.staleAvailabilityDays,
      sources: [...dataSources().values()].map((source) => ({ ...source, note: source.note ?? null })),
    }),
  );
}
