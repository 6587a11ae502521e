/** The CLI's commands. Each opens the runtime it needs and closes it, so the process exits cleanly. */
import { accountOrganizationKinds, accountOrganizationProblem } from '../domain/policies/user-policy.js';
import { randomBytes, randomUUID } from 'node:crypto';
import type { ParseArgsConfig } from 'node:util';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { demoEmailDomain, isDemoAccountEmail } from '../domain/demo-accounts.js';
import type { Config } from '../platform/config.js';
import { openRuntime, type Runtime } from '../platform/runtime.js';
import { systemClock } from '../platform/clock.js';
import { assertPasswordPolicy, hashPassword } from '../platform/passwords.js';
import { AppError } from '../platform/errors.js';
import { organizations, users } from '../db/schema.js';
import { isRole, roles } from '../domain/codes.js';
import { writeAudit } from '../platform/audit.js';
import { loadReferenceData } from '../features/seed/reference-data.js';
import { demoPassword, seedDemo } from '../features/seed/demo-seed.js';
import { injectRequest, seedDemoScenarios } from '../features/seed/demo-scenarios.js';
import { buildApp } from '../server.js';
import { backup, restore } from './backup.js';
import { importCommand } from '../features/imports/import.command.js';
import { exportCommand } from '../features/exports/export.command.js';

export class CliError extends Error {}

export type CliContext = {
  config: Config;
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
  out: (line: string) => void;
};

export type CliCommand = {
  options: NonNullable<ParseArgsConfig['options']>;
  run(context: CliContext): Promise<number>;
};

async function withRuntime<T>(config: Config, work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(config);
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

const cliContext = { actor: null, requestId: `cli-${randomUUID()}`, ip: 'cli' };

function text(value: CliContext['values'][string]): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Commands that other modules add (import, export) register here. */
export const commands: Record<string, CliCommand> = {
  // The database as the server's start leaves it: the migrations, then the city's reference data (wards, the public
  // organisations), so that an import right after (renkei-csv with area codes) finds the areas.
  migrate: {
    options: {},
    run: async ({ config, out }) => {
      const reference = await withRuntime(config, ({ database }) => loadReferenceData(database, systemClock.now()));
      out('マイグレーションを適用しました / migrations applied');
      out(`参照データ: 地域 +${reference.areas}, 組織 +${reference.organizations}`);
      return 0;
    },
  },

  'seed-demo': {
    options: { force: { type: 'boolean' } },
    run: async ({ config, values, out }) => {
      await withRuntime(config, async ({ database, secretBox }) => {
        // Real accounts mean real data: the demo (public password, invented patients) goes elsewhere.
        const real = (await database.db.select({ email: users.email }).from(users)).filter(
          (user) => !isDemoAccountEmail(user.email),
        );
        if (real.length > 0 && values.force !== true)
          throw new CliError(
            `このデータベースにはデモ以外の利用者が ${real.length} 人います（本番のデータと思われます）。` +
              'デモのデータは別のデータフォルダかデータベースに入れてください。それでも入れる場合は --force を付けてください。',
          );
        const reference = await loadReferenceData(database, systemClock.now());
        const logins = await seedDemo(database, systemClock.now());
        out(`参照データ: 地域 +${reference.areas}, 組織 +${reference.organizations}`);
        out(`デモ用ログイン（パスワード ${demoPassword}）: ${logins.map((login) => login.email).join(', ')}`);
        // The example cases go through the API, as a user's actions would (an app in process, not listening).
        const built = await buildApp({ config, database, clock: systemClock, secretBox, logger: false });
        try {
          const scenarios = await seedDemoScenarios({
            database,
            request: injectRequest(built.app),
            now: systemClock.now(),
          });
          if (scenarios.status === 'seeded') out(`デモの事例: ${scenarios.created.join(', ')}`);
          for (const note of scenarios.notes) out(`デモの事例: ${note}`);
        } finally {
          built.stop();
          await built.app.close();
        }
      });
      return 0;
    },
  },

  'create-user': {
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      'organization-id': { type: 'string' },
      password: { type: 'string' },
    },
    run: async ({ config, values, out }) => {
      const email = text(values.email)?.trim().toLowerCase();
      const name = text(values.name)?.trim();
      const role = text(values.role);
      const organizationId = text(values['organization-id']) ?? null;
      if (!email || !name || !role) throw new CliError('--email, --name, --role は必須です / are required');
      if (email.length > 254 || !z.email().safeParse(email).success)
        throw new CliError(`--email の形式が正しくありません: ${email}`);
      // The API's limit (user.schema.ts).
      if (name.length > 100) throw new CliError(`--name は100文字以内です（${name.length}文字）`);
      if (isDemoAccountEmail(email))
        throw new CliError(
          `@${demoEmailDomain} はデモ用のアカウントに予約されています。別のメールアドレスを指定してください。`,
        );
      if (organizationId !== null && !z.uuid().safeParse(organizationId).success)
        throw new CliError(`--organization-id は組織の ID（UUID）です: ${organizationId}`);
      if (!isRole(role)) throw new CliError(`--role は ${roles.join(' | ')} のいずれかです`);
      if (role !== 'admin' && organizationId === null) throw new CliError('この役割には --organization-id が必要です');
      const generated = text(values.password) === undefined;
      const password = text(values.password) ?? randomBytes(12).toString('base64url');
      try {
        assertPasswordPolicy(password, email);
      } catch (error) {
        throw new CliError(error instanceof AppError ? (error.details?.[0]?.message ?? error.message) : String(error));
      }
      const passwordHash = await hashPassword(password);
      await withRuntime(config, async ({ database }) => {
        await database.transaction(async (tx) => {
          if (organizationId) {
            const [organization] = await tx
              .select({ id: organizations.id, kind: organizations.kind })
              .from(organizations)
              .where(eq(organizations.id, organizationId));
            if (!organization) throw new CliError(`組織 ${organizationId} が見つかりません`);
            // The same rule as the API: each role belongs to an organisation of its kind.
            if (accountOrganizationProblem(role, organization) !== null) {
              const allowed = accountOrganizationKinds[role];
              throw new CliError(
                allowed === 'none'
                  ? `役割 ${role} は組織に所属しません（--organization-id を指定しないでください）`
                  : `役割 ${role} の所属組織の種別は ${allowed.join(' | ')} です（この組織は ${organization.kind}）`,
              );
            }
          }
          const id = randomUUID();
          const now = systemClock.now();
          const inserted = await tx
            .insert(users)
            .values({
              id,
              email,
              name,
              role,
              organizationId,
              passwordHash,
              // Set by someone else (generated or typed by the operator): the user chooses their own first.
              mustChangePassword: true,
              createdAt: now,
              updatedAt: now,
              passwordChangedAt: now,
            })
            .onConflictDoNothing()
            .returning({ id: users.id });
          if (inserted.length === 0) throw new CliError(`${email} は既に登録されています`);
          await writeAudit(tx, systemClock, cliContext, {
            action: 'create',
            entity: 'user',
            entityId: id,
            ownerOrganizationId: organizationId,
            details: { email, role, via: 'cli' },
          });
        });
      });
      out(`利用者を作成しました / user created: ${email} (${role})`);
      if (generated) out(`初期パスワード / initial password: ${password}  （初回ログイン後に変更してください）`);
      return 0;
    },
  },

  backup: {
    options: { force: { type: 'boolean' } },
    run: async ({ config, positionals, values, out }) => {
      const [file] = positionals;
      if (!file) throw new CliError('バックアップ先のファイルを指定してください / give the backup file');
      const written = await backup(config, file, { force: values.force === true });
      out(`バックアップを作成しました / backup written: ${written}`);
      return 0;
    },
  },

  import: importCommand,
  export: exportCommand,

  restore: {
    options: { force: { type: 'boolean' } },
    run: async ({ config, positionals, values, out }) => {
      const [file] = positionals;
      if (!file) throw new CliError('復元するファイルを指定してください / give the backup file');
      const { savedTo } = await restore(config, file, { force: values.force === true });
      out(`復元しました / restored from ${file}`);
      if (savedTo) out(`復元前のデータは ${savedTo} に残しました / the data it replaced is kept in ${savedTo}`);
      return 0;
    },
  },
};
