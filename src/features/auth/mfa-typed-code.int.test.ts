/** Full-width codes typed with a Japanese IME are the same codes (NFKC), at enrolment and at sign-in. */
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

  describe('full-width codes (Japanese IME)', () => {
    it('accepts a full-width code at enrolment and at the sign-in step, and a full-width recovery code', async () => {
      const user = await clinicProvider(app);
      const token = await login(app, user.email);
      const secret = (await api(app.baseUrl, 'POST', '/api/v1/auth/mfa/enroll', { token })).body.secret as string;
      const confirmed = await api(app.baseUrl, 'POST', '/api/v1/auth/mfa/confirm', {
        token,
        body: { code: fullWidth(codeAt(secret, app.clock.now())) },
      });
      expect(confirmed.status, confirmed.text).toBe(200);
      app.clock.advance(minute);

      const signIn = await api(app.baseUrl, 'POST', '/api/v1/auth/login', {
        body: { email: user.email, password: testPassword },
      });
      const passed = await api(app.baseUrl, 'POST', '/api/v1/auth/mfa', {
        body: { challenge: signIn.body.challenge, code: `${fullWidth(codeAt(secret, app.clock.now()))}\u3000` },
      });
      expect(passed.status, passed.text).toBe(200);

      const again = await api(app.baseUrl, 'POST', '/api/v1/auth/login', {
        body: { email: user.email, password: testPassword },
      });
      const recovery = await api(app.baseUrl, 'POST', '/api/v1/auth/mfa', {
        body: { challenge: again.body.challenge, code: fullWidth((confirmed.body.recoveryCodes as string[])[0]!) },
      });
      expect(recovery.status, recovery.text).toBe(200);
    });
  });
});
