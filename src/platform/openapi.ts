/**
 * The OpenAPI 3.1 document (GET /api/openapi.json, CONTRACT §2), from the routes' own declarations:
 * their zod schemas (fastify-type-provider-zod's transform), and what each route declares in its
 * config — `access` (guard.ts), `idempotent` (idempotency.ts), `ifMatch` (versioning.ts),
 * `rateLimited` (below). From these, every operation gets its request headers (Idempotency-Key,
 * If-Match) and its error answers, all of one shared schema (components.schemas.Error; the FHIR
 * paths answer an OperationOutcome); a success answer whose schema has a top-level `version` gets
 * the ETag header, which versioning.ts registerVersionEtags sends by the same rule.
 *
 * The transform notes each operation's declarations under `x-renkei-contract`; the object transform
 * turns them into parameters and responses and removes the note.
 */
import type { FastifySchema, RouteOptions } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorCodes } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route can answer 429 rate_limited with Retry-After (failed sign-ins lock an account for a while). */
    rateLimited?: boolean;
    /** Error statuses the route answers beyond those its other declarations imply (422 when a swap breaks the rules). */
    errorStatuses?: readonly number[];
  }
}

/** The body of every error answer of the API (CONTRACT §2; error-handler.ts renders it). */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(errorCodes).describe('エラーの種類（CONTRACT §2 の状態ごとのコード）'),
    reason: z
      .enum(errorCodes)
      .optional()
      .describe('code より詳しい理由（例: 409 invalid_transition の role_filled）。あるときだけ'),
    message: z.string().describe('日本語の説明'),
    details: z
      .array(
        z.object({
          path: z.string().describe('問題のある項目（例: patient.birthDate）'),
          message: z.string(),
          code: z.string().optional().describe('他の言語で表示するためのコード'),
          params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
        }),
      )
      .describe('項目ごとの問題（ないときは空）'),
  }),
});

/** The body of a binary answer (a PDF), documented as bytes: the route sends a Buffer. */
export const BinaryBody = z.any().meta({ type: 'string', format: 'binary' });

/** What each error status means, as the document says it. */
export const errorStatusDescriptions: Readonly<Record<number, string>> = {
  400: '入力の誤り（validation_failed ほか）',
  401: 'ログインが必要（unauthenticated）',
  403: '権限がない・二要素認証やパスワード変更が必要（forbidden ほか）',
  404: '見つからない、または見る権限がない（not_found）',
  409: '状態が合わない・競合（invalid_transition ほか、同じ Idempotency-Key の要求を処理中）',
  412: 'If-Match の版が古い（version_conflict、details に現在の版）',
  422: '処理できない（同じ Idempotency-Key が別の内容で使用済み、輪番表が作れない など）',
  428: 'If-Match がない（precondition_required）',
  429: '試行が多すぎる（rate_limited、Retry-After 秒後に再試行）',
};

/** The paths whose errors are FHIR OperationOutcome resources (fhir-capability.ts registerFhirErrorShape). */
const fhirPrefix = '/fhir/';
const contractKey = 'x-renkei-contract';
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What an operation's declarations say about its headers and errors. */
export type OperationContract = {
  errors: number[];
  idempotent: boolean;
  ifMatch: 'required' | 'optional' | null;
  errorStyle: 'api' | 'fhir';
};

/** The error statuses and request headers of a route, from its declarations (config and schema). */
export function contractOf(route: Pick<RouteOptions, 'method' | 'url' | 'config'>, schema: FastifySchema | undefined) {
  const config = route.config ?? {};
  const isPublic = !config.access || config.access.kind === 'public';
  const methods = (Array.isArray(route.method) ? route.method : [route.method]).map((method) => method.toUpperCase());
  const isUnsafe = methods.some((method) => unsafeMethods.has(method));
  const hasPathParams = route.url.includes(':');
  const idempotent = config.idempotent === true;
  const ifMatch = config.ifMatch ?? null;
  const hasInput = Boolean(schema?.params ?? schema?.querystring ?? schema?.body ?? schema?.headers);
  const errors = [
    ...(hasInput || isUnsafe || idempotent || ifMatch ? [400] : []),
    ...(isPublic ? [] : [401, 403]),
    ...(hasPathParams ? [404] : []),
    ...(idempotent || (!isPublic && isUnsafe && hasPathParams) ? [409] : []),
    ...(ifMatch ? [412] : []),
    ...(idempotent ? [422] : []),
    ...(ifMatch === 'required' ? [428] : []),
    ...(config.rateLimited ? [429] : []),
  ];
  for (const status of config.errorStatuses ?? []) if (!errors.includes(status)) errors.push(status);
  errors.sort((a, b) => a - b);
  const contract: OperationContract = {
    errors,
    idempotent,
    ifMatch,
    errorStyle: route.url.startsWith(fhirPrefix) ? 'fhir' : 'api',
  };
  return contract;
}

/** fastify-type-provider-zod's transform, plus the route's declarations for the object transform. */
export const openApiTransform: typeof jsonSchemaTransform = (input) => {
  const result = jsonSchemaTransform(input);
  const schema = (result.schema ?? {}) as FastifySchema & { hide?: boolean };
  if (schema.hide) return result;
  return { ...result, schema: { ...schema, [contractKey]: contractOf(input.route, input.schema) } };
};

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function jsonSchemaOf(schema: z.ZodType): JsonObject {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' });
  return rest;
}

const errorSchemaRef = { $ref: '#/components/schemas/Error' };
const operationOutcomeRef = { $ref: '#/components/schemas/OperationOutcome' };

/** The shared components the operations refer to. */
function sharedComponents() {
  return {
    schemas: {
      Error: { ...jsonSchemaOf(ErrorBodySchema), description: 'エラーの本文（CONTRACT §2）' },
      OperationOutcome: {
        type: 'object',
        description: 'FHIR R4 OperationOutcome（/fhir/ のエラー）',
        properties: {
          resourceType: { const: 'OperationOutcome' },
          issue: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                severity: { type: 'string' },
                code: { type: 'string' },
                details: { type: 'object', properties: { text: { type: 'string' } } },
                diagnostics: { type: 'string' },
              },
              required: ['severity', 'code'],
            },
          },
        },
        required: ['resourceType', 'issue'],
      },
    },
    parameters: {
      IdempotencyKey: {
        in: 'header',
        name: 'Idempotency-Key',
        required: false,
        description:
          '再送しても一度だけ作成するためのキー（1〜200 文字の英数字・記号）。同じキーの再送には最初の応答（Idempotent-Replayed: true）。別の内容で使うと 422',
        schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' },
      },
      IfMatch: {
        in: 'header',
        name: 'If-Match',
        required: true,
        description: '取得時の ETag（例: "3"）。ないと 428、古いと 412',
        schema: { type: 'string', pattern: '^\\s*"?\\d{1,9}"?\\s*$' },
      },
      IfMatchOptional: {
        in: 'header',
        name: 'If-Match',
        required: false,
        description: '取得時の ETag（例: "3"）。送ったときだけ確認し、古いと 412',
        schema: { type: 'string', pattern: '^\\s*"?\\d{1,9}"?\\s*$' },
      },
    },
    headers: {
      ETag: {
        description: 'この版（version）。更新のときに If-Match で送り返す',
        schema: { type: 'string', pattern: '^"\\d+"$' },
      },
      IdempotentReplayed: {
        description: 'true: 同じ Idempotency-Key の要求への、保存済みの応答',
        schema: { type: 'string', const: 'true' },
      },
      RetryAfter: { description: '再試行できるまでの秒数', schema: { type: 'integer', minimum: 1 } },
    },
  };
}

/** Whether a JSON schema is of a versioned resource: a top-level integer `version`, in each alternative of a union. */
function hasVersion(schema: unknown): boolean {
  if (!isObject(schema)) return false;
  if (isObject(schema.properties))
    return isObject(schema.properties.version) && schema.properties.version.type === 'integer';
  const alternatives = schema.anyOf ?? schema.oneOf;
  return Array.isArray(alternatives) && alternatives.length > 0 && alternatives.every(hasVersion);
}

/** Whether an answer is a versioned resource, sent with its ETag (versioning.ts registerVersionEtags). */
function isVersioned(response: JsonObject): boolean {
  const content = isObject(response.content) ? response.content : {};
  const json = content['application/json'];
  return isObject(json) && hasVersion(json.schema);
}

function errorResponse(status: number, style: OperationContract['errorStyle']) {
  return {
    description: errorStatusDescriptions[status] ?? 'エラー',
    ...(status === 429 ? { headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } } : {}),
    content:
      style === 'fhir'
        ? { 'application/fhir+json': { schema: operationOutcomeRef } }
        : { 'application/json': { schema: errorSchemaRef } },
  };
}

function applyContract(operation: JsonObject, contract: OperationContract): void {
  const parameters = Array.isArray(operation.parameters) ? [...(operation.parameters as unknown[])] : [];
  if (contract.idempotent) parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
  if (contract.ifMatch === 'required') parameters.push({ $ref: '#/components/parameters/IfMatch' });
  if (contract.ifMatch === 'optional') parameters.push({ $ref: '#/components/parameters/IfMatchOptional' });
  if (parameters.length > 0) operation.parameters = parameters;
  const responses = isObject(operation.responses) ? operation.responses : {};
  for (const [status, response] of Object.entries(responses)) {
    if (!/^2/.test(status) || !isObject(response)) continue;
    // A zod schema gives no description of its own: say what the status means instead of "Default Response".
    if (response.description === 'Default Response') response.description = status === '201' ? '作成した' : '成功';
    const headers = isObject(response.headers) ? { ...response.headers } : {};
    if (isVersioned(response)) headers.ETag = { $ref: '#/components/headers/ETag' };
    if (contract.idempotent) headers['Idempotent-Replayed'] = { $ref: '#/components/headers/IdempotentReplayed' };
    if (Object.keys(headers).length > 0) response.headers = headers;
  }
  for (const status of contract.errors) {
    responses[String(status)] ??= errorResponse(status, contract.errorStyle);
  }
  operation.responses = responses;
}

/** Adds the shared components and turns each operation's declarations into headers and error answers. */
export const openApiTransformObject = (documentObject: { openapiObject?: unknown; swaggerObject?: unknown }) => {
  const document = (documentObject.openapiObject ?? {}) as JsonObject;
  const components = isObject(document.components) ? document.components : {};
  const shared = sharedComponents();
  document.components = {
    ...components,
    schemas: { ...(isObject(components.schemas) ? components.schemas : {}), ...shared.schemas },
    parameters: { ...(isObject(components.parameters) ? components.parameters : {}), ...shared.parameters },
    headers: { ...(isObject(components.headers) ? components.headers : {}), ...shared.headers },
  };
  const paths = isObject(document.paths) ? document.paths : {};
  for (const item of Object.values(paths)) {
    if (!isObject(item)) continue;
    for (const operation of Object.values(item)) {
      if (!isObject(operation) || !isObject(operation[contractKey])) continue;
      const contract = operation[contractKey] as OperationContract;
      Reflect.deleteProperty(operation, contractKey);
      applyContract(operation, contract);
    }
  }
  return document;
};
