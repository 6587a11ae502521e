/** Starts the Renkei server: `node dist/src/main.js [--demo]` (npm start / npm run demo). */
import { loadConfig, ConfigError, usesSecureCookie } from './platform/config.js';
import { demoEmailDomain, isDemoAccountEmail } from './domain/demo-accounts.js';
import { openRuntime, StartupError } from './platform/runtime.js';
import { DataDirLockedError } from './platform/data-dir.js';
import { systemClock } from './platform/clock.js';
import { buildApp } from './server.js';
import { loadReferenceData } from './features/seed/reference-data.js';
import { demoPassword, seedDemo } from './features/seed/demo-seed.js';
import { injectRequest, seedDemoScenarios } from './features/seed/demo-scenarios.js';
import { roleLabels } from './domain/labels.js';
import { eq } from 'drizzle-orm';
import { users } from './db/schema.js';

async function main(): Promise<void> {
  const isDemo = process.argv.includes('--demo');
  const config = loadConfig(process.env, { demo: isDemo });
  const runtime = await openRuntime(config);
  const clock = systemClock;

  const reference = await loadReferenceData(runtime.database, clock.now());
  const logins = isDemo ? await seedDemo(runtime.database, clock.now()) : [];

  const { app, stop, jobs, prepare, beginDraining } = await buildApp({
    config,
    database: runtime.database,
    clock,
    secretBox: runtime.secretBox,
    serveWeb: true,
  });
  // Example work in progress (demo only; once per database, then one query).
  const scenarios = isDemo
    ? await seedDemoScenarios({ database: runtime.database, request: injectRequest(app), now: clock.now() }).catch(
        (error: unknown) => {
          app.log.warn({ err: error }, 'demo scenarios could not be created');
          return null;
        },
      )
    : null;

  let isShuttingDown = false;
  const shutdown = async (signal: string) => {
    if (isShuttingDown) return;
    isShuttingDown = true;
    app.log.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down: draining requests');
    const timer = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 15_000 + config.shutdownGraceMs);
    try {
      // Still serving for a moment, every answer closing its connection; then close.
      beginDraining();
      await new Promise((resolve) => setTimeout(resolve, config.shutdownGraceMs));
      stop();
      await app.close();
      await runtime.close();
    } finally {
      clearTimeout(timer);
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  await prepare();
  if (config.jobsEnabled) jobs.start();
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  const lines = [
    '',
    `Renkei（連携）が起動しました: ${url}`,
    `  データベース: ${runtime.database.kind === 'pglite' ? `PGlite (${config.dataDir})` : 'PostgreSQL'}`,
    `  参照データ: 地域 +${reference.areas}, 組織 +${reference.organizations}`,
  ];
  if (isDemo) {
    lines.push(`  デモ用ログイン（パスワード: ${demoPassword}）:`);
    for (const login of logins) {
      lines.push(
        `    ${login.email.padEnd(28)} ${roleLabels[login.role]}${login.organizationName ? ` — ${login.organizationName}` : ''}`,
      );
    }
    lines.push('  ※ デモの患者は架空です。対応能力・受入状況はデモ用の値です。');
    if (scenarios?.status === 'seeded') lines.push(`  デモの事例を作成しました: ${scenarios.created.join(', ')}`);
    for (const note of scenarios?.notes ?? []) lines.push(`  （デモの事例）${note}`);
  } else {
    const accounts = await activeAccounts(runtime.database);
    if (accounts.demo > 0)
      lines.push(
        `  注意: デモ用のアカウント（@${demoEmailDomain}）が ${accounts.demo} 件あります。デモモード以外ではログインできません。`,
        '  本番のデータには、デモとは別のデータフォルダ（RENKEI_DATA_DIR）か PostgreSQL を使ってください。',
      );
    if (!accounts.hasRealAdmin) lines.push(...firstAdminHint(runtime.database.kind, config.dataDir));
    if (usesSecureCookie(config))
      lines.push(
        `  HOST=${config.host}: ログインの Cookie は Secure（HTTPS のみ）です。HTTPS の入口（TLS を終端するリバースプロキシ）から開いてください。`,
      );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

/** How to create the first administrator (a fresh production database: nobody can sign in yet). */
function firstAdminHint(kind: 'pglite' | 'postgresql', dataDir: string): string[] {
  const where =
    kind === 'pglite' ? `RENKEI_DATA_DIR=${dataDir}` : 'DATABASE_URL=<同じ接続先> RENKEI_SECRET=<同じ秘密鍵>';
  return [
    '  管理者がまだ登録されていません。最初の管理者は CLI で作成します' +
      (kind === 'pglite' ? '（PGlite ではサーバーを止めてから）' : '') +
      ':',
    `    ${where} npm run renkei -- create-user --email <メール> --name "<氏名>" --role admin`,
    '  表示される初期パスワードでログインし、二要素認証の設定とパスワードの変更をしてください。',
  ];
}

/** Active accounts: how many are the demo's, and whether a real (non-demo) administrator exists. */
async function activeAccounts(database: Awaited<ReturnType<typeof openRuntime>>['database']) {
  const rows = await database.db
    .select({ email: users.email, role: users.role })
    .from(users)
    .where(eq(users.isDisabled, false));
  return {
    demo: rows.filter((row) => isDemoAccountEmail(row.email)).length,
    hasRealAdmin: rows.some((row) => row.role === 'admin' && !isDemoAccountEmail(row.email)),
  };
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError || error instanceof DataDirLockedError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `Renkei could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
