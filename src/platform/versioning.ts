/**
 * ETag / If-Match for versioned resources (CONTRACT §2): missing → 428, stale → 412 saying who changed
 * the record and when (where that is recorded) and its current version, or that the version sent does
 * not exist yet.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DbExecutor } from '../db/client.js';
import { lastAuditedChange } from './audit.js';
import { AppError, errors } from './errors.js';
import { japaneseDateTime } from './time.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route checks If-Match against the version of what it changes: 'required' (428 without it,
     * requireIfMatch) or 'optional' (checked when sent, optionalIfMatch). The OpenAPI document gives
     * it the header and the 412 (and 428) answers (platform/openapi.ts); the two functions refuse to
     * run on a route that declares otherwise.
     */
    ifMatch?: 'required' | 'optional';
  }
}

/** A route that reads If-Match declares it (config.ifMatch), so that the OpenAPI document says so. */
function assertDeclared(request: FastifyRequest, expected: 'required' | 'optional'): void {
  const declared = request.routeOptions.config.ifMatch;
  if (declared !== expected) {
    throw new Error(
      `${request.method} ${request.routeOptions.url ?? ''} reads If-Match as ${expected} but declares config.ifMatch ${String(declared)}`,
    );
  }
}

/**
 * Parses an If-Match value into a version number: `"3"` (the ETag as sent), or `3` without the quotes
 * (accepted, as it always was: it names one version without doubt). A weak tag (`W/"3"`) is refused
 * with 400 invalid_if_match: If-Match compares strongly (RFC 9110 §13.1.1), so a weak tag could never
 * match, and this API only gives strong ones. `*` and lists are refused too.
 */
export function parseIfMatch(value: string): number {
  if (/^\s*W\//i.test(value)) {
    throw errors.badRequest(
      'invalid_if_match',
      'If-Match に弱い ETag（W/"3" の形）は使えません。取得時の ETag（例: "3"）をそのまま指定してください。',
      [{ path: 'If-Match', message: '弱い ETag は使えません', code: 'weak_etag' }],
    );
  }
  const match = /^\s*"?(\d{1,9})"?\s*$/.exec(value);
  if (!match?.[1]) {
    throw errors.badRequest('invalid_if_match', 'If-Match ヘッダーの形式が正しくありません（例: "3"）。');
  }
  return Number.parseInt(match[1], 10);
}

function ifMatchHeader(request: FastifyRequest): string | null {
  const raw: unknown = request.headers['if-match'];
  const value = Array.isArray(raw) ? (raw as unknown[])[0] : raw;
  return typeof value === 'string' && value !== '' ? value : null;
}

export function requireIfMatch(request: FastifyRequest): number {
  assertDeclared(request, 'required');
  const value = ifMatchHeader(request);
  if (value === null) throw errors.preconditionRequired();
  return parseIfMatch(value);
}

/** If-Match where it is optional: absent → null, present → must parse. */
export function optionalIfMatch(request: FastifyRequest): number | null {
  assertDeclared(request, 'optional');
  const value = ifMatchHeader(request);
  return value === null ? null : parseIfMatch(value);
}

export function setEtag(reply: FastifyReply, version: number): void {
  void reply.header('ETag', `"${version}"`);
}

/**
 * A successful JSON answer of a versioned resource (one with a top-level integer `version`) carries
 * that version as its ETag (CONTRACT §2), whichever route sends it: the client sends it back as
 * If-Match. The OpenAPI document gives ETag to every answer whose schema has `version`
 * (platform/openapi.ts), from the same rule.
 */
export function registerVersionEtags(app: FastifyInstance): void {
  app.addHook('preSerialization', (_request, reply, payload, done) => {
    if (reply.statusCode >= 200 && reply.statusCode < 300 && !reply.hasHeader('etag')) {
      const version = (payload as { version?: unknown } | null)?.version;
      if (typeof version === 'number' && Number.isInteger(version)) setEtag(reply, version);
    }
    done(null, payload);
  });
}

/** Who changed a record last and when, as its history records it. */
export type LastChange = {
  at: Date;
  actorName: string | null;
  actorOrganizationName: string | null;
  /** What the change was, where the history says it in a sentence (a case's timeline). */
  summary?: string | null;
};

/**
 * The 412 of a version that does not match. A version beyond the current one was never given out: the
 * answer says so rather than that someone changed the record after the client read it. Otherwise it
 * names who changed it last and when, where known. The details carry the current version.
 */
export function versionConflict(expected: number, current: number, last?: LastChange | null): AppError {
  const generic = errors.versionConflict(current);
  if (expected > current) {
    return new AppError(
      generic.code,
      generic.statusCode,
      `指定された版（If-Match: "${expected}"）は存在しません。現在の版は ${current} です。最新の内容を読み込み直してください。`,
      [
        {
          path: 'version',
          message: `版 ${expected} は存在しません（現在の版は ${current} です）`,
          code: 'version_not_found',
          params: { expected, current },
        },
      ],
    );
  }
  const details = [
    { path: 'version', message: `現在の版は ${current} です`, code: 'current_version', params: { current } },
  ];
  if (!last) return new AppError(generic.code, generic.statusCode, generic.message, details);
  const who = `${last.actorName ?? 'システム'}${last.actorOrganizationName ? `（${last.actorOrganizationName}）` : ''}`;
  const when = japaneseDateTime(last.at);
  const what = last.summary ? `: ${last.summary}` : '';
  return new AppError(
    generic.code,
    generic.statusCode,
    `${who}が ${when} に更新しました${what}。最新の内容を読み込み直してください。`,
    details,
  );
}

/** Throws 412 when the stored version moved on since the client read it (or was never given out). */
export function assertVersion(expected: number, current: number): void {
  if (expected !== current) throw versionConflict(expected, current);
}

/**
 * assertVersion for a record whose changes are audited: the 412 names who changed it last and when
 * (the latest audit event of `entity` `entityId` among `actions`, the ones that change its version).
 */
export async function assertVersionAudited(
  executor: DbExecutor,
  expected: number,
  current: number,
  audited: { entity: string; entityId: string; actions: readonly string[] },
): Promise<void> {
  if (expected === current) return;
  const last = expected < current ? await lastAuditedChange(executor, audited) : null;
  throw versionConflict(expected, current, last);
}

/** For resources where If-Match is optional: checked only when the client sent one. */
export function optionalVersion(expected: number | null, current: number): void {
  if (expected !== null) assertVersion(expected, current);
}
