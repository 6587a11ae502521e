/** ETag / If-Match for versioned resources (CONTRACT §2): missing → 428, stale → 412. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errors } from './errors.js';

/** Parses an If-Match value ("3", W/"3" or 3) into a version number. */
export function parseIfMatch(value: string): number {
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value);
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
  const value = ifMatchHeader(request);
  if (value === null) throw errors.preconditionRequired();
  return parseIfMatch(value);
}

/** If-Match where it is optional: absent → null, present → must parse. */
export function optionalIfMatch(request: FastifyRequest): number | null {
  const value = ifMatchHeader(request);
  return value === null ? null : parseIfMatch(value);
}

export function setEtag(reply: FastifyReply, version: number): void {
  void reply.header('ETag', `"${version}"`);
}

/** Throws 412 when the stored version moved on since the client read it. */
export function assertVersion(expected: number, current: number): void {
  if (expected !== current) throw errors.versionConflict(current);
}

/** For resources where If-Match is optional: checked only when the client sent one. */
export function optionalVersion(expected: number | null, current: number): void {
  if (expected !== null) assertVersion(expected, current);
}
