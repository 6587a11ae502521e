/**
 * The `renkei` command line as an operator meets it: a mistake in what they typed is explained in
 * Japanese, with exit code 1 and no stack trace. Runs the real CLI in a process of its own, on a
 * PGlite data folder of its own.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../platform/paths.js';

const run = promisify(execFile);

async function renkei(args: string[], dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  // PGlite in a folder of its own, whichever database the test run uses.
  const { DATABASE_URL: _postgres, ...inherited } = process.env;
  const env = { ...inherited, RENKEI_DATA_DIR: dataDir };
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
    const result = await renkei(['export', 'hsds', file], path.join(folder, 'data'));
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `書き出せません: ${file} — フォルダではなくファイルです。書き出し先にはフォルダ（新しく作るか、既存のもの）を指定してください。`,
    );
    expect(result.stderr).not.toMatch(/EEXIST|\n\s+at /);
  }, 120_000);

  it('create-user refuses a malformed email, an organisation id that is not a UUID and the demo domain: exit 2, no stack', async () => {
    const data = path.join(folder, 'users');
    const cases: [string[], RegExp][] = [
      [['--email', 'bad-email', '--name', 'X', '--role', 'admin'], /^--email の形式が正しくありません: bad-email$/],
      [
        ['--email', 'y@example.jp', '--name', 'Y', '--role', 'provider', '--organization-id', 'nope'],
        /^--organization-id は組織の ID（UUID）です: nope$/,
      ],
      [['--email', 'boss@demo.renkei.jp', '--name', 'Z', '--role', 'admin'], /デモ用のアカウントに予約されています/],
    ];
    for (const [args, message] of cases) {
      const result = await renkei(['create-user', ...args], data);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trim()).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
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
