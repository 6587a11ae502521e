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
