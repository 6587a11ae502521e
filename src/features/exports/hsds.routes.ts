/**
 * Open Referral HSDS 3.0 (public, no login — CONTRACT §2): GET /hsds, /hsds/organizations,
 * /hsds/services, /hsds/locations with HSDS's paging envelope, `?page=` / `?per_page=` and `?search=`, and each
 * record by id (/hsds/organizations/{id} with its services and locations, /hsds/services/{id} with
 * its organization, /hsds/locations/{id}) as openapi.json's by-id paths answer them.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { queryNumber } from '../../platform/query-number.js';
import { errors } from '../../platform/errors.js';
import { access } from '../../platform/guard.js';
import type { ExportService, HsdsEntity } from './export.service.js';

const HsdsPageQuery = z.object({
  page: queryNumber(z.number().int().min(1).max(1_000_000)).default(1).describe('ページ番号（1 から）'),
  per_page: queryNumber(z.number().int().min(1).max(500)).default(50).describe('1 ページの件数（既定 50、最大 500）'),
  search: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe('HSDS の全文検索: 組織名・よみがなの一部（ひらがな・カタカナ、全角・半角、異体字を区別しない）'),
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

const readSummaries: Record<HsdsEntity, string> = {
  organizations: 'HSDS 3.0: 組織 1 件（サービスと所在地を含む）',
  services: 'HSDS 3.0: サービス 1 件（組織を含む）',
  locations: 'HSDS 3.0: 所在地 1 件',
};

const entityLabels: Record<HsdsEntity, string> = { organizations: '組織', services: 'サービス', locations: '所在地' };

const HsdsReadParams = z.object({ id: z.string().max(100).describe('HSDS の id（UUID）') });

const rootAnswer = {
  version: '3.0',
  openapi_url: 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json',
};

export function hsdsRoutes(app: FastifyInstance, service: ExportService) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const rootSchema = {
    tags: ['hsds'],
    summary: 'HSDS 3.0: この API の版と仕様',
    response: { 200: z.object({ version: z.string(), openapi_url: z.string() }) },
  };
  typed.get('/hsds', { config: { access: access.public }, schema: rootSchema }, async () => rootAnswer);
  // HSDS clients join paths to a base URL ending in "/": the root answers there too.
  typed.get(
    '/hsds/',
    { config: { access: access.public }, schema: { ...rootSchema, hide: true } },
    async () => rootAnswer,
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
      async (request) => service.hsds(entity, request.query.page, request.query.per_page, request.query.search),
    );
    typed.get(
      `/hsds/${entity}/:id`,
      {
        config: { access: access.public },
        schema: {
          tags: ['hsds'],
          summary: readSummaries[entity],
          params: HsdsReadParams,
          response: { 200: z.record(z.string(), z.unknown()) },
        },
      },
      async (request) => {
        const record = await service.hsdsRead(entity, request.params.id);
        if (!record) throw errors.notFound(`HSDS の${entityLabels[entity]}「${request.params.id}」は見つかりません。`);
        return record;
      },
    );
  }
}
