/**
 * The error body of CONTRACT §2, literally: at each status of the contract's table `error.code` is the
 * contract's code, the specific code the server knows is kept in `error.reason`, and `details` is always a
 * list. Statuses outside the table keep their own code.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { api } from '../helpers/http.js';
import { expectError } from '../helpers/errors.js';
import { signedInAs, testPassword } from '../helpers/factories.js';
import { caseBody, caseTestStart, homeCareProvider, refer, routedCase, spot } from '../helpers/cases.js';

describe('error bodies in the contract’s codes, with the specific reason', () => {
  let app: TestApp;
  let liaison: Awaited<ReturnType<typeof signedInAs>>;
  beforeAll(async () => {
    app = await startTestApp({ start: caseTestStart });
    liaison = await signedInAs(app, 'hospital_liaison');
  });
  afterAll(async () => {
    await app.close();
  });

  it('a wrong password: 401 unauthenticated, reason invalid_credentials, no details', async () => {
    const wrong = await api(app.baseUrl, 'POST', '/api/v1/auth/login', {
      body: { email: liaison.user.email, password: `${testPassword}-wrong` },
    });
    expectError(wrong, 401, 'unauthenticated', 'invalid_credentials');
    expect(wrong.body.error.details).toEqual([]);
    expect(Object.keys(wrong.body.error)).toEqual(['code', 'reason', 'message', 'details']);
    // No session at all: the contract's code alone.
    const anonymous = await api(app.baseUrl, 'GET', '/api/v1/me');
    expectError(anonymous, 401, 'unauthenticated');
    expect(anonymous.body.error).toEqual({ code: 'unauthenticated', message: expect.any(String), details: [] });
  });

  it('malformed JSON: 400 validation_failed, reason malformed_json; a field problem has details and no reason', async () => {
    const broken = await api(app.baseUrl, 'POST', '/api/v1/auth/login', {
      rawBody: '{"email":',
      headers: { 'content-type': 'application/json' },
    });
    expectError(broken, 400, 'validation_failed', 'malformed_json');
    expect(broken.body.error.details).toEqual([]);
    const empty = await api(app.baseUrl, 'POST', '/api/v1/auth/login', { body: { email: '', password: '' } });
    expectError(empty, 400, 'validation_failed');
    expect(empty.body.error.details.map((detail: { path: string }) => detail.path)).toEqual(
      expect.arrayContaining(['email']),
    );
  });

  it('a referral for a role already filled: 409 invalid_transition, reason role_filled', async () => {
    const home = spot();
    const { id } = await routedCase(app, liaison.token, caseBody(home));
    const first = await homeCareProvider(app, home, 'visiting_nursing');
    await refer(app, liaison.token, id, 'visiting_nurse', first, { accept: true });
    const second = await homeCareProvider(app, home, 'visiting_nursing');
    const again = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/referrals`, {
      token: liaison.token,
      body: { role: 'visiting_nurse', organizationIds: [second.organization.id], respondWithinBusinessDays: 3 },
    });
    expectError(again, 409, 'invalid_transition', 'role_filled');
    expect(again.body.error.details).toEqual([]);
    expect(again.body.error.message).toContain('既に決まっています');
  });

  it('404 not_found with empty details, for a missing record and an unknown path', async () => {
    const missing = await api(app.baseUrl, 'GET', `/api/v1/cases/${randomUUID()}`, { token: liaison.token });
    expectError(missing, 404, 'not_found');
    expect(missing.body.error.details).toEqual([]);
    const unknown = await api(app.baseUrl, 'GET', '/api/v1/no-such-thing', { token: liaison.token });
    expectError(unknown, 404, 'not_found');
    expect(unknown.body.error.details).toEqual([]);
  });

  it('428 and 412 in the contract’s codes; 405 and 422 keep their own', async () => {
    const { id, version } = await routedCase(app, liaison.token, caseBody(spot()));
    const path = `/api/v1/cases/${id}`;
    const body = { careLevel: 'care_2' };
    expectError(await api(app.baseUrl, 'PATCH', path, { token: liaison.token, body }), 428, 'precondition_required');
    const stale = await api(app.baseUrl, 'PATCH', path, {
      token: liaison.token,
      body,
      headers: { 'if-match': `"${version + 5}"` },
    });
    expectError(stale, 412, 'version_conflict');
    const weak = await api(app.baseUrl, 'PATCH', path, {
      token: liaison.token,
      body,
      headers: { 'if-match': `W/"${version}"` },
    });
    expectError(weak, 400, 'validation_failed', 'invalid_if_match');

    const wrongMethod = await api(app.baseUrl, 'PUT', '/api/v1/auth/login', { body: {} });
    expectError(wrongMethod, 405, 'method_not_allowed');
    expect(wrongMethod.body.error.details).toEqual([]);

    const key = randomUUID();
    const create = (name: string) =>
      api(app.baseUrl, 'POST', '/api/v1/cases', {
        token: liaison.token,
        body: caseBody(spot(), { patient: { name } }),
        headers: { 'idempotency-key': key },
      });
    expect((await create('冪等 太郎')).status).toBe(201);
    expectError(await create('冪等 次郎'), 422, 'idempotency_key_reused');
  });
});
