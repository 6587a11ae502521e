/**
 * Backup and restore. PGlite: a compressed copy of the data directory (dumpDataDir), taken while
 * holding the directory lock. PostgreSQL: pg_dump / pg_restore in their custom format.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Config } from '../platform/config.js';
import { lockDataDir } from '../platform/data-dir.js';

export class BackupError extends Error {}

function run(command: string, args: string[], options: { quiet?: boolean } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', options.quiet ? 'ignore' : 'inherit', options.quiet ? 'ignore' : 'inherit'],
    });
    child.on('error', (error) => reject(new BackupError(`${command} を実行できません: ${error.message}`)));
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${command} が失敗しました (exit ${code ?? 'signal'})`)),
    );
  });
}

/**
 * Writes a backup to `file`. An existing file is kept unless `force` (an old backup is often the one
 * that matters), and the backup is written to a temporary file beside it and renamed into place at
 * the end, so a failed or interrupted run never leaves a half-written file under the given name.
 */
export async function backup(config: Config, file: string, options: { force?: boolean } = {}): Promise<string> {
  const target = path.resolve(file);
  if (existsSync(target)) {
    if (statSync(target).isDirectory())
      throw new BackupError(`${target} はフォルダーです。ファイル名を指定してください。`);
    if (!options.force) throw new BackupError(`${target} は既にあります。上書きするには --force を付けてください。`);
  }
  if (!existsSync(path.dirname(target)))
    throw new BackupError(`${path.dirname(target)} というフォルダーがありません。`);
  const partial = `${target}.${process.pid}.partial`;
  try {
    if (config.database.kind === 'postgresql') {
      await run('pg_dump', ['--format=custom', '--no-owner', `--file=${partial}`, config.database.url]);
    } else {
      const dataDir = config.database.dataDir;
      if (!dataDir) throw new BackupError('no data directory');
      // Never initialise an empty database to back it up (a mistyped RENKEI_DATA_DIR).
      if (!existsSync(path.join(dataDir, 'PG_VERSION')))
        throw new BackupError(
          `${dataDir} に Renkei のデータベースがありません（RENKEI_DATA_DIR を確かめてください）。`,
        );
      const lock = lockDataDir(dataDir);
      try {
        const database = await PGlite.create({ dataDir });
        const dump = await database.dumpDataDir('gzip');
        await database.close();
        await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
      } finally {
        lock.release();
      }
    }
    renameSync(partial, target);
    return target;
  } finally {
    rmSync(partial, { force: true });
  }
}

/** Whether the bytes are a PGlite data-directory dump: a gzip'd tar holding a PG_VERSION file. */
function isPgliteDump(bytes: Buffer): boolean {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return false;
  try {
    return gunzipSync(bytes).includes('PG_VERSION');
  } catch {
    return false;
  }
}

/** What a restore into a PostgreSQL database would overwrite, and who else is connected to it. */
async function postgresTarget(url: string): Promise<{ hasData: boolean; others: string[] }> {
  const client = new pg.Client({ connectionString: url, application_name: 'renkei-restore' });
  try {
    await client.connect();
  } catch (error) {
    throw new BackupError(`データベースに接続できません: ${(error as Error).message}`);
  }
  try {
    const tables = await client.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
    );
    const sessions = await client.query<{ name: string }>(
      `SELECT coalesce(nullif(application_name, ''), '名前なし') AS name FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
    );
    return { hasData: (tables.rows[0]?.count ?? 0) > 0, others: sessions.rows.map((row) => row.name) };
  } finally {
    await client.end();
  }
}

/**
 * PostgreSQL: refuses while anything else is connected (a running server would go on writing into
 * the restored database, or lose its writes to it) and, without --force, when the database holds
 * anything; with --force the current contents are first written next to the backup (pg_dump), so a
 * mistaken restore can be undone — as PGlite keeps its old folder.
 */
async function restorePostgres(url: string, source: string, options: { force: boolean }): Promise<RestoreResult> {
  // A file that is not a pg_dump archive is refused before anything is touched or dumped.
  try {
    await run('pg_restore', ['--list', source], { quiet: true });
  } catch {
    throw new BackupError(`${source} は PostgreSQL のバックアップ（renkei backup / pg_dump の形式）ではありません。`);
  }
  const target = await postgresTarget(url);
  if (target.others.length > 0) {
    const names = [...new Set(target.others)].join('、');
    throw new BackupError(
      `このデータベースには他に ${target.others.length} 件の接続があります（${names}）。サーバーをすべて止めてから復元してください。`,
    );
  }
  let savedTo: string | null = null;
  if (target.hasData) {
    if (!options.force) {
      throw new BackupError(
        'このデータベースには既にデータがあります。上書きするには --force を付けてください（現在の内容は復元の前にファイルへ書き出されます）。',
      );
    }
    savedTo = path.join(path.dirname(source), `${path.basename(source)}.before-restore-${Date.now()}.dump`);
    await run('pg_dump', ['--format=custom', '--no-owner', `--file=${savedTo}`, url]);
  }
  await run('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${url}`, source]);
  return { savedTo };
}

/** Where the contents that the restore replaced were kept (null when there were none). */
export type RestoreResult = { savedTo: string | null };

export async function restore(config: Config, file: string, options: { force: boolean }): Promise<RestoreResult> {
  const source = path.resolve(file);
  if (!existsSync(source)) throw new BackupError(`${source} がありません`);
  if (config.database.kind === 'postgresql') return restorePostgres(config.database.url, source, options);
  const dataDir = config.database.dataDir;
  if (!dataDir) throw new BackupError('no data directory');
  const bytes = await readFile(source);
  if (!isPgliteDump(bytes))
    throw new BackupError(`${source} は PGlite のバックアップ（renkei backup の形式）ではありません。`);
  const lock = lockDataDir(dataDir);
  try {
    const hasData =
      existsSync(dataDir) && readdirSync(dataDir).some((entry) => !['renkei.lock', 'secret'].includes(entry));
    if (hasData && !options.force) {
      throw new BackupError(
        `${dataDir} には既にデータがあります。上書きするには --force を付けてください（現在のデータは退避されます）。`,
      );
    }
    let savedTo: string | null = null;
    if (hasData) {
      const aside = `${dataDir}.before-restore-${Date.now()}`;
      savedTo = aside;
      renameSync(dataDir, aside);
      // The lock went aside with the old data: lock the new folder at once (the release below removes
      // this one), so that no server or command opens it while it is being restored.
      try {
        lockDataDir(dataDir);
      } catch (error) {
        if (!existsSync(path.join(dataDir, 'PG_VERSION'))) rmSync(dataDir, { recursive: true, force: true });
        if (!existsSync(dataDir)) renameSync(aside, dataDir);
        throw error;
      }
      rmSync(path.join(aside, 'renkei.lock'), { force: true });
      // The secret encrypts two-factor keys: the restored data needs the same one.
      if (existsSync(path.join(aside, 'secret')))
        copyFileSync(path.join(aside, 'secret'), path.join(dataDir, 'secret'));
    }
    try {
      const database = await PGlite.create({ dataDir, loadDataDir: new Blob([bytes]) });
      await database.query('select 1');
      await database.close();
    } catch (error) {
      // Put the data back as it was: a failed restore changes nothing.
      if (savedTo) {
        rmSync(dataDir, { recursive: true, force: true });
        renameSync(savedTo, dataDir);
        // Held until the release below, as before the restore began.
        writeFileSync(path.join(dataDir, 'renkei.lock'), `${process.pid}\n`, { mode: 0o600 });
      }
      throw new BackupError(`復元できませんでした（${(error as Error).message}）。元のデータはそのままです。`);
    }
    return { savedTo };
  } finally {
    lock.release();
  }
}
