/**
 * The organisation list by 受入状況 (GET /api/v1/organizations?availability=): the medical association's 会員の情報
 * shows its members that never entered one (未登録) or whose answer is older than the configured days (要確認),
 * with the kind and ward filters as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildOrganization, buildUser, login } from '../../../test/helpers/factories.js';

const day = 24 * 3600 * 1000;

describe('listing organisations by their 受入状況', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ start: new Date('2026-11-25T10:00:00+09:00') });
  });
  afterAll(async () => {
    await app.close();
  });

  it('lists the members never answered (none) or answered too long ago (stale), with the kind and ward', async () => {
    // 医師会 → 4 members: never answered, 20 days (要確認), 13 days and today (both fresh: 14 days is the limit).
    const now = app.clock.now().getTime();
    const association = await buildOrganization(app.database, { kind: 'medical_association' });
    const member = (overrides: Parameters<typeof buildOrganization>[1]) =>
      buildOrganization(app.database, { associationId: association.id, availabilityStatus: 'accepting', ...overrides });
    const never = await member({ availabilityStatus: null, availabilityUpdatedAt: null });
    const stale = await member({ areaCode: '33102', availabilityUpdatedAt: new Date(now - 20 * day) });
    const staleNursing = await member({
      kind: 'visiting_nursing',
      areaCode: '33102',
      availabilityUpdatedAt: new Date(now - 30 * day),
    });
    await member({ availabilityUpdatedAt: new Date(now - 13 * day) });
    await member({ availabilityUpdatedAt: new Date(now) });
    const admin = await buildUser(app.database, { role: 'association_admin', organizationId: association.id });
    const token = await login(app, admin.email);
    const idsOf = async (query: string) => {
      const response = await api(
        app.baseUrl,
        'GET',
        `/api/v1/organizations?associationId=${association.id}&limit=500&${query}`,
        { token },
      );
      expect(response.status, response.text).toBe(200);
      return (response.body.items as { id: string }[]).map((item) => item.id).sort();
    };

    expect(await idsOf('availability=none')).toEqual([never.id]);
    expect(await idsOf('availability=stale')).toEqual([stale.id, staleNursing.id].sort());
    expect(await idsOf('availability=stale&kind=clinic')).toEqual([stale.id]);
    expect(await idsOf('availability=stale&areaCode=33101')).toEqual([]);
    expect((await idsOf('')).length).toBe(5);
  });

  it('refuses an unknown 受入状況 filter with 400', async () => {
    const admin = await buildUser(app.database, { role: 'admin' });
    const token = await login(app, admin.email);
    const response = await api(app.baseUrl, 'GET', '/api/v1/organizations?availability=fresh', { token });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
  });
});
