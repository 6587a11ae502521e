/**
 * Baseline for GET /api/v1/me: a bare Fastify 5 server (no plugins, no hooks, no schemas) with a
 * pg.Pool of the app's size, running exactly the SQL the app runs for that request. The runner
 * captures that SQL from the app's own repository functions and passes it in the environment:
 *   BENCH_SESSION_SQL       findSessionByTokenHash (sessions ⋈ users by token_hash), param $1 = sha256(token)
 *   BENCH_ORGANIZATION_SQL  findOrganizationName, param $1 = organization id
 * Plain JavaScript so it runs with `node` alone, like dist/.
 */
import { createHash } from 'node:crypto';
import process from 'node:process';
import Fastify from 'fastify';
import pg from 'pg';

const sessionSql = process.env.BENCH_SESSION_SQL;
const organizationSql = process.env.BENCH_ORGANIZATION_SQL;
if (!sessionSql || !organizationSql) throw new Error('BENCH_SESSION_SQL and BENCH_ORGANIZATION_SQL are required');

const pool = new pg.Pool({
  connectionString: process.env.BENCH_DATABASE_URL,
  max: Number(process.env.BENCH_POOL_SIZE ?? 10),
  connectionTimeoutMillis: 5000,
  application_name: 'renkei-bench-baseline',
});
pool.on('error', () => undefined);

const app = Fastify({ logger: false });

const unauthenticated = { error: { code: 'unauthenticated', message: 'ログインしてください。' } };

app.get('/api/v1/me', async (request, reply) => {
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(request.headers.authorization ?? '');
  if (!match) return reply.code(401).send(unauthenticated);
  const tokenHash = createHash('sha256').update(match[1]).digest('hex');
  // The select lists sessions.id and users.id: array rows, like Drizzle, keep both.
  const sessions = await pool.query({ text: sessionSql, values: [tokenHash], rowMode: 'array' });
  const row = sessions.rows[0];
  if (!row) return reply.code(401).send(unauthenticated);
  const [, , expiresAt, revokedAt, userId, email, name, role, organizationId, isDisabled, isMfaEnabled, mustChange] =
    row;
  if (revokedAt !== null || isDisabled || new Date(expiresAt).getTime() <= Date.now()) {
    return reply.code(401).send(unauthenticated);
  }
  let organizationName = null;
  let organizationKind = null;
  if (organizationId !== null) {
    const organizations = await pool.query({ text: organizationSql, values: [organizationId], rowMode: 'array' });
    organizationName = organizations.rows[0]?.[0] ?? null;
    organizationKind = organizations.rows[0]?.[1] ?? null;
  }
  return {
    id: userId,
    email,
    name,
    role,
    organizationId,
    organizationName,
    organizationKind,
    isMfaEnabled,
    isMfaRequired: false,
    mustChangePassword: mustChange,
  };
});

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => {
  void app.close().then(() => pool.end().then(() => process.exit(0)));
});
