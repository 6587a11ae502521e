/** What every service receives: the application's dependencies and who is asking. */
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Clock } from './clock.js';
import type { SecretBox } from './crypto.js';
import type { Database } from '../db/client.js';
import type { Role } from '../domain/codes.js';

export type AppDeps = {
  config: Config;
  database: Database;
  clock: Clock;
  secretBox: SecretBox;
  logger: FastifyBaseLogger;
};

/** The signed-in person behind a request. */
export type Actor = {
  userId: string;
  email: string;
  name: string;
  role: Role;
  organizationId: string | null;
  sessionId: string;
  isMfaEnabled: boolean;
  mustChangePassword: boolean;
};

/** Per request: who, from where, which request (for the audit trail). */
export type RequestContext = {
  actor: Actor | null;
  requestId: string;
  ip: string;
};

/** A request context whose caller is known to be signed in (the guard guarantees it). */
export type ActorContext = RequestContext & { actor: Actor };

export function requireActor(context: RequestContext): ActorContext {
  if (!context.actor) throw new Error('route declared authenticated but no actor: guard not applied');
  return context as ActorContext;
}
