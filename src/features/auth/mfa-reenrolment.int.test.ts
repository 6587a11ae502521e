/** Replacing the authenticator when two-factor is on needs the current password and a current code or a recovery code. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { login, testPassword } from '../../../test/helpers/factories.js';
import { clinicProvider, codeAt, fullWidth, requireMfa } from '../../../test/helpers/mfa.js';

const minute = 60 * 1000;

describe('account security', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(requireMfa);
  });
  afterAll(async () => {
    await app.close();
  });

  /** Signs in and turns two-factor on; returns the session, the secret and the recovery codes. */
  async function withMfa(email: string) {
    const token = await login(app, email);
    const secret = (await api(app.baseUrl, 'POST', '/api/v1/auth/mfa/enroll', { token })).body.secret as string;
    const confirmed = await api(app.baseUrl, 'POST', '/api/v1/auth/mfa/confirm', {
      token,
      body: { code: codeAt(secret, app.clock.now()) },
    });
    expect(confirmed.status, confirmed.text).toBe(200);
    app.clock.advance(minute);
    return { token, secret, recoveryCodes: confirmed.body.recoveryCodes as string[] };
  }

  describe('replacing the authenticator', () => {
    it('keeps first-time enrolment as it is: no password or code asked', async () => {
      const user = await clinicProvider(app);
      const token = await login(app, user.email);
      const enroll = await api(app.baseUrl, 'POST', '/api/v1/auth/mfa/enroll', { token });
      expect(enroll.status, enroll.text).toBe(200);
    });

    it('refuses a new authenticator for a session alone when two-factor is on (403), without changing anything', async () => {
      const user = await clinicProvider(app);
      const { token, secret } = await withMfa(user.email);
      const refused = await api(app.baseUrl, 'POST', '/api/v1/auth/mfa/enroll', { token });
      expect(refused.status, refused.text).toBe(403);
      expect(refused.body.error).toMatchObject({ code: 'forbidden', reason: 'reauthentication_required' });
      expect(refused.body.error.message).toMatch(/パスワード/);
      expect(refused.body.error.message).toMatch(/確認コード|リカバリーコード/);
      const emptyBody = await api(app.baseUrl, 'POST', '/api/v1/auth/mfa/enroll', { token, body: {} });
      expect(emptyBody.status).toBe(403);
      const onlyPassword = await api(app.baseUrl, 'POST', '/api/v1/auth/mfa/enroll', {
        token,
        body: { currentPassword: testPassword },
      });
      expect(onlyPassword.status).toBe(403);
      expect(onlyPassword.body.error).toMatchObject({ code: 'forbidden', reason: 'reauthentication_required' });
      // Nothing pending: confirm has nothing to turn on.
      const confirm = await api(app.baseUrl, 'POST', '/api/v1/auth/mfa/confirm', {
        token,
        body: { code: codeAt(secret, app.clock.now()) },
      });
      expect(confirm.status).toBe(409);
      // The old authenticator still signs in.
      const signIn = await api(app.baseUrl, 'POST', '/api/v1/auth/login', {
        body: { email: user.email, password: testPassword },
      });
      const passed = await api(app.baseUrl, 'POST', '/api/v1/auth/mfa', {
        body: { challenge: signIn.body.challenge, code: codeAt(secret, app.clock.now()) },
      });
      expect(passed.status, passed.text).toBe(200);
    });

    it('refuses a wrong password or code (403) and counts it toward the sign-in lock', async () => {
      const user = await clinicProvider(app);
      const { token, secret } = await withMfa(user.email);
      const wrongCode = () => (codeAt(secret, app.clock.now()) === '000000' ? '111111' : '000000');
      const badPassword = await api(app.baseUrl, 'POST', '/api/v1/auth/mfa/enroll', {
        token,
        body: { currentPassword: 'not-my-password-1', code: codeAt(secret, app.clock.now()) },
      });
      expect(badPassword.status).toBe(403);
      expect(badPassword.body.error).toMatchObject({ code: 'forbidden', reason: 'reauthentication_failed' });
      for (let attempt = 2; attempt <= 10; attempt += 1) {
        const badCode = await api(app.baseUrl, 'POST', '/api/v1/auth/mfa/enroll', {
          token,
          body: { currentPassword: testPassword, code: wrongCode() },
        });
        expect(badCode.status).toBe(403);
        expect(badCode.body.error).toMatchObject({ code: 'forbidden', reason: 'reauthentication_failed' });
      }
      const locked = await api(app.baseUrl, 'POST', '/api/v1/auth/mfa/enroll', {
        token,
        body: { currentPassword: testPassword, code: codeAt(secret, app.clock.now()) },
      });
      expect(locked.status).toBe(429);
      expect(locked.headers.get('retry-after')).not.toBeNull();
    });

    it('replaces the authenticator after the current password and a current code (or a recovery code)', async () => {
      const user = await clinicProvider(app);
      const { token, secret, recoveryCodes } = await withMfa(user.email);
      const enroll = await api(app.baseUrl, 'POST', '/api/v1/auth/mfa/enroll', {
        token,
        body: { currentPassword: testPassword, code: fullWidth(codeAt(secret, app.clock.now())) },
      });
      expect(enroll.status, enroll.text).toBe(200);
      const newSecret = enroll.body.secret as string;
      expect(newSecret).not.toBe(secret);
      const confirm = await api(app.baseUrl, 'POST', '/api/v1/auth/mfa/confirm', {
        token,
        body: { code: codeAt(newSecret, app.clock.now()) },
      });
      expect(confirm.status, confirm.text).toBe(200);
      app.clock.advance(minute);

      // The old authenticator and the old recovery codes are gone.
      const signIn = await api(app.baseUrl, 'POST', '/api/v1/auth/login', {
        body: { email: user.email, password: testPassword },
      });
      expect(
        (
          await api(app.baseUrl, 'POST', '/api/v1/auth/mfa', {
            body: { challenge: signIn.body.challenge, code: recoveryCodes[1] },
          })
        ).status,
      ).toBe(400);
      const passed = await api(app.baseUrl, 'POST', '/api/v1/auth/mfa', {
        body: { challenge: signIn.body.challenge, code: codeAt(newSecret, app.clock.now()) },
      });
      expect(passed.status, passed.text).toBe(200);

      // A recovery code stands in for a lost authenticator.
      const newRecovery = confirm.body.recoveryCodes as string[];
      const viaRecovery = await api(app.baseUrl, 'POST', '/api/v1/auth/mfa/enroll', {
        token: passed.body.token,
        body: { currentPassword: testPassword, code: newRecovery[0] },
      });
      expect(viaRecovery.status, viaRecovery.text).toBe(200);
    });
  });
});
