/**
 * FHIR R4 (public, no login): search and read of Organization, Location and HealthcareService as
 * application/fhir+json. Searches page with `_count` (≤ 500) and `_offset` and take `_id`, `name`
 * (`:contains`, `:exact`) and, on HealthcareService and Location, `organization`; other parameters
 * are ignored unless the client prefers strict handling (fhir-search.ts). Errors are
 * OperationOutcome resources, as FHIR clients expect.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { queryNumber } from '../../platform/query-number.js';
import { access } from '../../platform/guard.js';
import type { Clock } from '../../platform/clock.js';
import type { ExportService } from './export.service.js';
import { capabilityStatement, fhirContentType, searchParameterNames } from './fhir-capability.js';
import { fhirTypes, operationOutcome, type FhirType } from './fhir.presenter.js';
import { referencedId, RepeatableList, searchParameterProblem } from './fhir-search.js';
import type { NameMatch } from './export.repository.js';
import { fhirAnswer, FhirCapabilityStatement, fhirResource, fhirSearchset } from './fhir.schema.js';

const nameDescription =
  '名前・よみがなで検索（前方一致。ひらがな・カタカナ、全角・半角、大文字・小文字、異体字を区別しない。カンマ区切りはいずれか）';

const FhirSearchQuery = z.object({
  _count: queryNumber(z.number().int().min(0).max(500))
    .default(50)
    .describe('1 ページの件数（既定 50、最大 500。0 は件数 total だけを答える）'),
  _offset: queryNumber(z.number().int().min(0).max(10_000_000))
    .default(0)
    .describe('先頭から読み飛ばす件数（next リンクが使う）'),
  _id: RepeatableList.optional().describe('リソース ID（組織の ID、カンマ区切りで複数）'),
  name: RepeatableList.optional().describe(nameDescription),
  'name:contains': RepeatableList.optional().describe('名前・よみがなの一部で検索（部分一致、name と同じ正規化）'),
  'name:exact': RepeatableList.optional().describe('名前（またはよみがな）と完全に一致するもの'),
});
const OrganizationScopedQuery = FhirSearchQuery.extend({
  organization: RepeatableList.optional().describe('組織（Organization/<ID> または ID、カンマ区切りで複数）'),
});
type DirectoryQuery = z.infer<typeof OrganizationScopedQuery>;

const nameMatches: ['name' | 'name:contains' | 'name:exact', NameMatch][] = [
  ['name', 'prefix'],
  ['name:contains', 'contains'],
  ['name:exact', 'exact'],
];

/** The occurrences that say something: an empty value (`?name=`) is ignored, as FHIR asks. */
function given(groups: string[][] | undefined): string[][] {
  return (groups ?? []).filter((group) => group.length > 0);
}

/** The query as the service takes it, with the parameters it used (for the Bundle's links). */
function directorySearch(query: DirectoryQuery) {
  const parameters: [string, string][] = [];
  const keep = (name: string, groups: string[][]) => {
    for (const group of groups) parameters.push([name, group.join(',')]);
    return groups.length > 0 ? groups : undefined;
  };
  const ids = keep('_id', given(query._id));
  const organizationIds = keep(
    'organization',
    given(query.organization).map((group) => group.map((value) => referencedId(value, 'Organization'))),
  );
  const names = nameMatches.flatMap(([parameter, match]) =>
    (keep(parameter, given(query[parameter])) ?? []).map((values) => ({ match, values })),
  );
  return { ids, organizationIds, names, parameters };
}

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
  // A number given twice (`_count=2&_count=3`) is a list to the parser: say that, not that a text was expected.
  const query = (request.query ?? {}) as Record<string, unknown>;
  const repeated = ['_count', '_offset'].filter((name) => Array.isArray(query[name]));
  const message =
    repeated.length > 0
      ? `${repeated.join('・')} は1回だけ指定してください。`
      : (request.validationError?.message ?? '検索条件に誤りがあります。').replace(/^querystring\//, '');
  return sendFhir(
    reply,
    400,
    operationOutcome(
      'invalid',
      `検索条件に誤りがあります（_count は 0〜500、_offset は 0 以上、各パラメータは 2000 文字以内）: ${message}`,
    ),
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
      schema: {
        tags: ['fhir'],
        summary: 'FHIR R4: このサーバーの機能（CapabilityStatement）',
        response: fhirAnswer(FhirCapabilityStatement, 'CapabilityStatement'),
      },
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
          querystring: type === 'Organization' ? FhirSearchQuery : OrganizationScopedQuery,
          response: fhirAnswer(fhirSearchset(type), `${type} の searchset Bundle`),
        },
      },
      async (request, reply) => {
        const problem = searchParameterProblem(request, searchParameterNames(type));
        if (problem) return sendFhir(reply, problem.status, problem.outcome);
        if (request.validationError) return invalid(reply, request);
        const query = request.query as DirectoryQuery;
        const bundle = await service.fhirSearch(type, {
          count: query._count,
          offset: query._offset,
          baseUrl: baseUrlOf(request),
          ...directorySearch(query),
        });
        return sendFhir(reply, 200, bundle);
      },
    );
    typed.get(
      `/fhir/r4/${type}/:id`,
      {
        config: { access: access.public },
        attachValidation: true,
        schema: {
          tags: ['fhir'],
          summary: `FHIR R4: ${typeLabels[type]}（${type}）の取得`,
          params: FhirReadParams,
          response: fhirAnswer(fhirResource(type), type),
        },
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
