/**
 * Admission: at most `limit` requests do their handler's work at a time; the others wait in
 * arrival order. PGlite is one connection that runs one statement at a time, so letting 50
 * requests interleave their transactions gains nothing and costs: each waiting request keeps its
 * objects alive across many garbage collections, and the order in which they finish stops
 * following the order in which they came (BENCHMARKS.md, W4). A request whose client left while it
 * waited is dropped without running its handler. The gate sits after authentication and body
 * parsing (preHandler), so a slow client sending its body holds no place; long streams
 * (GET /api/v1/events) opt out with `config.admission: false`; /healthz and the web client's files
 * are not counted.
 */
import type { FastifyInstance } from 'fastify';
import { guardedPrefixes } from './guard.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: the route is not counted (long-lived streams). */
    admission?: boolean;
  }
}

const releaseKey = Symbol('admission release');
type Admitted = { [releaseKey]?: () => void };

/** A counting gate whose waiters enter strictly in arrival order. */
export class AdmissionGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private head = 0;

  constructor(readonly limit: number) {}

  /** Resolves when the caller may proceed; it must call `leave()` exactly once afterwards. */
  enter(): Promise<void> | null {
    if (this.active < this.limit && this.head === this.waiting.length) {
      this.active += 1;
      return null;
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  leave(): void {
    const next = this.waiting[this.head];
    if (next) {
      this.head += 1;
      if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting.splice(0, this.head);
        this.head = 0;
      }
      next();
      return;
    }
    this.active -= 1;
  }

  get queued(): number {
    return this.waiting.length - this.head;
  }

  get inside(): number {
    return this.active;
  }
}

export function registerAdmission(app: FastifyInstance, limit: number): AdmissionGate | null {
  if (limit <= 0) return null;
  const gate = new AdmissionGate(limit);
  app.addHook('preHandler', (request, reply, done) => {
    const url = request.routeOptions.url;
    if (
      request.routeOptions.config.admission === false ||
      !url ||
      !guardedPrefixes.some((prefix) => url.startsWith(prefix))
    ) {
      done();
      return;
    }
    let isReleased = false;
    const release = () => {
      if (isReleased) return;
      isReleased = true;
      gate.leave();
    };
    const proceed = () => {
      if (reply.raw.destroyed) {
        // The client went away while it waited: nobody would read the answer, so the work is not
        // done (a burst of clients giving up under load would otherwise be worked through first).
        release();
        void reply.code(499).send();
        return;
      }
      // Released when the answer has gone out (onResponse below) or the client goes away first.
      (request as Admitted)[releaseKey] = release;
      reply.raw.once('close', release);
      done();
    };
    const waiting = gate.enter();
    if (waiting === null) proceed();
    else void waiting.then(proceed);
  });
  app.addHook('onResponse', (request, _reply, done) => {
    (request as Admitted)[releaseKey]?.();
    done();
  });
  return gate;
}
