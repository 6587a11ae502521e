/** Areas (wards and districts) with codes, names, centroids and boundaries. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../platform/guard.js';
import { dataSource } from '../../platform/data-sources.js';
import { decodeCursor, pageOf, PageQuery } from '../../platform/pagination.js';
import type { AreaRecord, AreaService } from './area.service.js';

const AreaResponse = z.object({
  code: z.string().describe('地域コード（区は5桁の全国地方公共団体コード）'),
  name: z.string(),
  fullName: z.string(),
  kind: z.string(),
  parentCode: z.string().nullable(),
  centroid: z
    .object({ lat: z.number(), lng: z.number() })
    .nullable()
    .describe('境界の幾何学的な重心（北区では北部の山間部になるなど、人の住む所から離れることがある）'),
  representativePoint: z
    .object({ lat: z.number(), lng: z.number(), town: z.string().describe('代表点の町丁目名') })
    .nullable()
    .describe(
      '代表地点: 区内の町丁目代表点（Geolonia 住所データ）の緯度・経度それぞれの中央値に最も近い町丁目の代表点。町丁目は人の住む所に密なので、区の市街地の中心になる。areaCode での資源検索はここから距離を測る',
    ),
  source: z.object({
    id: z.string(),
    attribution: z.string(),
    license: z.string().nullable(),
    asOf: z.string().nullable(),
  }),
});
const AreaListResponse = z.object({ items: z.array(AreaResponse), nextCursor: z.string().nullable() });
const BoundaryQuery = z.object({
  boundaries: z.enum(['true', 'false']).optional().describe('true で境界 (GeoJSON) を含める'),
});
const AreaBoundaryCollection = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) });

export function areaRoutes(app: FastifyInstance, areaService: AreaService) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const readAreas = () => areaService.list();

  const present = (row: AreaRecord) => ({
    code: row.code,
    name: row.name,
    fullName: row.fullName,
    kind: row.kind,
    parentCode: row.parentCode,
    centroid:
      row.centroidLat !== null && row.centroidLng !== null ? { lat: row.centroidLat, lng: row.centroidLng } : null,
    representativePoint: row.representativePoint,
    // The source's note (how the data reached us) is for the data page, not every answer.
    source: (({ id, attribution, license, asOf }) => ({ id, attribution, license, asOf }))(dataSource(row.source)),
  });

  for (const [url, rule] of [
    ['/api/v1/areas', access.anyRole],
    ['/api/v1/public/areas', access.public],
  ] as const) {
    api.get(
      url,
      {
        config: { access: rule },
        schema: {
          tags: ['directory'],
          summary: '地域（区など）の一覧（地域コード順）',
          querystring: PageQuery,
          response: { 200: AreaListResponse },
        },
      },
      async (request) => {
        // A handful of rows, paged like every list (CONTRACT §2): by code, the cursor holds the last code.
        const after = decodeCursor(request.query.cursor, 'none', 'integer');
        const rows = (await readAreas())
          .map(present)
          .sort((a, b) => a.code.localeCompare(b.code))
          .filter((area) => after === null || area.code > after.id);
        return pageOf(rows.slice(0, request.query.limit + 1), request.query.limit, (area) => ({
          key: null,
          id: area.code,
        }));
      },
    );
  }

  api.get(
    '/api/v1/public/areas/boundaries',
    {
      config: { access: access.public },
      schema: {
        tags: ['directory'],
        summary: '地域の境界（GeoJSON FeatureCollection, 地図表示用）',
        querystring: BoundaryQuery,
        response: { 200: AreaBoundaryCollection },
      },
    },
    async (_request, reply) => {
      void reply.header('Cache-Control', 'public, max-age=3600');
      const rows = await readAreas();
      return {
        type: 'FeatureCollection' as const,
        features: rows
          .filter((row) => row.boundary !== null)
          .map((row) => ({
            type: 'Feature',
            properties: {
              code: row.code,
              name: row.name,
              fullName: row.fullName,
              attribution: dataSource(row.source).attribution,
            },
            geometry: row.boundary,
          })),
      };
    },
  );
}
