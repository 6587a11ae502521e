/** Changing one's own password: not the same one, other sessions end, wrong guesses count toward the sign-in lock. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildOrganization, buildUser, login, testPassword } from '../../../test/helpers/factories.js';

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
  });
});
