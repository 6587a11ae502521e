/**
 * Organisations the admin registers are located from their address, so that 資源検索 finds them
 * (the directory index holds only organisations with a point): POST and PATCH /api/v1/organizations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { signedInAs } from '../../../test/helpers/factories.js';
import { registerOrganization } from '../../../test/helpers/organizations.js';

const start = new Date('2026-11-25T10:00:00+09:00');
const notLocated = '住所から位置を特定できませんでした。資源検索に表示されません。';

describe('locating the organisations the admin registers', () => {
  let app: TestApp;
  let admin: string;
  let coordinator: string;
  beforeAll(async () => {
    app = await startTestApp({ start });
    ({ token: admin } = await signedInAs(app, 'admin'));
    ({ token: coordinator } = await signedInAs(app, 'center_coordinator'));
  });
  afterAll(async () => {
    await app.close();
  });

  const register = (body: Record<string, unknown>) => registerOrganization(app, admin, body);

  const found = async (query: string, id: string) => {
    const response = await api(app.baseUrl, 'GET', `/api/v1/resources/search?${query}&limit=500`, {
      token: coordinator,
    });
    expect(response.status, response.text).toBe(200);
    return response.body.items.some((item: { organization: { id: string } }) => item.organization.id === id);
  };

  it('locates a new station from its address, and resource search by ward and by point finds it', async () => {
    // The administrator registers a station the public data lacks (no coordinates, no ward given).
    const created = await register({
      name: `訪問看護ステーション西大寺みどり（検証）${randomUUID().slice(0, 4)}`,
      kind: 'visiting_nursing',
      address: '岡山県岡山市東区西大寺中1丁目13-35',
      capabilities: { groups: ['elderly'], available24h: true },
    });
    expect(created.status, created.text).toBe(201);
    // 西大寺中一丁目's point in the offline 町丁目 data.
    expect(created.body.lat).toBeCloseTo(34.6535, 4);
    expect(created.body.lng).toBeCloseTo(134.0338, 4);
    expect(created.body.geocodePrecision).toBe('machiaza');
    expect(created.body.areaCode).toBe('33103');
    expect(created.body).not.toHaveProperty('warnings');
    const id = created.body.id as string;
    // The registration form sends 「未設定」 as areaCode null: the located ward is taken all the same.
    const fromForm = await register({
      name: `地域ケア総合推進センター（検証）${randomUUID().slice(0, 4)}`,
      kind: 'coordination_center',
      address: '〒700-0914 岡山市北区鹿田町一丁目1番1号',
      areaCode: null,
    });
    expect(fromForm.status, fromForm.text).toBe(201);
    expect(fromForm.body.areaCode).toBe('33101');

    // The Center's coordinator searches 東区, then around 西大寺中: the new station is in both.
    expect(await found('areaCode=33103&kind=visiting_nursing', id)).toBe(true);
    expect(await found('lat=34.6535&lng=134.0338&radiusKm=2&kind=visiting_nursing', id)).toBe(true);
    expect(await found('areaCode=33101&kind=visiting_nursing', id)).toBe(false);
  });

  it('moves an organisation when its address changes to another ward', async () => {
    const created = await register({
      name: `テスト訪問看護 ${randomUUID().slice(0, 6)}`,
      kind: 'visiting_nursing',
      address: '岡山市東区西大寺中1丁目13-35',
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    expect(await found('areaCode=33103&kind=visiting_nursing', id)).toBe(true);

    const moved = await api(app.baseUrl, 'PATCH', `/api/v1/organizations/${id}`, {
      token: admin,
      body: { address: '岡山市北区大供1丁目1-1' },
      headers: { 'if-match': `"${created.body.version}"` },
    });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body.areaCode).toBe('33101');
    expect(moved.body.lat).toBeCloseTo(34.6551, 4);
    expect(moved.body.lng).toBeCloseTo(133.9207, 4);
    expect(await found('areaCode=33101&kind=visiting_nursing', id)).toBe(true);
    expect(await found('areaCode=33103&kind=visiting_nursing', id)).toBe(false);
    expect(await found('lat=34.6535&lng=134.0338&radiusKm=2&kind=visiting_nursing', id)).toBe(false);
  });

  it('keeps the coordinates the administrator gives over the located ones, with the ward they lie in', async () => {
    // The building's pin, 600 m from where 西大寺中一丁目 is located.
    const created = await register({
      name: `テスト診療所 ${randomUUID().slice(0, 6)}`,
      kind: 'clinic',
      address: '岡山市東区西大寺中1丁目13-35',
      lat: 34.6575,
      lng: 134.0385,
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ lat: 34.6575, lng: 134.0385, geocodePrecision: 'source', areaCode: '33103' });
    expect(await found('areaCode=33103&kind=clinic', created.body.id as string)).toBe(true);
  });

  it('saves an organisation whose address cannot be located and says it will not appear in resource search', async () => {
    const created = await register({
      name: `テスト社会福祉協議会 ${randomUUID().slice(0, 6)}`,
      kind: 'social_welfare_council',
      address: 'どこでもない町 1-2-3',
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ lat: null, lng: null, geocodePrecision: null });
    expect(created.body.warnings).toEqual([{ path: 'address', code: 'address_not_located', message: notLocated }]);
    const read = await api(app.baseUrl, 'GET', `/api/v1/organizations/${created.body.id}`, { token: admin });
    expect(read.status).toBe(200);
  });

  it('answers 400 naming lng when only lat is given', async () => {
    const created = await register({ name: `テスト ${randomUUID().slice(0, 6)}`, kind: 'clinic', lat: 34.65 });
    expect(created.status).toBe(400);
    expect(created.body.error.code).toBe('validation_failed');
    expect(created.body.error.details.map((detail: { path: string }) => detail.path)).toContain('lng');
  });

  it('refuses a ward (区) other than the one the address is in, naming both, and takes a matching one', async () => {
    const base = {
      name: `中区地域包括支援センター（検証）${randomUUID().slice(0, 4)}`,
      kind: 'community_support_center',
      address: '岡山市中区浜3丁目7-15',
    };
    const wrongWard = await register({ ...base, areaCode: '33104' });
    expect(wrongWard.status, wrongWard.text).toBe(400);
    expect(wrongWard.body.error.code).toBe('validation_failed');
    const [detail] = wrongWard.body.error.details;
    expect(detail).toMatchObject({
      path: 'areaCode',
      code: 'area_differs_from_address',
      params: { given: '33104', located: '33102', givenName: '南区', locatedName: '中区' },
    });
    expect(detail.message).toContain('中区にあります');
    expect(detail.message).toContain('南区');
    // Nothing was saved: 南区's ward search does not list it.
    const south = await api(
      app.baseUrl,
      'GET',
      `/api/v1/organizations?areaCode=33104&q=${encodeURIComponent(base.name)}`,
      {
        token: admin,
      },
    );
    expect(south.body.items).toEqual([]);

    const rightWard = await register({ ...base, areaCode: '33102' });
    expect(rightWard.status, rightWard.text).toBe(201);
    expect(rightWard.body).toMatchObject({ areaCode: '33102', geocodePrecision: 'machiaza' });

    // Changing only the ward of a located organisation is checked against its address too.
    const moved = await api(app.baseUrl, 'PATCH', `/api/v1/organizations/${rightWard.body.id}`, {
      token: admin,
      body: { areaCode: '33104' },
      headers: { 'if-match': `"${rightWard.body.version}"` },
    });
    expect(moved.status, moved.text).toBe(400);
    expect(moved.body.error.details[0]).toMatchObject({ path: 'areaCode', code: 'area_differs_from_address' });

    // An address that names only the city, or cannot be located, keeps the ward given (the same name again:
    // registered as another organisation on purpose).
    const again = { ...base, allowDuplicateName: true };
    const cityOnly = await register({ ...again, address: '岡山市', areaCode: '33104' });
    expect(cityOnly.status, cityOnly.text).toBe(201);
    expect(cityOnly.body.areaCode).toBe('33104');
    const unlocated = await register({ ...again, address: 'どこでもない町 1-2-3', areaCode: '33104' });
    expect(unlocated.status, unlocated.text).toBe(201);
    expect(unlocated.body).toMatchObject({ areaCode: '33104', lat: null });
  });

  it('refuses an address outside Okayama City (倉敷市) on the address field', async () => {
    for (const address of ['倉敷市阿知1-1', '〒710-0000']) {
      const created = await register({ name: `テスト診療所 ${randomUUID().slice(0, 6)}`, kind: 'clinic', address });
      expect(created.status, created.text).toBe(400);
      expect(created.body.error).toMatchObject({ code: 'validation_failed', reason: 'location_outside_city' });
      expect(created.body.error.details[0]).toMatchObject({ path: 'address', code: 'address_outside_city' });
      expect(created.body.error.message).toContain('岡山市外（倉敷市）');
    }
  });

  it('refuses an address naming another prefecture even though no data locates it (東京都), postal code or not', async () => {
    for (const input of [
      { address: '東京都千代田区千代田1-1' },
      { address: '東京都千代田区千代田1-1', postalCode: '7000971' },
      { address: '広島県福山市東桜町3-5' },
    ]) {
      const created = await register({ name: `テスト診療所 ${randomUUID().slice(0, 6)}`, kind: 'clinic', ...input });
      expect(created.status, created.text).toBe(400);
      expect(created.body.error.details[0]).toMatchObject({ path: 'address', code: 'address_outside_city' });
      expect(created.body.error.message).toContain('岡山市外');
    }
    // An Okayama address the offline data cannot place is still registered, with the warning.
    const unplaced = await register({
      name: `テスト診療所 ${randomUUID().slice(0, 6)}`,
      kind: 'clinic',
      address: '岡山市北区存在しない町99',
    });
    expect(unplaced.status, unplaced.text).toBe(201);
  });

  it('keeps the カナ in katakana whatever the administrator typed (ひらがな, half width)', async () => {
    const created = await register({
      name: `テスト訪問看護 ${randomUUID().slice(0, 6)}`,
      nameKana: 'おかやま　ほうもんかんごすてーしょん',
      kind: 'visiting_nursing',
      address: '岡山市北区大供1丁目1-1',
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body.nameKana).toBe('オカヤマ ホウモンカンゴステーション');
    const changed = await api(app.baseUrl, 'PATCH', `/api/v1/organizations/${created.body.id}`, {
      token: admin,
      body: { nameKana: 'ｵｶﾔﾏ ゞ' },
      headers: { 'if-match': `"${created.body.version}"` },
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body.nameKana).toBe('オカヤマ ヾ');
  });
});
