/**
 * The `renkei` command line (CONTRACT §1): `npm run renkei -- <command>`.
 *   migrate · seed-demo · create-user · backup <file> · restore <file> · import <format> <file> · export <hsds|fhir> <dir>
 */
import { parseArgs } from 'node:util';
import { loadConfig, ConfigError } from '../platform/config.js';
import { StartupError } from '../platform/runtime.js';
import { DataDirLockedError } from '../platform/data-dir.js';
import { ExportWriteError } from '../features/exports/export.service.js';
import { BackupError } from './backup.js';
import { commands, CliError, type CliCommand } from './commands.js';

const usage = `使い方 / usage: npm run renkei -- <command> [options]

  migrate                         データベースのマイグレーションを適用 / apply migrations
  seed-demo [--force]             岡山市の参照データとデモデータを読み込む（デモ以外の利用者がいる DB では --force が必要） / load reference + demo data
  create-user --email <e> --name <n> --role <role> [--organization-id <uuid>] [--password <p>]
                                  利用者を作成（パスワード省略時は生成して表示）/ create a user
  backup <file> [--force]         バックアップを作成 / write a backup (--force: replace an existing file)
  restore <file> [--force]        バックアップから復元 / restore a backup (server must be stopped)
  import <mhlw-kaigo|med-inst-codes|renkei-csv|mhlw-iryo> <file> [--dry-run] [--encoding auto|utf8|sjis] [--skip-invalid]
                                  mhlw-kaigo | mhlw-iryo | med-inst-codes | renkei-csv
  export <hsds|fhir> <dir>        HSDS 3.0 / FHIR R4 を書き出す / export the directory

環境変数 / environment: DATABASE_URL, RENKEI_DATA_DIR (default ./.renkei), RENKEI_SECRET`;

async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(`${usage}\n`);
    return name ? 0 : 2;
  }
  const command: CliCommand | undefined = commands[name];
  if (!command) {
    process.stderr.write(`不明なコマンドです / unknown command: ${name}\n\n${usage}\n`);
    return 2;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    options: command.options,
    allowPositionals: true,
    strict: true,
  });
  const config = loadConfig(process.env, { demo: name === 'seed-demo' });
  return command.run({ config, values, positionals, out: (line) => process.stdout.write(`${line}\n`) });
}

/** File-system failures (a path that does not exist, no permission, a full disk) in words. */
const fileSystemReasons: Record<string, string> = {
  ENOENT: 'ファイルまたはフォルダがありません / no such file or folder',
  EISDIR: 'ファイルではなくフォルダです / is a folder',
  ENOTDIR: 'パスの途中がフォルダではありません / a part of the path is not a folder',
  EACCES: '権限がありません / permission denied',
  EPERM: '権限がありません / not permitted',
  EROFS: '読み取り専用の場所です / read-only file system',
  ENOSPC: 'ディスクの空きがありません / no space left on the disk',
  EEXIST: '既に存在します / already exists',
};

/** Database connection failures (server down, unknown database or role) in words. */
const connectionReasons: Record<string, string> = {
  ECONNREFUSED:
    'データベースに接続できません（サーバーが起動していないか、ホスト・ポートが違います） / cannot connect to the database',
  ENOTFOUND: 'データベースのホスト名が見つかりません / unknown database host',
  '3D000': 'データベースが存在しません（DATABASE_URL を確かめてください） / the database does not exist',
  '28000': 'データベースの利用者（ロール）が認められていません / the database role is not allowed',
  '28P01': 'データベースのパスワードが違います / wrong database password',
};

/**
 * The message of an error the user can act on, with the exit code: 2 for a wrong command, argument or
 * setting; 1 for a failure of the file system or the database; null for a defect (printed with its stack).
 */
function explanation(error: unknown): { message: string; exitCode: number } | null {
  if (
    error instanceof CliError ||
    error instanceof ConfigError ||
    error instanceof StartupError ||
    error instanceof DataDirLockedError ||
    error instanceof BackupError
  )
    return { message: error.message, exitCode: 2 };
  if (error instanceof ExportWriteError) return { message: error.message, exitCode: 1 };
  if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    return { message: `引数が正しくありません / invalid arguments: ${error.message}\n\n${usage}`, exitCode: 2 };
  if (error instanceof Error) {
    const { code, path: where, syscall } = error as NodeJS.ErrnoException;
    if (code && syscall && fileSystemReasons[code])
      return { message: where ? `${where} — ${fileSystemReasons[code]}` : fileSystemReasons[code], exitCode: 1 };
    if (code && connectionReasons[code]) return { message: connectionReasons[code], exitCode: 1 };
  }
  return null;
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    const explained = explanation(error);
    process.stderr.write(
      `${explained?.message ?? (error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`,
    );
    process.exitCode = explained?.exitCode ?? 1;
  });
