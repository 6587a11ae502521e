/**
 * The one authorisation guard. Every route declares `config.access`; a route under /api, /fhir
 * or /hsds without it makes the server refuse to start. Handlers never check roles by hand.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../domain/codes.js';
import type { Actor, RequestContext } from './context.js';
import { errors } from './errors.js';

export type AccessRule =
  | { kind: 'public' }
  | {
      kind: 'roles';
      roles: readonly Role[] | 'any';
      /**
       * Reachable before the account is ready for work: the mandatory two-factor enrolment done and
       * an initial or reset password changed (the enrolment itself, me, the password change, logout).
       */
      allowWithoutMfa?: boolean;
    };

export const access = {
  public: { kind: 'public' } as AccessRule,
  anyRole: { kind: 'roles', roles: 'any' } as AccessRule,
  roles: (...roles: Role[]): AccessRule => ({ kind: 'roles', roles }),
  beforeMfa: { kind: 'roles', roles: 'any', allowWithoutMfa: true } as AccessRule,
};

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
    /**
     * Work that does not depend on who calls and reveals nothing by itself (e.g. bringing the
     * directory index up to date), started as the request arrives, beside the session lookup, so a
     * signed-in request waits for one database round trip instead of two. Its promise is
     * `request.early`; the handler awaits it once the caller is authorised.
     */
    startEarly?: () => Promise<unknown>;
  }
  interface FastifyRequest {
    actor: Actor | null;
    context: RequestContext;
    early: Promise<unknown> | null;
  }
}

export const sessionCookieName = 'renkei_session';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header);
  return match?.[1] ?? null;
}

function originOf(request: FastifyRequest): string | null {
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') return origin;
  const referer = request.headers.referer;
  if (typeof referer === 'string') {
    try {
      return new URL(referer).origin;
    } catch {
      return null;
    }
  }
  return null;
}

/** Cookie-authenticated changes must come from our own origin (CSRF protection). */
export function isSameOrigin(request: FastifyRequest, allowedOrigins: string[]): boolean {
  const origin = originOf(request);
  if (origin === null) return false;
  if (allowedOrigins.includes(origin)) return true;
  const host = request.headers.host;
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export type GuardOptions = {
  resolveToken: (token: string) => Promise<Actor | null>;
  isMfaRequiredFor: (role: Role) => boolean;
  allowedOrigins: string[];
};

/** The paths of the API (JSON, FHIR, HSDS): every route under them declares its access rule. */
export const guardedPrefixes = ['/api/', '/fhir/', '/hsds/'];

export function registerGuard(app: FastifyInstance, options: GuardOptions): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('context', null as unknown as RequestContext);
  app.decorateRequest('early', null);

  app.addHook('onRoute', (route) => {
    const url = route.url ?? route.path;
    if (guardedPrefixes.some((prefix) => url.startsWith(prefix)) && !route.config?.access) {
      throw new Error(`route ${route.method.toString()} ${url} declares no access rule`);
    }
  });

  async function authenticate(request: FastifyRequest, rule: Exclude<AccessRule, { kind: 'public' }>): Promise<void> {
    const bearer = bearerToken(request);
    const cookieToken = bearer ? null : (request.cookies[sessionCookieName] ?? null);
    const token = bearer ?? cookieToken;
    const actor = token ? await options.resolveToken(token) : null;
    if (!actor) throw errors.unauthenticated();
    if (cookieToken && unsafeMethods.has(request.method) && !isSameOrigin(request, options.allowedOrigins)) {
      throw errors.forbidden('リクエストの送信元を確認できません（CSRF 対策）。画面を再読み込みしてください。');
    }
    request.actor = actor;
    request.context = { actor, requestId: request.id, ip: request.ip };
    if (rule.roles !== 'any' && !rule.roles.includes(actor.role)) throw errors.forbidden();
    if (!rule.allowWithoutMfa) {
      if (!actor.isMfaEnabled && options.isMfaRequiredFor(actor.role)) throw errors.mfaEnrollmentRequired();
      // A password an administrator set (new account, reset) is known to two people: it opens only
      // the password change until the user has chosen their own.
      if (actor.mustChangePassword) throw errors.passwordChangeRequired();
    }
  }

  // Synchronous for public routes (no promise per request); signed-in routes authenticate.
  app.addHook('onRequest', (request, _reply, done) => {
    request.context = { actor: null, requestId: request.id, ip: request.ip };
    const { access: rule, startEarly } = request.routeOptions.config;
    if (startEarly) {
      const early = startEarly();
      // Handled here so that a refused caller leaves no unhandled rejection; the handler still sees it.
      early.catch(() => undefined);
      request.early = early;
    }
    if (!rule || rule.kind === 'public') {
      done();
      return;
    }
    authenticate(request, rule).then(() => done(), done);
  });
}
