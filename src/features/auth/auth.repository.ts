/** Sessions, login throttles and two-factor challenges: the only Drizzle code of the auth feature. */
import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { loginThrottles, mfaChallenges, organizations, sessions, users } from '../../db/schema.js';
import type { DbExecutor } from '../../db/client.js';
import { preparedStatement } from '../../db/prepared.js';
import { announceSessionsEnded } from './session-events.js';

export type SessionWithUser = {
  sessionId: string;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  userId: string;
  email: string;
  name: string;
  role: string;
  organizationId: string | null;
  isDisabled: boolean;
  isMfaEnabled: boolean;
  mustChangePassword: boolean;
};

/** The session lookup runs on every authenticated request: built once, prepared on PostgreSQL. */
const sessionByTokenHash = preparedStatement('renkei_session_by_token', (executor, name) =>
  executor
    .select({
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      revokedAt: sessions.revokedAt,
      userId: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      organizationId: users.organizationId,
      isDisabled: users.isDisabled,
      isMfaEnabled: users.isMfaEnabled,
      mustChangePassword: users.mustChangePassword,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .prepare(name),
);

const organizationNameById = preparedStatement('renkei_organization_name', (executor, name) =>
  executor
    .select({ name: organizations.name, kind: organizations.kind })
    .from(organizations)
    .where(eq(organizations.id, sql.placeholder('organizationId')))
    .prepare(name),
);

export async function findSessionByTokenHash(executor: DbExecutor, tokenHash: string): Promise<SessionWithUser | null> {
  const [row] = await sessionByTokenHash(executor, { tokenHash });
  return row ?? null;
}

export async function insertSession(executor: DbExecutor, values: typeof sessions.$inferInsert): Promise<void> {
  await executor.insert(sessions).values(values);
}

export async function touchSession(executor: DbExecutor, sessionId: string, at: Date): Promise<void> {
  await executor.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, sessionId));
}

/**
 * The sessions with these ids and the state of their users: what an open event stream is checked
 * against (no touch: a stream left open does not keep its session alive).
 */
export async function findSessionsByIds(executor: DbExecutor, sessionIds: readonly string[]) {
  if (sessionIds.length === 0) return [];
  return executor
    .select({
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      revokedAt: sessions.revokedAt,
      email: users.email,
      role: users.role,
      isDisabled: users.isDisabled,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(inArray(sessions.id, [...sessionIds]));
}

// Every way a session is revoked goes through the functions below, and each announces it
// (session-events.ts): the live streams of the ended sessions close on every server instance.

export async function revokeSession(executor: DbExecutor, sessionId: string, at: Date): Promise<void> {
  const revoked = await executor
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
    .returning({ userId: sessions.userId });
  for (const userId of new Set(revoked.map((row) => row.userId))) await announceSessionsEnded(executor, userId);
}

export async function revokeSessionsOfUser(executor: DbExecutor, userId: string, at: Date): Promise<number> {
  const revoked = await executor
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  // Announced even when no session was live: a stream may still be open (the user disabled, say).
  await announceSessionsEnded(executor, userId);
  return revoked.length;
}

/** Ends every live session of the user but one (the one that changed the password). */
export async function revokeOtherSessionsOfUser(
  executor: DbExecutor,
  userId: string,
  keptSessionId: string,
  at: Date,
): Promise<number> {
  const revoked = await executor
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keptSessionId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  if (revoked.length > 0) await announceSessionsEnded(executor, userId);
  return revoked.length;
}

export async function findThrottle(executor: DbExecutor, emailKey: string) {
  const [row] = await executor.select().from(loginThrottles).where(eq(loginThrottles.emailKey, emailKey));
  return row ?? null;
}

export async function saveThrottle(executor: DbExecutor, values: typeof loginThrottles.$inferInsert): Promise<void> {
  await executor
    .insert(loginThrottles)
    .values(values)
    .onConflictDoUpdate({
      target: loginThrottles.emailKey,
      set: {
        windowStartedAt: values.windowStartedAt,
        failureCount: values.failureCount,
        lockedUntil: values.lockedUntil ?? null,
      },
    });
}

export async function clearThrottle(executor: DbExecutor, emailKey: string): Promise<void> {
  await executor.delete(loginThrottles).where(eq(loginThrottles.emailKey, emailKey));
}

export async function insertChallenge(executor: DbExecutor, values: typeof mfaChallenges.$inferInsert): Promise<void> {
  await executor.insert(mfaChallenges).values(values);
}

export async function findChallengeForUpdate(executor: DbExecutor, challengeHash: string) {
  const [row] = await executor
    .select()
    .from(mfaChallenges)
    .where(eq(mfaChallenges.challengeHash, challengeHash))
    .for('update');
  return row ?? null;
}

export async function updateChallenge(
  executor: DbExecutor,
  id: string,
  values: Partial<typeof mfaChallenges.$inferInsert>,
): Promise<void> {
  await executor.update(mfaChallenges).set(values).where(eq(mfaChallenges.id, id));
}

export async function findUserForLogin(executor: DbExecutor, email: string) {
  const [row] = await executor.select().from(users).where(eq(users.email, email));
  return row ?? null;
}

export async function findUserByIdForUpdate(executor: DbExecutor, userId: string) {
  const [row] = await executor.select().from(users).where(eq(users.id, userId)).for('update');
  return row ?? null;
}

/**
 * Writes the account's security settings; a change of them (a new password, two-factor, recovery codes) gives the
 * account a new version, the bookkeeping of a sign-in (`isSignIn`: its time, the last TOTP step) does not — an
 * administrator holding the account's version is not refused because the user signed in meanwhile.
 */
export async function updateUserSecurity(
  executor: DbExecutor,
  userId: string,
  values: Partial<typeof users.$inferInsert>,
  options: { isSignIn?: boolean } = {},
): Promise<void> {
  await executor
    .update(users)
    .set(options.isSignIn ? values : { ...values, version: sql`${users.version} + 1` })
    .where(eq(users.id, userId));
}

/** The name and kind of the user's organisation (what /me shows and the menu depends on). */
export async function findOrganizationName(executor: DbExecutor, organizationId: string | null) {
  if (organizationId === null) return null;
  const [row] = await organizationNameById(executor, { organizationId });
  return row ?? null;
}
