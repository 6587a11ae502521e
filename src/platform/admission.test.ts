import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Fastify from 'fastify';
import { AdmissionGate, registerAdmission } from './admission.js';

/** Lets every resolved waiter's continuation run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A caller that arrives at the gate and records the moment it gets in. */
function arrive(gate: AdmissionGate, id: number, admitted: number[]): 'at once' | 'waits' {
  const waiting = gate.enter();
  if (waiting === null) {
    admitted.push(id);
    return 'at once';
  }
  void waiting.then(() => admitted.push(id));
  return 'waits';
}

const range = (count: number) => Array.from({ length: count }, (_, index) => index);

describe('AdmissionGate', () => {
  it('admits up to its limit at once and queues the rest', async () => {
    const gate = new AdmissionGate(3);
    const admitted: number[] = [];
    const how = range(10).map((id) => arrive(gate, id, admitted));
    expect(how).toEqual([...Array<string>(3).fill('at once'), ...Array<string>(7).fill('waits')]);
    await settle();
    expect(admitted).toEqual([0, 1, 2]);
    expect(gate.inside).toBe(3);
    expect(gate.queued).toBe(7);
  });

  it('lets waiters in strictly in arrival order, never more than the limit at a time', async () => {
    const gate = new AdmissionGate(2);
    const admitted: number[] = [];
    const count = 300;
    for (const id of range(count)) arrive(gate, id, admitted);
    await settle();
    let left = 0;
    while (left < count) {
      expect(gate.inside).toBeLessThanOrEqual(2);
      expect(admitted).toEqual(range(Math.min(count, left + 2)));
      gate.leave();
      left += 1;
      await settle();
    }
    expect(admitted).toEqual(range(count));
    expect(gate.inside).toBe(0);
    expect(gate.queued).toBe(0);
  });

  it('hands a leaving place to the next waiter, ahead of anyone arriving later', async () => {
    const gate = new AdmissionGate(1);
    const admitted: number[] = [];
    arrive(gate, 0, admitted);
    arrive(gate, 1, admitted);
    gate.leave();
    // The place went to waiter 1 (its continuation has not run yet): it is still taken.
    expect(gate.inside).toBe(1);
    expect(gate.queued).toBe(0);
    expect(arrive(gate, 2, admitted)).toBe('waits');
    await settle();
    expect(admitted).toEqual([0, 1]);
    gate.leave();
    await settle();
    expect(admitted).toEqual([0, 1, 2]);
    gate.leave();
    expect(gate.inside).toBe(0);
    // With nobody waiting, the place is free again and the next caller gets in at once.
    expect(arrive(gate, 3, admitted)).toBe('at once');
    expect(gate.inside).toBe(1);
  });

  it('gets thousands of waiters through in order (the queue is compacted as it is consumed)', async () => {
    const limit = 3;
    const gate = new AdmissionGate(limit);
    const admitted: number[] = [];
    let arrived = 0;
    for (; arrived < 5000; arrived += 1) arrive(gate, arrived, admitted);
    expect(gate.queued).toBe(5000 - limit);
    // One leaves for every newcomer until 12,000 callers have arrived, then the queue drains.
    let step = 0;
    while (gate.queued > 0) {
      gate.leave();
      if (arrived < 12_000) {
        arrive(gate, arrived, admitted);
        arrived += 1;
      }
      step += 1;
      expect(gate.inside).toBe(limit);
      if (step % 500 === 0) await settle();
    }
    await settle();
    expect(admitted).toEqual(range(12_000));
    expect(gate.queued).toBe(0);
    // Without compaction the internal queue would still hold every one of the ~12,000 waiters.
    const internal = (gate as unknown as { waiting: unknown[] }).waiting;
    expect(internal.length).toBeLessThan(3000);
    for (let index = 0; index < limit; index += 1) gate.leave();
    expect(gate.inside).toBe(0);
    expect(arrive(gate, 12_000, admitted)).toBe('at once');
  });

  it('keeps inside ≤ limit, wastes no free place and admits in arrival order, for any sequence of enter/leave', async () => {
    type Step = { kind: 'enter' } | { kind: 'leave'; pick: number };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.constant({ kind: 'enter' as const }),
      fc.nat().map((pick) => ({ kind: 'leave' as const, pick })),
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.array(step, { maxLength: 80 }), async (limit, steps) => {
        const gate = new AdmissionGate(limit);
        const admitted: number[] = [];
        /** Admitted callers that have not left yet. */
        const holders = new Set<number>();
        let arrived = 0;
        for (const current of steps) {
          if (current.kind === 'enter') {
            const id = arrived;
            arrived += 1;
            const waiting = gate.enter();
            if (waiting === null) {
              admitted.push(id);
              holders.add(id);
            } else {
              void waiting.then(() => {
                admitted.push(id);
                holders.add(id);
              });
            }
          } else {
            const inside = [...holders];
            if (inside.length === 0) continue;
            holders.delete(inside[current.pick % inside.length]!);
            gate.leave();
          }
          await settle();
          expect(gate.inside).toBeLessThanOrEqual(limit);
          expect(gate.inside).toBe(holders.size);
          expect(admitted).toEqual(range(admitted.length));
          expect(gate.queued).toBe(arrived - admitted.length);
          // Nobody waits while a place is free.
          if (gate.queued > 0) expect(gate.inside).toBe(limit);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('registerAdmission', () => {
  /** A Fastify app whose GET /api/work answers only when the test releases it. */
  async function appWithGate(limit: number) {
    const app = Fastify({ logger: false });
    const gate = registerAdmission(app, limit);
    const pending: (() => void)[] = [];
    let running = 0;
    let mostRunning = 0;
    app.get('/api/work', async () => {
      running += 1;
      mostRunning = Math.max(mostRunning, running);
      await new Promise<void>((resolve) => pending.push(resolve));
      running -= 1;
      return { ok: true };
    });
    app.get('/api/stream', { config: { admission: false } }, async () => {
      await new Promise<void>((resolve) => pending.push(resolve));
      return { stream: true };
    });
    app.get('/healthz', async () => {
      await new Promise<void>((resolve) => pending.push(resolve));
      return { health: true };
    });
    await app.ready();
    return { app, gate, pending, counts: () => ({ running, mostRunning }) };
  }

  /** Waits (with a deadline) until the condition holds. */
  async function until(condition: () => boolean) {
    const deadline = Date.now() + 5000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await settle();
    }
  }

  it('is off for a limit of 0', async () => {
    const app = Fastify({ logger: false });
    expect(registerAdmission(app, 0)).toBeNull();
    await app.close();
  });

  it('runs at most `limit` handlers at a time and answers every request', async () => {
    const { app, gate, pending, counts } = await appWithGate(2);
    const responses = range(7).map(() => app.inject({ method: 'GET', url: '/api/work' }));
    await until(() => pending.length === 2 && gate!.queued === 5);
    expect(gate!.inside).toBe(2);
    while (pending.length > 0 || gate!.queued > 0) {
      pending.shift()?.();
      await settle();
    }
    const answered = await Promise.all(responses);
    expect(answered.map((response) => response.statusCode)).toEqual(Array<number>(7).fill(200));
    expect(counts().mostRunning).toBe(2);
    expect(gate!.inside).toBe(0);
    await app.close();
  });

  it('does not count routes with config.admission false, routes outside /api/ /fhir/ /hsds/, nor unknown routes', async () => {
    const { app, gate, pending } = await appWithGate(1);
    const stream = app.inject({ method: 'GET', url: '/api/stream' });
    const health = app.inject({ method: 'GET', url: '/healthz' });
    await until(() => pending.length === 2);
    expect(gate!.inside).toBe(0);
    expect((await app.inject({ method: 'GET', url: '/api/nowhere' })).statusCode).toBe(404);
    expect(gate!.inside).toBe(0);
    const work = app.inject({ method: 'GET', url: '/api/work' });
    await until(() => pending.length === 3);
    expect(gate!.inside).toBe(1);
    pending[2]!();
    expect((await work).statusCode).toBe(200);
    pending[1]!();
    expect((await health).json()).toEqual({ health: true });
    pending[0]!();
    expect((await stream).json()).toEqual({ stream: true });
    expect(gate!.inside).toBe(0);
    await app.close();
  });

  it('releases the place of a handler that fails', async () => {
    const app = Fastify({ logger: false });
    const gate = registerAdmission(app, 1)!;
    app.get('/api/fail', async () => {
      throw new Error('boom');
    });
    const answers = await Promise.all(range(3).map(() => app.inject({ method: 'GET', url: '/api/fail' })));
    expect(answers.map((answer) => answer.statusCode)).toEqual([500, 500, 500]);
    expect(gate.inside).toBe(0);
    expect(gate.queued).toBe(0);
    await app.close();
  });
});
