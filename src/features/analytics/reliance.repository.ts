/** What the reliance view counts: team memberships with the patient's area, and organisations' loads. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { areas, cases, organizations, teamMembers } from '../../db/schema.js';
import { rowsOf, type DbExecutor } from '../../db/client.js';

export type MembershipRow = {
  organizationId: string;
  areaCode: string | null;
  since: Date;
  endedAt: Date | null;
  caseStatus: string;
  outcome: string | null;
  outcomeOn: string | null;
  caseUpdatedAt: Date;
};

/** Every membership (active or past) in a role, with its case's home area and ending. */
export async function memberships(
  executor: DbExecutor,
  role: string,
  areaCode: string | null,
): Promise<MembershipRow[]> {
  const conditions = [eq(teamMembers.role, role)];
  if (areaCode) conditions.push(eq(cases.areaCode, areaCode));
  return executor
    .select({
      organizationId: teamMembers.organizationId,
      areaCode: cases.areaCode,
      since: teamMembers.since,
      endedAt: teamMembers.endedAt,
      caseStatus: cases.status,
      outcome: cases.outcome,
      outcomeOn: cases.outcomeOn,
      caseUpdatedAt: cases.updatedAt,
    })
    .from(teamMembers)
    .innerJoin(cases, eq(cases.id, teamMembers.caseId))
    .where(and(...conditions));
}

/** Organisations whose active home patients (any role) exceed their declared capacity. */
export async function overCapacity(executor: DbExecutor, areaCode: string | null) {
  const rows = await executor.execute(sql`
    select o.id, o.name, o.kind, o.area_code as "areaCode", o.declared_capacity as "declaredCapacity", count(*)::int as load
    from ${teamMembers} t
    join ${cases} c on c.id = t.case_id
    join ${organizations} o on o.id = t.organization_id
    where t.ended_at is null
      and (c.status in ('planning', 'coordinating', 'discharged') or (c.status = 'closed' and c.outcome = 'home'))
      and o.declared_capacity is not null
      ${areaCode ? sql`and o.area_code = ${areaCode}` : sql``}
    group by o.id, o.name, o.kind, o.area_code, o.declared_capacity
    having count(*) > o.declared_capacity
    order by count(*)::float / o.declared_capacity desc, o.id`);
  return rowsOf<{
    id: string;
    name: string;
    kind: string;
    areaCode: string | null;
    declaredCapacity: number;
    load: number | string;
  }>(rows).map((row) => ({ ...row, load: Number(row.load) }));
}

export async function wards(executor: DbExecutor, codes?: readonly string[]) {
  const conditions = [eq(areas.kind, 'ward')];
  if (codes && codes.length > 0) conditions.push(inArray(areas.code, [...codes]));
  return executor
    .select({ code: areas.code, name: areas.fullName })
    .from(areas)
    .where(and(...conditions))
    .orderBy(areas.code);
}
