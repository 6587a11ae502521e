/**
 * Admission (src/platform/admission.ts) over real HTTP: with RENKEI_MAX_ACTIVE_REQUESTS=1 a burst
 * of concurrent requests is still answered, each correctly; an open event stream
 * (GET /api/v1/events, `config.admission: false`) holds no place; and a client that goes away
 * while it waits for a place does not keep one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import Fastify from 'fastify';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { api } from '../helpers/http.js';
import { buildOrganization, signedInAs } from '../helpers/factories.js';
import { registerAdmission } from '../../src/platform/admission.js';

const start = new Date('2026-11-25T10:00:00+09:00');

/** Polls until the condition holds; throws after the deadline. */
async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** GET with a deadline, so a request stuck behind a leaked place fails the test instead of hanging it. */
async function getWithin(baseUrl: string, path: string, token: string, timeoutMs = 15_000) {
  const response = await fetch(`${baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('admission on the real server (RENKEI_MAX_ACTIVE_REQUESTS=1)', () => {
  let app: TestApp;
  let token: string;
  /**
   * Private spots, each with organisations of its own: searches start in Okayama City only, so a grid about 900 m
   * apart in a quiet corner of 東区 (瀬戸町万富, away from the other test files' spots), searched 300 m around.
   */
  const spots = Array.from({ length: 8 }, (_, index) => ({
    lat: 34.762 + Math.floor(index / 4) * 0.008 + Math.random() * 0.001,
    lng: 134.06 + (index % 4) * 0.01 + Math.random() * 0.001,
  }));
  const pathOf = (spot: { lat: number; lng: number }) =>
    `/api/v1/resources/search?lat=${spot.lat.toFixed(5)}&lng=${spot.lng.toFixed(5)}&radiusKm=0.3&kind=visiting_nursing`;

  beforeAll(async () => {
    app = await startTestApp({ start, env: { RENKEI_MAX_ACTIVE_REQUESTS: '1' } });
    ({ token } = await signedInAs(app, 'center_coordinator'));
    for (const [index, spot] of spots.entries()) {
      for (let count = 0; count <= index; count += 1) {
        await buildOrganization(app.database, {
          kind: 'visiting_nursing',
          lat: spot.lat + count * 0.0002,
          lng: spot.lng,
          areaCode: null,
          availabilityStatus: 'accepting',
          availabilityUpdatedAt: start,
        });
      }
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  it('reads the limit from RENKEI_MAX_ACTIVE_REQUESTS', () => {
    expect(app.config.maxActiveRequests).toBe(1);
  });

  it('answers every request of a concurrent burst, each with its own correct answer', async () => {
    const expected = new Map<string, unknown>();
    for (const spot of spots) {
      const response = await api(app.baseUrl, 'GET', pathOf(spot), { token });
      expect(response.status).toBe(200);
      expected.set(pathOf(spot), response.body);
    }
    const paths = Array.from({ length: 60 }, (_, index) => pathOf(spots[index % spots.length]!));
    const answers = await Promise.all(paths.map((path) => getWithin(app.baseUrl, path, token)));
    answers.forEach((answer, index) => {
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(expected.get(paths[index]!));
    });
    // Each spot has its own number of organisations: no answer went to the wrong request.
    spots.forEach((spot, index) => {
      expect((expected.get(pathOf(spot)) as { items: unknown[] }).items).toHaveLength(index + 1);
    });
  });

  it('does not count an open event stream: an ordinary request beside it is answered', async () => {
    const controllers = [new AbortController(), new AbortController()];
    try {
      for (const controller of controllers) {
        const stream = await fetch(`${app.baseUrl}/api/v1/events`, {
          headers: { authorization: `Bearer ${token}` },
          signal: controller.signal,
        });
        expect(stream.status).toBe(200);
        expect(stream.headers.get('content-type')).toContain('text/event-stream');
        // Wait for the stream's first event: it is open and its handler has run.
        const reader = stream.body!.getReader();
        const first = await reader.read();
        expect(new TextDecoder().decode(first.value)).toContain('event: ready');
      }
      const answer = await getWithin(app.baseUrl, pathOf(spots[0]!), token, 10_000);
      expect(answer.status).toBe(200);
      const notifications = await getWithin(app.baseUrl, '/api/v1/notifications', token, 10_000);
      expect(notifications.status).toBe(200);
    } finally {
      for (const controller of controllers) controller.abort();
    }
  });

  it('does not leak places when clients disconnect while they wait', async () => {
    // Own connections (no pool), each cut once its request has been sent in full.
    const outcomes = Array.from(
      { length: 40 },
      (_, index) =>
        new Promise<'answered' | 'aborted'>((resolve) => {
          const outgoing = request(`${app.baseUrl}${pathOf(spots[index % spots.length]!)}`, {
            agent: false,
            headers: { authorization: `Bearer ${token}` },
          });
          outgoing.on('response', (response) => {
            response.resume();
            response.on('end', () => resolve('answered'));
            response.on('error', () => resolve('aborted'));
          });
          outgoing.on('error', () => resolve('aborted'));
          outgoing.on('close', () => resolve('aborted'));
          // Give the burst time to reach the server and queue up behind the single place, then go away.
          outgoing.on('finish', () => setTimeout(() => outgoing.destroy(), 30));
          outgoing.end();
        }),
    );
    const settled = await Promise.all(outcomes);
    expect(settled.filter((outcome) => outcome === 'aborted').length).toBeGreaterThan(0);
    // With one place, a leaked place would leave every later request waiting forever.
    for (let round = 0; round < 3; round += 1) {
      const answers = await Promise.all(spots.map((spot) => getWithin(app.baseUrl, pathOf(spot), token, 15_000)));
      expect(answers.map((answer) => answer.status)).toEqual(spots.map(() => 200));
    }
  });
});

describe('admission hook over real HTTP: a client leaving while it waits', () => {
  it('gives back the place it was waiting for, and the next request still gets through', async () => {
    const app = Fastify({ logger: false });
    const gate = registerAdmission(app, 1)!;
    const held: (() => void)[] = [];
    let closedConnections = 0;
    app.addHook('onRequest', (_request, reply, done) => {
      // 'close' before the answer is complete: the client went away.
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) closedConnections += 1;
      });
      done();
    });
    app.get('/api/hold', async () => {
      await new Promise<void>((resolve) => held.push(resolve));
      return { held: true };
    });
    let quickRuns = 0;
    app.get('/api/quick', async () => {
      quickRuns += 1;
      return { quick: true };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    try {
      const holder = fetch(`${baseUrl}/api/hold`);
      await until(() => held.length === 1);
      expect(gate.inside).toBe(1);

      const leaving = new AbortController();
      const waiter = fetch(`${baseUrl}/api/quick`, { signal: leaving.signal }).catch(() => 'aborted');
      await until(() => gate.queued === 1);
      leaving.abort();
      expect(await waiter).toBe('aborted');
      await until(() => closedConnections === 1);
      // Still queued: it leaves the queue when its turn comes, gives the place back at once and is not worked on.
      expect(gate.queued).toBe(1);

      held[0]!();
      expect((await holder).status).toBe(200);
      await until(() => gate.inside === 0 && gate.queued === 0);
      // The abandoned request was dropped at its turn: its handler never ran.
      expect(quickRuns).toBe(0);

      const next = await fetch(`${baseUrl}/api/quick`, { signal: AbortSignal.timeout(5000) });
      expect(await next.json()).toEqual({ quick: true });
      await until(() => gate.inside === 0);
    } finally {
      await app.close();
    }
  });
});
