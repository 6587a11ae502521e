/** The rows behind the area figures: areas, the organisations of the directory, and the cases that make demand. */
import { and, asc, eq, gte, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { areas, cases, organizations, teamMembers } from '../../db/schema.js';
import type { DbExecutor } from '../../db/client.js';

export type AreaRow = Awaited<ReturnType<typeof listAreas>>[number];

export async function listAreas(executor: DbExecutor) {
  return executor
    .select({
      code: areas.code,
      name: areas.name,
      fullName: areas.fullName,
      kind: areas.kind,
      parentCode: areas.parentCode,
    })
    .from(areas)
    .orderBy(asc(areas.code));
}

export type SupplyRow = Awaited<ReturnType<typeof listSupply>>[number];

/** The enabled organisations placed in an area, with what counts as supply. */
export async function listSupply(executor: DbExecutor) {
  return executor
    .select({
      areaCode: organizations.areaCode,
      kind: organizations.kind,
      homeCareSupportClinic: organizations.homeCareSupportClinic,
      isHomeVisitOnly: organizations.isHomeVisitOnly,
      isAvailable24h: organizations.isAvailable24h,
      groups: organizations.groups,
      procedures: organizations.procedures,
      availabilityStatus: organizations.availabilityStatus,
      freeSlots: organizations.freeSlots,
      availabilityUpdatedAt: organizations.availabilityUpdatedAt,
    })
    .from(organizations)
    .where(and(eq(organizations.isDisabled, false), isNotNull(organizations.areaCode)));
}

export type DemandRow = Awaited<ReturnType<typeof listDemand>>[number];

/**
 * Open cases (planning, coordinating) and those discharged on or after `dischargedSince`
 * (YYYY-MM-DD), with the roles their teams have filled.
 */
export async function listDemand(executor: DbExecutor, dischargedSince: string) {
  const rows = await executor
    .select({
      id: cases.id,
      status: cases.status,
      areaCode: cases.areaCode,
      groups: cases.groups,
      procedures: cases.procedures,
      neededRoles: cases.neededRoles,
      plannedDischargeDate: cases.plannedDischargeDate,
      dischargedOn: cases.dischargedOn,
      createdAt: cases.createdAt,
    })
    .from(cases)
    .where(
      or(
        inArray(cases.status, ['planning', 'coordinating']),
        and(inArray(cases.status, ['discharged', 'closed']), gte(cases.dischargedOn, dischargedSince)),
      ),
    );
  if (rows.length === 0) return [];
  const members = await executor
    .select({ caseId: teamMembers.caseId, role: teamMembers.role })
    .from(teamMembers)
    .innerJoin(cases, eq(cases.id, teamMembers.caseId))
    .where(and(isNull(teamMembers.endedAt), sql`${cases.status} in ('planning', 'coordinating')`));
  const filled = new Map<string, string[]>();
  for (const member of members) filled.set(member.caseId, [...(filled.get(member.caseId) ?? []), member.role]);
  return rows.map((row) => ({ ...row, filledRoles: filled.get(row.id) ?? [] }));
}
