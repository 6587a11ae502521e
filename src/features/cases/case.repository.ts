/** Discharge cases: the only Drizzle code for cases, their hospitals and their timeline. */
import { and, asc, desc, eq, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  caseEvents,
  caseHospitals,
  cases,
  consultations,
  organizations,
  referrals,
  teamMembers,
  users,
  welfareLinks,
} from '../../db/schema.js';
import type { DbExecutor } from '../../db/client.js';
import { preparedStatement } from '../../db/prepared.js';
import { openReferralStatuses } from '../../domain/cases/referral-state.js';

export type CaseRow = typeof cases.$inferSelect & { hospitalName: string };

const hospital = alias(organizations, 'hospital');

function selectCase(executor: DbExecutor) {
  return executor
    .select({ case: cases, hospitalName: hospital.name })
    .from(cases)
    .innerJoin(hospital, eq(hospital.id, cases.hospitalOrganizationId))
    .where(eq(cases.id, sql.placeholder('id')));
}

const caseById = preparedStatement('renkei_case_by_id', (executor, name) => selectCase(executor).prepare(name));

// Locks the case row only (not its hospital): every change of one case (and the acceptance of
// its referrals) goes one at a time.
const caseByIdForUpdate = preparedStatement('renkei_case_by_id_for_update', (executor, name) =>
  selectCase(executor).for('update', { of: cases }).prepare(name),
);

export async function findCase(
  executor: DbExecutor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<CaseRow | null> {
  const [row] = await (options.forUpdate ? caseByIdForUpdate : caseById)(executor, { id });
  return row ? { ...row.case, hospitalName: row.hospitalName } : null;
}

export type OrganizationRelation = {
  pastHospitalOrganizationIds: string[];
  hasOpenReferral: boolean;
  isTeamMember: boolean;
  /** Its open welfare link: none, requested (not acknowledged yet) or acknowledged. */
  welfareLink: 'none' | 'requested' | 'acknowledged';
};

/** How one organisation relates to one case (for the access policy). */
export async function relationOf(
  executor: DbExecutor,
  caseId: string,
  organizationId: string | null,
): Promise<OrganizationRelation> {
  const [row] = await relationById(executor, { caseId, organizationId });
  return relationFrom(row ?? null);
}

/** The case with its hospital and how `organizationId` relates to it, in one statement. */
export async function findCaseWithRelation(
  executor: DbExecutor,
  caseId: string,
  organizationId: string | null,
  options: { forUpdate?: boolean } = {},
): Promise<{ row: CaseRow; relation: OrganizationRelation } | null> {
  const query = options.forUpdate ? caseWithRelationForUpdate : caseWithRelation;
  const [found] = await query(executor, { id: caseId, organizationId });
  if (!found) return null;
  return { row: { ...found.case, hospitalName: found.hospitalName }, relation: relationFrom(found) };
}

type RelationColumns = {
  pastHospitalOrganizationIds: string[] | null;
  hasOpenReferral: boolean;
  isTeamMember: boolean;
  welfareLink: string | null;
};

function relationFrom(row: RelationColumns | null): OrganizationRelation {
  return {
    pastHospitalOrganizationIds: row?.pastHospitalOrganizationIds ?? [],
    hasOpenReferral: row?.hasOpenReferral ?? false,
    isTeamMember: row?.isTeamMember ?? false,
    welfareLink:
      row?.welfareLink === 'acknowledged' ? 'acknowledged' : row?.welfareLink === 'requested' ? 'requested' : 'none',
  };
}

/** The relation columns of the case row `cases.id` to the organisation in placeholder `organizationId`. */
function relationColumns() {
  const organizationId = sql`${sql.placeholder('organizationId')}::uuid`;
  // Written out: in a query on `cases` alone Drizzle renders `${caseId}` in a selected expression
  // as a bare "id", which inside these subqueries would name their own table's id.
  const caseId = sql`${cases}.${sql.identifier('id')}`;
  return {
    pastHospitalOrganizationIds: sql<string[] | null>`(select array_agg(h.organization_id) from ${caseHospitals} h
      where h.case_id = ${caseId} and h.until is not null)`,
    hasOpenReferral: sql<boolean>`exists(select 1 from ${referrals} r where r.case_id = ${caseId}
      and r.organization_id = ${organizationId} and r.status in (${sql.join(
        openReferralStatuses.map((status) => sql`${status}`),
        sql`, `,
      )}))`,
    isTeamMember: sql<boolean>`exists(select 1 from ${teamMembers} t where t.case_id = ${caseId}
      and t.organization_id = ${organizationId} and t.ended_at is null)`,
    // 'acknowledged' sorts before 'requested': an acknowledged open link wins.
    welfareLink: sql<string | null>`(select min(w.status) from ${welfareLinks} w where w.case_id = ${caseId}
      and w.organization_id = ${organizationId} and w.status <> 'closed')`,
  };
}

const relationById = preparedStatement('renkei_case_relation', (executor, name) =>
  executor
    .select(relationColumns())
    .from(cases)
    .where(eq(cases.id, sql.placeholder('caseId')))
    .prepare(name),
);

function selectCaseWithRelation(executor: DbExecutor) {
  return executor
    .select({ case: cases, hospitalName: hospital.name, ...relationColumns() })
    .from(cases)
    .innerJoin(hospital, eq(hospital.id, cases.hospitalOrganizationId))
    .where(eq(cases.id, sql.placeholder('id')));
}

const caseWithRelation = preparedStatement('renkei_case_with_relation', (executor, name) =>
  selectCaseWithRelation(executor).prepare(name),
);

const caseWithRelationForUpdate = preparedStatement('renkei_case_with_relation_for_update', (executor, name) =>
  selectCaseWithRelation(executor).for('update', { of: cases }).prepare(name),
);

export async function pastHospitals(executor: DbExecutor, caseId: string) {
  return executor
    .select({ id: organizations.id, name: organizations.name })
    .from(caseHospitals)
    .innerJoin(organizations, eq(organizations.id, caseHospitals.organizationId))
    .where(and(eq(caseHospitals.caseId, caseId), sql`${caseHospitals.until} is not null`))
    .orderBy(asc(caseHospitals.since));
}

/** The roles `organizationId` holds in the case's team now. */
export async function activeTeamRolesOf(
  executor: DbExecutor,
  caseId: string,
  organizationId: string,
): Promise<string[]> {
  const rows = await executor
    .select({ role: teamMembers.role })
    .from(teamMembers)
    .where(
      and(eq(teamMembers.caseId, caseId), eq(teamMembers.organizationId, organizationId), isNull(teamMembers.endedAt)),
    );
  return rows.map((row) => row.role);
}

/** The organisations holding one of `roles` in the case's team now. */
export async function activeTeamOrganizationsIn(
  executor: DbExecutor,
  caseId: string,
  roles: readonly string[],
): Promise<string[]> {
  const rows = await executor
    .selectDistinct({ organizationId: teamMembers.organizationId })
    .from(teamMembers)
    .where(and(eq(teamMembers.caseId, caseId), inArray(teamMembers.role, [...roles]), isNull(teamMembers.endedAt)));
  return rows.map((row) => row.organizationId);
}

export async function insertCase(executor: DbExecutor, values: typeof cases.$inferInsert): Promise<void> {
  await executor.insert(cases).values(values);
}

export async function updateCase(
  executor: DbExecutor,
  id: string,
  values: Partial<typeof cases.$inferInsert>,
): Promise<void> {
  await executor
    .update(cases)
    .set({ ...values, version: sql`${cases.version} + 1` })
    .where(eq(cases.id, id));
}

export async function addHospital(
  executor: DbExecutor,
  caseId: string,
  organizationId: string,
  since: Date,
): Promise<void> {
  await executor
    .insert(caseHospitals)
    .values({ caseId, organizationId, since })
    .onConflictDoUpdate({ target: [caseHospitals.caseId, caseHospitals.organizationId], set: { since, until: null } });
}

export async function endHospital(
  executor: DbExecutor,
  caseId: string,
  organizationId: string,
  until: Date,
): Promise<void> {
  await executor
    .update(caseHospitals)
    .set({ until })
    .where(
      and(
        eq(caseHospitals.caseId, caseId),
        eq(caseHospitals.organizationId, organizationId),
        isNull(caseHospitals.until),
      ),
    );
}

const insertCaseEvent = preparedStatement('renkei_case_event_insert', (executor, name) =>
  executor
    .insert(caseEvents)
    .values({
      caseId: sql.placeholder('caseId'),
      at: sql.placeholder('at'),
      actorUserId: sql.placeholder('actorUserId'),
      actorOrganizationId: sql.placeholder('actorOrganizationId'),
      kind: sql.placeholder('kind'),
      summary: sql.placeholder('summary'),
      details: sql`${sql.placeholder('details')}::jsonb`,
    })
    .prepare(name),
);

export async function insertEvent(
  executor: DbExecutor,
  values: Omit<typeof caseEvents.$inferInsert, 'id'>,
): Promise<void> {
  await insertCaseEvent(executor, {
    caseId: values.caseId,
    at: values.at,
    actorUserId: values.actorUserId ?? null,
    actorOrganizationId: values.actorOrganizationId ?? null,
    kind: values.kind,
    summary: values.summary,
    details: values.details == null ? null : JSON.stringify(values.details),
  });
}

export async function listEvents(executor: DbExecutor, caseId: string) {
  return executor
    .select({
      id: caseEvents.id,
      at: caseEvents.at,
      kind: caseEvents.kind,
      summary: caseEvents.summary,
      details: caseEvents.details,
      actorName: users.name,
      actorOrganizationName: organizations.name,
    })
    .from(caseEvents)
    .leftJoin(users, eq(users.id, caseEvents.actorUserId))
    .leftJoin(organizations, eq(organizations.id, caseEvents.actorOrganizationId))
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(asc(caseEvents.id));
}

export async function lastEvent(executor: DbExecutor, caseId: string) {
  const [row] = await executor
    .select({
      at: caseEvents.at,
      summary: caseEvents.summary,
      actorName: users.name,
      actorOrganizationName: organizations.name,
    })
    .from(caseEvents)
    .leftJoin(users, eq(users.id, caseEvents.actorUserId))
    .leftJoin(organizations, eq(organizations.id, caseEvents.actorOrganizationId))
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(desc(caseEvents.id))
    .limit(1);
  return row ?? null;
}

export type CaseListScope =
  { kind: 'hospital'; organizationId: string } | { kind: 'center' } | { kind: 'provider'; organizationId: string };

/** Cases visible to a scope — the policy's rule as a query, so nothing invisible is ever loaded. */
function scopeCondition(scope: CaseListScope): SQL {
  const relation = (organizationId: string) => sql`(
    exists(select 1 from ${referrals} r where r.case_id = ${cases.id} and r.organization_id = ${organizationId}
           and r.status in (${sql.join(
             openReferralStatuses.map((status) => sql`${status}`),
             sql`, `,
           )}))
    or exists(select 1 from ${teamMembers} t where t.case_id = ${cases.id} and t.organization_id = ${organizationId} and t.ended_at is null)
    or exists(select 1 from ${welfareLinks} w where w.case_id = ${cases.id} and w.organization_id = ${organizationId} and w.status <> 'closed'))`;
  switch (scope.kind) {
    case 'hospital':
      return sql`(${cases.hospitalOrganizationId} = ${scope.organizationId}
        or exists(select 1 from ${caseHospitals} h where h.case_id = ${cases.id} and h.organization_id = ${scope.organizationId})
        or ${relation(scope.organizationId)})`;
    case 'center':
      return sql`(${cases.route} = 'center' and ${cases.consent}->'scope' ? 'center')`;
    case 'provider':
      return relation(scope.organizationId);
  }
}

export async function listCases(
  executor: DbExecutor,
  scope: CaseListScope,
  filter: { status?: string; route?: string; q?: string; after?: { key: string; id: string }; limit: number },
): Promise<CaseRow[]> {
  const conditions: SQL[] = [scopeCondition(scope)];
  if (filter.status) conditions.push(eq(cases.status, filter.status));
  if (filter.route) conditions.push(eq(cases.route, filter.route));
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    conditions.push(
      or(sql`${cases.patientName} ilike ${pattern}`, sql`${cases.patientNameKana} ilike ${pattern}`) as SQL,
    );
  }
  if (filter.after) {
    conditions.push(
      or(
        gt(cases.plannedDischargeDate, filter.after.key),
        and(eq(cases.plannedDischargeDate, filter.after.key), gt(cases.id, filter.after.id)),
      ) as SQL,
    );
  }
  const rows = await executor
    .select({ case: cases, hospitalName: hospital.name })
    .from(cases)
    .innerJoin(hospital, eq(hospital.id, cases.hospitalOrganizationId))
    .where(and(...conditions))
    .orderBy(asc(cases.plannedDischargeDate), asc(cases.id))
    .limit(filter.limit + 1);
  return rows.map((row) => ({ ...row.case, hospitalName: row.hospitalName }));
}

/** Whether someone at the organisation can take over a case's coordination: an enabled hospital liaison account. */
export async function hasHospitalLiaison(executor: DbExecutor, organizationId: string): Promise<boolean> {
  const [row] = await executor
    .select({ id: users.id })
    .from(users)
    .where(
      and(eq(users.organizationId, organizationId), eq(users.role, 'hospital_liaison'), eq(users.isDisabled, false)),
    )
    .limit(1);
  return row !== undefined;
}

export async function findOrganization(executor: DbExecutor, id: string) {
  const [row] = await executor
    .select({
      id: organizations.id,
      name: organizations.name,
      kind: organizations.kind,
      areaCode: organizations.areaCode,
    })
    .from(organizations)
    .where(eq(organizations.id, id));
  return row ?? null;
}

/**
 * The hospital's cases still being planned or coordinated for a patient born on `birthDate` (few: the caller
 * compares the names), to warn of a second registration of the same patient.
 */
export async function activeCasesBornOn(executor: DbExecutor, hospitalOrganizationId: string, birthDate: string) {
  return executor
    .select({
      id: cases.id,
      patientName: cases.patientName,
      patientNameKana: cases.patientNameKana,
      plannedDischargeDate: cases.plannedDischargeDate,
    })
    .from(cases)
    .where(
      and(
        eq(cases.hospitalOrganizationId, hospitalOrganizationId),
        eq(cases.birthDate, birthDate),
        or(eq(cases.status, 'planning'), eq(cases.status, 'coordinating')),
      ),
    )
    .orderBy(asc(cases.plannedDischargeDate))
    .limit(20);
}

/** The case's latest consultation with the Center (any status), and who asked it: for the link on the case page. */
export async function latestConsultationOfCase(executor: DbExecutor, caseId: string) {
  const [row] = await executor
    .select({
      id: consultations.id,
      status: consultations.status,
      requesterOrganizationId: consultations.requesterOrganizationId,
    })
    .from(consultations)
    .where(eq(consultations.caseId, caseId))
    .orderBy(desc(consultations.createdAt), desc(consultations.id))
    .limit(1);
  return row ?? null;
}
