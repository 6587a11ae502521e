/** User administration: create, list, disable, change role, reset password or two-factor. */
import { demoEmailDomain, isDemoAccountEmail } from '../../domain/demo-accounts.js';
import { randomUUID } from 'node:crypto';
import type { AppDeps, ActorContext } from '../../platform/context.js';
import type { Tx } from '../../db/client.js';
import { errors } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit.js';
import { assertPasswordPolicy, hashPassword } from '../../platform/passwords.js';
import { assertVersionAudited } from '../../platform/versioning.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import {
  accountOrganizationKinds,
  accountOrganizationProblem,
  canManageAccount,
  userListScope,
} from '../../domain/policies/user-policy.js';
import { organizationKinds, type OrganizationKind, type Role } from '../../domain/codes.js';
import { organizationKindLabels, roleLabels } from '../../domain/labels.js';
import { revokeSessionsOfUser } from '../auth/auth.repository.js';
import * as repository from './user.repository.js';
import type { CreateUserRequest, UpdateUserRequest } from './user.schema.js';
import { presentUser } from './user.presenter.js';

/**
 * Refuses (400, naming `path`) an account whose role does not fit its organisation's kind: a role
 * carries the access of its kind of organisation (accountOrganizationKinds).
 */
function assertRoleFitsOrganization(
  role: Role,
  organization: { kind: string; name: string } | null,
  path: 'role' | 'organizationId',
): void {
  const problem = accountOrganizationProblem(role, organization);
  if (problem === null) return;
  const roleName = roleLabels[role];
  if (problem === 'organization_not_allowed') {
    const name = organization?.name ?? '';
    const message =
      path === 'organizationId'
        ? `役割「${roleName}」の利用者は組織に所属しません。所属組織を指定しないでください。`
        : `役割「${roleName}」の利用者は組織に所属しません。「${name}」に所属する利用者は「${roleName}」にできません（所属組織のない利用者を新しく作成してください）。`;
    throw errors.validation([{ path, message }]);
  }
  const allowed = accountOrganizationKinds[role];
  const labels = allowed === 'none' ? [] : allowed.map((kind) => organizationKindLabels[kind]);
  const kinds =
    labels.length === 1 ? `「${labels.join('')}」` : `${labels.map((label) => `「${label}」`).join('・')}のいずれか`;
  const message =
    problem === 'organization_required' || organization === null
      ? `役割「${roleName}」には所属組織が必要です。所属組織の種別は${kinds}です。`
      : `役割「${roleName}」の所属組織の種別は${kinds}です。「${organization.name}」（${kindLabel(organization.kind)}）には設定できません。`;
  throw errors.validation([{ path, message }]);
}

function kindLabel(kind: string): string {
  return (organizationKinds as readonly string[]).includes(kind)
    ? organizationKindLabels[kind as OrganizationKind]
    : kind;
}

export function createUserService(deps: AppDeps) {
  const { database, clock } = deps;

  async function loadAccountTarget(tx: Tx, organizationId: string | null) {
    if (organizationId === null) return null;
    const organization = await repository.findOrganizationForAccount(tx, organizationId);
    if (!organization) {
      throw errors.validation([{ path: 'organizationId', message: '指定された組織が見つかりません。' }]);
    }
    return organization;
  }

  async function create(context: ActorContext, input: CreateUserRequest, tx: Tx) {
    // The demo's accounts share a public password and cannot sign in outside demo mode: the domain is theirs alone
    // (the CLI's create-user refuses it too).
    if (isDemoAccountEmail(input.email))
      throw errors.validation([
        {
          path: 'email',
          message: `@${demoEmailDomain} はデモ用のアカウントに予約されています。別のメールアドレスを指定してください。`,
        },
      ]);
    assertPasswordPolicy(input.password, input.email);
    // Absent is no organisation (an admin has none; other roles are refused below).
    const organizationId = input.organizationId ?? null;
    const organization = await loadAccountTarget(tx, organizationId);
    const target = {
      role: input.role,
      organizationId,
      organizationKind: organization?.kind ?? null,
      organizationAssociationId: organization?.associationId ?? null,
    };
    if (!canManageAccount(context.actor, target)) throw errors.forbidden('この組織・役割の利用者は作成できません。');
    assertRoleFitsOrganization(input.role, organization, 'organizationId');
    const id = randomUUID();
    const now = clock.now();
    const isInserted = await repository.insertUser(tx, {
      id,
      email: input.email,
      name: input.name,
      role: input.role,
      organizationId,
      passwordHash: await hashPassword(input.password),
      mustChangePassword: true,
      createdAt: now,
      updatedAt: now,
      passwordChangedAt: now,
    });
    if (!isInserted) throw errors.conflict('email_taken', 'このメールアドレスは既に登録されています。');
    await writeAudit(tx, clock, context, {
      action: 'create',
      entity: 'user',
      entityId: id,
      ownerOrganizationId: organizationId,
      details: { email: input.email, role: input.role },
    });
    const row = await repository.findUser(tx, id);
    if (!row) throw new Error('user vanished after insert');
    return presentUser(row);
  }

  async function list(
    context: ActorContext,
    query: { limit: number; cursor?: string | undefined; q?: string | undefined; organizationId?: string | undefined },
  ) {
    const scope = userListScope(context.actor);
    if (scope.kind === 'none') throw errors.forbidden();
    const cursor = decodeCursor(query.cursor, 'text');
    const rows = await repository.listUsers(database.db, {
      limit: query.limit,
      ...(scope.kind === 'association' ? { association: scope.scope } : {}),
      ...(query.organizationId ? { organizationId: query.organizationId } : {}),
      ...(query.q ? { q: query.q } : {}),
      ...(cursor ? { afterEmail: cursor.key, afterId: cursor.id } : {}),
    });
    const page = pageOf(rows, query.limit, (row) => ({ key: row.email, id: row.id }));
    return { items: page.items.map(presentUser), nextCursor: page.nextCursor };
  }

  async function update(context: ActorContext, id: string, input: UpdateUserRequest, expectedVersion: number) {
    const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
    return database.transaction(async (tx) => {
      const row = await repository.findUser(tx, id, { forUpdate: true });
      const current = row && {
        role: row.role as Role,
        organizationId: row.organizationId,
        organizationKind: row.organizationKind,
        organizationAssociationId: row.organizationAssociationId,
      };
      if (!row || !current || !canManageAccount(context.actor, current)) throw errors.notFound();
      // The changes that give an account a new version: an administrator's and the user's own security settings (a
      // new password, two-factor turned on, a recovery code used) — a sign-in does not (an administrator's list is
      // not made stale by it).
      await assertVersionAudited(tx, expectedVersion, row.version, {
        entity: 'user',
        entityId: id,
        actions: ['create', 'update', 'password_changed', 'mfa_enabled', 'mfa_recovery_code_used'],
      });
      if (input.role !== undefined && !canManageAccount(context.actor, { ...current, role: input.role })) {
        throw errors.forbidden('この役割には変更できません。');
      }
      if (input.role !== undefined && input.role !== row.role) {
        const organization =
          row.organizationId === null ? null : { kind: row.organizationKind ?? '', name: row.organizationName ?? '' };
        assertRoleFitsOrganization(input.role, organization, 'role');
      }
      if (id === context.actor.userId && (input.disabled === true || (input.role && input.role !== row.role))) {
        throw errors.conflict('cannot_change_self', '自分自身を無効化したり、役割を変更したりすることはできません。');
      }
      if (input.password !== undefined) assertPasswordPolicy(input.password, row.email);
      const now = clock.now();
      await repository.updateUser(tx, id, {
        updatedAt: now,
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.disabled !== undefined ? { isDisabled: input.disabled } : {}),
        ...(passwordHash !== undefined ? { passwordHash, passwordChangedAt: now, mustChangePassword: true } : {}),
        ...(input.resetMfa
          ? {
              isMfaEnabled: false,
              mfaSecretEncrypted: null,
              mfaPendingSecretEncrypted: null,
              recoveryCodeHashes: [],
              mfaLastStep: null,
            }
          : {}),
      });
      const endsSessions =
        input.disabled === true || passwordHash !== undefined || input.resetMfa === true || input.role !== undefined;
      const revokedSessions = endsSessions ? await revokeSessionsOfUser(tx, id, now) : 0;
      await writeAudit(tx, clock, context, {
        action: 'update',
        entity: 'user',
        entityId: id,
        ownerOrganizationId: row.organizationId,
        details: {
          changed: Object.keys(input).filter((key) => key !== 'password'),
          passwordReset: passwordHash !== undefined,
          ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
          ...(input.role !== undefined && input.role !== row.role ? { role: { from: row.role, to: input.role } } : {}),
          revokedSessions,
        },
      });
      const updated = await repository.findUser(tx, id);
      if (!updated) throw new Error('user vanished after update');
      return presentUser(updated);
    });
  }

  async function get(context: ActorContext, id: string) {
    const row = await repository.findUser(database.db, id);
    if (
      !row ||
      !canManageAccount(context.actor, {
        role: row.role as Role,
        organizationId: row.organizationId,
        organizationKind: row.organizationKind,
        organizationAssociationId: row.organizationAssociationId,
      })
    ) {
      throw errors.notFound();
    }
    return presentUser(row);
  }

  return { create, list, update, get };
}

export type UserService = ReturnType<typeof createUserService>;
