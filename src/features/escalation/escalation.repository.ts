/**
 * The facts of the emergency chain, read only: the case's team, the doctor pairs of its primary
 * (doctor_pairs, owned by the pairs feature — read here, never written), the duties of published
 * rosters at a moment, the backup hospitals of an area, per-area wait times, and acute events.
 */
import { and, arrayOverlaps, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, or, type SQL } from 'drizzle-orm';
import {
  acuteEvents,
  areas,
  doctorPairs,
  escalationSettings,
  organizations,
  rosterDuties,
  rosters,
  rotationGroupMembers,
  rotationGroups,
  teamMembers,
} from '../../db/schema.js';
import type { DbExecutor } from '../../db/client.js';

export type ContactOrganization = {
  id: string;
  name: string;
  kind: string;
  phone: string | null;
  professionalPhone: string | null;
  address: string;
  lat: number | null;
  lng: number | null;
  areaCode: string | null;
};

const contactColumns = {
  id: organizations.id,
  name: organizations.name,
  kind: organizations.kind,
  phone: organizations.phone,
  professionalPhone: organizations.professionalPhone,
  address: organizations.address,
  lat: organizations.lat,
  lng: organizations.lng,
  areaCode: organizations.areaCode,
};

/** The case's active team members with their organisations' contacts. */
export async function teamContacts(executor: DbExecutor, caseId: string) {
  return executor
    .select({ role: teamMembers.role, since: teamMembers.since, organization: contactColumns })
    .from(teamMembers)
    .innerJoin(organizations, eq(organizations.id, teamMembers.organizationId))
    .where(and(eq(teamMembers.caseId, caseId), isNull(teamMembers.endedAt)))
    .orderBy(asc(teamMembers.since));
}

/** The organisations that held a team role of the case at a moment (members since before it, not ended by it). */
export async function teamRoleHoldersAt(executor: DbExecutor, caseId: string, role: string, at: Date) {
  const rows = await executor
    .select({ organizationId: teamMembers.organizationId, name: organizations.name })
    .from(teamMembers)
    .innerJoin(organizations, eq(organizations.id, teamMembers.organizationId))
    .where(
      and(
        eq(teamMembers.caseId, caseId),
        eq(teamMembers.role, role),
        lte(teamMembers.since, at),
        or(isNull(teamMembers.endedAt), gt(teamMembers.endedAt, at)),
      ),
    );
  return rows;
}

/**
 * The standing partner of a clinic in an active doctor pair: the secondary of a pair where it is
 * primary (preferred), else the primary of a pair where it is secondary; same area first.
 */
export async function pairPartner(
  executor: DbExecutor,
  organizationId: string,
  areaCodes: readonly string[],
): Promise<{ organization: ContactOrganization; pairId: string; areaCode: string } | null> {
  const rows = await executor
    .select({
      id: doctorPairs.id,
      areaCode: doctorPairs.areaCode,
      primaryId: doctorPairs.primaryOrganizationId,
      secondaryId: doctorPairs.secondaryOrganizationId,
      createdAt: doctorPairs.createdAt,
    })
    .from(doctorPairs)
    .where(
      and(
        eq(doctorPairs.status, 'active'),
        isNull(doctorPairs.endedAt),
        or(
          eq(doctorPairs.primaryOrganizationId, organizationId),
          eq(doctorPairs.secondaryOrganizationId, organizationId),
        ),
      ),
    );
  const ranked = [...rows].sort(
    (a, b) =>
      Number(b.primaryId === organizationId) - Number(a.primaryId === organizationId) ||
      Number(areaCodes.includes(b.areaCode)) - Number(areaCodes.includes(a.areaCode)) ||
      a.createdAt.getTime() - b.createdAt.getTime() ||
      (a.id < b.id ? -1 : 1),
  );
  const chosen = ranked[0];
  if (!chosen) return null;
  const partnerId = chosen.primaryId === organizationId ? chosen.secondaryId : chosen.primaryId;
  const [partner] = await executor
    .select(contactColumns)
    .from(organizations)
    .where(and(eq(organizations.id, partnerId), eq(organizations.isDisabled, false)));
  return partner ? { organization: partner, pairId: chosen.id, areaCode: chosen.areaCode } : null;
}

/** The area, its ancestors and its direct children (a ward and its districts). */
export async function areaFamily(executor: DbExecutor, areaCode: string) {
  const all = await executor
    .select({ code: areas.code, name: areas.name, fullName: areas.fullName, parentCode: areas.parentCode })
    .from(areas);
  const byCode = new Map(all.map((area) => [area.code, area]));
  const ancestors: string[] = [];
  for (let code = byCode.get(areaCode)?.parentCode ?? null; code && !ancestors.includes(code);) {
    ancestors.push(code);
    code = byCode.get(code)?.parentCode ?? null;
  }
  return {
    area: byCode.get(areaCode) ?? null,
    ancestors,
    children: all.filter((area) => area.parentCode === areaCode).map((area) => area.code),
  };
}

export async function areaNames(executor: DbExecutor, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await executor
    .select({ code: areas.code, name: areas.name })
    .from(areas)
    .where(inArray(areas.code, [...new Set(codes)]));
  return new Map(rows.map((row) => [row.code, row.name]));
}

/** Rotation groups of these areas with their member organisations. */
export async function groupsOfAreas(executor: DbExecutor, areaCodes: readonly string[]) {
  if (areaCodes.length === 0) return [];
  const groups = await executor
    .select({
      id: rotationGroups.id,
      name: rotationGroups.name,
      areaCode: rotationGroups.areaCode,
      settings: rotationGroups.settings,
    })
    .from(rotationGroups)
    .where(inArray(rotationGroups.areaCode, [...areaCodes]))
    .orderBy(asc(rotationGroups.name), asc(rotationGroups.id));
  if (groups.length === 0) return [];
  const members = await executor
    .select({ groupId: rotationGroupMembers.groupId, organizationId: rotationGroupMembers.organizationId })
    .from(rotationGroupMembers)
    .where(
      inArray(
        rotationGroupMembers.groupId,
        groups.map((group) => group.id),
      ),
    );
  return groups.map((group) => ({
    ...group,
    memberOrganizationIds: members
      .filter((member) => member.groupId === group.id)
      .map((member) => member.organizationId),
  }));
}

/** Duties of published rosters of these groups whose time range holds `at`. */
export async function dutiesAt(executor: DbExecutor, groupIds: readonly string[], at: Date) {
  if (groupIds.length === 0) return [];
  return executor
    .select({
      dutyId: rosterDuties.id,
      rosterId: rosters.id,
      groupId: rosters.groupId,
      date: rosterDuties.date,
      shift: rosterDuties.shift,
      startsAt: rosterDuties.startsAt,
      endsAt: rosterDuties.endsAt,
      organization: contactColumns,
    })
    .from(rosterDuties)
    .innerJoin(rosters, eq(rosters.id, rosterDuties.rosterId))
    .innerJoin(organizations, eq(organizations.id, rosterDuties.organizationId))
    .where(
      and(
        inArray(rosters.groupId, [...groupIds]),
        eq(rosters.status, 'published'),
        lte(rosterDuties.startsAt, at),
        gt(rosterDuties.endsAt, at),
      ),
    )
    .orderBy(asc(rosterDuties.startsAt));
}

/** Duties of published rosters of these groups starting in [from, to): for the emergency card's table. */
export async function dutiesBetween(executor: DbExecutor, groupIds: readonly string[], from: Date, to: Date) {
  if (groupIds.length === 0) return [];
  return executor
    .select({
      groupId: rosters.groupId,
      date: rosterDuties.date,
      shift: rosterDuties.shift,
      startsAt: rosterDuties.startsAt,
      endsAt: rosterDuties.endsAt,
      organization: contactColumns,
    })
    .from(rosterDuties)
    .innerJoin(rosters, eq(rosters.id, rosterDuties.rosterId))
    .innerJoin(organizations, eq(organizations.id, rosterDuties.organizationId))
    .where(
      and(
        inArray(rosters.groupId, [...groupIds]),
        eq(rosters.status, 'published'),
        gt(rosterDuties.endsAt, from),
        lt(rosterDuties.startsAt, to),
      ),
    )
    .orderBy(asc(rosterDuties.startsAt), asc(rosters.groupId));
}

export type BackupHospitalRow = ContactOrganization & {
  hospitalFunction: string | null;
  /** The function and the backup designation are the demo's invented values (demo-profiles.ts). */
  isDemoProfile: boolean;
  backupAreaCodes: string[];
  backupUnavailableUntil: Date | null;
  backupUnavailableNote: string | null;
  /** The capability profile: which patients it declared it takes (the chain leaves out one that does not fit). */
  groups: string[];
  procedures: string[];
  updatedAt: Date;
};

const backupColumns = {
  ...contactColumns,
  hospitalFunction: organizations.hospitalFunction,
  isDemoProfile: organizations.isDemoProfile,
  backupAreaCodes: organizations.backupAreaCodes,
  backupUnavailableUntil: organizations.backupUnavailableUntil,
  backupUnavailableNote: organizations.backupUnavailableNote,
  groups: organizations.groups,
  procedures: organizations.procedures,
  updatedAt: organizations.updatedAt,
};

/** Hospitals marked as backup (後方支援病院) for any of these areas (all areas when none given). */
export async function backupHospitals(
  executor: DbExecutor,
  filter: { areaCodes?: readonly string[]; functions?: readonly string[] } = {},
): Promise<BackupHospitalRow[]> {
  const conditions: SQL[] = [
    eq(organizations.kind, 'hospital'),
    eq(organizations.isBackupHospital, true),
    eq(organizations.isDisabled, false),
  ];
  if (filter.areaCodes && filter.areaCodes.length > 0)
    conditions.push(arrayOverlaps(organizations.backupAreaCodes, [...filter.areaCodes]));
  if (filter.functions && filter.functions.length > 0)
    conditions.push(inArray(organizations.hospitalFunction, [...filter.functions]));
  return executor
    .select(backupColumns)
    .from(organizations)
    .where(and(...conditions))
    .orderBy(asc(organizations.name), asc(organizations.id));
}

export async function findOrganization(executor: DbExecutor, id: string) {
  const [row] = await executor
    .select({
      ...backupColumns,
      isBackupHospital: organizations.isBackupHospital,
      isDisabled: organizations.isDisabled,
    })
    .from(organizations)
    .where(eq(organizations.id, id));
  return row ?? null;
}

export async function findOrganizations(executor: DbExecutor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return executor
    .select({ ...contactColumns, isDisabled: organizations.isDisabled })
    .from(organizations)
    .where(inArray(organizations.id, [...new Set(ids)]));
}

export async function waitMinutesOf(executor: DbExecutor, areaCodes: readonly string[]) {
  if (areaCodes.length === 0) return [];
  return executor
    .select()
    .from(escalationSettings)
    .where(inArray(escalationSettings.areaCode, [...areaCodes]));
}

export async function allEscalationSettings(executor: DbExecutor) {
  return executor.select().from(escalationSettings).orderBy(asc(escalationSettings.areaCode));
}

export async function upsertEscalationSettings(
  executor: DbExecutor,
  values: { areaCode: string; waitMinutes: Record<string, number>; updatedAt: Date },
) {
  await executor
    .insert(escalationSettings)
    .values(values)
    .onConflictDoUpdate({
      target: escalationSettings.areaCode,
      set: { waitMinutes: values.waitMinutes, updatedAt: values.updatedAt },
    });
}

export type AcuteEventRow = typeof acuteEvents.$inferSelect;

export async function insertAcuteEvent(executor: DbExecutor, values: typeof acuteEvents.$inferInsert) {
  await executor.insert(acuteEvents).values(values);
}

export async function findAcuteEvent(executor: DbExecutor, id: string): Promise<AcuteEventRow | null> {
  const [row] = await executor.select().from(acuteEvents).where(eq(acuteEvents.id, id));
  return row ?? null;
}

export async function acuteEventsOfCase(
  executor: DbExecutor,
  caseId: string,
  options: { limit: number; after?: { occurredAt: Date; id: string } | undefined },
) {
  const conditions: SQL[] = [eq(acuteEvents.caseId, caseId)];
  if (options.after) {
    const after = or(
      lt(acuteEvents.occurredAt, options.after.occurredAt),
      and(eq(acuteEvents.occurredAt, options.after.occurredAt), gt(acuteEvents.id, options.after.id)),
    );
    if (after) conditions.push(after);
  }
  return executor
    .select()
    .from(acuteEvents)
    .where(and(...conditions))
    .orderBy(desc(acuteEvents.occurredAt), asc(acuteEvents.id))
    .limit(options.limit + 1);
}

/** Acute events in a period (for the per-area summary): only the columns the summary counts. */
export async function acuteEventsBetween(
  executor: DbExecutor,
  filter: { from: Date; to: Date; areaCode?: string | undefined },
) {
  const conditions: SQL[] = [gte(acuteEvents.occurredAt, filter.from), lt(acuteEvents.occurredAt, filter.to)];
  if (filter.areaCode) conditions.push(eq(acuteEvents.areaCode, filter.areaCode));
  return executor
    .select({
      areaCode: acuteEvents.areaCode,
      calls: acuteEvents.calls,
      admitted: acuteEvents.admitted,
      reached119: acuteEvents.reached119,
    })
    .from(acuteEvents)
    .where(and(...conditions));
}
