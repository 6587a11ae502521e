/**
 * FHIR R4 (public, no login): search and read of Organization, Location and HealthcareService as
 * application/fhir+json. Searches page with `_count` (≤ 500) and `_offset`; errors are
 * OperationOutcome resources, as FHIR clients expect.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../platform/guard.js';
import type { Clock } from '../../platform/clock.js';
import type { ExportService } from './export.service.js';
import { capabilityStatement, fhirContentType } from './fhir-capability.js';
import { fhirTypes, operationOutcome, type FhirType } from './fhir.presenter.js';

const FhirSearchQuery = z.object({
  _count: z.coerce.number().int().min(1).max(500).default(50).describe('1 ページの件数（既定 50、最大 500）'),
  _offset: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_000_000)
    .default(0)
    .describe('先頭から読み飛ばす件数（next リンクが使う）'),
});
const FhirReadParams = z.object({ id: z.string().max(64).describe('リソース ID（組織の ID）') });

const typeLabels: Record<FhirType, string> = {
  Organization: '組織',
  Location: '所在地',
  HealthcareService: 'サービス',
};

function sendFhir(reply: FastifyReply, status: number, body: unknown) {
  return reply.code(status).type(fhirContentType).send(JSON.stringify(body));
}

function invalid(reply: FastifyReply, request: FastifyRequest) {
  const message = request.validationError?.message ?? '検索条件に誤りがあります。';
  return sendFhir(
    reply,
    400,
    operationOutcome('invalid', `検索条件に誤りがあります（_count は 1〜500、_offset は 0 以上）: ${message}`),
  );
}

function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export function fhirRoutes(app: FastifyInstance, service: ExportService, clock: Clock) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/fhir/r4/metadata',
    {
      config: { access: access.public },
      schema: { tags: ['fhir'], summary: 'FHIR R4: このサーバーの機能（CapabilityStatement）' },
    },
    async (_request, reply) => sendFhir(reply, 200, capabilityStatement(clock.now())),
  );
  for (const type of fhirTypes) {
    typed.get(
      `/fhir/r4/${type}`,
      {
        config: { access: access.public },
        attachValidation: true,
        schema: {
          tags: ['fhir'],
          summary: `FHIR R4: ${typeLabels[type]}（${type}）の検索（searchset Bundle）`,
          querystring: FhirSearchQuery,
        },
      },
      async (request, reply) => {
        if (request.validationError) return invalid(reply, request);
        const bundle = await service.fhirSearch(type, {
          count: request.query._count,
          offset: request.query._offset,
          baseUrl: baseUrlOf(request),
        });
        return sendFhir(reply, 200, bundle);
      },
    );
    typed.get(
      `/fhir/r4/${type}/:id`,
      {
        config: { access: access.public },
        attachValidation: true,
        schema: { tags: ['fhir'], summary: `FHIR R4: ${typeLabels[type]}（${type}）の取得`, params: FhirReadParams },
      },
      async (request, reply) => {
        const resource = request.validationError ? null : await service.fhirRead(type, request.params.id);
        if (!resource)
          return sendFhir(reply, 404, operationOutcome('not-found', `${type}/${request.params.id} は見つかりません。`));
        return sendFhir(reply, 200, resource);
      },
    );
  }
}
