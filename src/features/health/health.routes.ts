/** GET /healthz — liveness and database reachability (CONTRACT §2). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/context.js';
import { access } from '../../platform/guard.js';

const HealthResponse = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.enum(['pglite', 'postgresql']),
});

/**
 * The database is pinged in the background (every second) rather than on every probe, so a
 * flood of health checks never becomes a flood of queries.
 */
export function createHealthMonitor(deps: Pick<AppDeps, 'database'>, intervalMs = 1000) {
  let isDatabaseUp = true;
  let timer: NodeJS.Timeout | null = null;
  let inFlight = false;
  async function check(): Promise<void> {
    if (inFlight) return;
    inFlight = true;
    try {
      await Promise.race([
        deps.database.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('ping timeout')), 2000).unref()),
      ]);
      isDatabaseUp = true;
    } catch {
      isDatabaseUp = false;
    } finally {
      inFlight = false;
    }
  }
  return {
    start() {
      timer ??= setInterval(() => void check(), intervalMs).unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    check,
    isDatabaseUp: () => isDatabaseUp,
  };
}

export function healthRoutes(app: FastifyInstance, deps: AppDeps, monitor: ReturnType<typeof createHealthMonitor>) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/healthz',
    {
      config: { access: access.public },
      schema: {
        tags: ['system'],
        summary: '稼働確認',
        response: { 200: HealthResponse, 503: HealthResponse },
      },
    },
    (_request, reply) => {
      const isUp = monitor.isDatabaseUp();
      // Built from two enums, so the schema (kept for the OpenAPI document) need not re-check it on
      // every probe: the zod serializer cost ~20 µs per request (BENCHMARKS.md findings).
      void reply
        .code(isUp ? 200 : 503)
        .type('application/json; charset=utf-8')
        .serializer(JSON.stringify)
        .send({ status: isUp ? 'ok' : 'unavailable', database: deps.database.kind });
    },
  );
}
