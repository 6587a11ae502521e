/** The home-care team of a case: one organisation per role at a time. */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { organizations, teamMembers } from '../../db/schema.js';
import { rowsOf, type DbExecutor } from '../../db/client.js';

export async function activeMembers(executor: DbExecutor, caseId: string) {
  return executor
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
    })
    .from(teamMembers)
    .innerJoin(organizations, eq(organizations.id, teamMembers.organizationId))
    .where(and(eq(teamMembers.caseId, caseId), isNull(teamMembers.endedAt)))
    .orderBy(asc(teamMembers.since));
}

export async function memberOfRole(executor: DbExecutor, caseId: string, role: string) {
  const [row] = await executor
    .select({ id: teamMembers.id, organizationId: teamMembers.organizationId })
    .from(teamMembers)
    .where(and(eq(teamMembers.caseId, caseId), eq(teamMembers.role, role), isNull(teamMembers.endedAt)));
  return row ?? null;
}

export async function insertMember(executor: DbExecutor, values: typeof teamMembers.$inferInsert): Promise<void> {
  await executor.insert(teamMembers).values(values);
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
