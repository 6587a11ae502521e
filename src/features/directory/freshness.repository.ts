/** Organisations whose declared availability is stale (or missing although they declared capabilities). */
import { and, asc, eq, gt, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { notifications, organizations } from '../../db/schema.js';
import type { DbExecutor } from '../../db/client.js';

/** Kinds that keep an acceptance status for home-care referrals. */
export const providerKinds = [
  'clinic',
  'hospital',
  'visiting_nursing',
  'visiting_rehab',
  'care_management',
  'home_dental',
  'home_pharmacy',
  'community_support_center',
];

export function staleCondition(staleBefore: Date): SQL {
  return and(
    eq(organizations.isDisabled, false),
    inArray(organizations.kind, providerKinds),
    or(
      lt(organizations.availabilityUpdatedAt, staleBefore),
      and(isNull(organizations.availabilityUpdatedAt), sql`cardinality(${organizations.groups}) > 0`),
    ),
  ) as SQL;
}

export async function listStale(
  executor: DbExecutor,
  options: { staleBefore: Date; associationId?: string; after?: { name: string; id: string }; limit: number },
) {
  const conditions: SQL[] = [staleCondition(options.staleBefore)];
  if (options.associationId) conditions.push(eq(organizations.associationId, options.associationId));
  if (options.after) {
    conditions.push(
      or(
        gt(organizations.name, options.after.name),
        and(eq(organizations.name, options.after.name), gt(organizations.id, options.after.id)),
      ) as SQL,
    );
  }
  return executor
    .select({
      id: organizations.id,
      name: organizations.name,
      kind: organizations.kind,
      areaCode: organizations.areaCode,
      phone: organizations.phone,
      availabilityStatus: organizations.availabilityStatus,
      availabilityUpdatedAt: organizations.availabilityUpdatedAt,
      associationId: organizations.associationId,
    })
    .from(organizations)
    .where(and(...conditions))
    .orderBy(asc(organizations.name), asc(organizations.id))
    .limit(options.limit + 1);
}

/** Stale organisations not reminded since `remindedSince`. */
export async function staleWithoutRecentReminder(executor: DbExecutor, staleBefore: Date, remindedSince: Date) {
  return executor
    .select({
      id: organizations.id,
      name: organizations.name,
      availabilityUpdatedAt: organizations.availabilityUpdatedAt,
    })
    .from(organizations)
    .where(
      and(
        staleCondition(staleBefore),
        sql`not exists (select 1 from ${notifications} n where n.recipient_organization_id = ${organizations.id}
            and n.kind = 'availability_stale' and n.created_at >= ${remindedSince})`,
      ),
    )
    .orderBy(asc(organizations.id));
}
