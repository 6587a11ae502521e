/**
 * The FHIR server's own description (GET /fhir/r4/metadata, a CapabilityStatement) and the shape of
 * its errors: under /fhir/ every error — the guard's 401/403, an unknown type's 404, a refused
 * search — is an OperationOutcome as application/fhir+json, as FHIR clients expect.
 */
import type { CapabilityStatement, OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { FastifyInstance } from 'fastify';
import { setPathErrorShape } from '../../platform/error-handler.js';
import { toJstIso } from '../../platform/time.js';
import { fhirClinicalTypes, type FhirClinicalType } from './fhir-clinical.presenter.js';
import { fhirTypes, type FhirType } from './fhir.presenter.js';
import { fhirFormatProblem } from './fhir-search.js';

export const fhirContentType = 'application/fhir+json; charset=utf-8';

type SearchParameter = {
  name: string;
  type: 'number' | 'token' | 'string' | 'reference';
  documentation: string;
  /** The modifiers this server supports (R4's CapabilityStatement has no field for them: documented). */
  modifiers?: readonly string[];
};

const paging: SearchParameter[] = [
  { name: '_count', type: 'number', documentation: '1 ページの件数（既定 50、最大 500）' },
  { name: '_offset', type: 'number', documentation: '先頭から読み飛ばす件数（next リンクが使う）' },
];
const byId: SearchParameter = { name: '_id', type: 'token', documentation: 'リソース ID（カンマ区切りで複数）' };
const byName = (what: string): SearchParameter => ({
  name: 'name',
  type: 'string',
  documentation: `${what}で検索: 既定は前方一致、:contains は部分一致、:exact は完全一致。ひらがな・カタカナ、全角・半角、大文字・小文字、空白、異体字（髙/高 など）を区別しない（:exact を除く）。`,
  modifiers: ['contains', 'exact'],
});
const byOrganization = (what: string): SearchParameter => ({
  name: 'organization',
  type: 'reference',
  documentation: `${what}（Organization/<ID> または ID、カンマ区切りで複数）`,
});
const byPatient: SearchParameter[] = [
  { name: 'patient', type: 'reference', documentation: '患者（Patient/<ID> または ID、カンマ区切りで複数）' },
  { name: 'subject', type: 'reference', documentation: 'patient と同じ' },
];

/**
 * The search parameters of each type. Any other parameter is ignored (and left out of the Bundle's
 * links) unless the request says `Prefer: handling=strict`, then it is a 400 OperationOutcome; an
 * unsupported modifier of one of these always is.
 */
const searchParameters: Record<FhirType | FhirClinicalType, SearchParameter[]> = {
  Organization: [...paging, byId, byName('組織の名前（name）またはよみがな（alias）')],
  Location: [
    ...paging,
    byId,
    byName('所在地の名前（name）またはよみがな（alias）'),
    byOrganization('所在地を管理する組織（managingOrganization）'),
  ],
  HealthcareService: [
    ...paging,
    byId,
    byName('サービスの名前（種別（組織名））、または提供する組織の名前・よみがな'),
    byOrganization('サービスを提供する組織（providedBy）'),
  ],
  Patient: [...paging, byId],
  CareTeam: [...paging, byId, ...byPatient],
  ServiceRequest: [...paging, byId, ...byPatient],
  Task: [...paging, byId, ...byPatient],
};

/** The parameter names a search of `type` takes, modifiers written out (`name:contains`). */
export function searchParameterNames(type: FhirType | FhirClinicalType): string[] {
  return searchParameters[type].flatMap((parameter) => [
    parameter.name,
    ...(parameter.modifiers ?? []).map((modifier) => `${parameter.name}:${modifier}`),
  ]);
}

const declared = (type: FhirType | FhirClinicalType) =>
  searchParameters[type].map(({ name, type: parameterType, documentation }) => ({
    name,
    type: parameterType,
    documentation,
  }));

const unknownParameters =
  'これ以外の検索パラメータは無視する（self リンクにも含めない）。Prefer: handling=strict のときは 400 OperationOutcome。';

/** What this server offers: public directory reads and, signed in, the discharge cases' resources. */
export function capabilityStatement(now: Date): CapabilityStatement {
  const directory = fhirTypes.map((type) => ({
    type,
    interaction: [{ code: 'read' as const }, { code: 'search-type' as const }],
    searchParam: declared(type),
    documentation: `公開（ログイン不要）。岡山市の医療・介護資源の公開情報のみ。${unknownParameters}`,
  }));
  const clinical = fhirClinicalTypes.map((type) => ({
    type,
    interaction: [{ code: 'read' as const }, { code: 'search-type' as const }],
    searchParam: declared(type),
    documentation: `ログインが必要（Bearer トークンまたはセッション Cookie）。利用者の役割と組織、患者の同意の範囲で見えるものだけを返す。${unknownParameters}`,
  }));
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: toJstIso(now),
    publisher: 'Renkei',
    kind: 'instance',
    software: { name: 'Renkei' },
    implementation: { description: 'Renkei 在宅医療・介護連携プラットフォームの FHIR R4 API' },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        security: {
          description:
            '公開資源（Organization, Location, HealthcareService）はログイン不要。患者に関わるリソースは Authorization: Bearer <token> が必要。',
        },
        resource: [...directory, ...clinical],
      },
    ],
  };
}

const issueCodes: Record<string, OperationOutcomeIssue['code']> = {
  unauthenticated: 'login',
  forbidden: 'forbidden',
  mfa_enrollment_required: 'security',
  password_change_required: 'security',
  not_found: 'not-found',
  validation_failed: 'invalid',
  bad_url: 'invalid',
  uri_too_long: 'too-long',
  bad_http_request: 'invalid',
  bad_request: 'invalid',
  headers_too_large: 'too-long',
  payload_too_large: 'too-long',
  request_timeout: 'timeout',
  malformed_json: 'structure',
  unsupported_media_type: 'not-supported',
  rate_limited: 'throttled',
  shutting_down: 'transient',
};

type ApiErrorBody = {
  error: { code: string; reason?: string; message: string; details?: { path: string; message: string }[] };
};

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  const error = (value as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

/**
 * The API's error body ({"error":{code,reason?,message,details}}) as an OperationOutcome: the issue
 * code and details.text from the most specific code (`reason` where the body has one).
 */
export function outcomeOfApiError(body: ApiErrorBody): OperationOutcome {
  const apiCode = body.error.reason ?? body.error.code;
  const code = issueCodes[apiCode] ?? issueCodes[body.error.code] ?? 'processing';
  return {
    resourceType: 'OperationOutcome',
    issue: [
      { severity: 'error', code, diagnostics: body.error.message, details: { text: apiCode } },
      ...(body.error.details ?? []).map((detail): OperationOutcomeIssue => ({
        severity: 'error',
        code,
        diagnostics: detail.message,
        ...(detail.path ? { expression: [detail.path] } : {}),
      })),
    ],
  };
}

/**
 * Turns every API-shaped error answered under /fhir/ into an OperationOutcome: those answered
 * through a reply by an onSend hook, and those the server answers before any route or hook runs —
 * a URL the router cannot read (bad_url), a request Node's HTTP parser refuses (raw UTF-8 in the
 * query string: bad_http_request) — through the platform's path error shapes.
 */
/** Every FHIR interaction answers JSON only: another format asked for is 406 (fhirFormatProblem) before any work. */
export function registerFhirFormatCheck(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    const problem = request.url.startsWith('/fhir/') ? fhirFormatProblem(request) : null;
    if (problem === null) {
      done();
      return;
    }
    void reply.code(problem.status).type(fhirContentType).send(JSON.stringify(problem.outcome));
  });
}

export function registerFhirErrorShape(app: FastifyInstance): void {
  setPathErrorShape('/fhir/', {
    contentType: fhirContentType,
    render: (body) => JSON.stringify(outcomeOfApiError(body)),
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    if (reply.statusCode < 400 || !request.url.startsWith('/fhir/') || typeof payload !== 'string') {
      done(null, payload);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      done(null, payload);
      return;
    }
    if (!isApiErrorBody(parsed)) {
      done(null, payload);
      return;
    }
    void reply.type(fhirContentType);
    done(null, JSON.stringify(outcomeOfApiError(parsed)));
  });
}
