/**
 * The queries behind the authenticated FHIR resources: which cases and referrals a caller may
 * see — the case policy (src/domain/policies/case-policy.ts) written as SQL, so a search pages
 * and counts only what is visible — and the team members of a page of cases.
 */
import { and, asc, count, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { areas, caseHospitals, cases, organizations, referrals, teamMembers, welfareLinks } from '../../db/schema.js';
import type { DbExecutor } from '../../db/client.js';
import { openReferralStatuses } from '../../domain/cases/referral-state.js';
import type { PolicyActor } from '../../domain/policies/actor.js';

const receiver = alias(organizations, 'receiver');
const sender = alias(organizations, 'sender');
const hospital = alias(organizations, 'hospital');

const openStatuses = sql.join(
  openReferralStatuses.map((status) => sql`${status}`),
  sql`, `,
);

/** Team member, welfare link, or an open referral the patient agreed to share a summary with. */
function providerRelation(organizationId: string): SQL {
  return sql`(
    exists(select 1 from ${teamMembers} t where t.case_id = ${cases.id} and t.organization_id = ${organizationId} and t.ended_at is null)
    or exists(select 1 from ${welfareLinks} w where w.case_id = ${cases.id} and w.organization_id = ${organizationId} and w.status <> 'closed')
    or (exists(select 1 from ${referrals} r where r.case_id = ${cases.id} and r.organization_id = ${organizationId}
               and r.status in (${openStatuses}))
        and ${cases.consent}->'scope' ? 'referral_summary'))`;
}

const centerVisible = sql`(${cases.route} = 'center' and ${cases.consent}->'scope' ? 'center')`;

/** `caseAccessLevel(actor, facts) !== 'none'` as a condition on `cases`. */
export function visibleCaseCondition(actor: PolicyActor): SQL {
  const organizationId = actor.organizationId;
  if (organizationId === null) return sql`false`;
  switch (actor.role) {
    case 'hospital_liaison':
      return sql`(${cases.hospitalOrganizationId} = ${organizationId}
        or exists(select 1 from ${caseHospitals} h where h.case_id = ${cases.id} and h.organization_id = ${organizationId} and h.until is not null)
        or ${providerRelation(organizationId)})`;
    case 'center_coordinator':
      return centerVisible;
    case 'provider':
      return providerRelation(organizationId);
    case 'admin':
    case 'association_admin':
    case 'city_analyst':
      return sql`false`;
  }
}

/** The receiver's own referrals, and those of visible cases the caller coordinates or sent. */
function visibleReferralCondition(actor: PolicyActor): SQL {
  const organizationId = actor.organizationId;
  if (organizationId === null) return sql`false`;
  const coordinates =
    actor.role === 'hospital_liaison'
      ? sql`${cases.hospitalOrganizationId} = ${organizationId}`
      : actor.role === 'center_coordinator'
        ? centerVisible
        : sql`false`;
  return sql`(${referrals.organizationId} = ${organizationId}
    or (${visibleCaseCondition(actor)} and (${referrals.senderOrganizationId} = ${organizationId} or ${coordinates})))`;
}

export type CaseFilter = { caseIds?: string[] | undefined };

function caseConditions(actor: PolicyActor, filter: CaseFilter): SQL[] {
  const conditions = [visibleCaseCondition(actor)];
  if (filter.caseIds) conditions.push(filter.caseIds.length > 0 ? inArray(cases.id, filter.caseIds) : sql`false`);
  return conditions;
}

export async function countVisibleCases(executor: DbExecutor, actor: PolicyActor, filter: CaseFilter) {
  const [row] = await executor
    .select({ total: count() })
    .from(cases)
    .where(and(...caseConditions(actor, filter)));
  return row?.total ?? 0;
}

/** Ids of the visible cases, oldest first (a stable order for `_offset` paging). */
export async function listVisibleCaseIds(
  executor: DbExecutor,
  actor: PolicyActor,
  filter: CaseFilter & { offset: number; limit: number },
): Promise<string[]> {
  const rows = await executor
    .select({ id: cases.id })
    .from(cases)
    .where(and(...caseConditions(actor, filter)))
    .orderBy(asc(cases.createdAt), asc(cases.id))
    .offset(filter.offset)
    .limit(filter.limit);
  return rows.map((row) => row.id);
}

export type AreaName = { code: string; fullName: string };

export async function areaNames(executor: DbExecutor): Promise<Map<string, string>> {
  const rows = await executor.select({ code: areas.code, fullName: areas.fullName }).from(areas);
  return new Map(rows.map((row) => [row.code, row.fullName]));
}

export type MemberRow = Awaited<ReturnType<typeof activeMembersOf>>[number];

/** The active team members of some cases, in the order they joined. */
export async function activeMembersOf(executor: DbExecutor, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return executor
    .select({
      caseId: teamMembers.caseId,
      role: teamMembers.role,
      since: teamMembers.since,
      organizationId: organizations.id,
      organizationName: organizations.name,
    })
    .from(teamMembers)
    .innerJoin(organizations, eq(organizations.id, teamMembers.organizationId))
    .where(and(inArray(teamMembers.caseId, caseIds), isNull(teamMembers.endedAt)))
    .orderBy(asc(teamMembers.since), asc(teamMembers.role));
}

export type ReferralFilter = { referralIds?: string[] | undefined; caseIds?: string[] | undefined };

function referralConditions(actor: PolicyActor, filter: ReferralFilter): SQL[] {
  const conditions = [visibleReferralCondition(actor)];
  if (filter.referralIds)
    conditions.push(filter.referralIds.length > 0 ? inArray(referrals.id, filter.referralIds) : sql`false`);
  if (filter.caseIds)
    conditions.push(filter.caseIds.length > 0 ? inArray(referrals.caseId, filter.caseIds) : sql`false`);
  return conditions;
}

export async function countVisibleReferrals(executor: DbExecutor, actor: PolicyActor, filter: ReferralFilter) {
  const [row] = await executor
    .select({ total: count() })
    .from(referrals)
    .innerJoin(cases, eq(cases.id, referrals.caseId))
    .where(and(...referralConditions(actor, filter)));
  return row?.total ?? 0;
}

export type ClinicalReferralRow = Awaited<ReturnType<typeof listVisibleReferrals>>[number];

/** The visible referrals with what their FHIR resources show of the case, oldest first. */
export async function listVisibleReferrals(
  executor: DbExecutor,
  actor: PolicyActor,
  filter: ReferralFilter & { offset: number; limit: number },
) {
  return executor
    .select({
      referral: referrals,
      organizationName: receiver.name,
      senderOrganizationName: sender.name,
      caseStatus: cases.status,
      hospitalOrganizationId: cases.hospitalOrganizationId,
      hospitalName: hospital.name,
      patientName: cases.patientName,
      consent: cases.consent,
      plannedDischargeDate: cases.plannedDischargeDate,
      groups: cases.groups,
      procedures: cases.procedures,
    })
    .from(referrals)
    .innerJoin(cases, eq(cases.id, referrals.caseId))
    .innerJoin(receiver, eq(receiver.id, referrals.organizationId))
    .innerJoin(sender, eq(sender.id, referrals.senderOrganizationId))
    .innerJoin(hospital, eq(hospital.id, cases.hospitalOrganizationId))
    .where(and(...referralConditions(actor, filter)))
    .orderBy(asc(referrals.createdAt), asc(referrals.id))
    .offset(filter.offset)
    .limit(filter.limit);
}
