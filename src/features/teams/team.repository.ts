/** The home-care team of a case: one organisation per role at a time. */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { organizations, teamMembers } from '../../db/schema.js';
import { rowsOf, type DbExecutor } from '../../db/client.js';
import { preparedStatement } from '../../db/prepared.js';

const activeMembersOfCase = preparedStatement('renkei_team_active_members', (executor, name) =>
  executor
    .select({
      id: teamMembers.id,
      role: teamMembers.role,
      since: teamMembers.since,
      referralId: teamMembers.referralId,
      organizationId: organizations.id,
      organizationName: organizations.name,
      organizationKind: organizations.kind,
      phone: organizations.phone,
      professionalPhone: organizations.professionalPhone,
      address: organizations.address,
      source: organizations.source,
    })
    .from(teamMembers)
    .innerJoin(organizations, eq(organizations.id, teamMembers.organizationId))
    .where(and(eq(teamMembers.caseId, sql.placeholder('caseId')), isNull(teamMembers.endedAt)))
    .orderBy(asc(teamMembers.since))
    .prepare(name),
);

export async function activeMembers(executor: DbExecutor, caseId: string) {
  return activeMembersOfCase(executor, { caseId });
}

const activeMemberOfRole = preparedStatement('renkei_team_member_of_role', (executor, name) =>
  executor
    .select({ id: teamMembers.id, organizationId: teamMembers.organizationId })
    .from(teamMembers)
    .where(
      and(
        eq(teamMembers.caseId, sql.placeholder('caseId')),
        eq(teamMembers.role, sql.placeholder('role')),
        isNull(teamMembers.endedAt),
      ),
    )
    .prepare(name),
);

export async function memberOfRole(executor: DbExecutor, caseId: string, role: string) {
  const [row] = await activeMemberOfRole(executor, { caseId, role });
  return row ?? null;
}

const insertTeamMember = preparedStatement('renkei_team_member_insert', (executor, name) =>
  executor
    .insert(teamMembers)
    .values({
      id: sql.placeholder('id'),
      caseId: sql.placeholder('caseId'),
      role: sql.placeholder('role'),
      organizationId: sql.placeholder('organizationId'),
      referralId: sql.placeholder('referralId'),
      since: sql.placeholder('since'),
    })
    .prepare(name),
);

/** A new, active member (a member's end is set by `endMember`). */
export async function insertMember(
  executor: DbExecutor,
  values: Omit<typeof teamMembers.$inferInsert, 'endedAt'>,
): Promise<void> {
  await insertTeamMember(executor, { ...values, referralId: values.referralId ?? null });
}

export async function endMember(executor: DbExecutor, id: string, at: Date): Promise<void> {
  await executor.update(teamMembers).set({ endedAt: at }).where(eq(teamMembers.id, id));
}

/** Active home patients per organisation (team roles held in open or discharged-at-home cases). */
export async function loadByOrganization(
  executor: DbExecutor,
  organizationIds: string[],
): Promise<Map<string, number>> {
  if (organizationIds.length === 0) return new Map();
  const rows = await executor.execute(sql`
    select t.organization_id as id, count(*)::int as load from ${teamMembers} t
    join cases c on c.id = t.case_id
    where t.ended_at is null and c.status in ('planning', 'coordinating', 'discharged')
      and t.organization_id in (${sql.join(
        organizationIds.map((id) => sql`${id}`),
        sql`, `,
      )})
    group by t.organization_id`);
  return new Map(rowsOf<{ id: string; load: number | string }>(rows).map((row) => [row.id, Number(row.load)]));
}
