/**
 * The `renkei` command line as an operator meets it: a mistake in what they typed is explained in
 * Japanese, without a stack trace (exit 2 for what was typed, 1 for the file system or the database). Runs the real CLI in a process of its own, on a
 * PGlite data folder of its own.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../platform/paths.js';

const run = promisify(execFile);

async function renkei(
  args: string[],
  dataDir: string,
  extraEnv: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  // PGlite in a folder of its own, whichever database the test run uses.
  const { DATABASE_URL: _postgres, ...inherited } = process.env;
  const env = { ...inherited, RENKEI_DATA_DIR: dataDir, ...extraEnv };
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/renkei.ts', ...args], {
      cwd: projectPath('.'),
      env,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('renkei CLI errors', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'renkei-cli-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('export hsds into an existing regular file: a Japanese message, exit code 1, no stack trace', async () => {
    const file = path.join(folder, 'existing-file');
    await writeFile(file, '');
    await renkei(['migrate'], path.join(folder, 'data'));
    const result = await renkei(['export', 'hsds', file], path.join(folder, 'data'));
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `書き出せません: ${file} — フォルダではなくファイルです。書き出し先にはフォルダ（新しく作るか、既存のもの）を指定してください。`,
    );
    expect(result.stderr).not.toMatch(/EEXIST|\n\s+at /);
  }, 120_000);

  it('migrate prepares the database as a start of the server does: the product’s renkei-csv example imports right after', async () => {
    const data = path.join(folder, 'migrated');
    const migrated = await renkei(['migrate'], data);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stdout).toMatch(/参照データ: 地域 \+\d+/);
    const imported = await renkei(['import', 'renkei-csv', 'data/templates/renkei-csv-example.csv'], data);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/3/);
    // A second migrate adds nothing.
    const again = await renkei(['migrate'], data);
    expect(again.stdout).toContain('参照データ: 地域 +0, 組織 +0');
  }, 400_000);

  it('create-user refuses a malformed email, an organisation id that is not a UUID and the demo domain: exit 2, no stack', async () => {
    const data = path.join(folder, 'users');
    const cases: [string[], RegExp][] = [
      [['--email', 'bad-email', '--name', 'X', '--role', 'admin'], /^--email の形式が正しくありません: bad-email$/],
      [
        ['--email', 'y@example.jp', '--name', 'Y', '--role', 'provider', '--organization-id', 'nope'],
        /^--organization-id は組織の ID（UUID）です: nope$/,
      ],
      [['--email', 'boss@demo.renkei.jp', '--name', 'Z', '--role', 'admin'], /デモ用のアカウントに予約されています/],
      [['--email', 'long@example.jp', '--name', '名'.repeat(101), '--role', 'admin'], /--name は100文字以内です/],
    ];
    for (const [args, message] of cases) {
      const result = await renkei(['create-user', ...args], data);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trim()).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  }, 120_000);

  it('explains a path that does not exist, a wrong argument and an unreachable database, without a stack', async () => {
    const data = path.join(folder, 'explained');
    await renkei(['migrate'], data);
    const noFolder = await renkei(['backup', path.join(folder, 'no-such-folder', 'x.backup')], data);
    expect(noFolder.code).toBe(2);
    expect(noFolder.stderr).toMatch(/no-such-folder.*フォルダーがありません/);
    const unknownOption = await renkei(['migrate', '--bogus'], data);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toMatch(/引数が正しくありません/);
    const unreachable = await renkei(['migrate'], data, {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      RENKEI_SECRET: 'a-test-secret-of-at-least-32-characters',
    });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/データベースに接続できません/);
    const mistyped = path.join(folder, 'mistyped-data-dir');
    const nothing = await renkei(['export', 'hsds', path.join(folder, 'out')], mistyped);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/Renkei のデータベースがありません/);
    expect(existsSync(mistyped)).toBe(false);
    for (const result of [noFolder, unknownOption, unreachable, nothing]) expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);

  it('seed-demo refuses a database that has real accounts (the demo password is public) unless --force', async () => {
    const data = path.join(folder, 'production');
    const created = await renkei(
      ['create-user', '--email', 'admin@example.jp', '--name', '管理者', '--role', 'admin'],
      data,
    );
    expect(created.code, created.stderr).toBe(0);
    const refused = await renkei(['seed-demo'], data);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/デモ以外の利用者が 1 人います.*--force/);
  }, 120_000);
});
