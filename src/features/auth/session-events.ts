/**
 * "A session of this user ended": announced with NOTIFY in the transaction that revokes sessions
 * (logout, password change or reset, account disabled, role or two-factor reset), so that every
 * server instance hears it exactly when the change commits and closes the live streams
 * (GET /api/v1/events) those sessions hold. The signal names only the user: the listener checks its
 * streams' sessions against the database, so a lost or forged signal can never keep a stream open
 * — at worst it causes one re-check. Expiry (idle, absolute) is not announced; the streams find it
 * on their periodic re-check (notification.service.ts).
 */
import { sql } from 'drizzle-orm';
import type { DbExecutor } from '../../db/client.js';
import type { Config } from '../../platform/config.js';

export const sessionEventChannel = 'renkei_sessions_ended';

export type SessionEndedSignal = { userId: string };

/** Call inside the transaction that ends sessions of the user. */
export async function announceSessionsEnded(executor: DbExecutor, userId: string): Promise<void> {
  const signal: SessionEndedSignal = { userId };
  await executor.execute(sql`select pg_notify(${sessionEventChannel}, ${JSON.stringify(signal)})`);
}

export function parseSessionEndedSignal(payload: string): SessionEndedSignal | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { userId } = value as Record<string, unknown>;
  return typeof userId === 'string' ? { userId } : null;
}

/** What decides whether a session still signs its holder in (besides the demo-account rule). */
export type SessionState = {
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  isDisabled: boolean;
};

/**
 * Until when the session stays valid without further activity (the idle limit or the absolute
 * lifetime, whichever comes first), or null when it has ended already (revoked, user disabled,
 * expired).
 */
export function sessionValidUntil(
  session: SessionState,
  now: Date,
  config: Pick<Config, 'sessionIdleMinutes'>,
): Date | null {
  if (session.revokedAt !== null || session.isDisabled) return null;
  const idleEnd = session.lastSeenAt.getTime() + config.sessionIdleMinutes * 60 * 1000;
  if (session.expiresAt.getTime() <= now.getTime() || idleEnd < now.getTime()) return null;
  return new Date(Math.min(session.expiresAt.getTime(), idleEnd));
}
