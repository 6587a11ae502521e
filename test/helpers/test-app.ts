/**
 * Starts a real Renkei server for API tests: real HTTP on a free port, a real database —
 * a fresh in-memory PGlite per test file, or the run's PostgreSQL database (RENKEI_TEST_DB).
 */
import { inject } from 'vitest';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { loadConfig, type Config } from '../../src/platform/config.js';
import { migrate, openDatabase, type Database } from '../../src/db/client.js';
import { createSecretBox } from '../../src/platform/crypto.js';
import { fixedClock, type Clock } from '../../src/platform/clock.js';
import { buildApp } from '../../src/server.js';
import { areas } from '../../src/db/schema.js';
import { okayamaFiles } from '../../src/features/seed/okayama-files.js';
import { loadReferenceData } from '../../src/features/seed/reference-data.js';
import { registerResponseContractCheck } from './response-contract.js';

export type TestDatabaseKind = 'pglite' | 'postgresql';

export function testDatabaseKind(): TestDatabaseKind {
  return process.env.RENKEI_TEST_DB === 'postgresql' ? 'postgresql' : 'pglite';
}

export type TestApp = {
  baseUrl: string;
  database: Database;
  clock: Clock & { advance(milliseconds: number): void; set(date: Date): void };
  config: Config;
  /** Runs the background jobs that are due at the test clock's "now". */
  runDueJobs(): Promise<number>;
  close(): Promise<void>;
};

export type TestAppOptions = {
  /** 'areas' (default) loads the wards only; 'full' also the real organisations. */
  referenceData?: 'none' | 'areas' | 'full';
  env?: Record<string, string>;
  demo?: boolean;
  start?: Date;
  /**
   * PostgreSQL only: a database of this test file's own instead of the run's shared one — for
   * tests that count or page through everything and would see other files' rows appear, and for
   * every file that calls `runDueJobs` (it runs every due job of its database, other files' too).
   */
  isolated?: boolean;
  /** Serve a built web client from this folder (as production serves web/dist). */
  webRoot?: string;
};

/** Creates (and later drops) a fresh PostgreSQL database next to the run's one. */
async function isolatedPostgres(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const shared = new URL(inject('postgresUrl'));
  const name = `${shared.pathname.slice(1)}_iso_${randomUUID().slice(0, 8)}`;
  const admin = new URL(shared.toString());
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(shared.toString());
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgresql', url: url.toString() }, { poolSize: 8 });
  await migrate(database);
  return {
    database,
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: admin.toString() });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** Opens a database of the run's kind, migrated. */
export async function openTestDatabase(): Promise<Database> {
  if (testDatabaseKind() === 'postgresql') {
    const url = inject('postgresUrl');
    return openDatabase({ kind: 'postgresql', url }, { poolSize: 8 });
  }
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  await migrate(database);
  return database;
}

async function loadAreas(database: Database): Promise<void> {
  const records = okayamaFiles.areas();
  const sorted = [...records].sort((a, b) => Number(a.parentCode !== null) - Number(b.parentCode !== null));
  for (const record of sorted) {
    await database.db
      .insert(areas)
      .values({
        code: record.code,
        code6: record.code6,
        name: record.name,
        fullName: record.fullName,
        kind: record.kind,
        parentCode: record.parentCode,
        centroidLat: record.centroid?.lat ?? null,
        centroidLng: record.centroid?.lng ?? null,
        boundary: record.boundary ?? null,
        source: 'geo-boundaries',
      })
      .onConflictDoNothing();
  }
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const isolated = options.isolated && testDatabaseKind() === 'postgresql' ? await isolatedPostgres() : null;
  const database = isolated?.database ?? (await openTestDatabase());
  const clock = fixedClock(options.start ?? new Date());
  const referenceData = options.referenceData ?? 'areas';
  if (referenceData === 'full') await loadReferenceData(database, clock.now());
  else if (referenceData === 'areas') await loadAreas(database);
  const config = loadConfig(
    {
      RENKEI_REQUIRE_MFA: 'false',
      LOG_LEVEL: 'silent',
      RENKEI_SECRET: `test-secret-${randomUUID()}`,
      RENKEI_JOBS: 'false',
      ...options.env,
    },
    { demo: options.demo ?? false },
  );
  const { app, stop, jobs, prepare } = await buildApp({
    config,
    database,
    clock,
    secretBox: createSecretBox(config.secret ?? 'x'.repeat(32)),
    logger: false,
    ...(options.webRoot ? { serveWeb: true, webRoot: options.webRoot } : {}),
  });
  // Every answer a test provokes is held to the OpenAPI document's word for its route.
  registerResponseContractCheck(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  await prepare();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    database,
    clock,
    config,
    runDueJobs: () => jobs.runDue(),
    async close() {
      stop();
      await app.close();
      await database.close();
      await isolated?.drop();
    },
  };
}
