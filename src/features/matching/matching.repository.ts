/**
 * The only Drizzle code of matching: current loads and declared capacities, the referrals and
 * pairs that shape eligibility and continuity, the Center's open cases, proposals and waitlist
 * offers. Returns plain objects.
 */
import { and, arrayContains, asc, desc, eq, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  areas,
  cases,
  doctorPairs,
  matchingProposals,
  organizations,
  referrals,
  teamMembers,
  waitlistOffers,
} from '../../db/schema.js';
import { rowsOf, type DbExecutor } from '../../db/client.js';
import { openReferralStatuses } from '../../domain/cases/referral-state.js';

const hospital = alias(organizations, 'hospital');

/** Statuses of cases whose team members are "looking after" the patient (load, reliance). */
export const activeCaseCondition = sql`(c.status in ('planning', 'coordinating', 'discharged') or (c.status = 'closed' and c.outcome = 'home'))`;

/**
 * A list of ids as ONE parameter (a PostgreSQL array literal) for `= any(...::uuid[])`: one
 * parameter instead of hundreds keeps the statement small to build, send and plan. Ids are UUIDs
 * (validated or generated), so the literal needs no quoting.
 */
function uuidArray(ids: readonly string[]) {
  for (const id of ids) if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Error(`not a uuid: ${id}`);
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}

/**
 * Whether the directory holds any organisation (not disabled) of one of `kinds` that holds every one
 * of `procedures`: what a role asks of every organisation whatever the patient (team-roles.ts kinds
 * and alwaysProcedures). False tells an empty candidate list "nobody of this kind is registered"
 * from "nobody of this kind fits this patient".
 */
export async function anyOrganizationOfKind(
  executor: DbExecutor,
  kinds: readonly string[],
  procedures: readonly string[],
): Promise<boolean> {
  if (kinds.length === 0) return false;
  const [row] = await executor
    .select({ id: organizations.id })
    .from(organizations)
    .where(
      and(
        inArray(organizations.kind, [...kinds]),
        eq(organizations.isDisabled, false),
        ...(procedures.length > 0 ? [arrayContains(organizations.procedures, [...procedures])] : []),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Active home patients per organisation (team roles held in active cases). */
export async function loadsOf(executor: DbExecutor, organizationIds: readonly string[]): Promise<Map<string, number>> {
  if (organizationIds.length === 0) return new Map();
  const rows = await executor.execute(sql`
    select t.organization_id as id, count(*)::int as load from ${teamMembers} t
    join ${cases} c on c.id = t.case_id
    where t.ended_at is null and ${activeCaseCondition} and t.organization_id = any(${uuidArray(organizationIds)})
    group by t.organization_id`);
  return new Map(rowsOf<{ id: string; load: number | string }>(rows).map((row) => [row.id, Number(row.load)]));
}

export type CapacityRow = {
  id: string;
  name: string;
  declaredCapacity: number | null;
  freeSlots: number | null;
  availabilityStatus: string | null;
  /** Referrals sent to it and not answered yet: each may take one of its free places. */
  pendingReferrals: number;
  /** Patients it took on since it declared its free places (those places are no longer free). */
  joinedSinceDeclared: number;
};

/** Declared capacity, free slots, name, and what already claims the free places, of organisations. */
export async function capacitiesOf(
  executor: DbExecutor,
  organizationIds: readonly string[],
): Promise<Map<string, CapacityRow>> {
  if (organizationIds.length === 0) return new Map();
  const rows = await executor.execute(sql`
    select o.id, o.name, o.declared_capacity as "declaredCapacity", o.free_slots as "freeSlots",
           o.availability_status as "availabilityStatus",
           (select count(*)::int from ${referrals} r where r.organization_id = o.id
              and r.status in (${sql.join(
                openReferralStatuses.map((status) => sql`${status}`),
                sql`, `,
              )})) as "pendingReferrals",
           (select count(*)::int from ${teamMembers} t where t.organization_id = o.id and t.ended_at is null
              and o.availability_updated_at is not null and t.since > o.availability_updated_at) as "joinedSinceDeclared"
    from ${organizations} o where o.id = any(${uuidArray(organizationIds)})`);
  return new Map(rowsOf<CapacityRow>(rows).map((row) => [row.id, row]));
}

/**
 * What the ranking adds to the directory, in ONE round trip: each candidate's active home
 * patients and declared capacity, and the active pairs of the team's members (continuity).
 */
export async function rankingFactsOf(
  executor: DbExecutor,
  organizationIds: readonly string[],
  memberIds: readonly string[],
): Promise<{
  facts: Map<string, { load: number; declaredCapacity: number | null }>;
  partners: { organizationId: string; partnerId: string }[];
}> {
  if (organizationIds.length === 0 && memberIds.length === 0) return { facts: new Map(), partners: [] };
  const ids = uuidArray(organizationIds);
  const members = uuidArray(memberIds);
  const rows = await executor.execute(sql`
    select 'fact' as kind, o.id, o.declared_capacity as "declaredCapacity", coalesce(l.load, 0)::int as load,
           null::uuid as partner
    from ${organizations} o
    left join (
      select t.organization_id, count(*)::int as load from ${teamMembers} t
      join ${cases} c on c.id = t.case_id
      where t.ended_at is null and ${activeCaseCondition} and t.organization_id = any(${ids})
      group by t.organization_id
    ) l on l.organization_id = o.id
    where o.id = any(${ids})
    union all
    select 'pair', p.primary_organization_id, null, null, p.secondary_organization_id
    from ${doctorPairs} p
    where p.status = 'active'
      and (p.primary_organization_id = any(${members}) or p.secondary_organization_id = any(${members}))`);
  const facts = new Map<string, { load: number; declaredCapacity: number | null }>();
  const partners: { organizationId: string; partnerId: string }[] = [];
  const memberSet = new Set(memberIds);
  for (const row of rowsOf<{
    kind: string;
    id: string;
    load: number | string | null;
    declaredCapacity: number | null;
    partner: string | null;
  }>(rows)) {
    if (row.kind === 'fact') {
      facts.set(row.id, { load: Number(row.load ?? 0), declaredCapacity: row.declaredCapacity });
    } else if (row.partner) {
      if (memberSet.has(row.id)) partners.push({ organizationId: row.id, partnerId: row.partner });
      if (memberSet.has(row.partner)) partners.push({ organizationId: row.partner, partnerId: row.id });
    }
  }
  return { facts, partners };
}

/** Organisations a case must not be proposed to for a role: an open referral, or one that declined. */
export async function excludedForRole(
  executor: DbExecutor,
  caseIds: readonly string[],
  role: string,
): Promise<Map<string, Set<string>>> {
  const excluded = new Map<string, Set<string>>();
  if (caseIds.length === 0) return excluded;
  const rows = await executor
    .select({ caseId: referrals.caseId, organizationId: referrals.organizationId })
    .from(referrals)
    .where(
      and(
        inArray(referrals.caseId, [...caseIds]),
        eq(referrals.role, role),
        inArray(referrals.status, [...openReferralStatuses, 'declined']),
      ),
    );
  for (const row of rows) {
    let set = excluded.get(row.caseId);
    if (!set) {
      set = new Set();
      excluded.set(row.caseId, set);
    }
    set.add(row.organizationId);
  }
  return excluded;
}

/** Active pair partners of the given organisations: organisation id → partners (id, name). */
export async function pairPartnersOf(
  executor: DbExecutor,
  organizationIds: readonly string[],
): Promise<{ organizationId: string; partnerId: string }[]> {
  if (organizationIds.length === 0) return [];
  const ids = [...organizationIds];
  const rows = await executor
    .select({ primary: doctorPairs.primaryOrganizationId, secondary: doctorPairs.secondaryOrganizationId })
    .from(doctorPairs)
    .where(
      and(
        eq(doctorPairs.status, 'active'),
        sql`(${inArray(doctorPairs.primaryOrganizationId, ids)} or ${inArray(doctorPairs.secondaryOrganizationId, ids)})`,
      ),
    );
  const result: { organizationId: string; partnerId: string }[] = [];
  for (const row of rows) {
    if (ids.includes(row.primary)) result.push({ organizationId: row.primary, partnerId: row.secondary });
    if (ids.includes(row.secondary)) result.push({ organizationId: row.secondary, partnerId: row.primary });
  }
  return result;
}

/** The active primary doctor of each case. */
export async function primaryDoctorsOf(executor: DbExecutor, caseIds: readonly string[]): Promise<Map<string, string>> {
  if (caseIds.length === 0) return new Map();
  const rows = await executor
    .select({ caseId: teamMembers.caseId, organizationId: teamMembers.organizationId })
    .from(teamMembers)
    .where(
      and(
        inArray(teamMembers.caseId, [...caseIds]),
        eq(teamMembers.role, 'primary_doctor'),
        isNull(teamMembers.endedAt),
      ),
    );
  return new Map(rows.map((row) => [row.caseId, row.organizationId]));
}

/** Roles filled in each case (active team members). */
export async function filledRolesOf(
  executor: DbExecutor,
  caseIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const filled = new Map<string, Set<string>>();
  if (caseIds.length === 0) return filled;
  const rows = await executor
    .select({ caseId: teamMembers.caseId, role: teamMembers.role })
    .from(teamMembers)
    .where(and(inArray(teamMembers.caseId, [...caseIds]), isNull(teamMembers.endedAt)));
  for (const row of rows) {
    let set = filled.get(row.caseId);
    if (!set) {
      set = new Set();
      filled.set(row.caseId, set);
    }
    set.add(row.role);
  }
  return filled;
}

export type OpenCaseRow = typeof cases.$inferSelect & { hospitalName: string; pendingReferrals: number };

/**
 * The Center's cases still needing `role`: brought to the Center with its consent, being
 * coordinated, the role needed and not filled.
 */
export async function openCenterCases(
  executor: DbExecutor,
  role: string,
  dischargeBetween: { from?: string | undefined; to?: string | undefined } = {},
): Promise<OpenCaseRow[]> {
  const rows = await executor
    .select({
      case: cases,
      hospitalName: hospital.name,
      pendingReferrals: sql<number>`(select count(*)::int from ${referrals} r where r.case_id = ${cases.id} and r.role = ${role}
        and r.status in (${sql.join(
          openReferralStatuses.map((status) => sql`${status}`),
          sql`, `,
        )}))`,
    })
    .from(cases)
    .innerJoin(hospital, eq(hospital.id, cases.hospitalOrganizationId))
    .where(
      and(
        eq(cases.status, 'coordinating'),
        eq(cases.route, 'center'),
        sql`${cases.consent}->'scope' ? 'center'`,
        sql`${role} = any(${cases.neededRoles})`,
        sql`not exists(select 1 from ${teamMembers} t where t.case_id = ${cases.id} and t.role = ${role} and t.ended_at is null)`,
        dischargeBetween.from ? gte(cases.plannedDischargeDate, dischargeBetween.from) : undefined,
        dischargeBetween.to ? lte(cases.plannedDischargeDate, dischargeBetween.to) : undefined,
      ),
    )
    .orderBy(asc(cases.plannedDischargeDate), asc(cases.id))
    .limit(1000);
  return rows.map((row) => ({
    ...row.case,
    hospitalName: row.hospitalName,
    pendingReferrals: row.pendingReferrals,
  }));
}

export type ProposalRow = typeof matchingProposals.$inferSelect;

export async function insertProposal(
  executor: DbExecutor,
  values: typeof matchingProposals.$inferInsert,
): Promise<void> {
  await executor.insert(matchingProposals).values(values);
}

export async function findProposal(
  executor: DbExecutor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ProposalRow | null> {
  const query = executor.select().from(matchingProposals).where(eq(matchingProposals.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

/** The latest proposals made for (or by) an organisation, newest first. */
/** One page of an organisation's proposals, newest first (then by id): `limit` rows after `after`. */
export async function listProposals(
  executor: DbExecutor,
  filter: {
    organizationId: string;
    status?: string | undefined;
    after?: { createdAt: Date; id: string } | undefined;
    limit: number;
  },
): Promise<ProposalRow[]> {
  const { after } = filter;
  return executor
    .select()
    .from(matchingProposals)
    .where(
      and(
        eq(matchingProposals.createdByOrganizationId, filter.organizationId),
        filter.status ? eq(matchingProposals.status, filter.status) : undefined,
        after
          ? or(
              lt(matchingProposals.createdAt, after.createdAt),
              and(eq(matchingProposals.createdAt, after.createdAt), lt(matchingProposals.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(matchingProposals.createdAt), desc(matchingProposals.id))
    .limit(filter.limit);
}

export async function updateProposal(
  executor: DbExecutor,
  id: string,
  values: Partial<typeof matchingProposals.$inferInsert>,
): Promise<void> {
  await executor
    .update(matchingProposals)
    .set({ ...values, version: sql`${matchingProposals.version} + 1` })
    .where(eq(matchingProposals.id, id));
}

/** Names of organisations (for presenting). */
export async function organizationNames(executor: DbExecutor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await executor
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, [...ids]));
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function areaNames(executor: DbExecutor): Promise<Map<string, string>> {
  const rows = await executor.select({ code: areas.code, name: areas.fullName }).from(areas);
  return new Map(rows.map((row) => [row.code, row.name]));
}

// ---- waiting list ----

export type WaitingCaseRow = {
  id: string;
  route: string | null;
  hospitalOrganizationId: string;
  lat: number;
  lng: number;
  areaCode: string | null;
  groups: string[];
  procedures: string[];
  neededRoles: string[];
  plannedDischargeDate: string;
};

/**
 * Cases being coordinated that still need one of `roles`, with no open referral to (and no
 * refusal from) the organisation, never offered it before for that role.
 */
export async function waitingCases(
  executor: DbExecutor,
  organizationId: string,
  roles: readonly string[],
): Promise<(WaitingCaseRow & { role: string })[]> {
  if (roles.length === 0) return [];
  const rows = await executor.execute(sql`
    select c.id, c.route, c.hospital_organization_id as "hospitalOrganizationId", c.lat, c.lng,
           c.area_code as "areaCode", c.groups, c.procedures, c.needed_roles as "neededRoles",
           c.planned_discharge_date as "plannedDischargeDate", role.value as role
    from ${cases} c
    cross join lateral unnest(c.needed_roles) as role(value)
    where c.status = 'coordinating' and c.lat is not null and c.lng is not null
      and role.value in (${sql.join(
        roles.map((role) => sql`${role}`),
        sql`, `,
      )})
      and not exists(select 1 from ${teamMembers} t where t.case_id = c.id and t.role = role.value and t.ended_at is null)
      and not exists(select 1 from ${teamMembers} t where t.case_id = c.id and t.organization_id = ${organizationId} and t.ended_at is null)
      and not exists(select 1 from ${referrals} r where r.case_id = c.id and r.organization_id = ${organizationId}
                     and r.role = role.value and r.status in ('sent', 'viewed', 'needs_info', 'declined'))
      and not exists(select 1 from ${waitlistOffers} w where w.case_id = c.id and w.role = role.value
                     and w.organization_id = ${organizationId})
    order by c.planned_discharge_date, c.id`);
  return rowsOf<WaitingCaseRow & { role: string }>(rows);
}

/** Records an offer; false when it was already recorded (nobody is told twice). */
export async function recordOffer(
  executor: DbExecutor,
  values: { caseId: string; role: string; organizationId: string; createdAt: Date },
): Promise<boolean> {
  const inserted = await executor
    .insert(waitlistOffers)
    .values(values)
    .onConflictDoNothing()
    .returning({ caseId: waitlistOffers.caseId });
  return inserted.length > 0;
}

export async function organizationForWaitlist(executor: DbExecutor, id: string) {
  const [row] = await executor
    .select({
      id: organizations.id,
      name: organizations.name,
      kind: organizations.kind,
      lat: organizations.lat,
      lng: organizations.lng,
      areaCode: organizations.areaCode,
      groups: organizations.groups,
      procedures: organizations.procedures,
      isAvailable24h: organizations.isAvailable24h,
      coverageRadiusKm: organizations.coverageRadiusKm,
      coverageAreaCodes: organizations.coverageAreaCodes,
      availabilityStatus: organizations.availabilityStatus,
      availabilityUpdatedAt: organizations.availabilityUpdatedAt,
      freeSlots: organizations.freeSlots,
      declaredCapacity: organizations.declaredCapacity,
      isDisabled: organizations.isDisabled,
    })
    .from(organizations)
    .where(eq(organizations.id, id));
  return row ?? null;
}

export async function centerOrganizationIds(executor: DbExecutor): Promise<string[]> {
  const rows = await executor
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.kind, 'coordination_center'), eq(organizations.isDisabled, false)));
  return rows.map((row) => row.id);
}
