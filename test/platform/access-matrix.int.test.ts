/**
 * Every route of the OpenAPI document against test/access-matrix.ts: unauthenticated callers get
 * 401 except on public routes, a role outside a route's list gets 403 `forbidden`, a role inside
 * it gets through the guard — and nobody ever gets a 5xx for an empty body or an unknown id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role } from '../../src/domain/codes.js';
import { accessMatrix, allowedRoles } from '../access-matrix.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { api } from '../helpers/http.js';
import { signedInAs } from '../helpers/factories.js';
import { concreteUrl, operationsOf, type OpenApiDocument, type Operation } from '../helpers/openapi.js';
import { contractProblems, undocumentedErrors } from '../helpers/response-contract.js';

/** Ends the caller's session: walked last so the rest of the walk keeps its token. */
const logoutKey = 'POST /api/v1/auth/logout';

type CallResult = { status: number; body: any; text: string };

/**
 * Calls an operation with `{}` as the body of POST/PUT/PATCH. A streaming answer (Server-Sent
 * Events) is judged by its status and headers alone, then cancelled.
 */
async function call(app: TestApp, operation: Operation, token?: string): Promise<CallResult> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  const hasBody = ['POST', 'PUT', 'PATCH'].includes(operation.method);
  if (hasBody) headers['content-type'] = 'application/json';
  const response = await fetch(`${app.baseUrl}${concreteUrl(operation)}`, {
    method: operation.method,
    headers,
    ...(hasBody ? { body: '{}' } : {}),
    signal: AbortSignal.timeout(15_000),
  });
  if ((response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    await response.body?.cancel();
    return { status: response.status, body: null, text: '(event stream)' };
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: response.status, body, text };
}

function describeResponse(response: CallResult): string {
  return `${response.status} ${response.text.slice(0, 200)}`;
}

/** The error code of the API's shape, or of an OperationOutcome (FHIR routes: the code is its details.text). */
function errorCodeOf(body: any): string | undefined {
  return body?.error?.code ?? body?.issue?.[0]?.details?.text;
}

describe('access matrix (every route of the OpenAPI document)', () => {
  let app: TestApp;
  let operations: Operation[];

  beforeAll(async () => {
    app = await startTestApp();
    const response = await api<OpenApiDocument>(app.baseUrl, 'GET', '/api/openapi.json');
    expect(response.status).toBe(200);
    operations = operationsOf(response.body).sort(
      (a, b) => Number(a.key === logoutKey) - Number(b.key === logoutKey) || a.key.localeCompare(b.key),
    );
  });
  afterAll(async () => {
    await app.close();
  });

  it('serves the OpenAPI 3.1 document without signing in', async () => {
    const response = await api(app.baseUrl, 'GET', '/api/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toMatch(/^3\.1/);
    expect(operations.length).toBeGreaterThan(10);
  });

  it('lists every route of the document in the matrix, and no route that no longer exists', () => {
    const documented = new Set(operations.map((operation) => operation.key));
    const missingFromMatrix = [...documented].filter((key) => !(key in accessMatrix)).sort();
    const goneFromDocument = Object.keys(accessMatrix)
      .filter((key) => !documented.has(key))
      .sort();
    // Both lists at once, so one run names every difference.
    expect({ missingFromMatrix, goneFromDocument }, 'update test/access-matrix.ts').toEqual({
      missingFromMatrix: [],
      goneFromDocument: [],
    });
  });

  it('refuses every non-public route to an unauthenticated caller with 401', async () => {
    const problems: string[] = [];
    for (const operation of operations) {
      const expectation = accessMatrix[operation.key];
      if (expectation === undefined) continue;
      const response = await call(app, operation);
      if (response.status >= 500) problems.push(`${operation.key}: ${describeResponse(response)}`);
      if (expectation === 'public') {
        if (response.status === 401 || response.status === 403) {
          problems.push(`${operation.key} is public but answered ${describeResponse(response)}`);
        }
      } else if (response.status !== 401 || errorCodeOf(response.body) !== 'unauthenticated') {
        problems.push(
          `${operation.key} without a session: expected 401 unauthenticated, got ${describeResponse(response)}`,
        );
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(roles)('lets %s through exactly the routes the matrix gives it', async (role: Role) => {
    const { token } = await signedInAs(app, role);
    const problems: string[] = [];
    for (const operation of operations) {
      const expectation = accessMatrix[operation.key];
      if (expectation === undefined) continue;
      const response = await call(app, operation, token);
      const label = `${role} → ${operation.key}`;
      if (response.status >= 500) problems.push(`${label}: ${describeResponse(response)}`);
      if (allowedRoles(expectation).includes(role)) {
        if (response.status === 401 || response.status === 403) {
          problems.push(`${label} is allowed but answered ${describeResponse(response)}`);
        }
      } else if (response.status !== 403 || errorCodeOf(response.body) !== 'forbidden') {
        problems.push(`${label}: expected 403 forbidden, got ${describeResponse(response)}`);
      }
    }
    expect(problems).toEqual([]);
    // The walk ended with the logout: the session is gone now.
    expect((await api(app.baseUrl, 'GET', '/api/v1/me', { token })).status).toBe(401);
  });

  it('met only answers the OpenAPI document gives each route: its error statuses, its success schemas (walked last)', () => {
    const undocumented = [...undocumentedErrors].map(([route, statuses]) => `${route}: ${[...statuses].join(', ')}`);
    expect(undocumented.sort()).toEqual([]);
    expect(contractProblems).toEqual([]);
  });
});
