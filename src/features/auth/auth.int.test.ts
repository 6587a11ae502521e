import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema.js';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import {
  buildOrganization,
  buildUser,
  login,
  testPassword,
  unique,
  patchUser,
} from '../../../test/helpers/factories.js';
import { clinicProvider, codeAt, requireMfa } from '../../../test/helpers/mfa.js';

const minute = 60 * 1000;

describe('sign-in and sessions', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('returns 401 for the wrong password and the same answer for an unknown account', async () => {
    const user = await buildUser(app.database, { role: 'city_analyst' });
    const wrong = await api(app.baseUrl, 'POST', '/api/v1/auth/login', {
      body: { email: user.email, password: 'not-the-password-123' },
    });
    const unknown = await api(app.baseUrl, 'POST', '/api/v1/auth/login', {
      body: { email: `${unique()}@example.jp`, password: 'not-the-password-123' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error).toMatchObject({ code: 'unauthenticated', reason: 'invalid_credentials' });
  });

  it('signs in with a bearer token and with the HttpOnly cookie', async () => {
    const organization = await buildOrganization(app.database, { kind: 'city', name: '岡山市テスト' });
    const user = await buildUser(app.database, { role: 'city_analyst', organizationId: organization.id });
    const response = await api(app.baseUrl, 'POST', '/api/v1/auth/login', {
      body: { email: user.email.toUpperCase(), password: testPassword },
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/renkei_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const byBearer = await api(app.baseUrl, 'GET', '/api/v1/me', { token: response.body.token });
    expect(byBearer.status).toBe(200);
    expect(byBearer.body).toMatchObject({
      email: user.email,
      role: 'city_analyst',
      organizationName: '岡山市テスト',
      organizationKind: 'city',
    });
    const byCookie = await api(app.baseUrl, 'GET', '/api/v1/me', { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(byCookie.status).toBe(200);
  });

  it('refuses the demo accounts (their password is public) outside demo mode, at sign-in and for a live session', async () => {
    const organization = await buildOrganization(app.database, { kind: 'city' });
    const demo = await buildUser(app.database, {
      role: 'city_analyst',
      organizationId: organization.id,
      email: `analyst-${randomUUID().slice(0, 6)}@demo.renkei.jp`,
    });
    const refused = await api(app.baseUrl, 'POST', '/api/v1/auth/login', {
      body: { email: demo.email, password: testPassword },
    });
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ code: 'unauthenticated', reason: 'invalid_credentials' });

    // A session opened before the account became a demo one (as if the data came from `npm run demo`).
    const real = await buildUser(app.database, { role: 'city_analyst', organizationId: organization.id });
    const token = await login(app, real.email);
    expect((await api(app.baseUrl, 'GET', '/api/v1/me', { token })).status).toBe(200);
    await app.database.db
      .update(users)
      .set({ email: `renamed-${randomUUID().slice(0, 6)}@demo.renkei.jp` })
      .where(eq(users.id, real.id));
    expect((await api(app.baseUrl, 'GET', '/api/v1/me', { token })).status).toBe(401);
  });

  it('ends the session on the server at logout', async () => {
    const user = await buildUser(app.database, { role: 'admin' });
    const token = await login(app, user.email);
    expect((await api(app.baseUrl, 'POST', '/api/v1/auth/logout', { token })).status).toBe(200);
    const after = await api(app.baseUrl, 'GET', '/api/v1/me', { token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthenticated');
  });

  it('expires a session idle for more than 30 minutes', async () => {
    const user = await buildUser(app.database, { role: 'admin' });
    const token = await login(app, user.email);
    app.clock.advance(29 * minute);
    expect((await api(app.baseUrl, 'GET', '/api/v1/me', { token })).status).toBe(200);
    app.clock.advance(31 * minute);
    expect((await api(app.baseUrl, 'GET', '/api/v1/me', { token })).status).toBe(401);
  });

  it('expires an active session after its absolute lifetime of 12 hours', async () => {
    const user = await buildUser(app.database, { role: 'admin' });
    const token = await login(app, user.email);
    for (let elapsed = 0; elapsed < 11 * 60; elapsed += 20) {
      app.clock.advance(20 * minute);
      expect((await api(app.baseUrl, 'GET', '/api/v1/me', { token })).status).toBe(200);
    }
    app.clock.advance(61 * minute);
    expect((await api(app.baseUrl, 'GET', '/api/v1/me', { token })).status).toBe(401);
  });

  it('answers 429 after 10 failures for 15 minutes, the same whether or not the account exists', async () => {
    const user = await buildUser(app.database, { role: 'admin' });
    const ghost = `${unique('ghost')}@example.jp`;
    for (const email of [user.email, ghost]) {
      for (let attempt = 1; attempt <= 10; attempt += 1) {
        const response = await api(app.baseUrl, 'POST', '/api/v1/auth/login', {
          body: { email, password: `wrong-password-${attempt}x` },
        });
        expect(response.status).toBe(401);
      }
    }
    const locked = await api(app.baseUrl, 'POST', '/api/v1/auth/login', {
      body: { email: user.email, password: testPassword },
    });
    const lockedGhost = await api(app.baseUrl, 'POST', '/api/v1/auth/login', {
      body: { email: ghost, password: testPassword },
    });
    expect(locked.status).toBe(429);
    expect(locked.body).toEqual(lockedGhost.body);
    expect(locked.body.error.code).toBe('rate_limited');
    // Retry-After says when to come back: the rest of the 15 minutes (the test clock stands still).
    expect(Number(locked.headers.get('retry-after'))).toBe(15 * 60);
    expect(lockedGhost.headers.get('retry-after')).toBe(locked.headers.get('retry-after'));
    app.clock.advance(16 * minute);
    expect(
      (await api(app.baseUrl, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: testPassword } }))
        .status,
    ).toBe(200);
  });

  it('opens only the password change while the password an administrator set is still in use', async () => {
    const admin = await buildUser(app.database, { role: 'admin' });
    const adminToken = await login(app, admin.email);
    const email = `${unique('new-user')}@example.jp`;
    const initial = 'set-by-the-admin-2026';
    const city = await buildOrganization(app.database, { kind: 'city', name: '岡山市 保健福祉局' });
    const created = await api(app.baseUrl, 'POST', '/api/v1/users', {
      token: adminToken,
      body: { email, name: '新人 職員', role: 'city_analyst', organizationId: city.id, password: initial },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body.mustChangePassword).toBe(true);

    const signedIn = await api(app.baseUrl, 'POST', '/api/v1/auth/login', { body: { email, password: initial } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.mustChangePassword).toBe(true);
    const token = signedIn.body.token as string;
    // Everything but the account itself is refused, by the API's error shape.
    for (const path of ['/api/v1/organizations', '/api/v1/analytics/areas', '/api/v1/notifications']) {
      const refused = await api(app.baseUrl, 'GET', path, { token });
      expect(refused.status, path).toBe(403);
      expect(refused.body.error).toMatchObject({ code: 'forbidden', reason: 'password_change_required' });
      expect(refused.body.error.message).toMatch(/パスワード/);
    }
    expect((await api(app.baseUrl, 'GET', '/api/v1/me', { token })).status).toBe(200);

    const changed = await api(app.baseUrl, 'POST', '/api/v1/me/password', {
      token,
      body: { currentPassword: initial, newPassword: 'only-i-know-this-one-2026' },
    });
    expect(changed.status, changed.text).toBe(200);
    // The same session goes on, now allowed in.
    expect((await api(app.baseUrl, 'GET', '/api/v1/organizations', { token })).status).toBe(200);
    expect((await api(app.baseUrl, 'GET', '/api/v1/me', { token })).body.mustChangePassword).toBe(false);

    // A reset by the administrator closes the door again.
    const reset = await patchUser(app, adminToken, created.body.id as string, { password: 'reset-by-the-admin-2026' });
    expect(reset.status, reset.text).toBe(200);
    const again = await login(app, email, 'reset-by-the-admin-2026');
    expect((await api(app.baseUrl, 'GET', '/api/v1/organizations', { token: again })).body.error).toMatchObject({
      code: 'forbidden',
      reason: 'password_change_required',
    });
  });

  it('refuses a cookie-authenticated change from another origin (CSRF)', async () => {
    const user = await buildUser(app.database, { role: 'admin' });
    const response = await api(app.baseUrl, 'POST', '/api/v1/auth/login', {
      body: { email: user.email, password: testPassword },
    });
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const foreign = await api(app.baseUrl, 'POST', '/api/v1/auth/logout', {
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    const noOrigin = await api(app.baseUrl, 'POST', '/api/v1/auth/logout', { headers: { cookie } });
    expect(noOrigin.status).toBe(403);
    const same = await api(app.baseUrl, 'POST', '/api/v1/auth/logout', { headers: { cookie, origin: app.baseUrl } });
    expect(same.status).toBe(200);
  });
});

describe('two-factor sign-in (TOTP)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(requireMfa);
  });
  afterAll(async () => {
    await app.close();
  });

  it('requires enrolment before a provider can reach patient-facing routes, then asks for the code at login', async () => {
    const user = await clinicProvider(app);
    const first = await api(app.baseUrl, 'POST', '/api/v1/auth/login', {
      body: { email: user.email, password: testPassword },
    });
    expect(first.status).toBe(200);
    expect(first.body.mfaEnrollmentRequired).toBe(true);
    const token = first.body.token as string;

    const blocked = await api(app.baseUrl, 'GET', '/api/v1/organizations', { token });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error).toMatchObject({ code: 'forbidden', reason: 'mfa_enrollment_required' });

    const enroll = await api(app.baseUrl, 'POST', '/api/v1/auth/mfa/enroll', { token });
    expect(enroll.status).toBe(200);
    expect(enroll.body.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(enroll.body.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    const secret = enroll.body.secret as string;

    const wrong = await api(app.baseUrl, 'POST', '/api/v1/auth/mfa/confirm', {
      token,
      body: { code: '000000' === codeAt(secret, app.clock.now()) ? '111111' : '000000' },
    });
    expect(wrong.status).toBe(400);
    const confirm = await api(app.baseUrl, 'POST', '/api/v1/auth/mfa/confirm', {
      token,
      body: { code: codeAt(secret, app.clock.now()) },
    });
    expect(confirm.status).toBe(200);
    expect(confirm.body.recoveryCodes).toHaveLength(10);
    expect((await api(app.baseUrl, 'GET', '/api/v1/organizations', { token })).status).toBe(200);

    app.clock.advance(60 * 1000);
    const second = await api(app.baseUrl, 'POST', '/api/v1/auth/login', {
      body: { email: user.email, password: testPassword },
    });
    expect(second.body).toMatchObject({ mfaRequired: true });
    expect(second.body.token).toBeUndefined();
    const bad = await api(app.baseUrl, 'POST', '/api/v1/auth/mfa', {
      body: { challenge: second.body.challenge, code: '12345678' },
    });
    expect(bad.status).toBe(400);
    const good = await api(app.baseUrl, 'POST', '/api/v1/auth/mfa', {
      body: { challenge: second.body.challenge, code: codeAt(secret, app.clock.now()) },
    });
    expect(good.status).toBe(200);
    expect(good.body.user.isMfaEnabled).toBe(true);

    // The same code is never accepted twice.
    const third = await api(app.baseUrl, 'POST', '/api/v1/auth/login', {
      body: { email: user.email, password: testPassword },
    });
    const replay = await api(app.baseUrl, 'POST', '/api/v1/auth/mfa', {
      body: { challenge: third.body.challenge, code: codeAt(secret, app.clock.now()) },
    });
    expect(replay.status).toBe(400);

    // A recovery code works once.
    const recovery = confirm.body.recoveryCodes[0] as string;
    const withRecovery = await api(app.baseUrl, 'POST', '/api/v1/auth/mfa', {
      body: { challenge: third.body.challenge, code: recovery.toUpperCase() },
    });
    expect(withRecovery.status).toBe(200);
    const fourth = await api(app.baseUrl, 'POST', '/api/v1/auth/login', {
      body: { email: user.email, password: testPassword },
    });
    const reused = await api(app.baseUrl, 'POST', '/api/v1/auth/mfa', {
      body: { challenge: fourth.body.challenge, code: recovery },
    });
    expect(reused.status).toBe(400);
  });

  it('counts wrong second-factor codes against the sign-in limit: a known password buys no unlimited guesses', async () => {
    const user = await clinicProvider(app);
    const token = await login(app, user.email);
    const secret = (await api(app.baseUrl, 'POST', '/api/v1/auth/mfa/enroll', { token })).body.secret as string;
    expect(
      (
        await api(app.baseUrl, 'POST', '/api/v1/auth/mfa/confirm', {
          token,
          body: { code: codeAt(secret, app.clock.now()) },
        })
      ).status,
    ).toBe(200);
    const wrongCode = () => (codeAt(secret, app.clock.now()) === '000000' ? '111111' : '000000');
    // Two rounds of five wrong codes, signing in again with the right password in between: ten failures.
    for (let round = 0; round < 2; round += 1) {
      const signIn = await api(app.baseUrl, 'POST', '/api/v1/auth/login', {
        body: { email: user.email, password: testPassword },
      });
      expect(signIn.status).toBe(200);
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const guess = await api(app.baseUrl, 'POST', '/api/v1/auth/mfa', {
          body: { challenge: signIn.body.challenge, code: wrongCode() },
        });
        expect(guess.status).toBe(400);
      }
    }
    // Locked for 15 minutes, even with the right password; the same answer as for wrong passwords.
    const locked = await api(app.baseUrl, 'POST', '/api/v1/auth/login', {
      body: { email: user.email, password: testPassword },
    });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('rate_limited');
    app.clock.advance(16 * 60 * 1000);
    const after = await api(app.baseUrl, 'POST', '/api/v1/auth/login', {
      body: { email: user.email, password: testPassword },
    });
    expect(after.status).toBe(200);
    const passed = await api(app.baseUrl, 'POST', '/api/v1/auth/mfa', {
      body: { challenge: after.body.challenge, code: codeAt(secret, app.clock.now()) },
    });
    expect(passed.status).toBe(200);
    // A full sign-in clears the count: one more wrong code does not lock the account.
    const next = await api(app.baseUrl, 'POST', '/api/v1/auth/login', {
      body: { email: user.email, password: testPassword },
    });
    await api(app.baseUrl, 'POST', '/api/v1/auth/mfa', { body: { challenge: next.body.challenge, code: wrongCode() } });
    expect(
      (await api(app.baseUrl, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: testPassword } }))
        .status,
    ).toBe(200);
  });

  it('does not require two-factor for the city analyst, who sees no patient data', async () => {
    const organization = await buildOrganization(app.database, { kind: 'city' });
    const user = await buildUser(app.database, { role: 'city_analyst', organizationId: organization.id });
    const token = await login(app, user.email);
    expect((await api(app.baseUrl, 'GET', '/api/v1/organizations', { token })).status).toBe(200);
  });
});
