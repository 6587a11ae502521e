/**
 * FHIR R4 clinical resources (signed in, the case routes' roles): search and read of Patient,
 * CareTeam, ServiceRequest and Task as application/fhir+json. Searches page with `_count` (≤ 500)
 * and `_offset` and take `_id`, and `patient` / `subject` (Patient/<id> or <id>) on the resources
 * of a patient; other parameters are ignored unless the client prefers strict handling
 * (fhir-search.ts). Records the caller may not see are 404 OperationOutcomes, as unknown ids are;
 * sign-in and role errors are the API's own (401 / 403).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { queryNumber } from '../../platform/query-number.js';
import type { AppDeps } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { caseRoles } from '../cases/case.routes.js';
import { operationOutcome } from './fhir.presenter.js';
import { fhirContentType, searchParameterNames } from './fhir-capability.js';
import { fhirClinicalTypes, type FhirClinicalType } from './fhir-clinical.presenter.js';
import { createFhirClinicalService } from './fhir-clinical.service.js';
import { searchParameterProblem } from './fhir-search.js';
import { fhirAnswer, fhirResource, fhirSearchset } from './fhir.schema.js';

/** A comma-separated list of ids (FHIR "or"); `Patient/<id>` is accepted where a reference is meant. */
const IdList = z
  .string()
  .max(2000)
  .transform((value) =>
    value
      .split(',')
      .map((part) => part.trim().replace(/^Patient\//, ''))
      .filter(Boolean),
  );

const SearchQuery = z.object({
  _count: queryNumber(z.number().int().min(0).max(500))
    .default(50)
    .describe('1 ページの件数（既定 50、最大 500。0 は件数 total だけを答える）'),
  _offset: queryNumber(z.number().int().min(0).max(10_000_000))
    .default(0)
    .describe('先頭から読み飛ばす件数（next リンクが使う）'),
  _id: IdList.optional().describe('リソース ID（カンマ区切りで複数）'),
});
const PatientScopedQuery = SearchQuery.extend({
  patient: IdList.optional().describe('患者（Patient/<ID> または ID、カンマ区切りで複数）'),
  subject: IdList.optional().describe('patient と同じ'),
});
const ReadParams = z.object({ id: z.string().max(64).describe('リソース ID') });

const typeLabels: Record<FhirClinicalType, string> = {
  Patient: '患者（退院支援ケース）',
  CareTeam: '在宅チーム',
  ServiceRequest: '紹介（依頼）',
  Task: '紹介の進行状況',
};

function sendFhir(reply: FastifyReply, status: number, body: unknown) {
  return reply.code(status).type(fhirContentType).send(JSON.stringify(body));
}

function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export function fhirClinicalRoutes(app: FastifyInstance, deps: AppDeps) {
  const service = createFhirClinicalService(deps);
  const typed = app.withTypeProvider<ZodTypeProvider>();
  for (const type of fhirClinicalTypes) {
    typed.get(
      `/fhir/r4/${type}`,
      {
        config: { access: caseRoles },
        attachValidation: true,
        schema: {
          tags: ['fhir'],
          summary: `FHIR R4: ${typeLabels[type]}（${type}）の検索（見られるものだけ、searchset Bundle）`,
          querystring: type === 'Patient' ? SearchQuery : PatientScopedQuery,
          response: fhirAnswer(fhirSearchset(type), `${type} の searchset Bundle`),
        },
      },
      async (request, reply) => {
        const problem = searchParameterProblem(request, searchParameterNames(type));
        if (problem) return sendFhir(reply, problem.status, problem.outcome);
        if (request.validationError) {
          const diagnostics = `検索条件に誤りがあります（_count は 0〜500、_offset は 0 以上）: ${request.validationError.message}`;
          return sendFhir(reply, 400, operationOutcome('invalid', diagnostics));
        }
        const query = request.query as z.infer<typeof PatientScopedQuery>;
        const patientIds =
          query.patient || query.subject ? [...(query.patient ?? []), ...(query.subject ?? [])] : undefined;
        const bundle = await service.search(requireActor(request.context), type, {
          count: query._count,
          offset: query._offset,
          baseUrl: baseUrlOf(request),
          ids: query._id,
          patientIds,
        });
        return sendFhir(reply, 200, bundle);
      },
    );
    typed.get(
      `/fhir/r4/${type}/:id`,
      {
        config: { access: caseRoles },
        attachValidation: true,
        schema: {
          tags: ['fhir'],
          summary: `FHIR R4: ${typeLabels[type]}（${type}）の取得`,
          params: ReadParams,
          response: fhirAnswer(fhirResource(type), type),
        },
      },
      async (request, reply) => {
        const id = request.validationError ? null : request.params.id;
        const resource = id === null ? null : await service.read(requireActor(request.context), type, id);
        if (!resource)
          return sendFhir(
            reply,
            404,
            operationOutcome('not-found', `${type}/${request.params.id.slice(0, 64)} は見つかりません。`),
          );
        return sendFhir(reply, 200, resource);
      },
    );
  }
}
