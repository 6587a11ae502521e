/**
 * Shutdown in two steps. First a grace period (`beginDraining`): requests are still served, each
 * answer with `Connection: close`, so clients leave their keep-alive connections instead of
 * writing a request onto one the server is about to close (which they would see as a reset).
 * Then, while the server closes, requests that still arrive on open connections get a 503 in the
 * API's error shape (CONTRACT §2). Fastify's own `return503OnClosing` answers with a body of its
 * own shape, so it is turned off in server.ts and this hook does the same job.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.js';

export function registerShutdownRefusal(app: FastifyInstance): { beginDraining: () => void } {
  let isDraining = false;
  let isClosing = false;
  app.addHook('preClose', async () => {
    isClosing = true;
  });
  // Synchronous: an async hook costs every request a few promises (BENCHMARKS.md findings).
  app.addHook('onRequest', (_request, reply, done) => {
    if (!isDraining && !isClosing) {
      done();
      return;
    }
    if (!isClosing) {
      void reply.header('connection', 'close');
      done();
      return;
    }
    void reply.header('connection', 'close');
    done(new AppError('shutting_down', 503, 'サーバーを停止しています。しばらくしてから再度お試しください。'));
  });
  return {
    beginDraining: () => {
      isDraining = true;
    },
  };
}
