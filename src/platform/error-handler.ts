/**
 * Renders every error as {"error":{code,reason?,message,details}} (CONTRACT §2, errors.ts errorBody):
 * the contract's code for its status, the specific one as `reason`; bad input never becomes a 5xx.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, errorBody, type ErrorBody, type ErrorCode, type ErrorDetail } from './errors.js';

/**
 * The sentence of a validation failure, by the part of the request that failed. A form's user reads it
 * above the form, so it names no part of HTTP (「本文」「クエリ」); the details name the fields.
 */
const validationMessages: Record<string, string> = {
  body: '入力内容に誤りがあります。',
  querystring: '指定された条件に誤りがあります。',
  params: 'URL に誤りがあります。',
  headers: '要求ヘッダーに誤りがあります。',
};

type FastifyCodeRule = { code: ErrorCode; statusCode: number; message: string };

/** Fastify's own 4xx errors, told apart by their codes. */
const fastifyCodes: Record<string, FastifyCodeRule> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'malformed_json',
    statusCode: 400,
    message: 'JSON の本文が空です。',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'malformed_json',
    statusCode: 400,
    message: 'JSON の形式が正しくありません。',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'payload_too_large',
    statusCode: 413,
    message: '送信データが大きすぎます。',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type',
    statusCode: 415,
    message: 'この Content-Type には対応していません。application/json で送信してください。',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'invalid_content_length',
    statusCode: 400,
    message: 'Content-Length が本文の長さと一致しません。',
  },
  FST_ERR_CTP_INVALID_TYPE: {
    code: 'unsupported_media_type',
    statusCode: 415,
    message: 'Content-Type の形式が正しくありません。',
  },
  FST_ERR_CTP_INVALID_CONTENT_TYPE: {
    code: 'unsupported_media_type',
    statusCode: 415,
    message: 'Content-Type の形式が正しくありません。',
  },
};

export { errorBody };

/** zod's issue codes that say the same thing whatever the schema (a refine's own message is left as it is). */
const generalIssueCodes = new Set([
  'invalid_type',
  'too_small',
  'too_big',
  'invalid_format',
  'invalid_value',
  'unrecognized_keys',
  'not_multiple_of',
  'invalid_union',
  'invalid_key',
  'invalid_element',
]);

/**
 * A validation issue as `code` (`field_<zod code>`) and `params`, so that a client can say the
 * Japanese message in another language: the bound and what it bounds (`variant`: string, number,
 * array …), the expected type or format, the allowed values, the unknown keys.
 */
function issueCodeOf(
  keyword: string,
  params: Record<string, unknown>,
): { code?: string; params?: Record<string, string | number> } {
  if (!generalIssueCodes.has(keyword)) return {};
  const out: Record<string, string | number> = {};
  const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
  for (const name of ['minimum', 'maximum', 'divisor'] as const) {
    const value = params[name];
    if (typeof value === 'number' || typeof value === 'bigint') out[name] = Number(value);
    if (value instanceof Date) out[name] = value.toISOString();
  }
  if (typeof params.origin === 'string') out.variant = params.origin;
  if (typeof params.expected === 'string') out.expected = params.expected;
  if (typeof params.format === 'string') out.variant = params.format;
  if (Array.isArray(params.values)) out.values = params.values.map(text).join(', ');
  if (Array.isArray(params.keys)) out.keys = params.keys.map(text).join(', ');
  if (keyword === 'invalid_value' && out.values === undefined) out.variant = 'none';
  return { code: `field_${keyword}`, params: out };
}

/**
 * A request's schema validation error as the API answers it (400 validation_failed): its message and
 * one detail per issue. Null when `error` is not one (a route with `attachValidation` gets it as
 * `request.validationError` and may add the problems of its own checks before answering).
 */
export function schemaValidationFailure(
  error: unknown,
): { message: string; details: ErrorDetail[]; context: string } | null {
  if (!(error instanceof Error) || !hasZodFastifySchemaValidationErrors(error)) return null;
  const context = error.validationContext ?? 'body';
  const all = error.validation.map((issue) => ({
    path: issue.instancePath.replace(/^\//, '').replace(/\//g, '.') || (error.validationContext ?? ''),
    message: issue.message ?? '不正な値です。',
    ...issueCodeOf(issue.keyword, issue.params),
  }));
  // A value of the wrong type is only that: zod 4 still runs length checks on anything with a length (a string sent
  // for a list of at most 20 also read 「20件までです」), which would say something false about the field.
  const wrongType = new Set(all.filter((detail) => detail.code === 'field_invalid_type').map((detail) => detail.path));
  const details = all.filter((detail) => detail.code === 'field_invalid_type' || !wrongType.has(detail.path));
  return { message: validationMessages[context] ?? '入力内容に誤りがあります。', details, context };
}

/** Errors the router meets before any route runs (Fastify option `frameworkErrors`), in the API's own shape. */
const routerErrors: Record<string, FastifyCodeRule> = {
  FST_ERR_BAD_URL: {
    code: 'bad_url',
    statusCode: 400,
    message: 'URL の形式が正しくありません（パーセントエンコードを確認してください）。',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    code: 'uri_too_long',
    statusCode: 414,
    message: 'URL のパラメータが長すぎます。',
  },
};

/**
 * Another shape than the API's for the errors under a path prefix whose clients expect one (FHIR's
 * OperationOutcome under /fhir/, set by features/exports). Only the answers given before any route
 * or hook runs need it — frameworkErrors and clientErrorHandler below; errors answered through a
 * reply are reshaped by the feature's own onSend hook.
 */
export type PathErrorShape = {
  contentType: string;
  render: (body: ErrorBody) => string;
};
const pathErrorShapes = new Map<string, PathErrorShape>();

/** Errors met before routing under `prefix` (e.g. '/fhir/') are written in `shape`. */
export function setPathErrorShape(prefix: string, shape: PathErrorShape): void {
  pathErrorShapes.set(prefix, shape);
}

function pathErrorShapeOf(target: string | undefined): PathErrorShape | null {
  if (!target) return null;
  // An absolute-form target (GET http://host/fhir/… HTTP/1.1) has its path after the authority.
  const path = target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  for (const [prefix, shape] of pathErrorShapes) if (path.startsWith(prefix)) return shape;
  return null;
}

/** The request target of the request Node's HTTP parser refused, from the bytes it was given (if any). */
function refusedRequestTarget(error: Error): string | undefined {
  const packet = (error as { rawPacket?: unknown }).rawPacket;
  if (!Buffer.isBuffer(packet)) return undefined;
  const [requestLine = ''] = packet.subarray(0, 8192).toString('latin1').split('\r\n', 1);
  const [, target] = requestLine.split(' ');
  return target;
}

export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const rule = routerErrors[error.code] ?? { code: 'bad_request', statusCode: 400, message: '要求を処理できません。' };
  const body = errorBody(rule.statusCode, rule.code, rule.message);
  const shape = pathErrorShapeOf(request.raw.url);
  if (shape) {
    void reply.code(rule.statusCode).type(shape.contentType).send(shape.render(body));
    return;
  }
  void reply.code(rule.statusCode).send(body);
}

/**
 * A request Node's HTTP parser refuses (a Content-Length that does not match, a malformed request
 * line, raw non-ASCII bytes in the URL, headers too large) never reaches Fastify: the socket gets
 * one answer in the API's shape (or its path's, setPathErrorShape) and is closed, as Fastify's
 * default handler does with its own English body.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [statusCode, code, message]: [number, ErrorCode, string] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'request_timeout', '要求の受信が時間内に終わりませんでした。']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'headers_too_large', 'HTTP ヘッダーが大きすぎます。']
        : [400, 'bad_http_request', 'HTTP 要求の形式が正しくありません。']; // the parser's reason is not the client's concern
  if (socket.writable) {
    const shape = pathErrorShapeOf(refusedRequestTarget(error));
    const answer = errorBody(statusCode, code, message);
    const body = shape ? shape.render(answer) : JSON.stringify(answer);
    const contentType = shape?.contentType ?? 'application/json; charset=utf-8';
    socket.write(
      `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}\r\nContent-Type: ${contentType}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** Answers an unknown path itself (e.g. the web client's index.html), or returns null for the JSON 404. */
export type NotFoundFallback = (request: FastifyRequest, reply: FastifyReply) => FastifyReply | null;

export function registerErrorHandler(
  app: FastifyInstance,
  options: { notFoundFallback?: NotFoundFallback } = {},
): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) {
      if (error.retryAfterSeconds !== undefined) void reply.header('Retry-After', String(error.retryAfterSeconds));
      return reply.code(error.statusCode).send(errorBody(error.statusCode, error.code, error.message, error.details));
    }
    const failure = schemaValidationFailure(error);
    if (failure) {
      const details =
        failure.context === 'querystring' ? withRepeatedParameters(failure.details, request) : failure.details;
      return reply.code(400).send(errorBody(400, 'validation_failed', failure.message, details));
    }
    const fastifyError = error as FastifyError;
    const rule = fastifyError.code ? fastifyCodes[fastifyError.code] : undefined;
    if (rule) return reply.code(rule.statusCode).send(errorBody(rule.statusCode, rule.code, rule.message));
    if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
      return reply.code(400).send(errorBody(400, 'malformed_json', 'JSON の形式が正しくありません。'));
    }
    const statusCode = fastifyError.statusCode ?? 500;
    if (statusCode >= 400 && statusCode < 500) {
      return reply
        .code(statusCode)
        .send(errorBody(statusCode, 'bad_request', `要求を処理できません（${fastifyError.message}）。`));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply
      .code(500)
      .send(errorBody(500, 'internal_error', 'サーバー内部でエラーが発生しました。時間をおいて再度お試しください。'));
  });

  // Every route, to tell a path that exists under other methods (405) from one that does not (404).
  const routes = new RouteTable();
  app.addHook('onRoute', (route) => routes.add(route.method, route.url ?? route.path));

  // Fastify takes one not-found handler per instance: the web client's fallback goes through this one.
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = routes.methodsOf(path);
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      return reply
        .code(405)
        .header('Allow', allowed.join(', '))
        .send(
          errorBody(
            405,
            'method_not_allowed',
            `${request.method} は ${path} に使えません（使えるメソッド: ${allowed.join(', ')}）。`,
          ),
        );
    }
    return (
      options.notFoundFallback?.(request, reply) ??
      reply.code(404).send(errorBody(404, 'not_found', `${request.method} ${path} は存在しません。`))
    );
  });
}

/**
 * The query parameters given more than once (`?limit=1&limit=2` reads as a list): a field the schema
 * wants once gets 「…が複数回指定されています」 rather than a type message that misleads (both are numbers).
 */
function withRepeatedParameters(details: ErrorDetail[], request: FastifyRequest): ErrorDetail[] {
  const query = (request.query ?? {}) as Record<string, unknown>;
  return details.map((detail) => {
    const value = Object.hasOwn(query, detail.path) ? query[detail.path] : undefined;
    // A list where one value was wanted: a wrong type, or not one of the allowed values (`?sort=name&sort=name`).
    if (!Array.isArray(value) || (detail.code !== 'field_invalid_type' && detail.code !== 'field_invalid_value'))
      return detail;
    return {
      path: detail.path,
      message: `${detail.path} が複数回指定されています。1回だけ指定してください。`,
      code: 'field_repeated',
      params: { name: detail.path },
    };
  });
}

/**
 * The paths of the routes and their methods, matched as the router matches them: `:name` is one
 * segment, a trailing `*` the rest. Catch-alls (a path of only a wildcard, the static files) are left
 * out: they would make every unknown path "exist".
 */
class RouteTable {
  private readonly routes: { pattern: RegExp; methods: Set<string> }[] = [];
  private readonly byUrl = new Map<string, Set<string>>();

  add(method: string | string[], url: string): void {
    if (url === '*' || url === '/*' || /^\/[^/]*\*$/.test(url)) return;
    let methods = this.byUrl.get(url);
    if (!methods) {
      methods = new Set();
      this.byUrl.set(url, methods);
      const pattern = url
        .split('/')
        .map((segment) =>
          segment === '*' ? '.*' : segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
        )
        .join('/');
      this.routes.push({ pattern: new RegExp(`^${pattern}/?$`), methods });
    }
    for (const one of Array.isArray(method) ? method : [method]) methods.add(one.toUpperCase());
  }

  methodsOf(path: string): string[] {
    const found = new Set<string>();
    for (const route of this.routes)
      if (route.pattern.test(path)) for (const method of route.methods) found.add(method);
    return [...found].sort();
  }
}
