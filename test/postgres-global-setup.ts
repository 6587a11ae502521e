/**
 * For the int-postgres project: creates a fresh database on the local PostgreSQL for this run,
 * migrates it, and drops it afterwards. Tests find it in RENKEI_TEST_DATABASE_URL.
 */
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate, openDatabase } from '../src/db/client.js';

const adminUrl = process.env.RENKEI_TEST_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const name = `renkei_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const database = await openDatabase({ kind: 'postgresql', url: databaseUrl }, { poolSize: 2 });
  await migrate(database);
  await database.close();
  project.provide('postgresUrl', databaseUrl);
  process.env.RENKEI_TEST_DATABASE_URL = databaseUrl;
  return async () => {
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await cleanup.end();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
