/** Registering organisations through the API, as the administrator does on the organisation form. */
import { randomUUID } from 'node:crypto';
import { api } from './http.js';
import type { TestApp } from './test-app.js';

/** POST /api/v1/organizations with the caller's `token`, each call a request of its own (a fresh Idempotency-Key). */
export function registerOrganization(app: TestApp, token: string, body: Record<string, unknown>) {
  return api(app.baseUrl, 'POST', '/api/v1/organizations', {
    token,
    body,
    headers: { 'idempotency-key': randomUUID() },
  });
}
