/**
 * POST /api/v1/organizations refuses an organisation already registered: the same normalised name and kind
 * (409 organization_duplicate, unless allowDuplicateName confirms a distinct one) or an official code in use
 * (409 duplicate_official_code) — each naming the existing organisation(s) by id, name and address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildOrganization, signedInAs, unique } from '../../../test/helpers/factories.js';
import { registerOrganization } from '../../../test/helpers/organizations.js';

type Detail = { path: string; message: string; code?: string; params?: Record<string, string> };

describe('duplicate organisations', () => {
  let app: TestApp;
  let admin: string;
  beforeAll(async () => {
    app = await startTestApp();
    ({ token: admin } = await signedInAs(app, 'admin'));
  });
  afterAll(async () => {
    await app.close();
  });

  const create = (body: Record<string, unknown>) => registerOrganization(app, admin, body);

  it('answers 409 organization_duplicate naming the existing one, whatever the width and spaces of the name', async () => {
    const name = `テスト大学病院${unique()}`;
    const existing = await buildOrganization(app.database, {
      kind: 'hospital',
      name,
      address: '岡山市北区鹿田町2-5-1',
    });
    const spaced = name
      .normalize('NFKC')
      .replace('大学', '大学　')
      .replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const response = await create({ name: spaced, kind: 'hospital', address: '岡山市北区鹿田町2-5-1' });
    expect(response.status, response.text).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'invalid_transition', reason: 'organization_duplicate' });
    expect(response.body.error.message).toContain(name);
    const details = response.body.error.details as Detail[];
    expect(details).toHaveLength(1);
    expect(details[0]).toMatchObject({
      path: 'name',
      code: 'existing_organization',
      params: { id: existing.id, name, address: '岡山市北区鹿田町2-5-1' },
    });
  });

  it('registers the same name when the client confirms (allowDuplicateName) or the kind differs', async () => {
    const name = `同名クリニック${unique()}`;
    await buildOrganization(app.database, { kind: 'clinic', name });
    const confirmed = await create({ name, kind: 'clinic', address: '', allowDuplicateName: true });
    expect(confirmed.status, confirmed.text).toBe(201);
    expect(confirmed.body).not.toHaveProperty('allowDuplicateName');
    const otherKind = await create({ name, kind: 'visiting_nursing', address: '' });
    expect(otherKind.status, otherKind.text).toBe(201);
    // Now two clinics of the name: both are named.
    const again = await create({ name, kind: 'clinic', address: '' });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toHaveLength(2);
  });

  it('answers 409 duplicate_official_code naming the existing one, even with allowDuplicateName', async () => {
    const code = String(Date.now()).slice(-10).padStart(10, '3');
    const existing = await buildOrganization(app.database, {
      kind: 'clinic',
      name: `コード重複元${unique()}`,
      medicalInstitutionCode: code,
    });
    const response = await create({
      name: `別名${unique()}`,
      kind: 'clinic',
      address: '',
      codes: { medicalInstitutionCode: code },
      allowDuplicateName: true,
    });
    expect(response.status, response.text).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'invalid_transition', reason: 'duplicate_official_code' });
    expect(response.body.error.details[0]).toMatchObject({
      path: 'codes.medicalInstitutionCode',
      params: { id: existing.id, name: existing.name },
    });
  });

  it('documents allowDuplicateName in the OpenAPI schema of the create', async () => {
    const document = await api(app.baseUrl, 'GET', '/api/openapi.json');
    expect(JSON.stringify(document.body.paths['/api/v1/organizations'].post.requestBody)).toContain(
      'allowDuplicateName',
    );
  });
});

describe('a duplicate of the reference data', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ referenceData: 'full' });
  }, 240_000);
  afterAll(async () => {
    await app?.close();
  });

  it('refuses 岡山大学病院 again, naming the one the reference data has', async () => {
    const { token } = await signedInAs(app, 'admin');
    const response = await registerOrganization(app, token, {
      name: '岡山大学病院',
      kind: 'hospital',
      address: '岡山市北区鹿田町2-5-1',
    });
    expect(response.status, response.text).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'invalid_transition', reason: 'organization_duplicate' });
    expect(response.body.error.details[0].params.name).toBe('岡山大学病院');
  });
});
