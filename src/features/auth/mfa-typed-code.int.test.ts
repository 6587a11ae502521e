/** Full-width codes typed with a Japanese IME are the same codes (NFKC), at enrolment and at sign-in. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticator } from 'otplib';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildOrganization, buildUser, login, testPassword } from '../../../test/helpers/factories.js';

const minute = 60 * 1000;

/** ４６３７０１ for 463701: what a Japanese IME in full-width mode types. */
function fullWidth(text: string): string {
  return text.replace(/[0-9a-z]/gi, (character) => String.fromCharCode(character.charCodeAt(0) + 0xfee0));
}

describe('account security', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { RENKEI_REQUIRE_MFA: 'true' } });
  });
  afterAll(async () => {
    await app.close();
  });

  const codeAt = (secret: string, at: Date) => authenticator.clone({ epoch: at.getTime() }).generate(secret);

  async function provider() {
    const organization = await buildOrganization(app.database, { kind: 'clinic' });
    return buildUser(app.database, { role: 'provider', organizationId: organization.id });
  }

  describe('full-width codes (Japanese IME)', () => {
    it('accepts a full-width code at enrolment and at the sign-in step, and a full-width recovery code', async () => {
      const user = await provider();
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
