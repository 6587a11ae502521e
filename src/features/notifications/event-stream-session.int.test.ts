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
import { buildOrganization, buildUser, login, testPassword } from '../../../test/helpers/factories.js';

type StreamEvent = { event: string; data: any };

/** An open stream, read event by event; `end` is whatever it said until the server closed it. */
async function openStream(baseUrl: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/v1/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let done = false;

  /** The next event, or null once the server has closed the stream. */
  async function next(deadline: number): Promise<StreamEvent | null> {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = block.split('\n').filter((line) => !line.startsWith(':'));
        const event = lines.find((line) => line.startsWith('event: '))?.slice('event: '.length);
        const data = lines.find((line) => line.startsWith('data: '))?.slice('data: '.length);
        if (event && data !== undefined) return { event, data: JSON.parse(data) };
        continue;
      }
      if (done) return null;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the stream stayed open; so far: ${buffer}`);
      let timer: NodeJS.Timeout | undefined;
      const chunk = await Promise.race([
        reader.read(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('the stream stayed open and silent')), left);
        }),
      ]).finally(() => clearTimeout(timer));
      if (chunk.done) done = true;
      else buffer += decoder.decode(chunk.value, { stream: true });
    }
  }

  /** Every event until the server closes the stream (fails if it is still open after `withinMs`). */
  async function untilClosed(withinMs = 5_000): Promise<StreamEvent[]> {
    const deadline = Date.now() + withinMs;
    const seen: StreamEvent[] = [];
    for (;;) {
      const event = await next(deadline);
      if (event === null) return seen;
      seen.push(event);
    }
  }

  async function nextEvent(withinMs = 5_000): Promise<StreamEvent | null> {
    return next(Date.now() + withinMs);
  }

  const ready = await nextEvent();
  expect(ready?.event).toBe('ready');
  return { untilClosed, nextEvent, close: () => controller.abort() };
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
      const disabled = await api(app.baseUrl, 'PATCH', `/api/v1/users/${user.id}`, {
        token: adminToken,
        body: { disabled: true },
      });
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
      const reset = await api(app.baseUrl, 'PATCH', `/api/v1/users/${user.id}`, {
        token: adminToken,
        body: { password: 'reset-by-the-admin-2026' },
      });
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
