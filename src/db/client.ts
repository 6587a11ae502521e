/**
 * Opens the database: PGlite on disk (embedded default) or PostgreSQL (DATABASE_URL).
 * Both are driven through Drizzle with the same schema and migrations.
 */
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import pg from 'pg';
import { AsyncLocalStorage } from 'node:async_hooks';
import * as schema from './schema.js';
import { projectPath } from '../platform/paths.js';
import type { DatabaseConfig } from '../platform/config.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** What repositories take: the database or a transaction (a transaction is a database). */
export type DbExecutor = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgresql';

export type Database = {
  readonly kind: DatabaseKind;
  readonly db: Db;
  /** Runs `work` in one transaction; on PGlite transactions run one at a time through one queue. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Raw query returning rows (for the few places where SQL is clearer than the query builder). */
  query<Row extends Record<string, unknown>>(statement: SQL, executor?: DbExecutor): Promise<Row[]>;
  /** Subscribes to a LISTEN/NOTIFY channel; returns the unsubscribe function. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  /** Whether the calling code runs inside `transaction(...)` (it must then use `tx`, never `db`). */
  isInsideTransaction(): boolean;
  /** Runs `work` while holding a cluster-wide lock (PostgreSQL advisory lock; PGlite is one process). */
  exclusive<T>(lockKey: number, work: () => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
};

const migrationLockKey = 724_691;

export const migrationsFolder = projectPath('src/db/migrations');

/** Serialises async work: one at a time, in arrival order. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

/** The rows of a raw `execute` result (both drivers answer `{ rows }`). */
export function rowsOf<Row>(result: unknown): Row[] {
  return (result as { rows: Row[] }).rows;
}

export async function openDatabase(config: DatabaseConfig, options: { poolSize?: number } = {}): Promise<Database> {
  return config.kind === 'postgresql' ? openPostgres(config.url, options.poolSize ?? 10) : openPglite(config.dataDir);
}

class OuterDatabaseInTransactionError extends Error {}

/** The types drizzle-orm/pglite reads as text: timestamp, timestamptz, interval, date and their arrays, numeric[]. */
const drizzleTextTypes = [1114, 1184, 1186, 1082, 1231, 1115, 1185, 1187, 1182];

/** `query(text, params, options)` with drizzle's per-query parsers removed (they are installed on the client). */
function withoutDrizzleParsers(args: unknown[]): unknown[] {
  const options = args[2] as { parsers?: Record<number, unknown> } | undefined;
  if (!options?.parsers) return args;
  const { parsers, ...rest } = options;
  for (const oid of Object.keys(parsers)) {
    if (!drizzleTextTypes.includes(Number(oid))) return args;
  }
  return [args[0], args[1], rest];
}

async function openPglite(dataDir: string | null): Promise<Database> {
  const client = dataDir ? await PGlite.create({ dataDir }) : await PGlite.create();
  // drizzle-orm/pglite passes the same type parsers with every query (dates, timestamps and
  // intervals as text), and PGlite then copies its whole parser table for each query — a sixth of
  // the CPU of a write. Install them once and drop them from the per-query options. (Set after
  // `create`: PGlite installs its array parsers while starting, over any given to the constructor.)
  const keepText = (value: string) => value;
  for (const oid of drizzleTextTypes) client.parsers[oid] = keepText;
  const insideTransaction = new AsyncLocalStorage<boolean>();
  // PGlite is one connection: a query on the outer database from inside a transaction would wait
  // for that transaction forever. Fail loudly instead, so such a bug shows up in the first test.
  for (const method of ['query', 'exec'] as const) {
    const original = client[method].bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      if (insideTransaction.getStore() === true) {
        return Promise.reject(
          new OuterDatabaseInTransactionError(
            'the outer database was used inside a transaction: use the transaction (tx) instead',
          ),
        );
      }
      return original(...withoutDrizzleParsers(args));
    };
  }
  const originalTransaction = client.transaction.bind(client);
  client.transaction = (work) =>
    originalTransaction((tx) => {
      const query = tx.query.bind(tx);
      tx.query = ((...args: unknown[]) =>
        (query as (...a: unknown[]) => Promise<unknown>)(...withoutDrizzleParsers(args))) as typeof tx.query;
      return work(tx);
    });
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  const queue = new SerialQueue();
  let closed = false;
  return {
    kind: 'pglite',
    db,
    transaction: (work) => queue.run(() => insideTransaction.run(true, () => db.transaction(work))),
    isInsideTransaction: () => insideTransaction.getStore() === true,
    query: async (statement, executor = db) => rowsOf(await executor.execute(statement)),
    listen: async (channel, onMessage) => {
      const unsubscribe = await client.listen(channel, onMessage);
      return async () => {
        if (!closed) await unsubscribe();
      };
    },
    exclusive: (_lockKey, work) => work(),
    ping: async () => {
      await client.query('select 1');
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await queue.run(() => client.close());
    },
  };
}

/** The application_name of the server's PostgreSQL connections. */
export const postgresApplicationName = 'renkei';

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  // Named, so that an operator (and `renkei restore`) can tell the server's connections apart.
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5000,
    application_name: postgresApplicationName,
  });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => undefined);
  const db = drizzlePostgres({ client: pool, schema }) as unknown as Db;
  let listener: pg.Client | null = null;
  const handlers = new Map<string, Set<(payload: string) => void>>();
  return {
    kind: 'postgresql',
    db,
    // A pool has other connections: code inside a transaction may read through `db` without
    // waiting for itself, so no tracking (AsyncLocalStorage costs every promise a little).
    transaction: (work) => db.transaction(work),
    isInsideTransaction: () => false,
    query: async (statement, executor = db) => rowsOf(await executor.execute(statement)),
    listen: async (channel, onMessage) => {
      if (!listener) {
        listener = new pg.Client({ connectionString: url, application_name: postgresApplicationName });
        listener.on('error', () => undefined);
        await listener.connect();
        listener.on('notification', (message) => {
          for (const handler of handlers.get(message.channel) ?? []) handler(message.payload ?? '');
        });
      }
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        await listener.query(`LISTEN "${channel.replace(/"/g, '')}"`);
      }
      set.add(onMessage);
      return async () => {
        set.delete(onMessage);
      };
    },
    exclusive: async (lockKey, work) => {
      const lockClient = new pg.Client({ connectionString: url, application_name: postgresApplicationName });
      await lockClient.connect();
      try {
        await lockClient.query('select pg_advisory_lock($1)', [lockKey]);
        return await work();
      } finally {
        await lockClient.end().catch(() => undefined);
      }
    },
    ping: async () => {
      await pool.query('select 1');
    },
    close: async () => {
      if (listener) await listener.end().catch(() => undefined);
      await pool.end();
    },
  };
}

/**
 * Applies the committed migrations. On PostgreSQL an advisory lock keeps several
 * starting instances from migrating at once.
 */
export async function migrate(database: Database): Promise<void> {
  const migrations = readMigrationFiles({ migrationsFolder });
  const dialectHolder = database.db as unknown as {
    dialect: { migrate(m: unknown, session: unknown, config: unknown): Promise<void> };
    session: unknown;
  };
  const config = { migrationsFolder };
  await database.exclusive(migrationLockKey, () =>
    dialectHolder.dialect.migrate(migrations, dialectHolder.session, config),
  );
}
