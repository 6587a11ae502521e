/**
 * CONTRACT §2 "never a 5xx for bad input", on representative routes: the sign-in (public), user
 * creation (admin), the organisation profile (versioned, If-Match) and a list (limit/cursor).
 * Every error is {"error":{code,message}} with a Japanese message.
 */
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { api, type RequestOptions } from '../helpers/http.js';
import { buildOrganization, signedInAs, unique } from '../helpers/factories.js';
import { detailPaths, expectError, japanesePattern } from '../helpers/errors.js';

const oneMebibyte = 1024 * 1024;

describe('bad input never becomes a 5xx', () => {
  let app: TestApp;
  let adminToken: string;
  let organizationId: string;

  /** The three writing routes under test, as the admin, each with what it needs to reach its body. */
  let writes: { label: string; method: string; path: string; options: RequestOptions }[];

  beforeAll(async () => {
    app = await startTestApp();
    adminToken = (await signedInAs(app, 'admin')).token;
    organizationId = (await buildOrganization(app.database, { kind: 'clinic' })).id;
    writes = [
      { label: 'POST /api/v1/auth/login', method: 'POST', path: '/api/v1/auth/login', options: {} },
      { label: 'POST /api/v1/users', method: 'POST', path: '/api/v1/users', options: { token: adminToken } },
      {
        label: 'PATCH /api/v1/organizations/:id',
        method: 'PATCH',
        path: `/api/v1/organizations/${organizationId}`,
        options: { token: adminToken, headers: { 'if-match': '"1"' } },
      },
    ];
  });
  afterAll(async () => {
    await app.close();
  });

  async function currentVersion(id: string): Promise<number> {
    const response = await api(app.baseUrl, 'GET', `/api/v1/organizations/${id}`, { token: adminToken });
    expect(response.status).toBe(200);
    return response.body.version as number;
  }

  function send(write: (typeof writes)[number], extra: RequestOptions) {
    return api(app.baseUrl, write.method, write.path, {
      ...write.options,
      ...extra,
      headers: { ...write.options.headers, ...extra.headers },
    });
  }

  it('answers 400 malformed_json to a body that is not JSON', async () => {
    for (const write of writes) {
      for (const rawBody of ['{"email":', '{bad json}', "{'single': 'quotes'}", '{"a":1}}', '']) {
        const response = await send(write, { rawBody, headers: { 'content-type': 'application/json' } });
        expectError(response, 400, 'validation_failed', 'malformed_json');
      }
    }
  });

  it('answers 400 validation_failed naming each field of the wrong type', async () => {
    const login = await api(app.baseUrl, 'POST', '/api/v1/auth/login', { body: { email: 5, password: true } });
    expectError(login, 400, 'validation_failed');
    expect(detailPaths(login)).toEqual(expect.arrayContaining(['email', 'password']));

    const user = await api(app.baseUrl, 'POST', '/api/v1/users', {
      token: adminToken,
      body: { email: 'not-an-address', name: 5, role: 'emperor', organizationId: 'nowhere', password: 12 },
    });
    expectError(user, 400, 'validation_failed');
    expect(detailPaths(user)).toEqual(expect.arrayContaining(['email', 'name', 'role', 'organizationId', 'password']));
    // Each field says its problem in Japanese, with the code and values a client can say it with in English.
    const userDetails = (user.body as { error: { details: Record<string, unknown>[] } }).error.details;
    expect(userDetails.find((detail) => detail.path === 'email')).toMatchObject({
      code: 'field_invalid_format',
      params: { variant: 'email' },
    });
    expect(userDetails.find((detail) => detail.path === 'role')).toMatchObject({
      code: 'field_invalid_value',
      params: { values: expect.stringContaining('center_coordinator') },
    });
    expect(userDetails.find((detail) => detail.path === 'name')).toMatchObject({
      code: 'field_invalid_type',
      params: { expected: 'string' },
    });

    const organization = await api(app.baseUrl, 'PATCH', `/api/v1/organizations/${organizationId}`, {
      token: adminToken,
      headers: { 'if-match': `"${await currentVersion(organizationId)}"` },
      body: { name: 5, lat: 'north', capabilities: { groups: 'dementia' }, coverage: { radiusKm: -3 } },
    });
    expectError(organization, 400, 'validation_failed');
    expect(detailPaths(organization)).toEqual(
      expect.arrayContaining(['name', 'lat', 'capabilities.groups', 'coverage.radiusKm']),
    );
  });

  it('answers 400 to a body that is JSON but not an object', async () => {
    for (const write of writes) {
      for (const body of [[], 'text', 42, true, null]) {
        const response = await send(write, {
          rawBody: JSON.stringify(body),
          headers: { 'content-type': 'application/json' },
        });
        expectError(response, 400);
      }
    }
  });

  it('answers 400 to deeply nested JSON', async () => {
    const depth = 20_000;
    const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    for (const write of writes) {
      for (const rawBody of [nested, `{"name":${nested},"capabilities":{"groups":${nested}}}`]) {
        const response = await send(write, {
          rawBody,
          headers: { 'content-type': 'application/json', 'idempotency-key': unique('deep') },
        });
        expectError(response, 400);
      }
    }
  });

  it('answers 400 to unknown fields, at the top and nested', async () => {
    const login = await api(app.baseUrl, 'POST', '/api/v1/auth/login', {
      body: { email: 'someone@example.jp', password: 'whatever-password', isAdmin: true },
    });
    expectError(login, 400, 'validation_failed');

    const user = await api(app.baseUrl, 'POST', '/api/v1/users', {
      token: adminToken,
      body: {
        email: `${unique()}@example.jp`,
        name: '山田 花子',
        role: 'admin',
        organizationId: null,
        password: 'a-long-enough-password',
        isSuperuser: true,
      },
    });
    expectError(user, 400, 'validation_failed');

    for (const body of [{ nmae: '新しい名前' }, { capabilities: { groups: [], flying: true } }]) {
      const organization = await api(app.baseUrl, 'PATCH', `/api/v1/organizations/${organizationId}`, {
        token: adminToken,
        headers: { 'if-match': `"${await currentVersion(organizationId)}"` },
        body,
      });
      expectError(organization, 400, 'validation_failed');
    }

    // An action without a body refuses fields it would drop (an empty object and no body are fine).
    for (const body of [{ reason: '取り下げ理由' }, ['x'], 'text']) {
      const readAll = await api(app.baseUrl, 'POST', '/api/v1/notifications/read-all', { token: adminToken, body });
      expectError(readAll, 400, 'validation_failed');
    }
    expect(
      (await api(app.baseUrl, 'POST', '/api/v1/notifications/read-all', { token: adminToken, body: {} })).status,
    ).toBe(200);
    expect((await api(app.baseUrl, 'POST', '/api/v1/notifications/read-all', { token: adminToken })).status).toBe(200);
  });

  it('answers 413 payload_too_large to a body over 1 MiB', async () => {
    const huge = 'あ'.repeat(Math.ceil((oneMebibyte * 1.1) / 3));
    for (const write of writes) {
      const response = await send(write, { body: { email: huge, name: huge, password: 'x' } });
      expectError(response, 413, 'payload_too_large');
    }
  });

  it('answers 415 unsupported_media_type to text/plain, XML and form bodies', async () => {
    const cases = [
      { contentType: 'text/plain', rawBody: 'email=someone@example.jp' },
      { contentType: 'text/plain; charset=utf-8', rawBody: '{"email":"someone@example.jp"}' },
      { contentType: 'application/xml', rawBody: '<login><email>someone@example.jp</email></login>' },
      { contentType: 'application/x-www-form-urlencoded', rawBody: 'email=someone%40example.jp&password=x' },
      { contentType: 'multipart/form-data; boundary=x', rawBody: '--x\r\n\r\n--x--' },
    ];
    for (const write of writes) {
      for (const { contentType, rawBody } of cases) {
        const response = await send(write, { rawBody, headers: { 'content-type': contentType } });
        expectError(response, 415, 'unsupported_media_type');
      }
    }
  });

  it('accepts JSON with a charset parameter', async () => {
    const response = await api(app.baseUrl, 'POST', '/api/v1/auth/login', {
      rawBody: JSON.stringify({ email: `${unique()}@example.jp`, password: 'wrong-password-123' }),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expectError(response, 401, 'unauthenticated', 'invalid_credentials');
  });

  it('refuses an availability whose status and free places contradict each other, and keeps the previous one', async () => {
    const path = `/api/v1/organizations/${organizationId}/availability`;
    for (const body of [
      { status: 'full', freeSlots: 5, note: null },
      { status: 'accepting', freeSlots: 0, note: null },
    ]) {
      const response = await api(app.baseUrl, 'PUT', path, {
        token: adminToken,
        body,
        headers: { 'if-match': `"${await currentVersion(organizationId)}"` },
      });
      expectError(response, 400, 'validation_failed');
      expect(response.body.error.details).toEqual([expect.objectContaining({ path: 'freeSlots' })]);
    }
    // 「条件付き」 without its condition says nothing to whoever reads it: the note is required, as on the page.
    for (const note of [null, '', '  \u3000 ', undefined]) {
      const response = await api(app.baseUrl, 'PUT', path, {
        token: adminToken,
        body: { status: 'limited', freeSlots: 1, ...(note === undefined ? {} : { note }) },
        headers: { 'if-match': `"${await currentVersion(organizationId)}"` },
      });
      expectError(response, 400, 'validation_failed');
      expect(response.body.error.details).toEqual([
        expect.objectContaining({ path: 'note', message: expect.stringContaining('受け入れの条件を備考に') }),
      ]);
    }
    for (const body of [
      { status: 'full', freeSlots: 0, note: null },
      { status: 'full', freeSlots: null, note: null },
      { status: 'limited', freeSlots: 0, note: '医療処置は要相談' },
      { status: 'accepting', freeSlots: 2, note: null },
    ]) {
      const response = await api(app.baseUrl, 'PUT', path, {
        token: adminToken,
        body,
        headers: { 'if-match': `"${await currentVersion(organizationId)}"` },
      });
      expect(response.status).toBe(200);
    }
  });

  it('answers 404 not_found for ids that do not exist', async () => {
    const missing = randomUUID();
    const requests: [string, string, RequestOptions][] = [
      ['GET', `/api/v1/organizations/${missing}`, {}],
      ['PATCH', `/api/v1/organizations/${missing}`, { headers: { 'if-match': '"1"' }, body: { name: '名前' } }],
      [
        'PUT',
        `/api/v1/organizations/${missing}/availability`,
        { headers: { 'if-match': '"1"' }, body: { status: 'accepting', freeSlots: 1, note: null } },
      ],
      ['GET', `/api/v1/users/${missing}`, {}],
      ['PATCH', `/api/v1/users/${missing}`, { headers: { 'if-match': '"1"' }, body: { name: '名前' } }],
    ];
    for (const [method, path, options] of requests) {
      const response = await api(app.baseUrl, method, path, { token: adminToken, ...options });
      expectError(response, 404, 'not_found');
    }
    expectError(await api(app.baseUrl, 'GET', '/api/v1/no-such-route', { token: adminToken }), 404, 'not_found');
  });

  it('answers 400 validation_failed for ids that are not UUIDs', async () => {
    for (const id of ['abc', '1', "1' OR '1'='1", '%00', '..%2F..%2Fetc', `${randomUUID()}x`, 'é'.repeat(40)]) {
      for (const path of [`/api/v1/organizations/${id}`, `/api/v1/users/${id}`]) {
        const response = await api(app.baseUrl, 'GET', path, { token: adminToken });
        expectError(response, 400, 'validation_failed');
      }
      const patch = await api(app.baseUrl, 'PATCH', `/api/v1/organizations/${id}`, {
        token: adminToken,
        headers: { 'if-match': '"1"' },
        body: { name: '名前' },
      });
      expectError(patch, 400, 'validation_failed');
    }
  });

  it('answers 400 to a limit outside 1..500 or a cursor it did not issue', async () => {
    for (const limit of ['501', '0', '-1', '1.5', 'abc', '1e3', '99999999999999999999']) {
      const response = await api(app.baseUrl, 'GET', `/api/v1/organizations?limit=${limit}`, { token: adminToken });
      expectError(response, 400, 'validation_failed');
      expect(detailPaths(response)).toContain('limit');
    }
    expect((await api(app.baseUrl, 'GET', '/api/v1/organizations?limit=500', { token: adminToken })).status).toBe(200);
    for (const cursor of ['garbage', 'W10', Buffer.from('{"a":1}').toString('base64url'), 'x'.repeat(501)]) {
      const response = await api(app.baseUrl, 'GET', `/api/v1/organizations?cursor=${cursor}`, { token: adminToken });
      expectError(response, 400, 'validation_failed');
    }
    const badQuery = await api(app.baseUrl, 'GET', '/api/v1/organizations?kind=spaceship&areaCode=1', {
      token: adminToken,
    });
    expectError(badQuery, 400, 'validation_failed');
    expect(detailPaths(badQuery)).toEqual(expect.arrayContaining(['areaCode']));
    // A well-formed area code no area has is refused as the resource search refuses it, never an empty page.
    for (const path of ['/api/v1/organizations?areaCode=12345', '/api/v1/directory/stale?areaCode=12345']) {
      const unknown = await api(app.baseUrl, 'GET', path, { token: adminToken });
      expectError(unknown, 400);
      expect((unknown.body as { error: { reason?: string; code: string } }).error).toMatchObject({
        message: expect.stringContaining('地域コード 12345 は登録されていません'),
      });
      expect((await api(app.baseUrl, 'GET', path.replace('12345', '33101'), { token: adminToken })).status).toBe(200);
    }
  });

  it('answers 428 precondition_required to an update without If-Match, 400 to a malformed one', async () => {
    const path = `/api/v1/organizations/${organizationId}`;
    expectError(
      await api(app.baseUrl, 'PATCH', path, { token: adminToken, body: { name: '名前' } }),
      428,
      'precondition_required',
    );
    for (const ifMatch of ['abc', '"v1"', '*', '"1", "2"']) {
      expectError(
        await api(app.baseUrl, 'PATCH', path, {
          token: adminToken,
          headers: { 'if-match': ifMatch },
          body: { name: '名前' },
        }),
        400,
      );
    }
  });

  it('answers 412 version_conflict to a stale If-Match and leaves the record unchanged', async () => {
    const organization = await buildOrganization(app.database, {
      kind: 'visiting_nursing',
      name: `訪問看護 ${unique()}`,
    });
    const path = `/api/v1/organizations/${organization.id}`;
    const before = await api(app.baseUrl, 'GET', path, { token: adminToken });
    expect(before.headers.get('etag')).toBe(`"${before.body.version}"`);
    const firstEdit = await api(app.baseUrl, 'PATCH', path, {
      token: adminToken,
      headers: { 'if-match': before.headers.get('etag') ?? '' },
      body: { phone: '086-000-0000' },
    });
    expect(firstEdit.status).toBe(200);
    expect(firstEdit.body.version).toBe((before.body.version as number) + 1);

    // A second editor still holds the first version.
    const stale = await api(app.baseUrl, 'PATCH', path, {
      token: adminToken,
      headers: { 'if-match': before.headers.get('etag') ?? '' },
      body: { name: '上書きされてはいけない名前' },
    });
    expectError(stale, 412, 'version_conflict');
    const after = await api(app.baseUrl, 'GET', path, { token: adminToken });
    expect(after.body).toEqual(firstEdit.body);
  });

  it('answers 400, not 500, to text containing NUL characters', async () => {
    const nul = 'a\u0000b';
    expectError(await api(app.baseUrl, 'POST', '/api/v1/auth/login', { body: { email: nul, password: nul } }), 400);
    const user = await api(app.baseUrl, 'POST', '/api/v1/users', {
      token: adminToken,
      body: {
        email: `${unique()}@example.jp`,
        name: nul,
        role: 'admin',
        organizationId: null,
        password: `${nul}-long-password`,
      },
    });
    expectError(user, 400);
    const organization = await api(app.baseUrl, 'PATCH', `/api/v1/organizations/${organizationId}`, {
      token: adminToken,
      headers: { 'if-match': `"${await currentVersion(organizationId)}"` },
      body: { name: nul },
    });
    expectError(organization, 400);
    expectError(await api(app.baseUrl, 'GET', '/api/v1/organizations?q=%00', { token: adminToken }), 400);
  });

  it('answers 400, not 500, to a lone UTF-16 surrogate, and stores nothing in its place', async () => {
    const before = await api(app.baseUrl, 'GET', `/api/v1/organizations/${organizationId}`, { token: adminToken });
    for (const lone of ['a\ud800b', 'end\udfff']) {
      // A new organisation's name also goes into its audit row's JSON details.
      const created = await api(app.baseUrl, 'POST', '/api/v1/organizations', {
        token: adminToken,
        body: { kind: 'clinic', name: lone, areaCode: '33101' },
      });
      expectError(created, 400, 'validation_failed');
      expect(detailPaths(created)).toEqual(['name']);
      const renamed = await api(app.baseUrl, 'PATCH', `/api/v1/organizations/${organizationId}`, {
        token: adminToken,
        headers: { 'if-match': `"${await currentVersion(organizationId)}"` },
        body: { name: lone },
      });
      expectError(renamed, 400, 'validation_failed');
    }
    const after = await api(app.baseUrl, 'GET', `/api/v1/organizations/${organizationId}`, { token: adminToken });
    expect(after.body).toEqual(before.body);
    // A surrogate pair is one character (𠮷), not a lone surrogate.
    const pair = await api(app.baseUrl, 'POST', '/api/v1/organizations', {
      token: adminToken,
      body: { kind: 'clinic', name: '𠮷野クリニック', areaCode: '33101' },
    });
    expect(pair.status).toBe(201);
    expect(pair.body.name).toBe('𠮷野クリニック');
  });

  it("answers a URL the router cannot read in the API shape, not Fastify's", async () => {
    for (const path of [
      '/api/v1/organizations/%FF',
      '/api/v1/organizations/%ED%A0%80',
      // (Under /fhir/ the same error is an OperationOutcome: src/features/exports/fhir-search.int.test.ts.)
      '/hsds/organizations/%E0%A4%A',
    ]) {
      expectError(await api(app.baseUrl, 'GET', path, { token: adminToken }), 400, 'validation_failed', 'bad_url');
    }
    expectError(
      await api(app.baseUrl, 'GET', `/api/v1/organizations/${'a'.repeat(3000)}`, { token: adminToken }),
      414,
      'uri_too_long',
    );
  });

  it('answers a request the HTTP parser refuses with the API error shape and closes the connection', async () => {
    const { port } = new URL(app.baseUrl);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () =>
        socket.write('GET /api/v1/me HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'),
      );
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString('utf8')));
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
    });
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(body)).toEqual({
      error: {
        code: 'validation_failed',
        reason: 'bad_http_request',
        message: expect.stringMatching(japanesePattern),
        details: [],
      },
    });
  });

  it('answers 400, not 500, to a hand-made cursor whose contents the list cannot use', async () => {
    const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const id = randomUUID();
    const lists = [
      // ordered by a text key, then a UUID
      ['/api/v1/organizations', [cursor(['x', 'not-a-uuid']), cursor(['\u0000', id]), cursor(['a\ud800', id])]],
      ['/api/v1/users', [cursor(['x', 'not-a-uuid']), cursor([7, id])]],
      // ordered by a timestamp, then a UUID
      ['/api/v1/notifications', [cursor(['2026-13-45T99:99:99Z', id]), cursor(['yesterday', id])]],
      // ordered by a bigint id alone
      ['/api/v1/audit', [cursor([null, 'not-a-number']), cursor([null, id]), cursor(['x', '5'])]],
    ] as const;
    for (const [path, cursors] of lists) {
      for (const value of cursors) {
        const response = await api(app.baseUrl, 'GET', `${path}?cursor=${value}`, { token: adminToken });
        expectError(response, 400, 'validation_failed');
        expect(detailPaths(response)).toEqual(['cursor']);
      }
      // The cursor the list itself issues still pages.
      const first = await api(app.baseUrl, 'GET', `${path}?limit=1`, { token: adminToken });
      expect(first.status).toBe(200);
      if (first.body.nextCursor) {
        const next = await api(app.baseUrl, 'GET', `${path}?limit=1&cursor=${first.body.nextCursor as string}`, {
          token: adminToken,
        });
        expect(next.status).toBe(200);
      }
    }
  });

  it('never answers 5xx to random JSON sent to user creation and the organisation profile', async () => {
    const userFields = ['email', 'name', 'role', 'organizationId', 'password'];
    const organizationFields = [
      'name',
      'nameKana',
      'lat',
      'lng',
      'areaCode',
      'phone',
      'capabilities',
      'coverage',
      'codes',
    ];
    const bodyFor = (fields: string[]) =>
      fc.oneof(
        fc.jsonValue(),
        fc.dictionary(fc.constantFrom(...fields), fc.jsonValue(), { maxKeys: fields.length }),
        fc.dictionary(
          fc.constantFrom(...fields),
          fc.oneof(fc.string({ unit: 'binary' }), fc.integer(), fc.constant(null)),
        ),
      );
    await fc.assert(
      fc.asyncProperty(bodyFor(userFields), async (body) => {
        const response = await api(app.baseUrl, 'POST', '/api/v1/users', { token: adminToken, body });
        expect(response.status, `${JSON.stringify(body)} → ${response.text}`).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
    await fc.assert(
      fc.asyncProperty(bodyFor(organizationFields), async (body) => {
        const response = await api(app.baseUrl, 'PATCH', `/api/v1/organizations/${organizationId}`, {
          token: adminToken,
          headers: { 'if-match': `"${await currentVersion(organizationId)}"` },
          body,
        });
        expect(response.status, `${JSON.stringify(body)} → ${response.text}`).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
  });
});
