/**
 * Error answers that say what is wrong: a form's validation failure in plain words, a forbidden key in valid JSON, a query parameter given twice,
 * a method a path does not take (405 with Allow), and a stale If-Match on a user account (who, when).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { api } from '../helpers/http.js';
import { expectError } from '../helpers/errors.js';
import { buildUser, login, signedInAs } from '../helpers/factories.js';

describe('error answers that say what is wrong', () => {
  let app: TestApp;
  let admin: Awaited<ReturnType<typeof signedInAs>>;
  beforeAll(async () => {
    app = await startTestApp();
    admin = await signedInAs(app, 'admin');
  });
  afterAll(async () => {
    await app.close();
  });

  it('names __proto__ rather than calling valid JSON malformed', async () => {
    for (const rawBody of ['{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"x":1}}}']) {
      const response = await api(app.baseUrl, 'PATCH', `/api/v1/users/${admin.user.id}`, {
        token: admin.token,
        rawBody,
        headers: { 'content-type': 'application/json' },
      });
      expectError(response, 400, 'validation_failed', 'malformed_json');
      expect(response.body.error.message).toBe(
        '使用できない項目名（__proto__ または constructor.prototype）が含まれています。',
      );
    }
    const broken = await api(app.baseUrl, 'PATCH', `/api/v1/users/${admin.user.id}`, {
      token: admin.token,
      rawBody: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.body.error.message).toBe('JSON の形式が正しくありません。');
  });

  it('says a form was filled in wrongly without naming parts of HTTP, and names every failing field', async () => {
    const created = await api(app.baseUrl, 'POST', '/api/v1/users', {
      token: admin.token,
      body: { email: '', name: '', role: 'provider', organizationId: null, password: '' },
    });
    expectError(created, 400, 'validation_failed');
    expect(created.body.error.message).toBe('入力内容に誤りがあります。');
    const paths = (created.body.error.details as { path: string }[]).map((detail) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['email', 'name']));
    const query = await api(app.baseUrl, 'GET', '/api/v1/users?limit=abc', { token: admin.token });
    expectError(query, 400, 'validation_failed');
    expect(query.body.error.message).toBe('指定された条件に誤りがあります。');
    const path = await api(app.baseUrl, 'GET', '/api/v1/users/not-a-uuid', { token: admin.token });
    expectError(path, 400, 'validation_failed');
    expect(path.body.error.message).toBe('URL に誤りがあります。');
    for (const response of [created, query, path]) expect(response.body.error.message).not.toMatch(/本文|クエリ|パス/);
  });

  it('says a query parameter was given more than once', async () => {
    const response = await api(app.baseUrl, 'GET', '/api/v1/users?limit=1&limit=2', { token: admin.token });
    expectError(response, 400, 'validation_failed');
    expect(response.body.error.details).toEqual([
      {
        path: 'limit',
        message: 'limit が複数回指定されています。1回だけ指定してください。',
        code: 'field_repeated',
        params: { name: 'limit' },
      },
    ]);
    // One of a set of values, given twice (the same value even): said the same way, not 「次のいずれか…」.
    const audit = await api(app.baseUrl, 'GET', '/api/v1/audit?entity=user&entity=user', { token: admin.token });
    expectError(audit, 400, 'validation_failed');
    expect(audit.body.error.details).toEqual([expect.objectContaining({ path: 'entity', code: 'field_repeated' })]);
    // A parameter that takes a list still does.
    const kinds = await api(app.baseUrl, 'GET', '/api/v1/organizations?kind=clinic&kind=hospital&limit=1', {
      token: admin.token,
    });
    expect(kinds.status, kinds.text).toBe(200);
  });

  it('answers 405 with Allow for a method a path does not take, and 404 for a path that does not exist', async () => {
    const id = admin.user.id;
    for (const method of ['DELETE', 'PUT']) {
      const response = await api(app.baseUrl, method, `/api/v1/users/${id}`, { token: admin.token, body: {} });
      expectError(response, 405, 'method_not_allowed');
      const allow = (response.headers.get('allow') ?? '').split(', ');
      expect(allow).toEqual(expect.arrayContaining(['GET', 'PATCH']));
      expect(allow).not.toContain(method);
      expect(response.body.error.message).toMatch(new RegExp(`^${method} は /api/v1/users/${id} に使えません`));
    }
    const cases = await api(app.baseUrl, 'DELETE', `/api/v1/cases/${id}`, { token: admin.token });
    expectError(cases, 405, 'method_not_allowed');
    // Without signing in too: the method is wrong whoever asks.
    expect((await api(app.baseUrl, 'GET', '/api/v1/auth/login')).status).toBe(405);
    expectError(await api(app.baseUrl, 'DELETE', '/api/v1/nothing-here'), 404, 'not_found');
    expectError(await api(app.baseUrl, 'GET', `/api/v1/users/${id}/nothing`, { token: admin.token }), 404, 'not_found');
  });

  it('answers a stale If-Match on a user account with who changed it and when', async () => {
    const user = await buildUser(app.database, { role: 'admin' });
    const read = await api(app.baseUrl, 'GET', `/api/v1/users/${user.id}`, { token: admin.token });
    expect(read.status, read.text).toBe(200);
    const version = read.body.version as number;
    const changed = await api(app.baseUrl, 'PATCH', `/api/v1/users/${user.id}`, {
      token: admin.token,
      body: { name: '変更 後' },
      headers: { 'If-Match': `"${version}"` },
    });
    expect(changed.status, changed.text).toBe(200);
    const stale = await api(app.baseUrl, 'PATCH', `/api/v1/users/${user.id}`, {
      token: admin.token,
      body: { name: 'もう一度' },
      headers: { 'If-Match': `"${version}"` },
    });
    expectError(stale, 412, 'version_conflict');
    expect(stale.body.error.message).toMatch(
      /^.+が \d{4}年\d{1,2}月\d{1,2}日\(.\) \d{2}:\d{2} に更新しました。最新の内容を読み込み直してください。$/,
    );
    expect(stale.body.error.details).toEqual([
      {
        path: 'version',
        message: `現在の版は ${version + 1} です`,
        code: 'current_version',
        params: { current: version + 1 },
      },
    ]);
    const future = await api(app.baseUrl, 'PATCH', `/api/v1/users/${user.id}`, {
      token: admin.token,
      body: { name: 'もう一度' },
      headers: { 'If-Match': '"99"' },
    });
    expectError(future, 412, 'version_conflict');
    expect(future.body.error.message).toContain('"99"）は存在しません');
  });

  it('requires If-Match to change an account, and a sign-in does not make the version held stale', async () => {
    const user = await buildUser(app.database, { role: 'admin' });
    const missing = await api(app.baseUrl, 'PATCH', `/api/v1/users/${user.id}`, {
      token: admin.token,
      body: { disabled: true },
    });
    expectError(missing, 428, 'precondition_required');
    const read = await api(app.baseUrl, 'GET', `/api/v1/users/${user.id}`, { token: admin.token });
    // The user signs in meanwhile (its time is kept on the account, not a change of it).
    await login(app, user.email);
    const disabled = await api(app.baseUrl, 'PATCH', `/api/v1/users/${user.id}`, {
      token: admin.token,
      body: { disabled: true },
      headers: { 'If-Match': `"${read.body.version as number}"` },
    });
    expect(disabled.status, disabled.text).toBe(200);
    expect(disabled.body).toMatchObject({ disabled: true, version: (read.body.version as number) + 1 });
  });
});
