/**
 * A live stream (GET /api/v1/events) belongs to the session that opened it: when the session ends —
 * logout, account disabled, password reset or changed, idle or absolute expiry — the stream says
 * `session_ended` and closes, and is handed nothing after; also when the change is made through
 * another server instance on the same PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sessions } from '../../db/schema.js';
import { sha256 } from '../../platform/crypto.js';
import { notify } from '../../platform/notifications.js';
import { startTestApp, testDatabaseKind, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildOrganization, buildUser, login, testPassword, patchUser } from '../../../test/helpers/factories.js';
import { openEventStream } from '../../../test/helpers/event-stream.js';

/** An open stream, read event by event, once it said it is `ready`. */
async function openStream(baseUrl: string, token: string) {
  const stream = await openEventStream(baseUrl, token);
  const ready = await stream.nextEvent();
  expect(ready?.event).toBe('ready');
  return stream;
}

async function notifyUser(app: TestApp, userId: string, title: string) {
  await notify(app.database.db, app.clock, { recipientUserId: userId, kind: 'referral_new', title });
}

describe('an event stream ends with its session', () => {
  let app: TestApp;
  let adminToken: string;
  beforeAll(async () => {
    app = await startTestApp();
    const admin = await buildUser(app.database, { role: 'admin' });
    adminToken = await login(app, admin.email);
  });
  afterAll(async () => {
    await app.close();
  });

  async function analyst() {
    const organization = await buildOrganization(app.database, { kind: 'city' });
    const user = await buildUser(app.database, { role: 'city_analyst', organizationId: organization.id });
    return { user, token: await login(app, user.email) };
  }

  it('delivers while the session lives, and closes at logout', async () => {
    const { user, token } = await analyst();
    const stream = await openStream(app.baseUrl, token);
    try {
      await notifyUser(app, user.id, 'まだ届く通知');
      expect((await stream.nextEvent())?.data.title).toBe('まだ届く通知');
      expect((await api(app.baseUrl, 'POST', '/api/v1/auth/logout', { token })).status).toBe(200);
      const last = await stream.untilClosed();
      expect(last.map((event) => event.event)).toEqual(['session_ended']);
    } finally {
      stream.close();
    }
  });

  it('closes when the administrator disables the user, and delivers nothing after', async () => {
    const { user, token } = await analyst();
    const stream = await openStream(app.baseUrl, token);
    try {
      const disabled = await patchUser(app, adminToken, user.id, { disabled: true });
      expect(disabled.status, disabled.text).toBe(200);
      await notifyUser(app, user.id, '無効化の後の通知');
      const last = await stream.untilClosed();
      expect(last.map((event) => event.event)).toEqual(['session_ended']);
    } finally {
      stream.close();
    }
  });

  it('closes when the administrator resets the password', async () => {
    const { user, token } = await analyst();
    const stream = await openStream(app.baseUrl, token);
    try {
      const reset = await patchUser(app, adminToken, user.id, { password: 'reset-by-the-admin-2026' });
      expect(reset.status, reset.text).toBe(200);
      expect((await stream.untilClosed()).map((event) => event.event)).toEqual(['session_ended']);
    } finally {
      stream.close();
    }
  });

  it('closes the other sessions’ streams when the user changes the password, and keeps its own', async () => {
    const { user, token } = await analyst();
    const otherToken = await login(app, user.email);
    const own = await openStream(app.baseUrl, token);
    const other = await openStream(app.baseUrl, otherToken);
    try {
      const changed = await api(app.baseUrl, 'POST', '/api/v1/me/password', {
        token,
        body: { currentPassword: testPassword, newPassword: 'only-i-know-this-2026' },
      });
      expect(changed.status, changed.text).toBe(200);
      expect((await other.untilClosed()).map((event) => event.event)).toEqual(['session_ended']);
      await notifyUser(app, user.id, '変更の後の通知');
      expect((await own.nextEvent())?.data.title).toBe('変更の後の通知');
    } finally {
      own.close();
      other.close();
    }
  });

  it('hands nothing to a stream whose session went idle past the limit, and closes it', async () => {
    const { user, token } = await analyst();
    const stream = await openStream(app.baseUrl, token);
    try {
      app.clock.advance(31 * 60 * 1000);
      await notifyUser(app, user.id, '期限切れの後の通知');
      expect((await stream.untilClosed()).map((event) => event.event)).toEqual(['session_ended']);
    } finally {
      stream.close();
    }
  });

  it('hands nothing to a stream whose session reached its absolute lifetime, and closes it', async () => {
    const { user, token } = await analyst();
    const stream = await openStream(app.baseUrl, token);
    try {
      // Active all along (a request every 20 minutes) until past the 12 hours.
      for (let elapsed = 0; elapsed <= 12 * 60; elapsed += 20) {
        app.clock.advance(20 * 60 * 1000);
        await api(app.baseUrl, 'GET', '/api/v1/me', { token });
      }
      expect((await api(app.baseUrl, 'GET', '/api/v1/me', { token })).status).toBe(401);
      await notifyUser(app, user.id, '最長期限の後の通知');
      expect((await stream.untilClosed()).map((event) => event.event)).toEqual(['session_ended']);
    } finally {
      stream.close();
    }
  });

  it('finds a session ended without an announcement (another instance, a lost signal) within seconds', async () => {
    const { token } = await analyst();
    const stream = await openStream(app.baseUrl, token);
    try {
      await app.database.db
        .update(sessions)
        .set({ revokedAt: app.clock.now() })
        .where(eq(sessions.tokenHash, sha256(token)));
      expect((await stream.untilClosed(25_000)).map((event) => event.event)).toEqual(['session_ended']);
    } finally {
      stream.close();
    }
  });
});

describe.runIf(testDatabaseKind() === 'postgresql')('two server instances on one PostgreSQL', () => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    first = await startTestApp();
    second = await startTestApp();
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('closes a stream held on one instance when the user logs out through the other', async () => {
    const organization = await buildOrganization(first.database, { kind: 'city' });
    const user = await buildUser(first.database, { role: 'city_analyst', organizationId: organization.id });
    const token = await login(first, user.email);
    const stream = await openStream(second.baseUrl, token);
    try {
      expect((await api(first.baseUrl, 'POST', '/api/v1/auth/logout', { token })).status).toBe(200);
      expect((await stream.untilClosed(3_000)).map((event) => event.event)).toEqual(['session_ended']);
    } finally {
      stream.close();
    }
  });
});
