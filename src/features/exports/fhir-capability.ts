/**
 * The FHIR server's own description (GET /fhir/r4/metadata, a CapabilityStatement) and the shape of
 * its errors: under /fhir/ every error — the guard's 401/403, an unknown type's 404, a refused
 * search — is an OperationOutcome as application/fhir+json, as FHIR clients expect.
 */
import type { CapabilityStatement, OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { FastifyInstance } from 'fastify';
import { toJstIso } from '../../platform/time.js';
import { fhirClinicalTypes } from './fhir-clinical.presenter.js';
import { fhirTypes } from './fhir.presenter.js';

export const fhirContentType = 'application/fhir+json; charset=utf-8';

const pagingParameters = [
  { name: '_count', type: 'number', documentation: '1 ページの件数（既定 50、最大 500）' },
  { name: '_offset', type: 'number', documentation: '先頭から読み飛ばす件数（next リンクが使う）' },
] as const;

/** What this server offers: public directory reads and, signed in, the discharge cases' resources. */
export function capabilityStatement(now: Date): CapabilityStatement {
  const directory = fhirTypes.map((type) => ({
    type,
    interaction: [{ code: 'read' as const }, { code: 'search-type' as const }],
    searchParam: pagingParameters.map((parameter) => ({ ...parameter })),
    documentation: '公開（ログイン不要）。岡山市の医療・介護資源の公開情報のみ。',
  }));
  const clinical = fhirClinicalTypes.map((type) => ({
    type,
    interaction: [{ code: 'read' as const }, { code: 'search-type' as const }],
    searchParam: [
      ...pagingParameters.map((parameter) => ({ ...parameter })),
      { name: '_id', type: 'token' as const, documentation: 'リソース ID（カンマ区切りで複数）' },
      ...(type === 'Patient'
        ? []
        : [{ name: 'patient', type: 'reference' as const, documentation: '患者（Patient/<ID> または ID）' }]),
    ],
    documentation:
      'ログインが必要（Bearer トークンまたはセッション Cookie）。利用者の役割と組織、患者の同意の範囲で見えるものだけを返す。',
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
  rate_limited: 'throttled',
};

type ApiErrorBody = { error: { code: string; message: string; details?: { path: string; message: string }[] } };

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  const error = (value as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

/** The API's error body ({"error":{code,message,details}}) as an OperationOutcome. */
export function outcomeOfApiError(body: ApiErrorBody): OperationOutcome {
  const code = issueCodes[body.error.code] ?? 'processing';
  return {
    resourceType: 'OperationOutcome',
    issue: [
      { severity: 'error', code, diagnostics: body.error.message, details: { text: body.error.code } },
      ...(body.error.details ?? []).map((detail): OperationOutcomeIssue => ({
        severity: 'error',
        code,
        diagnostics: detail.message,
        ...(detail.path ? { expression: [detail.path] } : {}),
      })),
    ],
  };
}

/** Turns every API-shaped error answered under /fhir/ into an OperationOutcome. */
export function registerFhirErrorShape(app: FastifyInstance): void {
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
