/**
 * Idempotency-Key (CONTRACT §2), one mechanism for every creating POST: the key is claimed,
 * the work done and the response stored in ONE transaction, so a retry — even a concurrent one,
 * even after a crash — returns the first response and creates nothing new.
 */
import { and, eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { idempotencyKeys } from '../db/schema.js';
import type { Database, Tx } from '../db/client.js';
import { sha256 } from './crypto.js';
import { errors } from './errors.js';
import type { Clock } from './clock.js';
import { setEtag } from './versioning.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route creates under the request's Idempotency-Key (sendIdempotent): the OpenAPI document
     * gives it the optional Idempotency-Key header and the answers of a reused or busy key
     * (platform/openapi.ts). sendIdempotent refuses to run on a route that does not declare it.
     */
    idempotent?: boolean;
  }
}

export type CreatedResponse<Body> = { statusCode: number; body: Body };

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${stableStringify(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function readKey(request: FastifyRequest): string | null {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return null;
  const key = Array.isArray(header) ? (header[0] ?? '') : header;
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw errors.badRequest(
      'invalid_idempotency_key',
      'Idempotency-Key は 1〜200 文字の英数字・記号で指定してください。',
    );
  }
  return key;
}

/**
 * Runs a creating operation under the request's Idempotency-Key (if any) and sends its response.
 * `work` must do all its writes with the given transaction.
 */
export async function sendIdempotent<Body>(
  deps: { database: Database; clock: Clock },
  request: FastifyRequest,
  reply: FastifyReply,
  work: (tx: Tx) => Promise<CreatedResponse<Body>>,
): Promise<FastifyReply> {
  if (request.routeOptions.config.idempotent !== true) {
    throw new Error(
      `${request.method} ${request.routeOptions.url ?? ''} runs under Idempotency-Key but does not declare config.idempotent`,
    );
  }
  const key = readKey(request);
  if (key === null) {
    const result = await deps.database.transaction(work);
    return send(reply, result.statusCode, result.body);
  }
  const principal = request.actor ? `user:${request.actor.userId}` : `ip:${request.ip}`;
  const path = request.routeOptions.url ?? request.url;
  const requestHash = sha256(`${request.method} ${request.url}\n${stableStringify(request.body ?? null)}`);
  const outcome = await deps.database.transaction(async (tx) => {
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ principal, key, method: request.method, path, requestHash, createdAt: deps.clock.now() })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) {
      const [stored] = await tx
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key)));
      if (!stored || stored.requestHash !== requestHash) throw errors.idempotencyKeyReused();
      if (stored.statusCode === null) {
        throw errors.conflict('idempotency_in_progress', '同じ Idempotency-Key の要求を処理中です。');
      }
      return { replayed: true, statusCode: stored.statusCode, body: stored.responseBody };
    }
    const result = await work(tx);
    await tx
      .update(idempotencyKeys)
      .set({ statusCode: result.statusCode, responseBody: result.body })
      .where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key)));
    return { replayed: false, statusCode: result.statusCode, body: result.body as unknown };
  });
  if (outcome.replayed) void reply.header('Idempotent-Replayed', 'true');
  return send(reply, outcome.statusCode, outcome.body);
}

/**
 * A created versioned resource carries its version as ETag (CONTRACT §2), on the first answer and
 * on a replay alike: a client retrying after a timeout needs it for its next If-Match.
 */
function send(reply: FastifyReply, statusCode: number, body: unknown): FastifyReply {
  const version = (body as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && !reply.hasHeader('etag')) setEtag(reply, version);
  return reply.code(statusCode).send(body);
}
