/**
 * Security headers (CSP and the rest of helmet's set). The headers never change while the server
 * runs, so helmet is run ONCE at start-up against a recording response and the result is applied
 * to every reply — helmet per request cost ~60 µs (BENCHMARKS.md findings).
 */
import helmet, { type HelmetOptions } from 'helmet';
import type { FastifyInstance } from 'fastify';

export function computeSecurityHeaders(options: HelmetOptions): Record<string, string> {
  const headers = new Map<string, string>();
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value));
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
    },
  };
  let failure: Error | null = null;
  helmet(options)({} as never, response as never, (error?: unknown) => {
    if (error) failure = error instanceof Error ? error : new Error('helmet failed');
  });
  if (failure) throw failure as Error;
  return Object.fromEntries(headers);
}

export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const headers = computeSecurityHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
}
