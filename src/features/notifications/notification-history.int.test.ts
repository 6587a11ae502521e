/**
 * A new colleague and the organisation's notices from before their account existed: listed (the organisation's
 * history), but read for them from the account's creation — not a backlog of unread notices meant for, and handled
 * by, the others. Notices after that, and notices addressed to the new user, are unread as usual.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildUser, login, signedInAs } from '../../../test/helpers/factories.js';
import { notifications } from '../../db/schema.js';

describe('notifications of an organisation from before a user existed', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ start: new Date('2026-11-27T03:00:00Z') });
  });
  afterAll(async () => {
    await app.close();
  });

  const notice = (values: { organizationId: string; userId?: string; at: string; title: string }) =>
    app.database.db.insert(notifications).values({
      id: randomUUID(),
      recipientOrganizationId: values.organizationId,
      recipientUserId: values.userId ?? null,
      kind: 'referral_new',
      title: values.title,
      createdAt: new Date(values.at),
    });

  it('count as read for the new user from the account’s creation; later ones are unread', async () => {
    const first = await signedInAs(app, 'provider');
    const organizationId = first.organization!.id;
    await notice({ organizationId, at: '2026-11-20T01:00:00Z', title: '以前の紹介' });
    const newcomer = await buildUser(app.database, {
      role: 'provider',
      organizationId,
      createdAt: new Date('2026-11-25T00:00:00Z'),
    });
    await notice({ organizationId, at: '2026-11-26T01:00:00Z', title: '新しい紹介' });
    await notice({ organizationId, userId: newcomer.id, at: '2026-11-26T02:00:00Z', title: '本人あて' });
    const token = await login(app, newcomer.email);

    const list = await api(app.baseUrl, 'GET', '/api/v1/notifications', { token });
    expect(list.status).toBe(200);
    const byTitle = new Map(
      list.body.items.map((item: { title: string; readAt: string | null }) => [item.title, item]),
    );
    expect([...byTitle.keys()].sort()).toEqual(['以前の紹介', '新しい紹介', '本人あて'].sort());
    expect((byTitle.get('以前の紹介') as { readAt: string }).readAt).toBe('2026-11-25T09:00:00.000+09:00');
    expect((byTitle.get('新しい紹介') as { readAt: null }).readAt).toBeNull();
    expect((byTitle.get('本人あて') as { readAt: null }).readAt).toBeNull();
    expect(list.body.unreadCount).toBe(2);
    const unreadOnly = await api(app.baseUrl, 'GET', '/api/v1/notifications?unread=true', { token });
    expect(unreadOnly.body.items.map((item: { title: string }) => item.title).sort()).toEqual(
      ['新しい紹介', '本人あて'].sort(),
    );

    // The colleague who was there all along still has all the organisation's notices unread.
    const older = await api(app.baseUrl, 'GET', '/api/v1/notifications', { token: first.token });
    expect(older.body.unreadCount).toBe(2);

    // Marking all read reaches the rest; the unread count stays 0.
    const marked = await api(app.baseUrl, 'POST', '/api/v1/notifications/read-all', { token });
    expect(marked.status).toBe(200);
    const after = await api(app.baseUrl, 'GET', '/api/v1/notifications', { token });
    expect(after.body.unreadCount).toBe(0);
  });
});
