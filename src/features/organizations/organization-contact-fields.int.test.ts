/**
 * Phones and postal codes on organisations are read as on cases (platform/contact-fields.ts): full
 * width, dash look-alikes and 〒 are accepted, and the stored (and published) form is the half-width
 * phone and the seven-digit postal code; a homepage is a web address. A stale If-Match answers who changed the profile and when.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { expectError } from '../../../test/helpers/errors.js';
import { signedInAs, unique } from '../../../test/helpers/factories.js';
import { registerOrganization } from '../../../test/helpers/organizations.js';

describe('contact fields of an organisation', () => {
  let app: TestApp;
  let admin: string;
  beforeAll(async () => {
    app = await startTestApp();
    ({ token: admin } = await signedInAs(app, 'admin'));
  });
  afterAll(async () => {
    await app.close();
  });

  it('stores full-width phones and 〒/hyphenated postal codes in their usual form on create', async () => {
    const created = await registerOrganization(app, admin, {
      name: `全角診療所 ${unique()}`,
      kind: 'clinic',
      address: '岡山市中区浜3丁目7-15',
      phone: '０８６－２８４－００００',
      fax: '０８６ー２８４ー０００１',
      professionalPhone: '086−284−0002',
      postalCode: '〒７０３－８２５６',
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      phone: '086-284-0000',
      fax: '086-284-0001',
      professionalPhone: '086-284-0002',
      postalCode: '7038256',
    });
  });

  it('stores a homepage as a web address and names every wrong contact field in one answer', async () => {
    const { organization, token } = await signedInAs(app, 'provider');
    const id = organization!.id;
    const read = await api(app.baseUrl, 'GET', `/api/v1/organizations/${id}`, { token });
    const version = read.body.version as number;
    const refused = await api(app.baseUrl, 'PATCH', `/api/v1/organizations/${id}`, {
      token,
      body: { phone: 'abc', url: 'not a url' },
      headers: { 'If-Match': `"${version}"` },
    });
    expectError(refused, 400, 'validation_failed');
    expect(refused.body.error.message).toBe('入力内容に誤りがあります。');
    const paths = (refused.body.error.details as { path: string; message: string }[]).map((detail) => detail.path);
    expect(paths.sort()).toEqual(['phone', 'url']);
    const changed = await api(app.baseUrl, 'PATCH', `/api/v1/organizations/${id}`, {
      token,
      body: { url: 'www.example.jp' },
      headers: { 'If-Match': `"${version}"` },
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body.url).toBe('https://www.example.jp');
  });

  it('stores them normalised on update too, and refuses what is no phone or postal code', async () => {
    const { organization, token } = await signedInAs(app, 'provider');
    const id = organization!.id;
    const read = await api(app.baseUrl, 'GET', `/api/v1/organizations/${id}`, { token });
    let version = read.body.version as number;
    for (const [body, expected] of [
      [{ phone: '０８６－２８４－００００' }, { phone: '086-284-0000' }],
      [{ phone: '０８６-２８４-００００' }, { phone: '086-284-0000' }],
      [{ postalCode: '701-1152' }, { postalCode: '7011152' }],
      [{ postalCode: '〒701-1152' }, { postalCode: '7011152' }],
      [{ postalCode: '７０１１１５２' }, { postalCode: '7011152' }],
      [{ fax: '（０８６）２８４－００１１' }, { fax: '086-284-0011' }],
      // Digits of an address typed in full width are kept as the public data writes them.
      [{ address: '岡山市南区妹尾８８０番地の１' }, { address: '岡山市南区妹尾880番地の1' }],
      [{ address: '岡山県岡山市南区妹尾８８０－１' }, { address: '岡山市南区妹尾880-1' }],
    ] as const) {
      const changed = await api(app.baseUrl, 'PATCH', `/api/v1/organizations/${id}`, {
        token,
        body,
        headers: { 'If-Match': `"${version}"` },
      });
      expect(changed.status, `${JSON.stringify(body)} ${changed.text}`).toBe(200);
      expect(changed.body).toMatchObject(expected);
      version = changed.body.version;
    }
    const stored = await api(app.baseUrl, 'GET', `/api/v1/organizations/${id}`, { token });
    expect(stored.body).toMatchObject({ phone: '086-284-0000', postalCode: '7011152', fax: '086-284-0011' });

    for (const body of [
      { phone: '電話' },
      { phone: '086-262-123456789' },
      { postalCode: '701-115' },
      { postalCode: '〒' },
    ]) {
      const refused = await api(app.baseUrl, 'PATCH', `/api/v1/organizations/${id}`, {
        token,
        body,
        headers: { 'If-Match': `"${version}"` },
      });
      expectError(refused, 400, 'validation_failed');
    }
  });

  it('refuses a postal code of another town or ward than the address, naming where it belongs', async () => {
    const outside = await registerOrganization(app, admin, {
      name: `郵便番号違い診療所 ${unique()}`,
      kind: 'clinic',
      address: '岡山市北区大供一丁目1番1号',
      postalCode: '100-0001',
    });
    expectError(outside, 400, 'validation_failed');
    expect(outside.body.error.details).toEqual([
      expect.objectContaining({
        path: 'postalCode',
        code: 'postal_code_outside_city',
        message: '郵便番号 100-0001 は東京都千代田区の郵便番号です。岡山市内の郵便番号を指定してください。',
      }),
    ]);
    const unknownCode = await registerOrganization(app, admin, {
      name: `郵便番号違い診療所 ${unique()}`,
      kind: 'clinic',
      address: '岡山市北区大供一丁目1番1号',
      postalCode: '999-9999',
    });
    expect(unknownCode.body.error.details).toEqual([expect.objectContaining({ code: 'postal_code_unknown' })]);

    // 〒701-0205 is 南区妹尾: not for an address in 北区. A code spanning several wards (〒700-0000) passes.
    const created = await registerOrganization(app, admin, {
      name: `郵便番号診療所 ${unique()}`,
      kind: 'clinic',
      address: '岡山市北区大供一丁目1番1号',
      postalCode: '700-0913',
    });
    expect(created.status, created.text).toBe(201);
    const otherWard = await api(app.baseUrl, 'PATCH', `/api/v1/organizations/${created.body.id}`, {
      token: admin,
      body: { postalCode: '701-0205' },
      headers: { 'If-Match': `"${created.body.version}"` },
    });
    expectError(otherWard, 400, 'validation_failed');
    expect(otherWard.body.error.details).toEqual([
      expect.objectContaining({ path: 'postalCode', code: 'postal_code_differs_from_address' }),
    ]);
    expect(otherWard.body.error.details[0].message).toContain('岡山県岡山市南区');
    const generic = await api(app.baseUrl, 'PATCH', `/api/v1/organizations/${created.body.id}`, {
      token: admin,
      body: { postalCode: '700-0000' },
      headers: { 'If-Match': `"${created.body.version}"` },
    });
    expect(generic.status, generic.text).toBe(200);
  });

  it('answers a stale If-Match with who changed the profile and when, and a future one as not existing', async () => {
    const { organization, token } = await signedInAs(app, 'provider');
    const id = organization!.id;
    const read = await api(app.baseUrl, 'GET', `/api/v1/organizations/${id}`, { token });
    const first = read.body.version as number;
    const changed = await api(app.baseUrl, 'PATCH', `/api/v1/organizations/${id}`, {
      token,
      body: { phone: '086-000-0000' },
      headers: { 'If-Match': `"${first}"` },
    });
    expect(changed.status, changed.text).toBe(200);

    const stale = await api(app.baseUrl, 'PATCH', `/api/v1/organizations/${id}`, {
      token,
      body: { phone: '086-000-0001' },
      headers: { 'If-Match': `"${first}"` },
    });
    expectError(stale, 412, 'version_conflict');
    expect(stale.body.error.message).toMatch(
      new RegExp(
        `^[^（]+（${organization!.name}）が \\d{4}年\\d{1,2}月\\d{1,2}日\\(.\\) \\d{2}:\\d{2} に更新しました。`,
      ),
    );
    expect(stale.body.error.details).toEqual([
      {
        path: 'version',
        message: `現在の版は ${first + 1} です`,
        code: 'current_version',
        params: { current: first + 1 },
      },
    ]);

    const future = await api(app.baseUrl, 'PUT', `/api/v1/organizations/${id}/availability`, {
      token,
      body: { status: 'accepting', freeSlots: 2 },
      headers: { 'If-Match': `"${first + 7}"` },
    });
    expectError(future, 412, 'version_conflict');
    expect(future.body.error.message).toBe(
      `指定された版（If-Match: "${first + 7}"）は存在しません。現在の版は ${first + 1} です。最新の内容を読み込み直してください。`,
    );

    // A weak tag never matches (RFC 9110: If-Match compares strongly): refused, saying why.
    const weak = await api(app.baseUrl, 'PATCH', `/api/v1/organizations/${id}`, {
      token,
      body: { phone: '086-000-0002' },
      headers: { 'If-Match': `W/"${first + 1}"` },
    });
    expectError(weak, 400, 'validation_failed', 'invalid_if_match');
    expect(weak.body.error.message).toContain('弱い ETag');
  });
});
