/** User accounts: the only Drizzle code of the users feature. */
import { and, asc, eq, gt, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { organizations, users } from '../../db/schema.js';
import type { DbExecutor } from '../../db/client.js';
import { escapeLike } from '../../platform/text.js';
import type { AssociationScope } from '../../domain/policies/user-policy.js';

const userColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  organizationId: users.organizationId,
  organizationName: organizations.name,
  organizationAssociationId: organizations.associationId,
  organizationKind: organizations.kind,
  isDisabled: users.isDisabled,
  isMfaEnabled: users.isMfaEnabled,
  isDemo: users.isDemo,
  mustChangePassword: users.mustChangePassword,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
  version: users.version,
};

export type UserRow = {
  id: string;
  email: string;
  name: string;
  role: string;
  organizationId: string | null;
  organizationName: string | null;
  organizationAssociationId: string | null;
  organizationKind: string | null;
  isDisabled: boolean;
  isMfaEnabled: boolean;
  isDemo: boolean;
  mustChangePassword: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  version: number;
};

export async function findUser(
  executor: DbExecutor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<UserRow | null> {
  const query = executor
    .select(userColumns)
    .from(users)
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, id));
  const [row] = options.forUpdate ? await query.for('update', { of: users }) : await query;
  return row ?? null;
}

export async function listUsers(
  executor: DbExecutor,
  filter: {
    /** Only the accounts an association manages (the same rule as canManageAccount). */
    association?: AssociationScope;
    organizationId?: string;
    q?: string;
    afterEmail?: string;
    afterId?: string;
    limit: number;
  },
): Promise<UserRow[]> {
  const conditions: SQL[] = [];
  if (filter.association) {
    conditions.push(
      eq(organizations.associationId, filter.association.associationId),
      inArray(organizations.kind, [...filter.association.organizationKinds]),
      inArray(users.role, [...filter.association.roles]),
    );
  }
  if (filter.organizationId) conditions.push(eq(users.organizationId, filter.organizationId));
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    const match = or(ilike(users.name, pattern), ilike(users.email, pattern));
    if (match) conditions.push(match);
  }
  if (filter.afterEmail !== undefined) {
    const after = or(
      gt(users.email, filter.afterEmail),
      and(eq(users.email, filter.afterEmail), gt(users.id, filter.afterId ?? '')),
    );
    if (after) conditions.push(after);
  }
  return executor
    .select(userColumns)
    .from(users)
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(asc(users.email), asc(users.id))
    .limit(filter.limit + 1);
}

export async function insertUser(executor: DbExecutor, values: typeof users.$inferInsert): Promise<boolean> {
  const inserted = await executor.insert(users).values(values).onConflictDoNothing().returning({ id: users.id });
  return inserted.length > 0;
}

export async function updateUser(
  executor: DbExecutor,
  id: string,
  values: Partial<typeof users.$inferInsert>,
): Promise<void> {
  await executor
    .update(users)
    .set({ ...values, version: sql`${users.version} + 1` })
    .where(eq(users.id, id));
}

export async function findOrganizationForAccount(executor: DbExecutor, organizationId: string) {
  const [row] = await executor
    .select({
      id: organizations.id,
      associationId: organizations.associationId,
      kind: organizations.kind,
      name: organizations.name,
    })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return row ?? null;
}
