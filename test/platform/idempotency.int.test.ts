/**
 * Idempotency-Key on a creating POST (CONTRACT §2), through POST /api/v1/organizations: a retry
 * returns the first response and creates nothing; the same key with another body is 422; ten
 * concurrent retries create exactly one record (PostgreSQL: the unique key makes the others wait;
 * PGlite: the transaction queue); a failed request does not use up its key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { api, type ApiResponse } from '../helpers/http.js';
import { signedInAs, unique } from '../helpers/factories.js';
import { expectError } from '../helpers/errors.js';

describe('Idempotency-Key on POST /api/v1/organizations', () => {
  let app: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    app = await startTestApp();
    adminToken = (await signedInAs(app, 'admin')).token;
  });
  afterAll(async () => {
    await app.close();
  });

  function create(body: unknown, key?: string, token = adminToken): Promise<ApiResponse> {
    return api(app.baseUrl, 'POST', '/api/v1/organizations', {
      token,
      body,
      headers: key === undefined ? {} : { 'idempotency-key': key },
    });
  }

  /** Organisations whose name contains `name` exactly (names are unique per test). */
  async function countNamed(name: string): Promise<number> {
    const response = await api(app.baseUrl, 'GET', `/api/v1/organizations?q=${encodeURIComponent(name)}&limit=500`, {
      token: adminToken,
    });
    expect(response.status).toBe(200);
    return (response.body.items as { name: string }[]).filter((item) => item.name === name).length;
  }

  const clinic = (name: string) => ({ name, kind: 'clinic', address: '岡山市北区大供1-1-1', areaCode: '33101' });

  it('replays the first response to a retry with the same key and body, creating nothing new', async () => {
    const name = `冪等テスト診療所 ${unique()}`;
    const key = unique('key');
    const first = await create(clinic(name), key);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();

    // The same body with its keys in another order is the same request.
    const { areaCode, address, kind } = clinic(name);
    const retry = await create({ areaCode, address, kind, name }, key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    // The ETag too: a client that retried after a timeout needs it for its next If-Match.
    expect(first.headers.get('etag')).toBe(`"${first.body.version as number}"`);
    expect(retry.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(await countNamed(name)).toBe(1);
  });

  it('answers 422 idempotency_key_reused to the same key with another body, and creates nothing', async () => {
    const name = `冪等テスト診療所 ${unique()}`;
    const key = unique('key');
    expect((await create(clinic(name), key)).status).toBe(201);
    const other = `${name} 別`;
    const reused = await create(clinic(other), key);
    expectError(reused, 422, 'idempotency_key_reused');
    expect(await countNamed(other)).toBe(0);
    expect(await countNamed(name)).toBe(1);
  });

  it('keeps keys per user: another admin may use the same key for its own request', async () => {
    const key = unique('key');
    const mine = `冪等テスト診療所 ${unique()}`;
    const theirs = `冪等テスト診療所 ${unique()}`;
    const otherAdmin = (await signedInAs(app, 'admin')).token;
    expect((await create(clinic(mine), key)).status).toBe(201);
    const response = await create(clinic(theirs), key, otherAdmin);
    expect(response.status).toBe(201);
    expect(response.headers.get('idempotent-replayed')).toBeNull();
    expect(await countNamed(theirs)).toBe(1);
  });

  it('creates exactly one organisation for ten concurrent requests with the same key and body', async () => {
    const name = `冪等テスト診療所 ${unique()}`;
    const key = unique('key');
    const responses = await Promise.all(Array.from({ length: 10 }, () => create(clinic(name), key)));
    for (const response of responses) expect(response.status, response.text).toBe(201);
    const ids = new Set(responses.map((response) => response.body.id as string));
    expect(ids.size).toBe(1);
    expect(responses.filter((response) => response.headers.get('idempotent-replayed') === null)).toHaveLength(1);
    expect(await countNamed(name)).toBe(1);
  });

  it('creates one organisation per request without a key', async () => {
    const name = `冪等テスト診療所 ${unique()}`;
    expect((await create(clinic(name))).status).toBe(201);
    // The same name again is refused as a likely duplicate unless confirmed (organization_duplicate).
    expect((await create({ ...clinic(name), allowDuplicateName: true })).status).toBe(201);
    expect(await countNamed(name)).toBe(2);
  });

  it('does not use up the key of a failed request: the corrected request with the same key succeeds', async () => {
    const name = `冪等テスト診療所 ${unique()}`;
    const key = unique('key');
    // Rejected by the schema, before any work: nothing was stored.
    expectError(await create({ ...clinic(name), kind: 'spaceship' }, key), 400, 'validation_failed');
    // Rejected inside the transaction (unknown area): the claim of the key is rolled back with it.
    const unknownArea = await create({ ...clinic(name), areaCode: '99999' }, key);
    expectError(unknownArea, 400, 'validation_failed');
    expect(await countNamed(name)).toBe(0);

    const corrected = await create(clinic(name), key);
    expect(corrected.status, corrected.text).toBe(201);
    expect(corrected.headers.get('idempotent-replayed')).toBeNull();
    const retry = await create(clinic(name), key);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(corrected.body);
    expect(await countNamed(name)).toBe(1);
  });

  it('answers 400 to a key that is empty, too long or not printable ASCII', async () => {
    for (const key of ['', 'x'.repeat(201), 'cl\u00e9', 'with space']) {
      expectError(
        await create(clinic(`冪等テスト診療所 ${unique()}`), key),
        400,
        'validation_failed',
        'invalid_idempotency_key',
      );
    }
  });
});
