/**
 * The two reply shapes every route file repeats (CONTRACT §2): a versioned resource sent with its
 * ETag, and a creating POST run under the request's Idempotency-Key. The checks themselves stay in
 * versioning.ts (If-Match → 428/412) and idempotency.ts (key claim and replay); these only spare
 * each handler the same four lines.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database, Tx } from '../db/client.js';
import type { Clock } from './clock.js';
import { sendIdempotent } from './idempotency.js';
import { setEtag } from './versioning.js';

/**
 * Waits for a versioned resource, sets its ETag (so the client can send it back as If-Match) and
 * returns it as the body. Used inside an idempotent create, the ETag goes out with the first
 * response only: a replay sends the stored body without running the work again.
 */
export async function withEtag<Resource extends { version: number }>(
  reply: FastifyReply,
  pending: Promise<Resource>,
): Promise<Resource> {
  const resource = await pending;
  setEtag(reply, resource.version);
  return resource;
}

/**
 * Runs `work` under the request's Idempotency-Key (see sendIdempotent) and sends what it returns
 * with `statusCode` (201 unless told otherwise). `work` must do all its writes with `tx`.
 */
export function sendIdempotentBody<Body>(
  deps: { database: Database; clock: Clock },
  request: FastifyRequest,
  reply: FastifyReply,
  work: (tx: Tx) => Promise<Body>,
  statusCode: 200 | 201 = 201,
): Promise<FastifyReply> {
  return sendIdempotent(deps, request, reply, async (tx) => ({ statusCode, body: await work(tx) }));
}

/**
 * Serialiser for a hot read route whose handler builds every field of its answer itself, typed by
 * the route's own zod schema (TypeScript then refuses a missing or an extra field): the answer goes
 * out through JSON.stringify without zod re-checking each item at run time, which cost as much as
 * the work itself on the resource search (20 items). The OpenAPI document still comes from the
 * schema, and the route's API test checks its answers against it. Routes that pass database rows
 * or anything not built field by field keep the default serialiser, whose parse drops unknown keys.
 */
export const builtAnswerSerializer = () => (data: unknown) => JSON.stringify(data);
