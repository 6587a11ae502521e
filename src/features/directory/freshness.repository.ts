/** Organisations whose declared availability is stale (or missing although they declared capabilities). */
import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, max, or, sql, type SQL } from 'drizzle-orm';
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

/** Where a page of the stale list starts: after this row, in the list's order (name, or oldest answer). */
export type StaleAfter =
  { sort: 'name'; name: string; id: string } | { sort: 'oldest'; updatedAt: Date | null; id: string };

/** After the row `after` names: by name then id, or by answer (never answered first) then id. */
function afterCondition(after: StaleAfter): SQL {
  const updatedAt = organizations.availabilityUpdatedAt;
  if (after.sort === 'name') {
    return or(
      gt(organizations.name, after.name),
      and(eq(organizations.name, after.name), gt(organizations.id, after.id)),
    ) as SQL;
  }
  if (after.updatedAt === null) {
    return or(and(isNull(updatedAt), gt(organizations.id, after.id)), isNotNull(updatedAt)) as SQL;
  }
  return or(gt(updatedAt, after.updatedAt), and(eq(updatedAt, after.updatedAt), gt(organizations.id, after.id))) as SQL;
}

/** The latest reminder of the daily job (kind availability_stale) to each organisation reminded. */
function lastReminders(executor: DbExecutor) {
  return executor
    .select({
      organizationId: notifications.recipientOrganizationId,
      lastRemindedAt: max(notifications.createdAt).as('last_reminded_at'),
    })
    .from(notifications)
    .where(eq(notifications.kind, 'availability_stale'))
    .groupBy(notifications.recipientOrganizationId)
    .as('last_reminders');
}

export async function listStale(
  executor: DbExecutor,
  options: {
    staleBefore: Date;
    sort: 'oldest' | 'name';
    associationId?: string;
    kind?: string;
    areaCode?: string;
    after?: StaleAfter;
    limit: number;
  },
) {
  const conditions: SQL[] = [staleCondition(options.staleBefore)];
  if (options.associationId) conditions.push(eq(organizations.associationId, options.associationId));
  if (options.kind) conditions.push(eq(organizations.kind, options.kind));
  if (options.areaCode) conditions.push(eq(organizations.areaCode, options.areaCode));
  if (options.after) conditions.push(afterCondition(options.after));
  const reminders = lastReminders(executor);
  const order =
    options.sort === 'name'
      ? [asc(organizations.name), asc(organizations.id)]
      : [sql`${organizations.availabilityUpdatedAt} asc nulls first`, asc(organizations.id)];
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
      lastRemindedAt: reminders.lastRemindedAt,
    })
    .from(organizations)
    .leftJoin(reminders, eq(reminders.organizationId, organizations.id))
    .where(and(...conditions))
    .orderBy(...order)
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
