import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildOrganization, buildUser, login } from '../../../test/helpers/factories.js';

const day = 24 * 3600 * 1000;
const start = new Date('2026-11-25T08:00:00+09:00');

describe('freshness of acceptance information', () => {
  let app: TestApp;
  beforeAll(async () => {
    // Its own database on PostgreSQL: the daily reminder job is one per date (uniqueKey), and another file's app
    // sharing the jobs table could run it on its own clock before these members exist.
    app = await startTestApp({ start, isolated: true });
  });
  afterAll(async () => {
    await app.close();
  });

  it('lists stale members to their association, reminds each stale organisation once, and notifies it live', async () => {
    // 医師会 → 会員の診療所（受入状況が20日前のまま）と最新の会員、他の医師会の会員
    const association = await buildOrganization(app.database, { kind: 'medical_association', name: 'テスト医師会' });
    const otherAssociation = await buildOrganization(app.database, { kind: 'medical_association' });
    const staleMember = await buildOrganization(app.database, {
      kind: 'clinic',
      associationId: association.id,
      groups: ['elderly'],
      availabilityStatus: 'accepting',
      availabilityUpdatedAt: new Date(start.getTime() - 20 * day),
    });
    const freshMember = await buildOrganization(app.database, {
      kind: 'clinic',
      associationId: association.id,
      groups: ['elderly'],
      availabilityStatus: 'accepting',
      availabilityUpdatedAt: new Date(start.getTime() - 1 * day),
    });
    const otherStale = await buildOrganization(app.database, {
      kind: 'clinic',
      associationId: otherAssociation.id,
      groups: ['elderly'],
      availabilityStatus: 'full',
      availabilityUpdatedAt: new Date(start.getTime() - 30 * day),
    });
    const admin = await buildUser(app.database, { role: 'association_admin', organizationId: association.id });
    const adminToken = await login(app, admin.email);
    const list = await api(app.baseUrl, 'GET', '/api/v1/directory/stale?limit=500', { token: adminToken });
    expect(list.status).toBe(200);
    const ids = list.body.items.map((item: any) => item.id);
    expect(ids).toContain(staleMember.id);
    expect(ids).not.toContain(freshMember.id);
    expect(ids).not.toContain(otherStale.id);
    expect(list.body.items.find((item: any) => item.id === staleMember.id).ageDays).toBe(20);

    const provider = await buildUser(app.database, { role: 'provider', organizationId: staleMember.id });
    const providerToken = await login(app, provider.email);
    expect((await api(app.baseUrl, 'GET', '/api/v1/directory/stale', { token: providerToken })).status).toBe(403);

    // The daily job runs at 09:00 JST; at 10:00 the provider (signed in again: two hours idle end a
    // session, and its stream with it) keeps a live stream open.
    await app.runDueJobs();
    app.clock.advance(2 * 3600 * 1000);
    const liveToken = await login(app, provider.email);
    const controller = new AbortController();
    const stream = await fetch(`${app.baseUrl}/api/v1/events`, {
      headers: { authorization: `Bearer ${liveToken}` },
      signal: controller.signal,
    });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.getReader();
    let received = '';
    const readUntil = async (needle: string) => {
      const deadline = Date.now() + 10_000;
      while (!received.includes(needle) && Date.now() < deadline) {
        const chunk = await reader.read();
        if (chunk.done) break;
        received += new TextDecoder().decode(chunk.value);
      }
      return received.includes(needle);
    };
    expect(await readUntil('event: ready')).toBe(true);
    expect(await app.runDueJobs()).toBeGreaterThanOrEqual(1);
    expect(await readUntil('受入状況の更新をお願いします')).toBe(true);
    controller.abort();

    const providerToken2 = liveToken;
    const notifications = await api(app.baseUrl, 'GET', '/api/v1/notifications', { token: providerToken2 });
    const reminders = notifications.body.items.filter((item: any) => item.kind === 'availability_stale');
    expect(reminders).toHaveLength(1);
    expect(notifications.body.unreadCount).toBeGreaterThanOrEqual(1);

    // The next day: no second reminder within a week.
    app.clock.advance(day);
    await app.runDueJobs();
    const providerToken3 = await login(app, provider.email);
    const again = await api(app.baseUrl, 'GET', '/api/v1/notifications', { token: providerToken3 });
    expect(again.body.items.filter((item: any) => item.kind === 'availability_stale')).toHaveLength(1);

    const read = await api(app.baseUrl, 'POST', `/api/v1/notifications/${reminders[0].id}/read`, {
      token: providerToken3,
    });
    expect(read.status).toBe(200);
    expect(read.body.unreadCount).toBe(notifications.body.unreadCount - 1);
    // Nobody else can read (or learn about) this notification.
    const stranger = await buildUser(app.database, { role: 'provider', organizationId: freshMember.id });
    const strangerToken = await login(app, stranger.email);
    expect(
      (await api(app.baseUrl, 'POST', `/api/v1/notifications/${reminders[0].id}/read`, { token: strangerToken }))
        .status,
    ).toBe(404);
  });
  it('sorts the stale list by the age of the answer (never answered first) or by name, filters it by kind and ward, and says when each member was last reminded', async () => {
    // 医師会 → 4 stale members: one never answered, answers 40, 30 and 20 days old, in two wards and two kinds.
    const now = app.clock.now().getTime();
    const association = await buildOrganization(app.database, { kind: 'medical_association' });
    const member = (name: string, overrides: Parameters<typeof buildOrganization>[1]) =>
      buildOrganization(app.database, {
        name: `${name} ${association.id.slice(0, 8)}`,
        associationId: association.id,
        groups: ['elderly'],
        availabilityStatus: 'accepting',
        ...overrides,
      });
    const never = await member('D 未登録の診療所', { availabilityStatus: null, availabilityUpdatedAt: null });
    const oldest = await member('C 北区の診療所', {
      areaCode: '33101',
      availabilityUpdatedAt: new Date(now - 40 * day),
    });
    const older = await member('A 中区の診療所', {
      areaCode: '33102',
      availabilityUpdatedAt: new Date(now - 30 * day),
    });
    const nursing = await member('B 中区の訪問看護', {
      kind: 'visiting_nursing',
      areaCode: '33102',
      availabilityUpdatedAt: new Date(now - 20 * day),
    });
    const admin = await buildUser(app.database, { role: 'association_admin', organizationId: association.id });
    let token = await login(app, admin.email);
    const list = async (query: string) => {
      const response = await api(app.baseUrl, 'GET', `/api/v1/directory/stale?${query}`, { token });
      expect(response.status).toBe(200);
      return response.body as { items: { id: string; lastRemindedAt: string | null }[]; nextCursor: string | null };
    };
    const idsOf = async (query: string) => (await list(query)).items.map((item) => item.id);

    expect(await idsOf('')).toEqual([never.id, oldest.id, older.id, nursing.id]);
    expect(await idsOf('sort=name')).toEqual([older.id, nursing.id, oldest.id, never.id]);
    expect(await idsOf('kind=visiting_nursing')).toEqual([nursing.id]);
    expect(await idsOf('areaCode=33102')).toEqual([older.id, nursing.id]);
    expect(await idsOf('areaCode=33102&kind=clinic&sort=name')).toEqual([older.id]);

    // One row a page, in both orders: every member once, in the list's order (the never-answered one's cursor too).
    for (const sort of ['oldest', 'name']) {
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await list(`sort=${sort}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        paged.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged).toEqual(await idsOf(`sort=${sort}`));
    }

    // Not reminded yet; the next morning's job reminds each of them, and the list says when.
    expect((await list('')).items.map((item) => item.lastRemindedAt)).toEqual([null, null, null, null]);
    app.clock.advance(day);
    await app.runDueJobs();
    token = await login(app, admin.email); // a day idle ended the session
    const reminded = await list('');
    for (const item of reminded.items) {
      expect(item.lastRemindedAt).not.toBeNull();
      expect(Date.parse(item.lastRemindedAt ?? '')).toBeLessThanOrEqual(app.clock.now().getTime());
      expect(Date.parse(item.lastRemindedAt ?? '')).toBeGreaterThan(now);
    }
  });

  it('refuses an unknown order, a malformed ward and a cursor of the other order with 400', async () => {
    const association = await buildOrganization(app.database, { kind: 'medical_association' });
    const admin = await buildUser(app.database, { role: 'association_admin', organizationId: association.id });
    const token = await login(app, admin.email);
    const get = (query: string) => api(app.baseUrl, 'GET', `/api/v1/directory/stale?${query}`, { token });
    for (const query of ['sort=newest', 'areaCode=abc', 'kind=hotel']) {
      const response = await get(query);
      expect(response.status, query).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    }
    const nameCursor = Buffer.from(JSON.stringify(['A 中区の診療所', association.id]), 'utf8').toString('base64url');
    expect((await get(`cursor=${nameCursor}`)).status).toBe(400);
    expect((await get(`sort=name&cursor=${nameCursor}`)).status).toBe(200);
  });
});
