/** Changing one's own password: not the same one, other sessions end, wrong guesses count toward the sign-in lock. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildOrganization, buildUser, login, testPassword } from '../../../test/helpers/factories.js';

const minute = 60 * 1000;

describe('account security', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  describe('changing one’s own password', () => {
    it('refuses a new password equal to the current one, with a Japanese message', async () => {
      const organization = await buildOrganization(app.database, { kind: 'city' });
      const user = await buildUser(app.database, { role: 'city_analyst', organizationId: organization.id });
      const token = await login(app, user.email);
      const same = await api(app.baseUrl, 'POST', '/api/v1/me/password', {
        token,
        body: { currentPassword: testPassword, newPassword: testPassword },
      });
      expect(same.status, same.text).toBe(400);
      expect(same.body.error.code).toBe('validation_failed');
      expect(same.body.error.details).toEqual([expect.objectContaining({ path: 'newPassword' })]);
      expect(same.body.error.details[0].message).toMatch(/現在のパスワード/);
      // The password did not change: it still signs in.
      expect(
        (
          await api(app.baseUrl, 'POST', '/api/v1/auth/login', {
            body: { email: user.email, password: testPassword },
          })
        ).status,
      ).toBe(200);
    });

    it('ends the other sessions of the user and keeps the current one', async () => {
      const organization = await buildOrganization(app.database, { kind: 'city' });
      const user = await buildUser(app.database, { role: 'city_analyst', organizationId: organization.id });
      const current = await login(app, user.email);
      const other = await login(app, user.email);
      const changed = await api(app.baseUrl, 'POST', '/api/v1/me/password', {
        token: current,
        body: { currentPassword: testPassword, newPassword: 'a-brand-new-secret-2026' },
      });
      expect(changed.status, changed.text).toBe(200);
      expect((await api(app.baseUrl, 'GET', '/api/v1/me', { token: current })).status).toBe(200);
      const ended = await api(app.baseUrl, 'GET', '/api/v1/me', { token: other });
      expect(ended.status).toBe(401);
      expect(ended.body.error.code).toBe('unauthenticated');
    });

    it('counts wrong current passwords toward the sign-in lock (10 in 15 minutes → 429 with Retry-After)', async () => {
      const organization = await buildOrganization(app.database, { kind: 'city' });
      const user = await buildUser(app.database, { role: 'city_analyst', organizationId: organization.id });
      const token = await login(app, user.email);
      for (let attempt = 1; attempt <= 10; attempt += 1) {
        const guess = await api(app.baseUrl, 'POST', '/api/v1/me/password', {
          token,
          body: { currentPassword: `guess-number-${attempt}`, newPassword: 'a-brand-new-secret-2026' },
        });
        expect(guess.status, guess.text).toBe(400);
        expect(guess.body.error).toMatchObject({ code: 'validation_failed', reason: 'invalid_current_password' });
      }
      // Even the right password is refused now, here and at sign-in.
      const locked = await api(app.baseUrl, 'POST', '/api/v1/me/password', {
        token,
        body: { currentPassword: testPassword, newPassword: 'a-brand-new-secret-2026' },
      });
      expect(locked.status).toBe(429);
      expect(locked.body.error.code).toBe('rate_limited');
      expect(Number(locked.headers.get('retry-after'))).toBe(15 * 60);
      const signIn = await api(app.baseUrl, 'POST', '/api/v1/auth/login', {
        body: { email: user.email, password: testPassword },
      });
      expect(signIn.status).toBe(429);
      app.clock.advance(16 * minute);
      const changed = await api(app.baseUrl, 'POST', '/api/v1/me/password', {
        token: await login(app, user.email),
        body: { currentPassword: testPassword, newPassword: 'a-brand-new-secret-2026' },
      });
      expect(changed.status, changed.text).toBe(200);
    });
  });
});
