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

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    const known =
      error instanceof CliError ||
      error instanceof ConfigError ||
      error instanceof StartupError ||
      error instanceof DataDirLockedError ||
      error instanceof BackupError ||
      (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
    // Failures the user can act on (a file in the way, no permission): the message, not a stack.
    const explained = error instanceof ExportWriteError;
    process.stderr.write(
      `${known || explained ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = known ? 2 : 1;
  });
