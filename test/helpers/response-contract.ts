/**
 * Holds every answer the API tests provoke to what the OpenAPI document says of its route (CONTRACT
 * §2: the document is generated from the schemas the server uses), so that the whole integration
 * suite checks the document, not one test:
 *
 * - a success status is one the route declares (`schema.response`), in the declared content type;
 * - a JSON answer loses nothing to the declared schema (the zod serialiser would drop a key the
 *   schema does not name, or refuse the answer) — also for routes with their own serialiser;
 * - the ETag header goes with exactly the answers whose schema has a top-level `version`.
 *
 * A problem is printed and kept in `contractProblems`, which the OpenAPI contract test and the access
 * matrix walk require empty; with RENKEI_CONTRACT_STRICT=1 the answer is also replaced by a 500 naming
 * the problem, so that any API test that provokes one fails with the reason. Error answers (4xx) are
 * counted against the statuses the document gives the route (platform/openapi.ts contractOf) in
 * `undocumentedErrors`, which the access matrix walk requires empty.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { contractOf } from '../../src/platform/openapi.js';
import { guardedPrefixes } from '../../src/platform/guard.js';

type ResponseDeclaration = z.ZodType | { content: Record<string, { schema: z.ZodType }>; description?: string };

/** The statuses the document gives each route for its errors; an answer outside them is noted here. */
export const undocumentedErrors = new Map<string, Set<number>>();

/** Every answer of this test file that broke the document's word for its route, with why. */
export const contractProblems: string[] = [];

const problemKey = Symbol('response contract problems');
type Checked = { [problemKey]?: string[] };

function declarationFor(request: FastifyRequest, status: number): ResponseDeclaration | null {
  const responses = (request.routeOptions.schema?.response ?? null) as Record<string, ResponseDeclaration> | null;
  if (!responses) return null;
  return (
    responses[String(status)] ?? responses[`${String(status)[0]}xx`] ?? responses[`${String(status)[0]}XX`] ?? null
  );
}

const isZod = (value: unknown): value is z.ZodType => value instanceof z.ZodType;

/** The schema a JSON answer is serialised with (a declaration by content type names application/json). */
function jsonSchemaOf(declaration: ResponseDeclaration): z.ZodType | null {
  if (isZod(declaration)) return declaration;
  const json = declaration.content['application/json'];
  return json && isZod(json.schema) ? json.schema : null;
}

function declaredTypes(declaration: ResponseDeclaration): string[] {
  return isZod(declaration) ? ['application/json'] : Object.keys(declaration.content);
}

/** A versioned resource: an object with a top-level integer `version` (in each alternative of a union). */
function hasVersion(schema: unknown): boolean {
  if (schema instanceof z.ZodObject) return schema.shape.version instanceof z.ZodNumber;
  if (schema instanceof z.ZodUnion) return schema.options.length > 0 && schema.options.every(hasVersion);
  return false;
}

/** The paths at which two JSON values differ (what the serialiser would drop, add or change). */
function differences(sent: unknown, kept: unknown, path = ''): string[] {
  if (Array.isArray(sent) && Array.isArray(kept)) {
    if (sent.length !== kept.length) return [`${path || '(root)'}: ${sent.length} items, ${kept.length} kept`];
    return sent.flatMap((item, index) => differences(item, kept[index], `${path}[${index}]`));
  }
  if (sent && kept && typeof sent === 'object' && typeof kept === 'object') {
    const keys = new Set([...Object.keys(sent), ...Object.keys(kept)]);
    return [...keys].flatMap((key) => {
      const inSent = key in sent;
      const inKept = key in kept;
      const at = path ? `${path}.${key}` : key;
      if (inSent && !inKept) return [`${at}: dropped (not in the schema)`];
      if (!inSent && inKept) return [`${at}: added by the schema`];
      return differences((sent as Record<string, unknown>)[key], (kept as Record<string, unknown>)[key], at);
    });
  }
  return Object.is(sent, kept) ? [] : [`${path || '(root)'}: ${JSON.stringify(sent)} became ${JSON.stringify(kept)}`];
}

function note(request: FastifyRequest, problem: string): void {
  const checked = request as Checked;
  (checked[problemKey] ??= []).push(problem);
}

const isApiRoute = (request: FastifyRequest) => {
  const url = request.routeOptions.url;
  return url !== undefined && guardedPrefixes.some((prefix) => url.startsWith(prefix));
};

/** Is this the answer of a documented route (not a hidden one such as the document itself)? */
function isDocumented(request: FastifyRequest): boolean {
  const schema = request.routeOptions.schema;
  return isApiRoute(request) && !schema?.hide;
}

function checkSuccess(request: FastifyRequest, reply: FastifyReply, payload: unknown): void {
  const status = reply.statusCode;
  const declaration = declarationFor(request, status);
  const route = `${request.method} ${request.routeOptions.url ?? ''}`;
  if (!declaration) {
    const declared = Object.keys(request.routeOptions.schema?.response ?? {});
    note(
      request,
      `${route} answered ${status} but declares ${declared.length > 0 ? declared.join(', ') : 'no response schema'}`,
    );
    return;
  }
  const contentType =
    String(reply.getHeader('content-type') ?? '')
      .split(';')[0]
      ?.trim() ?? '';
  if (payload !== null && payload !== undefined && !declaredTypes(declaration).includes(contentType)) {
    note(
      request,
      `${route} answered ${contentType || 'no content type'}; declared ${declaredTypes(declaration).join(', ')}`,
    );
  }
  const schema = jsonSchemaOf(declaration);
  const isVersioned = hasVersion(schema);
  const etag = reply.getHeader('etag');
  if (isVersioned && etag === undefined) note(request, `${route}: the schema has version but the answer no ETag`);
  if (!isVersioned && etag !== undefined) note(request, `${route}: ETag ${String(etag)} but the schema has no version`);
}

/** Registers the checks on a built app (before it listens). */
export function registerResponseContractCheck(app: FastifyInstance): void {
  // Object answers, before the serialiser sees them: nothing may be lost to the schema.
  app.addHook('preSerialization', (request, reply, payload, done) => {
    const status = reply.statusCode;
    if (status >= 200 && status < 300 && isDocumented(request)) {
      const declaration = declarationFor(request, status);
      const schema = declaration ? jsonSchemaOf(declaration) : null;
      if (schema) {
        const sent: unknown = JSON.parse(JSON.stringify(payload));
        const encoded = z.safeEncode(schema, payload);
        const route = `${request.method} ${request.routeOptions.url ?? ''}`;
        if (!encoded.success) {
          note(request, `${route} ${status}: the schema refuses the answer: ${encoded.error.message.slice(0, 2000)}`);
        } else {
          const lost = differences(sent, JSON.parse(JSON.stringify(encoded.data)));
          if (lost.length > 0) note(request, `${route} ${status}: ${lost.slice(0, 20).join('; ')}`);
        }
      }
    }
    done(null, payload);
  });

  app.addHook('onSend', (request, reply, payload, done) => {
    if (!isDocumented(request)) {
      done(null, payload);
      return;
    }
    const status = reply.statusCode;
    if (status >= 200 && status < 300) checkSuccess(request, reply, payload);
    else if (status >= 400 && status < 500) {
      const routeOptions = request.routeOptions;
      const contract = contractOf(
        { method: routeOptions.method, url: routeOptions.url ?? '', config: routeOptions.config },
        routeOptions.schema,
      );
      if (!contract.errors.includes(status) && status !== 405 && status !== 413 && status !== 415) {
        const key = `${request.method} ${routeOptions.url ?? ''}`;
        const statuses = undocumentedErrors.get(key) ?? new Set<number>();
        statuses.add(status);
        undocumentedErrors.set(key, statuses);
      }
    }
    const problems = (request as Checked)[problemKey];
    if (!problems || problems.length === 0) {
      done(null, payload);
      return;
    }
    const message = `response contract (test/helpers/response-contract.ts): ${problems.join(' | ')}`;
    console.error(message);
    contractProblems.push(...problems);
    if (process.env.RENKEI_CONTRACT_STRICT !== '1') {
      done(null, payload);
      return;
    }
    void reply.code(500).type('application/json; charset=utf-8');
    reply.removeHeader('content-length');
    reply.removeHeader('etag');
    done(null, JSON.stringify({ error: { code: 'internal_error', message, details: [] } }));
  });
}
