/**
 * Transactions at the Database level. PGlite is a single connection: transactions are serialised
 * through one queue, so two concurrent ones never interleave (and a statement outside any
 * transaction never lands inside someone else's). On PostgreSQL they run side by side; both
 * commit, and one that throws leaves nothing behind.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { SerialQueue, type Database, type DbExecutor } from '../../src/db/client.js';
import { openTestDatabase, testDatabaseKind } from '../helpers/test-app.js';

/** Lets other queued work run (timers, I/O) between two statements of a transaction. */
function pause(milliseconds = 15): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

describe('SerialQueue', () => {
  it('runs work one at a time, in arrival order', async () => {
    const queue = new SerialQueue();
    const events: string[] = [];
    let running = 0;
    const task = (name: string, milliseconds: number) =>
      queue.run(async () => {
        running += 1;
        expect(running).toBe(1);
        events.push(`${name}:start`);
        await pause(milliseconds);
        events.push(`${name}:end`);
        running -= 1;
        return name;
      });
    const results = await Promise.all([task('a', 20), task('b', 1), task('c', 5)]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end']);
  });

  it('passes a rejection to its caller and goes on with the next task', async () => {
    const queue = new SerialQueue();
    const failing = queue.run(async () => {
      await pause(5);
      throw new Error('boom');
    });
    const throwingSynchronously = queue.run(() => {
      throw new Error('sync boom');
    });
    const next = queue.run(async () => 'next ran');
    await expect(failing).rejects.toThrow('boom');
    await expect(throwingSynchronously).rejects.toThrow('sync boom');
    await expect(next).resolves.toBe('next ran');
  });
});

describe(`transactions on ${testDatabaseKind()}`, () => {
  let database: Database;
  const table = `scratch_tx_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

  beforeAll(async () => {
    database = await openTestDatabase();
    await database.query(sql.raw(`create table ${table} (seq bigserial primary key, marker text not null)`));
  });
  afterAll(async () => {
    await database.query(sql.raw(`drop table if exists ${table}`));
    await database.close();
  });

  async function insert(executor: DbExecutor, marker: string): Promise<void> {
    await database.query(sql`insert into ${sql.identifier(table)} (marker) values (${marker})`, executor);
  }

  async function markers(prefix: string): Promise<string[]> {
    const rows = await database.query<{ marker: string }>(
      sql`select marker from ${sql.identifier(table)} where marker like ${`${prefix}%`} order by seq`,
    );
    return rows.map((row) => row.marker);
  }

  /** A transaction that inserts `<name>1`, `<name>2`, `<name>3`, awaiting a timer between statements. */
  function slowTransaction(prefix: string, name: string, milliseconds: number) {
    return database.transaction(async (tx) => {
      for (const step of [1, 2, 3]) {
        await insert(tx, `${prefix}${name}${step}`);
        await pause(milliseconds);
      }
      return name;
    });
  }

  it('commits two concurrent transactions that await between their statements', async () => {
    const prefix = `${randomUUID().slice(0, 8)}-`;
    const results = await Promise.all([slowTransaction(prefix, 'A', 15), slowTransaction(prefix, 'B', 5)]);
    expect(results).toEqual(['A', 'B']);
    const rows = await markers(prefix);
    expect([...rows].sort()).toEqual(['A1', 'A2', 'A3', 'B1', 'B2', 'B3'].map((marker) => `${prefix}${marker}`));
  });

  it.skipIf(testDatabaseKind() !== 'pglite')(
    'never interleaves two concurrent transactions on PGlite (one queue, one connection)',
    async () => {
      const prefix = `${randomUUID().slice(0, 8)}-`;
      await Promise.all([
        slowTransaction(prefix, 'A', 15),
        slowTransaction(prefix, 'B', 1),
        slowTransaction(prefix, 'C', 5),
      ]);
      const names = (await markers(prefix)).map((marker) => marker.slice(prefix.length, prefix.length + 1));
      // Each transaction's rows are contiguous, in the order the transactions were started.
      expect(names.join('')).toBe('AAABBBCCC');
    },
  );

  it.skipIf(testDatabaseKind() !== 'pglite')(
    'keeps a statement issued outside any transaction out of a transaction that is open on PGlite',
    async () => {
      const prefix = `${randomUUID().slice(0, 8)}-`;
      let markOpened: () => void = () => undefined;
      const opened = new Promise<void>((resolve) => {
        markOpened = resolve;
      });
      const failing = database.transaction(async (tx) => {
        await insert(tx, `${prefix}inside`);
        markOpened();
        await pause(20);
        throw new Error('roll back');
      });
      await opened;
      // Issued while the transaction is open: it must wait, and survive the rollback.
      const outside = insert(database.db, `${prefix}outside`);
      await expect(failing).rejects.toThrow('roll back');
      await outside;
      expect(await markers(prefix)).toEqual([`${prefix}outside`]);
    },
  );

  it('rolls back a transaction that throws: nothing it wrote remains', async () => {
    const prefix = `${randomUUID().slice(0, 8)}-`;
    const failing = database.transaction(async (tx) => {
      await insert(tx, `${prefix}lost1`);
      await pause();
      await insert(tx, `${prefix}lost2`);
      throw new Error('something went wrong');
    });
    await expect(failing).rejects.toThrow('something went wrong');
    expect(await markers(prefix)).toEqual([]);
  });

  it('rolls back one transaction without touching another running at the same time', async () => {
    const prefix = `${randomUUID().slice(0, 8)}-`;
    const failing = database.transaction(async (tx) => {
      await insert(tx, `${prefix}F1`);
      await pause(10);
      await insert(tx, `${prefix}F2`);
      throw new Error('fail');
    });
    const succeeding = slowTransaction(prefix, 'S', 5);
    const [failed, succeeded] = await Promise.allSettled([failing, succeeding]);
    expect(failed.status).toBe('rejected');
    expect(succeeded.status).toBe('fulfilled');
    expect(await markers(prefix)).toEqual(['S1', 'S2', 'S3'].map((marker) => `${prefix}${marker}`));
  });

  it('rolls back a transaction whose statement fails in the database', async () => {
    const prefix = `${randomUUID().slice(0, 8)}-`;
    const failing = database.transaction(async (tx) => {
      await insert(tx, `${prefix}before`);
      await database.query(sql`insert into ${sql.identifier(table)} (seq, marker) values (-1, null)`, tx);
    });
    await expect(failing).rejects.toThrow();
    expect(await markers(prefix)).toEqual([]);
    // The connection is usable afterwards.
    await database.transaction(async (tx) => insert(tx, `${prefix}after`));
    expect(await markers(prefix)).toEqual([`${prefix}after`]);
  });
});
