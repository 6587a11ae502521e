/**
 * An organisation form's problems come in one answer, in our Japanese: the schema's (a malformed phone)
 * beside the service's (the ward is not the address's, an unknown ward), on create and on change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { signedInAs, unique } from '../../../test/helpers/factories.js';
import { registerOrganization } from '../../../test/helpers/organizations.js';

type Detail = { path: string; message: string; code?: string };

describe('every problem of an organisation form at once', () => {
  let app: TestApp;
  let admin: string;
  beforeAll(async () => {
    app = await startTestApp();
    ({ token: admin } = await signedInAs(app, 'admin'));
  });
  afterAll(async () => {
    await app.close();
  });

  const register = (body: Record<string, unknown>) => registerOrganization(app, admin, body);
  const paths = (response: { body: any }) => (response.body.error.details as Detail[]).map((detail) => detail.path);
  const detail = (response: { body: any }, path: string) =>
    (response.body.error.details as Detail[]).find((item) => item.path === path);

  it('says in Japanese what a field needs, without zod’s internal words', async () => {
    const response = await register({ kind: 'clinic', address: 5, name: 'あ'.repeat(201), colour: 'red' });
    expect(response.status, response.text).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(detail(response, 'name')?.message).toBe('200文字以内で入力してください。');
    expect(detail(response, 'address')?.message).toBe('文字列で指定してください。');
    const missing = await register({ kind: 'clinic' });
    expect(detail(missing, 'name')?.message).toBe('必須の項目です。');
    for (const item of [...response.body.error.details, ...missing.body.error.details] as Detail[]) {
      expect(item.message).not.toMatch(/string|undefined|無効な入力|大きすぎる値|が期待されました/);
    }
  });

  it('answers a malformed phone and a ward other than the address’s together on create', async () => {
    const response = await register({
      name: `テスト診療所 ${unique()}`,
      kind: 'clinic',
      address: '岡山市中区浜3丁目7-15',
      areaCode: '33104',
      phone: '電話',
    });
    expect(response.status, response.text).toBe(400);
    expect(paths(response)).toEqual(expect.arrayContaining(['phone', 'areaCode']));
    expect(detail(response, 'areaCode')?.code).toBe('area_differs_from_address');
  });

  it('answers an unknown coverage ward and a ward other than the address’s together', async () => {
    const response = await register({
      name: `テスト訪問看護 ${unique()}`,
      kind: 'visiting_nursing',
      address: '岡山市中区浜3丁目7-15',
      areaCode: '33104',
      coverage: { areaCodes: ['99999'] },
    });
    expect(response.status, response.text).toBe(400);
    expect(paths(response)).toEqual(expect.arrayContaining(['coverage.areaCodes.0', 'areaCode']));
  });

  it('answers a malformed phone, an unknown backup ward and a ward other than the address’s together on change', async () => {
    const created = await register({
      name: `テスト病院 ${unique()}`,
      kind: 'hospital',
      address: '岡山市中区浜3丁目7-15',
    });
    expect(created.status, created.text).toBe(201);
    const changed = await api(app.baseUrl, 'PATCH', `/api/v1/organizations/${created.body.id}`, {
      token: admin,
      headers: { 'if-match': `"${created.body.version}"` },
      body: { phone: 'x', areaCode: '33104', backup: { areaCodes: ['99999'] } },
    });
    expect(changed.status, changed.text).toBe(400);
    expect(paths(changed)).toEqual(expect.arrayContaining(['phone', 'areaCode', 'backup.areaCodes.0']));
  });

  it('keeps the flags of one kind to that kind (a station is no support clinic), and refuses an empty change', async () => {
    const station = await register({
      name: `テスト訪問看護 ${unique()}`,
      kind: 'visiting_nursing',
      address: '岡山市北区大供1丁目1-1',
    });
    expect(station.status, station.text).toBe(201);
    const change = (body: Record<string, unknown>) =>
      api(app.baseUrl, 'PATCH', `/api/v1/organizations/${station.body.id}`, {
        token: admin,
        headers: { 'if-match': `"${station.body.version}"` },
        body,
      });
    const refused = await change({
      homeCareSupportClinic: 'enhanced_single',
      isHomeVisitOnly: true,
      isBackupHospital: true,
      hospitalFunction: 'acute',
    });
    expect(refused.status, refused.text).toBe(400);
    expect(paths(refused).sort()).toEqual([
      'homeCareSupportClinic',
      'hospitalFunction',
      'isBackupHospital',
      'isHomeVisitOnly',
    ]);
    expect(detail(refused, 'homeCareSupportClinic')).toMatchObject({
      code: 'not_for_kind',
      message: '「在宅療養支援診療所・病院の届出」は診療所・病院だけが設定できます。',
    });
    // Saying "not" is always allowed (a form sends every flag), and nothing was changed by the refusal.
    const cleared = await change({ homeCareSupportClinic: null, isHomeVisitOnly: false, isBackupHospital: false });
    expect(cleared.status, cleared.text).toBe(200);
    expect(cleared.body).toMatchObject({
      homeCareSupportClinic: null,
      isHomeVisitOnly: false,
      isBackupHospital: false,
    });
    const empty = await api(app.baseUrl, 'PATCH', `/api/v1/organizations/${station.body.id}`, {
      token: admin,
      headers: { 'if-match': `"${cleared.body.version}"` },
      body: {},
    });
    expect(empty.status).toBe(400);
    expect(`${String(empty.body.error.message)} ${JSON.stringify(empty.body.error.details)}`).toContain(
      '変更する項目を1つ以上指定してください',
    );
    // A clinic may say both.
    const clinic = await register({
      name: `テスト診療所 ${unique()}`,
      kind: 'clinic',
      address: '岡山市北区大供1丁目1-1',
      homeCareSupportClinic: 'enhanced_single',
      isHomeVisitOnly: true,
    });
    expect(clinic.status, clinic.text).toBe(201);
  });

  it('refuses more free places than the organisation declares it can take in all', async () => {
    const station = await register({
      name: `テスト訪問看護 ${unique()}`,
      kind: 'visiting_nursing',
      address: '岡山市北区大供1丁目1-1',
      declaredCapacity: 80,
    });
    expect(station.status, station.text).toBe(201);
    const put = (freeSlots: number, version: number) =>
      api(app.baseUrl, 'PUT', `/api/v1/organizations/${station.body.id}/availability`, {
        token: admin,
        headers: { 'if-match': `"${version}"` },
        body: { status: 'accepting', freeSlots },
      });
    const over = await put(81, station.body.version as number);
    expect(over.status, over.text).toBe(400);
    expect(detail(over, 'freeSlots')).toMatchObject({
      code: 'over_declared_capacity',
      message: '空き枠が、申告している受け入れ可能な人数（80人）を超えています。',
    });
    expect((await put(80, station.body.version as number)).status).toBe(200);
  });
});
