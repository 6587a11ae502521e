/**
 * `renkei backup` and `renkei restore` on the run's database kind: a backup brings back what it
 * held, and a restore never silently overwrites — it refuses a database that holds data unless
 * --force (and then keeps what it replaced), and on PostgreSQL refuses while anything else (a
 * running server) is connected.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig, type Config } from '../platform/config.js';
import { migrate, openDatabase, postgresApplicationName } from '../db/client.js';
import { testDatabaseKind } from '../../test/helpers/test-app.js';
import { backup, BackupError, restore } from './backup.js';

const onPostgres = testDatabaseKind() === 'postgresql';

describe(`backup and restore (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let folder: string;
  let config: Config;
  let adminUrl: URL | null = null;
  let databaseName = '';

  async function withDatabase<T>(work: (database: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
    const database = await openDatabase(config.database, { poolSize: 1 });
    try {
      return await work(database);
    } finally {
      await database.close();
    }
  }
  const addArea = (code: string) =>
    withDatabase((database) =>
      database.query(
        sql`INSERT INTO areas (code, name, full_name, kind, source) VALUES (${code}, ${code}, ${code}, 'ward', 'test')`,
      ),
    );
  const areaCodes = () =>
    withDatabase(async (database) =>
      (await database.query<{ code: string }>(sql`SELECT code FROM areas ORDER BY code`)).map((row) => row.code),
    );

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'renkei-backup-'));
    if (onPostgres) {
      adminUrl = new URL(inject('postgresUrl'));
      adminUrl.pathname = '/postgres';
      databaseName = `renkei_restore_${randomUUID().slice(0, 8)}`;
      const admin = new pg.Client({ connectionString: adminUrl.toString() });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${databaseName}"`);
      await admin.end();
      const url = new URL(adminUrl.toString());
      url.pathname = `/${databaseName}`;
      config = loadConfig({ DATABASE_URL: url.toString(), LOG_LEVEL: 'silent' }, { demo: false });
    } else {
      config = loadConfig({ RENKEI_DATA_DIR: path.join(folder, 'data'), LOG_LEVEL: 'silent' }, { demo: false });
    }
    await withDatabase((database) => migrate(database));
  });
  afterAll(async () => {
    if (adminUrl) {
      const admin = new pg.Client({ connectionString: adminUrl.toString() });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
      await admin.end();
    }
    await rm(folder, { recursive: true, force: true });
  });

  it('refuses to overwrite data without --force, keeps what it replaced with --force, and brings the backup back', async () => {
    await addArea('T-BEFORE');
    const file = path.join(folder, 'renkei.backup');
    await backup(config, file);
    await addArea('T-AFTER');

    await expect(restore(config, file, { force: false })).rejects.toThrow(BackupError);
    await expect(restore(config, file, { force: false })).rejects.toThrow(/既にデータがあります.*--force/);
    expect(await areaCodes()).toContain('T-AFTER');

    const { savedTo } = await restore(config, file, { force: true });
    expect(await areaCodes()).toContain('T-BEFORE');
    expect(await areaCodes()).not.toContain('T-AFTER');
    expect(savedTo).not.toBeNull();
    expect(existsSync(savedTo ?? '')).toBe(true);
  }, 120_000);

  it('keeps an existing file unless --force, and leaves no partial file behind', async () => {
    const file = path.join(folder, 'kept.backup');
    await writeFile(file, 'an older backup');
    await expect(backup(config, file)).rejects.toThrow(/既にあります.*--force/);
    expect(await readFile(file, 'utf8')).toBe('an older backup');
    await expect(backup(config, folder)).rejects.toThrow(/フォルダー/);

    await backup(config, file, { force: true });
    expect((await readFile(file)).length).toBeGreaterThan(100);
    expect((await readdir(folder)).filter((name) => name.endsWith('.partial'))).toEqual([]);
  }, 120_000);

  it.runIf(!onPostgres)('refuses to back up a data folder that holds no database, creating nothing', async () => {
    const empty = path.join(folder, 'typo-data-dir');
    const mistyped = { ...config, database: { kind: 'pglite' as const, dataDir: empty } };
    await expect(backup(mistyped, path.join(folder, 'typo.backup'))).rejects.toThrow(/データベースがありません/);
    expect(existsSync(empty)).toBe(false);
    expect(existsSync(path.join(folder, 'typo.backup'))).toBe(false);
  });

  it.runIf(!onPostgres)(
    'keeps the data folder locked during a restore and leaves no stale lock behind',
    async () => {
      const file = path.join(folder, 'locked.backup');
      await backup(config, file);
      const dataDir = (config.database as { dataDir: string }).dataDir;
      const { savedTo } = await restore(config, file, { force: true });
      expect(existsSync(path.join(dataDir, 'renkei.lock'))).toBe(false);
      expect(existsSync(path.join(savedTo ?? '', 'renkei.lock'))).toBe(false);
    },
    120_000,
  );

  it('refuses a file that is not a backup before touching or dumping anything', async () => {
    const file = path.join(folder, 'not-a-backup.csv');
    await writeFile(file, 'name,address\nクリニック,岡山市北区\n');
    const before = (await readdir(folder)).sort();
    await expect(restore(config, file, { force: true })).rejects.toThrow(BackupError);
    expect((await readdir(folder)).sort()).toEqual(before);
    expect(await areaCodes()).toContain('T-BEFORE');
  }, 120_000);

  it.runIf(onPostgres)(
    'refuses to restore while a server is connected to the database, even with --force',
    async () => {
      const file = path.join(folder, 'running.backup');
      await backup(config, file);
      const server = new pg.Client({
        connectionString: (config.database as { url: string }).url,
        application_name: postgresApplicationName,
      });
      await server.connect();
      try {
        await expect(restore(config, file, { force: true })).rejects.toThrow(/他に 1 件の接続があります（renkei）/);
      } finally {
        await server.end();
      }
    },
    120_000,
  );
});
