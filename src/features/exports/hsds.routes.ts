/**
 * Open Referral HSDS 3.0 (public, no login — CONTRACT §2): GET /hsds, /hsds/organizations,
 * /hsds/services, /hsds/locations with HSDS's paging envelope and `?page=` / `?per_page=`.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../platform/guard.js';
import type { ExportService, HsdsEntity } from './export.service.js';

const HsdsPageQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1).describe('ページ番号（1 から）'),
  per_page: z.coerce.number().int().min(1).max(500).default(50).describe('1 ページの件数（既定 50、最大 500）'),
});

const HsdsPageResponse = z
  .object({
    total_items: z.number().int(),
    total_pages: z.number().int(),
    page_number: z.number().int(),
    size: z.number().int(),
    first_page: z.boolean(),
    last_page: z.boolean(),
    empty: z.boolean(),
    contents: z.array(z.record(z.string(), z.unknown())),
  })
  .describe('HSDS 3.0 のページ（openapi.json の Page）');

const summaries: Record<HsdsEntity, string> = {
  organizations: 'HSDS 3.0: 組織の一覧（organization_list の項目と識別子）',
  services: 'HSDS 3.0: サービスの一覧（受入状況・対応内容は attributes と alert）',
  locations: 'HSDS 3.0: 所在地の一覧（緯度経度・住所・電話）',
};

export function hsdsRoutes(app: FastifyInstance, service: ExportService) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/hsds',
    {
      config: { access: access.public },
      schema: {
        tags: ['hsds'],
        summary: 'HSDS 3.0: この API の版と仕様',
        response: { 200: z.object({ version: z.string(), openapi_url: z.string() }) },
      },
    },
    async () => ({
      version: '3.0',
      openapi_url: 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json',
    }),
  );
  for (const entity of ['organizations', 'services', 'locations'] as const) {
    typed.get(
      `/hsds/${entity}`,
      {
        config: { access: access.public },
        schema: {
          tags: ['hsds'],
          summary: summaries[entity],
          querystring: HsdsPageQuery,
          response: { 200: HsdsPageResponse },
        },
      },
      async (request) => service.hsds(entity, request.query.page, request.query.per_page),
    );
  }
}
