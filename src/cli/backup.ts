/**
 * Backup and restore. PGlite: a compressed copy of the data directory (dumpDataDir), taken while
 * holding the directory lock. PostgreSQL: pg_dump / pg_restore in their custom format.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Config } from '../platform/config.js';
import { lockDataDir } from '../platform/data-dir.js';

export class BackupError extends Error {}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', (error) => reject(new BackupError(`${command} を実行できません: ${error.message}`)));
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${command} が失敗しました (exit ${code ?? 'signal'})`)),
    );
  });
}

export async function backup(config: Config, file: string): Promise<string> {
  const target = path.resolve(file);
  if (config.database.kind === 'postgresql') {
    await run('pg_dump', ['--format=custom', '--no-owner', `--file=${target}`, config.database.url]);
    return target;
  }
  const dataDir = config.database.dataDir;
  if (!dataDir) throw new BackupError('no data directory');
  const lock = lockDataDir(dataDir);
  try {
    const database = await PGlite.create({ dataDir });
    const dump = await database.dumpDataDir('gzip');
    await database.close();
    await writeFile(target, Buffer.from(await dump.arrayBuffer()));
    return target;
  } finally {
    lock.release();
  }
}

export async function restore(config: Config, file: string, options: { force: boolean }): Promise<void> {
  const source = path.resolve(file);
  if (!existsSync(source)) throw new BackupError(`${source} がありません`);
  if (config.database.kind === 'postgresql') {
    await run('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${config.database.url}`, source]);
    return;
  }
  const dataDir = config.database.dataDir;
  if (!dataDir) throw new BackupError('no data directory');
  const lock = lockDataDir(dataDir);
  try {
    const hasData =
      existsSync(dataDir) && readdirSync(dataDir).some((entry) => !['renkei.lock', 'secret'].includes(entry));
    if (hasData && !options.force) {
      throw new BackupError(
        `${dataDir} には既にデータがあります。上書きするには --force を付けてください（現在のデータは退避されます）。`,
      );
    }
    if (hasData) {
      const aside = `${dataDir}.before-restore-${Date.now()}`;
      renameSync(dataDir, aside);
      // The secret encrypts two-factor keys: the restored data needs the same one.
      mkdirSync(dataDir, { recursive: true });
      if (existsSync(path.join(aside, 'secret')))
        copyFileSync(path.join(aside, 'secret'), path.join(dataDir, 'secret'));
    }
    const blob = new Blob([await readFile(source)]);
    const database = await PGlite.create({ dataDir, loadDataDir: blob });
    await database.query('select 1');
    await database.close();
  } finally {
    lock.release();
  }
}
