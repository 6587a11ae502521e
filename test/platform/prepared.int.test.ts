/**
 * Statements built once (src/db/prepared.ts) must behave like the query they replace: run on the
 * caller's connection — inside its transaction, undone by its rollback, queued with it on PGlite —
 * with values encoded like Drizzle's (dates, JSON, and null as SQL NULL).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { placeholderFor, preparedStatement } from '../../src/db/prepared.js';
import { auditEvents, jobs } from '../../src/db/schema.js';
import { openTestDatabase, testDatabaseKind } from '../helpers/test-app.js';

const insertEvent = preparedStatement('test_prepared_audit_insert', (executor, name) =>
  executor
    .insert(auditEvents)
    .values({
      at: sql.placeholder('at'),
      action: sql.placeholder('action'),
      entity: 'prepared-test',
      entityId: sql.placeholder('entityId'),
      details: sql`${sql.placeholder('details')}::jsonb`,
    })
    .prepare(name),
);

const eventsOf = preparedStatement('test_prepared_audit_select', (executor, name) =>
  executor
    .select({ action: auditEvents.action, at: auditEvents.at, details: auditEvents.details })
    .from(auditEvents)
    .where(eq(auditEvents.entityId, sql.placeholder('entityId')))
    .orderBy(auditEvents.id)
    .prepare(name),
);

const rescheduleJob = preparedStatement('test_prepared_job_reschedule', (executor, name) =>
  executor
    .update(jobs)
    .set({ status: placeholderFor(jobs.status, 'status'), runAt: placeholderFor(jobs.runAt, 'runAt') })
    .where(eq(jobs.uniqueKey, sql.placeholder('uniqueKey')))
    .prepare(name),
);

describe(`prepared statements on ${testDatabaseKind()}`, () => {
  let database: Database;

  beforeAll(async () => {
    database = await openTestDatabase();
  });

  afterAll(async () => {
    await database.close();
  });

  it('encodes dates and JSON like Drizzle, and null as SQL NULL', async () => {
    const entityId = randomUUID();
    const at = new Date('2026-11-26T01:02:03.000Z');
    await insertEvent(database.db, { at, action: 'a', entityId, details: JSON.stringify({ n: 1, text: '在宅' }) });
    await insertEvent(database.db, { at, action: 'b', entityId, details: null });
    const rows = await eventsOf(database.db, { entityId });
    expect(rows).toEqual([
      { action: 'a', at, details: { n: 1, text: '在宅' } },
      { action: 'b', at, details: null },
    ]);
    const [sqlNull] = await database.query<{ n: string }>(
      sql`select count(*)::text as n from ${auditEvents} where entity_id = ${entityId} and details is null`,
    );
    expect(sqlNull?.n).toBe('1');
  });

  it('encodes the values of an UPDATE with their columns’ encoders', async () => {
    const uniqueKey = `prepared-test:${randomUUID()}`;
    await database.db
      .insert(jobs)
      .values({ id: randomUUID(), kind: 'prepared-test', runAt: new Date(), uniqueKey, createdAt: new Date() });
    const later = new Date('2026-11-27T00:00:00.000Z');
    await rescheduleJob(database.db, { uniqueKey, status: 'cancelled', runAt: later });
    const [row] = await database.db
      .select({ status: jobs.status, runAt: jobs.runAt })
      .from(jobs)
      .where(eq(jobs.uniqueKey, uniqueKey));
    expect(row).toEqual({ status: 'cancelled', runAt: later });
  });

  it('runs inside the caller’s transaction: seen there, undone by its rollback', async () => {
    const entityId = randomUUID();
    const at = new Date();
    await expect(
      database.transaction(async (tx) => {
        await insertEvent(tx, { at, action: 'inside', entityId, details: null });
        // Visible to the transaction itself (same connection)…
        expect(await eventsOf(tx, { entityId })).toHaveLength(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    // …and gone after its rollback.
    expect(await eventsOf(database.db, { entityId })).toEqual([]);
    await database.transaction(async (tx) => {
      await insertEvent(tx, { at, action: 'committed', entityId, details: null });
    });
    expect((await eventsOf(database.db, { entityId })).map((row) => row.action)).toEqual(['committed']);
  });

  it('keeps concurrent transactions apart', async () => {
    const ids = Array.from({ length: 6 }, () => randomUUID());
    const at = new Date();
    const results = await Promise.allSettled(
      ids.map((entityId, index) =>
        database.transaction(async (tx) => {
          await insertEvent(tx, { at, action: `t${index}`, entityId, details: null });
          await new Promise((resolve) => setTimeout(resolve, 5));
          // Each transaction sees exactly its own row.
          expect((await eventsOf(tx, { entityId })).map((row) => row.action)).toEqual([`t${index}`]);
          if (index % 2 === 1) throw new Error('odd ones roll back');
        }),
      ),
    );
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
    ]);
    for (const [index, entityId] of ids.entries()) {
      expect(await eventsOf(database.db, { entityId })).toHaveLength(index % 2 === 0 ? 1 : 0);
    }
  });

  it('refuses to define one statement name twice', () => {
    expect(() =>
      preparedStatement('test_prepared_audit_insert', (executor, name) =>
        executor.select().from(auditEvents).prepare(name),
      ),
    ).toThrow(/defined twice/);
  });
});
