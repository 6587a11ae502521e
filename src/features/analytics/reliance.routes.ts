/** GET /api/v1/analytics/reliance: concentration of home patients on few organisations, per area. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/context.js';
import { access } from '../../platform/guard.js';
import { teamRoles } from '../../domain/codes.js';
import { areaNameCodes } from '../../domain/server-text.js';
import type { RelianceService } from './reliance.service.js';

const RelianceQuery = z.object({
  role: z.enum(teamRoles).default('primary_doctor').describe('役割（既定: primary_doctor）'),
  areaCode: z
    .string()
    .regex(/^\d{5}$/, '地域コードは5桁の数字です。')
    .optional()
    .describe('区（省略時はすべての区と市全体）'),
});

const Concentration = z.object({
  areaCode: z.string(),
  areaName: z.string(),
  areaNameCode: z
    .enum(areaNameCodes)
    .nullable()
    .describe('areaName がサーバーの組み立てた名前のときのコード（city_whole: 市全体）。区は null'),
  areaNameParams: z.object({ name: z.string() }).nullable().describe('areaNameCode の値（name: 市の名前）'),
  patients: z
    .number()
    .int()
    .nullable()
    .describe('在宅患者数（1〜9人、または市全体から差し引くと10人未満が分かる区は null。0人は 0）'),
  organizations: z.number().int().nullable(),
  top1Share: z.number().nullable().describe('最大の事業所の割合（0〜1。秘匿または患者0人のとき null）'),
  top3Share: z.number().nullable().describe('上位3事業所の割合（0〜1。秘匿または患者0人のとき null）'),
  hhi: z.number().int().nullable().describe('HHI（0〜10,000。秘匿または患者0人のとき null）'),
  isSuppressed: z.boolean().describe('秘匿したとき true（患者0人は秘匿しない）'),
});

export const RelianceResponse = z.object({
  role: z.enum(teamRoles),
  areaCode: z.string().nullable(),
  asOf: z.string(),
  suppressBelow: z.number().int(),
  suppressionNote: z.string(),
  hhiNote: z.string(),
  areas: z.array(Concentration),
  overCapacity: z.array(
    z.object({
      organizationId: z.string(),
      name: z.string(),
      kind: z.string(),
      areaCode: z.string().nullable(),
      areaName: z.string().nullable(),
      declaredCapacity: z.number().int(),
      load: z.number().int().describe('在宅患者数（10人未満の事業所は一覧に載せない）'),
      utilisation: z.number(),
    }),
  ),
  trend: z.array(z.object({ month: z.string().describe('月（YYYY-MM）'), areas: z.array(Concentration) })),
});

export function relianceRoutes(app: FastifyInstance, reliance: RelianceService) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/analytics/reliance',
    {
      config: { access: access.roles('center_coordinator', 'association_admin', 'city_analyst', 'admin') },
      schema: {
        tags: ['analytics'],
        summary: '在宅患者が少数の事業所に集中している度合い（上位1・3のシェア、HHI、申告上限超過、推移）',
        querystring: RelianceQuery,
        response: { 200: RelianceResponse },
      },
    },
    async (request) => reliance.reliance(requireActor(request.context), request.query),
  );
}
