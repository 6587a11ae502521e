/** Rotation groups, their members, rosters, duties and swaps: the only Drizzle code of the rotations feature. */
import { and, asc, desc, eq, gt, gte, inArray, lt, lte, ne, or, sql } from 'drizzle-orm';
import {
  areas,
  dutySwaps,
  organizations,
  rosterDuties,
  rosters,
  rotationGroupMembers,
  rotationGroups,
} from '../../db/schema.js';
import type { DbExecutor } from '../../db/client.js';

export type GroupRow = typeof rotationGroups.$inferSelect;
export type MemberRow = typeof rotationGroupMembers.$inferSelect & {
  name: string;
  kind: string;
  phone: string | null;
  areaCode: string | null;
};
export type RosterRow = typeof rosters.$inferSelect;
export type DutyRow = typeof rosterDuties.$inferSelect & { organizationName: string };
export type SwapRow = typeof dutySwaps.$inferSelect;

export async function findGroup(executor: DbExecutor, id: string, options: { forUpdate?: boolean } = {}) {
  const query = executor.select().from(rotationGroups).where(eq(rotationGroups.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

export async function membersOf(executor: DbExecutor, groupIds: readonly string[]): Promise<MemberRow[]> {
  if (groupIds.length === 0) return [];
  const rows = await executor
    .select({
      member: rotationGroupMembers,
      name: organizations.name,
      kind: organizations.kind,
      phone: organizations.phone,
      areaCode: organizations.areaCode,
    })
    .from(rotationGroupMembers)
    .innerJoin(organizations, eq(organizations.id, rotationGroupMembers.organizationId))
    .where(inArray(rotationGroupMembers.groupId, [...groupIds]))
    .orderBy(asc(organizations.name), asc(organizations.id));
  return rows.map((row) => ({
    ...row.member,
    name: row.name,
    kind: row.kind,
    phone: row.phone,
    areaCode: row.areaCode,
  }));
}

/** Groups visible to a scope: all (admin), an association's, or those with a member organisation. */
export async function listGroups(
  executor: DbExecutor,
  options: {
    scope:
      { kind: 'all' } | { kind: 'association'; associationId: string } | { kind: 'member'; organizationId: string };
    areaCode?: string | undefined;
    limit: number;
    after?: { name: string; id: string } | undefined;
  },
) {
  const conditions = [];
  if (options.scope.kind === 'association')
    conditions.push(eq(rotationGroups.associationId, options.scope.associationId));
  if (options.scope.kind === 'member')
    conditions.push(
      sql`exists (select 1 from ${rotationGroupMembers} m where m.group_id = ${rotationGroups.id} and m.organization_id = ${options.scope.organizationId})`,
    );
  if (options.areaCode) conditions.push(eq(rotationGroups.areaCode, options.areaCode));
  if (options.after)
    conditions.push(
      or(
        gt(rotationGroups.name, options.after.name),
        and(eq(rotationGroups.name, options.after.name), gt(rotationGroups.id, options.after.id)),
      ),
    );
  return executor
    .select()
    .from(rotationGroups)
    .where(and(...conditions))
    .orderBy(asc(rotationGroups.name), asc(rotationGroups.id))
    .limit(options.limit + 1);
}

export async function insertGroup(executor: DbExecutor, values: typeof rotationGroups.$inferInsert) {
  await executor.insert(rotationGroups).values(values);
}

export async function updateGroup(
  executor: DbExecutor,
  id: string,
  values: Partial<typeof rotationGroups.$inferInsert>,
) {
  await executor.update(rotationGroups).set(values).where(eq(rotationGroups.id, id));
}

export async function insertMembers(executor: DbExecutor, values: (typeof rotationGroupMembers.$inferInsert)[]) {
  if (values.length > 0) await executor.insert(rotationGroupMembers).values(values).onConflictDoNothing();
}

export async function deleteMembers(executor: DbExecutor, groupId: string, organizationIds: readonly string[]) {
  if (organizationIds.length === 0) return;
  await executor
    .delete(rotationGroupMembers)
    .where(
      and(
        eq(rotationGroupMembers.groupId, groupId),
        inArray(rotationGroupMembers.organizationId, [...organizationIds]),
      ),
    );
}

export async function updateMember(
  executor: DbExecutor,
  groupId: string,
  organizationId: string,
  values: { doctorCount: number; preferences: Record<string, unknown> },
) {
  await executor
    .update(rotationGroupMembers)
    .set(values)
    .where(and(eq(rotationGroupMembers.groupId, groupId), eq(rotationGroupMembers.organizationId, organizationId)));
}

export async function findOrganizations(executor: DbExecutor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return executor
    .select({
      id: organizations.id,
      name: organizations.name,
      kind: organizations.kind,
      associationId: organizations.associationId,
      isDisabled: organizations.isDisabled,
      phone: organizations.phone,
    })
    .from(organizations)
    .where(inArray(organizations.id, [...ids]));
}

export async function areaName(executor: DbExecutor, code: string): Promise<string | null> {
  const [row] = await executor.select({ name: areas.name }).from(areas).where(eq(areas.code, code));
  return row?.name ?? null;
}

export async function rostersOfGroup(
  executor: DbExecutor,
  groupId: string,
  options: { status?: string | undefined; limit: number; after?: { from: string; id: string } | undefined },
) {
  const conditions = [eq(rosters.groupId, groupId)];
  if (options.status) conditions.push(eq(rosters.status, options.status));
  if (options.after) {
    const after = or(
      lt(rosters.fromDate, options.after.from),
      and(eq(rosters.fromDate, options.after.from), gt(rosters.id, options.after.id)),
    );
    if (after) conditions.push(after);
  }
  return executor
    .select()
    .from(rosters)
    .where(and(...conditions))
    .orderBy(desc(rosters.fromDate), asc(rosters.id))
    .limit(options.limit + 1);
}

/** Live (draft or published) rosters of a group whose period overlaps [from, to]. */
export async function overlappingRosters(executor: DbExecutor, groupId: string, from: string, to: string) {
  return executor
    .select({ id: rosters.id, fromDate: rosters.fromDate, toDate: rosters.toDate, status: rosters.status })
    .from(rosters)
    .where(
      and(
        eq(rosters.groupId, groupId),
        inArray(rosters.status, ['draft', 'published']),
        lte(rosters.fromDate, to),
        gte(rosters.toDate, from),
      ),
    );
}

/** Published rosters of a group that ended before `before` (and after `since`), oldest first. */
export async function publishedBefore(executor: DbExecutor, groupId: string, since: string, before: string) {
  return executor
    .select()
    .from(rosters)
    .where(
      and(
        eq(rosters.groupId, groupId),
        eq(rosters.status, 'published'),
        lt(rosters.toDate, before),
        gte(rosters.toDate, since),
      ),
    )
    .orderBy(asc(rosters.fromDate));
}

export async function findRoster(executor: DbExecutor, id: string, options: { forUpdate?: boolean } = {}) {
  const query = executor.select().from(rosters).where(eq(rosters.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

export async function insertRoster(executor: DbExecutor, values: typeof rosters.$inferInsert) {
  await executor.insert(rosters).values(values);
}

export async function updateRoster(executor: DbExecutor, id: string, values: Partial<typeof rosters.$inferInsert>) {
  await executor.update(rosters).set(values).where(eq(rosters.id, id));
}

export async function insertDuties(executor: DbExecutor, values: (typeof rosterDuties.$inferInsert)[]) {
  for (let start = 0; start < values.length; start += 500) {
    await executor.insert(rosterDuties).values(values.slice(start, start + 500));
  }
}

function selectDuties(executor: DbExecutor) {
  return executor
    .select({ duty: rosterDuties, organizationName: organizations.name })
    .from(rosterDuties)
    .innerJoin(organizations, eq(organizations.id, rosterDuties.organizationId));
}

const flattenDuty = (row: { duty: typeof rosterDuties.$inferSelect; organizationName: string }): DutyRow => ({
  ...row.duty,
  organizationName: row.organizationName,
});

export async function dutiesOf(executor: DbExecutor, rosterIds: readonly string[]): Promise<DutyRow[]> {
  if (rosterIds.length === 0) return [];
  const rows = await selectDuties(executor)
    .where(inArray(rosterDuties.rosterId, [...rosterIds]))
    .orderBy(asc(rosterDuties.date), asc(rosterDuties.startsAt));
  return rows.map(flattenDuty);
}

export async function findDuty(executor: DbExecutor, id: string): Promise<DutyRow | null> {
  const [row] = await selectDuties(executor).where(eq(rosterDuties.id, id));
  return row ? flattenDuty(row) : null;
}

export async function setDutyOrganization(executor: DbExecutor, id: string, organizationId: string) {
  await executor.update(rosterDuties).set({ organizationId }).where(eq(rosterDuties.id, id));
}

/** Duties of a group's published rosters (other than `exceptRosterId`) between two dates. */
export async function publishedDutiesBetween(
  executor: DbExecutor,
  groupId: string,
  from: string,
  to: string,
  exceptRosterId: string | null,
) {
  const conditions = [
    eq(rosters.groupId, groupId),
    eq(rosters.status, 'published'),
    gte(rosterDuties.date, from),
    lte(rosterDuties.date, to),
  ];
  if (exceptRosterId) conditions.push(ne(rosters.id, exceptRosterId));
  return executor
    .select({ organizationId: rosterDuties.organizationId, date: rosterDuties.date, shift: rosterDuties.shift })
    .from(rosterDuties)
    .innerJoin(rosters, eq(rosters.id, rosterDuties.rosterId))
    .where(and(...conditions));
}

/** Duties of published rosters of the group, held by these organisations, that have not ended yet. */
export async function comingPublishedDutiesOf(
  executor: DbExecutor,
  groupId: string,
  organizationIds: readonly string[],
  now: Date,
) {
  if (organizationIds.length === 0) return [];
  return executor
    .select({
      organizationId: rosterDuties.organizationId,
      organizationName: organizations.name,
      date: rosterDuties.date,
      shift: rosterDuties.shift,
    })
    .from(rosterDuties)
    .innerJoin(rosters, eq(rosters.id, rosterDuties.rosterId))
    .innerJoin(organizations, eq(organizations.id, rosterDuties.organizationId))
    .where(
      and(
        eq(rosters.groupId, groupId),
        eq(rosters.status, 'published'),
        inArray(rosterDuties.organizationId, [...organizationIds]),
        gt(rosterDuties.endsAt, now),
      ),
    )
    .orderBy(asc(rosterDuties.startsAt));
}

export async function swapsOf(
  executor: DbExecutor,
  rosterId: string,
  options: { status?: string | undefined; limit: number; after?: { createdAt: Date; id: string } | undefined },
) {
  const conditions = [eq(dutySwaps.rosterId, rosterId)];
  if (options.status) conditions.push(eq(dutySwaps.status, options.status));
  if (options.after) {
    const after = or(
      lt(dutySwaps.createdAt, options.after.createdAt),
      and(eq(dutySwaps.createdAt, options.after.createdAt), gt(dutySwaps.id, options.after.id)),
    );
    if (after) conditions.push(after);
  }
  return executor
    .select()
    .from(dutySwaps)
    .where(and(...conditions))
    .orderBy(desc(dutySwaps.createdAt), asc(dutySwaps.id))
    .limit(options.limit + 1);
}

export async function approvedSwapsOf(executor: DbExecutor, rosterId: string) {
  return executor
    .select()
    .from(dutySwaps)
    .where(and(eq(dutySwaps.rosterId, rosterId), eq(dutySwaps.status, 'approved')));
}

export async function findSwap(
  executor: DbExecutor,
  rosterId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
) {
  const query = executor
    .select()
    .from(dutySwaps)
    .where(and(eq(dutySwaps.id, id), eq(dutySwaps.rosterId, rosterId)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

/** Open swaps (requested or accepted) that involve one of these duties. */
export async function openSwapsForDuties(executor: DbExecutor, dutyIds: readonly string[]) {
  if (dutyIds.length === 0) return [];
  return executor
    .select({ id: dutySwaps.id })
    .from(dutySwaps)
    .where(
      and(
        inArray(dutySwaps.status, ['requested', 'accepted']),
        or(inArray(dutySwaps.dutyId, [...dutyIds]), inArray(dutySwaps.counterDutyId, [...dutyIds])),
      ),
    );
}

export async function insertSwap(executor: DbExecutor, values: typeof dutySwaps.$inferInsert) {
  await executor.insert(dutySwaps).values(values);
}

export async function updateSwap(executor: DbExecutor, id: string, values: Partial<typeof dutySwaps.$inferInsert>) {
  await executor.update(dutySwaps).set(values).where(eq(dutySwaps.id, id));
}

export async function organizationNames(executor: DbExecutor, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await executor
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, unique));
  return new Map(rows.map((row) => [row.id, row.name]));
}
