/**
 * Sign-in: password (argon2id), login throttling, two-factor (TOTP, recovery codes),
 * server-side sessions with idle and absolute timeouts.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { authenticator } from 'otplib';
import QRCode from 'qrcode';
import type { AppDeps, Actor, RequestContext, ActorContext } from '../../platform/context.js';
import { errors } from '../../platform/errors.js';
import { newToken, sha256 } from '../../platform/crypto.js';
import { assertPasswordPolicy, dummyPasswordHash, hashPassword, verifyPassword } from '../../platform/passwords.js';
import { writeAudit } from '../../platform/audit.js';
import { isRole, rolesSeeingPatientData, type OrganizationKind, type Role } from '../../domain/codes.js';
import { isDemoAccountEmail } from '../../domain/demo-accounts.js';
import * as repository from './auth.repository.js';
import { sessionValidUntil } from './session-events.js';

const throttleWindowMs = 15 * 60 * 1000;
const throttleLockMs = 15 * 60 * 1000;
const maxFailures = 10;
const challengeLifetimeMs = 5 * 60 * 1000;
const maxChallengeAttempts = 5;
const touchIntervalMs = 60 * 1000;
const totpStepMs = 30 * 1000;

export type SignedIn = { user: MeView; token: string; expiresAt: Date };
export type LoginResult = ({ mfaRequired: false } & SignedIn) | { mfaRequired: true; challenge: string };

export type MeView = {
  id: string;
  email: string;
  name: string;
  role: Role;
  organizationId: string | null;
  organizationName: string | null;
  organizationKind: OrganizationKind | null;
  isMfaEnabled: boolean;
  isMfaRequired: boolean;
  mustChangePassword: boolean;
};

function emailKeyOf(email: string): string {
  return sha256(`login:${email.trim().toLowerCase()}`);
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Formats recovery codes as xxxx-xxxx-xxxx (base32 without ambiguous characters). */
function newRecoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(12);
  let code = '';
  for (let index = 0; index < 12; index += 1) {
    code += alphabet.charAt((bytes[index] ?? 0) % alphabet.length);
    if (index === 3 || index === 7) code += '-';
  }
  return code;
}

function normalizeRecoveryCode(code: string): string {
  return code.trim().toLowerCase().replace(/[\s-]/g, '');
}

export function createAuthService(deps: AppDeps) {
  const { database, clock, config, secretBox } = deps;

  function isMfaRequiredFor(role: Role): boolean {
    return config.requireMfa && rolesSeeingPatientData.includes(role);
  }

  function totpCheck(secret: string, code: string, lastStep: number | null): number | null {
    const nowMs = clock.now().getTime();
    const totp = authenticator.clone({ window: 1, epoch: nowMs });
    const delta = totp.checkDelta(code.replace(/\s/g, ''), secret);
    if (delta === null) return null;
    const step = Math.floor(nowMs / totpStepMs) + delta;
    if (lastStep !== null && step <= lastStep) return null;
    return step;
  }

  async function me(actor: Actor): Promise<MeView> {
    const organization = await repository.findOrganizationName(database.db, actor.organizationId);
    return {
      id: actor.userId,
      email: actor.email,
      name: actor.name,
      role: actor.role,
      organizationId: actor.organizationId,
      organizationName: organization?.name ?? null,
      organizationKind: (organization?.kind as OrganizationKind | undefined) ?? null,
      isMfaEnabled: actor.isMfaEnabled,
      isMfaRequired: isMfaRequiredFor(actor.role),
      mustChangePassword: actor.mustChangePassword,
    };
  }

  async function startSession(
    context: RequestContext,
    user: { id: string },
    userAgent: string | undefined,
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = newToken();
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + config.sessionMaxHours * 3600 * 1000);
    await database.transaction(async (tx) => {
      await repository.insertSession(tx, {
        id: randomUUID(),
        tokenHash: sha256(token),
        userId: user.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
        ip: context.ip,
        userAgent: userAgent?.slice(0, 300) ?? null,
      });
      await repository.updateUserSecurity(tx, user.id, { lastLoginAt: now }, { isSignIn: true });
      await writeAudit(
        tx,
        clock,
        { ...context, actor: null },
        {
          action: 'login',
          entity: 'user',
          entityId: user.id,
          details: {},
        },
      );
    });
    return { token, expiresAt };
  }

  async function signedIn(context: RequestContext, userId: string, userAgent: string | undefined): Promise<SignedIn> {
    const session = await startSession(context, { id: userId }, userAgent);
    const actor = await resolveToken(session.token);
    if (!actor) throw new Error('session just created could not be resolved');
    return { user: await me(actor), token: session.token, expiresAt: session.expiresAt };
  }

  /**
   * One failed proof of who one is — a wrong password or code at sign-in, or a wrong current
   * password or code given by a signed-in session (password change, new authenticator): all count
   * toward the same lock of the account's sign-in.
   */
  async function recordFailure(
    context: RequestContext,
    emailKey: string,
    userId: string | null,
    via: 'login' | 'password_change' | 'mfa_reenrolment' = 'login',
  ): Promise<void> {
    const now = clock.now();
    await database.transaction(async (tx) => {
      const throttle = await repository.findThrottle(tx, emailKey);
      const windowIsOpen = throttle && now.getTime() - throttle.windowStartedAt.getTime() < throttleWindowMs;
      const failureCount = windowIsOpen ? throttle.failureCount + 1 : 1;
      await repository.saveThrottle(tx, {
        emailKey,
        windowStartedAt: windowIsOpen ? throttle.windowStartedAt : now,
        failureCount,
        lockedUntil: failureCount >= maxFailures ? new Date(now.getTime() + throttleLockMs) : null,
      });
      await writeAudit(tx, clock, context, {
        action: 'login_failed',
        entity: 'user',
        entityId: userId,
        details: via === 'login' ? { emailKey, failureCount } : { emailKey, failureCount, via },
      });
    });
  }

  /** 429 with Retry-After: the seconds until the lock ends (the same answer whether or not the account exists). */
  function lockedOut(lockedUntil: Date) {
    return errors.rateLimited(
      'ログインの失敗が続いたため、一時的にログインできません。15分ほど待ってから再度お試しください。',
      Math.max(1, Math.ceil((lockedUntil.getTime() - clock.now().getTime()) / 1000)),
    );
  }

  async function assertNotThrottled(emailKey: string): Promise<void> {
    const throttle = await repository.findThrottle(database.db, emailKey);
    if (throttle?.lockedUntil && throttle.lockedUntil.getTime() > clock.now().getTime()) {
      throw lockedOut(throttle.lockedUntil);
    }
  }

  async function login(
    context: RequestContext,
    input: { email: string; password: string },
    userAgent: string | undefined,
  ): Promise<LoginResult> {
    const email = normalizeEmail(input.email);
    const emailKey = emailKeyOf(email);
    await assertNotThrottled(emailKey);
    const found = await repository.findUserForLogin(database.db, email);
    // The demo's accounts (their password is public) do not exist for a server outside demo mode.
    const user = found && (config.demo || !isDemoAccountEmail(found.email)) ? found : null;
    const passwordMatches = user
      ? await verifyPassword(user.passwordHash, input.password)
      : (await verifyPassword(await dummyPasswordHash(), input.password)) && false;
    if (!user || !passwordMatches) {
      await recordFailure(context, emailKey, user?.id ?? null);
      throw errors.invalidCredentials();
    }
    if (user.isDisabled) {
      await recordFailure(context, emailKey, user.id);
      throw errors.forbidden('このアカウントは無効化されています。管理者に連絡してください。');
    }
    if (user.isMfaEnabled) {
      // The failure count stands until the second factor is passed too: wrong codes count against
      // the same limit, so a known password does not buy unlimited guesses (completeMfaLogin).
      const challenge = newToken();
      await repository.insertChallenge(database.db, {
        id: randomUUID(),
        challengeHash: sha256(challenge),
        userId: user.id,
        expiresAt: new Date(clock.now().getTime() + challengeLifetimeMs),
        createdAt: clock.now(),
      });
      return { mfaRequired: true, challenge };
    }
    await repository.clearThrottle(database.db, emailKey);
    return { mfaRequired: false, ...(await signedIn(context, user.id, userAgent)) };
  }

  async function completeMfaLogin(
    context: RequestContext,
    input: { challenge: string; code: string },
    userAgent: string | undefined,
  ): Promise<SignedIn> {
    const now = clock.now();
    const userId = await database.transaction(async (tx) => {
      const challenge = await repository.findChallengeForUpdate(tx, sha256(input.challenge));
      if (
        !challenge ||
        challenge.usedAt !== null ||
        challenge.expiresAt.getTime() <= now.getTime() ||
        challenge.failedAttempts >= maxChallengeAttempts
      ) {
        return { error: 'expired' as const };
      }
      const user = await repository.findUserByIdForUpdate(tx, challenge.userId);
      if (!user || user.isDisabled || !user.isMfaEnabled || !user.mfaSecretEncrypted) {
        return { error: 'expired' as const };
      }
      const emailKey = emailKeyOf(user.email);
      const throttle = await repository.findThrottle(tx, emailKey);
      if (throttle?.lockedUntil && throttle.lockedUntil.getTime() > now.getTime()) {
        return { error: 'locked' as const, lockedUntil: throttle.lockedUntil };
      }
      const step = totpCheck(secretBox.decrypt(user.mfaSecretEncrypted), input.code, user.mfaLastStep);
      if (step !== null) {
        await repository.updateUserSecurity(tx, user.id, { mfaLastStep: step }, { isSignIn: true });
      } else {
        const recoveryMac = secretBox.mac(normalizeRecoveryCode(input.code));
        const remaining = user.recoveryCodeHashes.filter((hash) => hash !== recoveryMac);
        if (remaining.length === user.recoveryCodeHashes.length) {
          await repository.updateChallenge(tx, challenge.id, { failedAttempts: challenge.failedAttempts + 1 });
          await writeAudit(tx, clock, context, {
            action: 'mfa_failed',
            entity: 'user',
            entityId: user.id,
          });
          return { error: 'wrong_code' as const, emailKey, userId: user.id };
        }
        await repository.updateUserSecurity(tx, user.id, { recoveryCodeHashes: remaining, updatedAt: now });
        await writeAudit(tx, clock, context, {
          action: 'mfa_recovery_code_used',
          entity: 'user',
          entityId: user.id,
          details: { remaining: remaining.length },
        });
      }
      await repository.updateChallenge(tx, challenge.id, { usedAt: now });
      await repository.clearThrottle(tx, emailKey);
      return { userId: user.id };
    });
    if ('error' in userId) {
      if (userId.error === 'expired') {
        throw errors.unauthenticated('確認の有効期限が切れました。もう一度ログインしてください。');
      }
      if (userId.error === 'locked') throw lockedOut(userId.lockedUntil);
      if (userId.error === 'wrong_code') await recordFailure(context, userId.emailKey, userId.userId);
      throw errors.badRequest('invalid_mfa_code', '確認コードが正しくありません。');
    }
    return signedIn(context, userId.userId, userAgent);
  }

  /** Resolves a bearer or cookie token to the signed-in person, enforcing timeouts. */
  async function resolveToken(token: string): Promise<Actor | null> {
    const row = await repository.findSessionByTokenHash(database.db, sha256(token));
    if (!row || !isRole(row.role)) return null;
    if (!config.demo && isDemoAccountEmail(row.email)) return null;
    if (sessionValidUntil(row, clock.now(), config) === null) return null;
    const now = clock.now().getTime();
    if (now - row.lastSeenAt.getTime() > touchIntervalMs) {
      await repository.touchSession(database.db, row.sessionId, clock.now());
    }
    return {
      userId: row.userId,
      email: row.email,
      name: row.name,
      role: row.role,
      organizationId: row.organizationId,
      sessionId: row.sessionId,
      isMfaEnabled: row.isMfaEnabled,
      mustChangePassword: row.mustChangePassword,
    };
  }

  async function logout(context: ActorContext): Promise<void> {
    await database.transaction(async (tx) => {
      await repository.revokeSession(tx, context.actor.sessionId, clock.now());
      await writeAudit(tx, clock, context, { action: 'logout', entity: 'user', entityId: context.actor.userId });
    });
  }

  /**
   * When two-factor is already on, a session alone does not replace the authenticator (a session
   * left open or stolen would otherwise take the account over for good): the current password and
   * a code of the current authenticator — or, for a lost device, a recovery code — are asked, and
   * wrong ones count toward the sign-in lock. First enrolment (during sign-in) asks for neither.
   */
  async function assertReauthenticated(
    context: ActorContext,
    input: { currentPassword?: string | undefined; code?: string | undefined },
  ): Promise<void> {
    if (!input.currentPassword || !input.code) {
      throw errors.forbiddenWith(
        'reauthentication_required',
        '二要素認証はすでに有効です。認証アプリを登録し直すには、現在のパスワードと、いまの認証アプリの6桁の確認コード（端末をなくした場合はリカバリーコード）を入力してください。',
      );
    }
    const code = input.code;
    const emailKey = emailKeyOf(context.actor.email);
    await assertNotThrottled(emailKey);
    const user = await repository.findUserForLogin(database.db, context.actor.email);
    const passwordMatches = user ? await verifyPassword(user.passwordHash, input.currentPassword) : false;
    const now = clock.now();
    const passed =
      passwordMatches &&
      (await database.transaction(async (tx) => {
        const current = await repository.findUserByIdForUpdate(tx, context.actor.userId);
        if (!current?.isMfaEnabled || !current.mfaSecretEncrypted) return false;
        const step = totpCheck(secretBox.decrypt(current.mfaSecretEncrypted), code, current.mfaLastStep);
        if (step !== null) {
          await repository.updateUserSecurity(tx, current.id, { mfaLastStep: step }, { isSignIn: true });
          return true;
        }
        const recoveryMac = secretBox.mac(normalizeRecoveryCode(code));
        const remaining = current.recoveryCodeHashes.filter((hash) => hash !== recoveryMac);
        if (remaining.length === current.recoveryCodeHashes.length) return false;
        await repository.updateUserSecurity(tx, current.id, { recoveryCodeHashes: remaining, updatedAt: now });
        await writeAudit(tx, clock, context, {
          action: 'mfa_recovery_code_used',
          entity: 'user',
          entityId: current.id,
          details: { remaining: remaining.length },
        });
        return true;
      }));
    if (!passed) {
      await recordFailure(context, emailKey, context.actor.userId, 'mfa_reenrolment');
      throw errors.forbiddenWith('reauthentication_failed', '現在のパスワードまたは確認コードが正しくありません。');
    }
    await repository.clearThrottle(database.db, emailKey);
  }

  async function enrollMfa(
    context: ActorContext,
    input: { currentPassword?: string | undefined; code?: string | undefined } = {},
  ) {
    const current = await repository.findUserForLogin(database.db, context.actor.email);
    if (current?.isMfaEnabled) await assertReauthenticated(context, input);
    const secret = authenticator.generateSecret(20);
    const otpauthUri = authenticator.keyuri(context.actor.email, 'Renkei 連携', secret);
    await repository.updateUserSecurity(database.db, context.actor.userId, {
      mfaPendingSecretEncrypted: secretBox.encrypt(secret),
      updatedAt: clock.now(),
    });
    const qrCodeDataUrl = await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
    return { otpauthUri, secret, qrCodeDataUrl };
  }

  async function confirmMfa(context: ActorContext, code: string): Promise<{ recoveryCodes: string[] }> {
    const now = clock.now();
    return database.transaction(async (tx) => {
      const user = await repository.findUserByIdForUpdate(tx, context.actor.userId);
      if (!user?.mfaPendingSecretEncrypted) {
        throw errors.conflict('mfa_not_enrolling', '先に二要素認証の登録を開始してください。');
      }
      const secret = secretBox.decrypt(user.mfaPendingSecretEncrypted);
      const step = totpCheck(secret, code, null);
      if (step === null) throw errors.badRequest('invalid_mfa_code', '確認コードが正しくありません。');
      const recoveryCodes = Array.from({ length: 10 }, newRecoveryCode);
      await repository.updateUserSecurity(tx, user.id, {
        mfaSecretEncrypted: user.mfaPendingSecretEncrypted,
        mfaPendingSecretEncrypted: null,
        isMfaEnabled: true,
        mfaLastStep: step,
        recoveryCodeHashes: recoveryCodes.map((recoveryCode) => secretBox.mac(normalizeRecoveryCode(recoveryCode))),
        updatedAt: now,
      });
      await writeAudit(tx, clock, context, {
        action: 'mfa_enabled',
        entity: 'user',
        entityId: user.id,
        ...(user.isMfaEnabled ? { details: { replaced: true } } : {}),
      });
      return { recoveryCodes };
    });
  }

  async function changePassword(
    context: ActorContext,
    input: { currentPassword: string; newPassword: string },
  ): Promise<void> {
    const emailKey = emailKeyOf(context.actor.email);
    await assertNotThrottled(emailKey);
    const user = await repository.findUserForLogin(database.db, context.actor.email);
    if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
      // Guessing the current password through a session left open counts like guessing at sign-in.
      await recordFailure(context, emailKey, user?.id ?? null, 'password_change');
      throw errors.badRequest('invalid_current_password', '現在のパスワードが正しくありません。');
    }
    if (input.newPassword === input.currentPassword) {
      // An account created or reset by an administrator must end up with a password only its owner knows.
      throw errors.validation([
        {
          path: 'newPassword',
          message: '新しいパスワードが現在のパスワードと同じです。別のパスワードを入力してください。',
          code: 'password_unchanged',
        },
      ]);
    }
    assertPasswordPolicy(input.newPassword, user.email, 'newPassword');
    const passwordHash = await hashPassword(input.newPassword);
    const now = clock.now();
    await database.transaction(async (tx) => {
      await repository.updateUserSecurity(tx, user.id, {
        passwordHash,
        passwordChangedAt: now,
        mustChangePassword: false,
        updatedAt: now,
      });
      // Whoever else holds a session of this account (a forgotten PC, a stolen cookie) is signed out;
      // the session that changed the password goes on.
      const revokedSessions = await repository.revokeOtherSessionsOfUser(tx, user.id, context.actor.sessionId, now);
      await repository.clearThrottle(tx, emailKey);
      await writeAudit(tx, clock, context, {
        action: 'password_changed',
        entity: 'user',
        entityId: user.id,
        details: { revokedSessions },
      });
    });
  }

  return { login, completeMfaLogin, resolveToken, logout, me, enrollMfa, confirmMfa, changePassword, isMfaRequiredFor };
}

export type AuthService = ReturnType<typeof createAuthService>;
