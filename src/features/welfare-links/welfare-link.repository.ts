/** Welfare links: the only Drizzle code of this feature. */
import { and, asc, desc, eq, gt, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { areas, cases, organizations, users, welfareLinks } from '../../db/schema.js';
import type { DbExecutor } from '../../db/client.js';

const linked = alias(organizations, 'linked');
const hospital = alias(organizations, 'hospital');
const requester = alias(users, 'requester');
const requesterOrganization = alias(organizations, 'requester_organization');

export type WelfareLinkRow = typeof welfareLinks.$inferSelect & {
  organizationName: string;
  organizationKind: string;
  hospitalOrganizationId: string;
  hospitalName: string;
  plannedDischargeDate: string;
  /** The day the patient left hospital, once recorded (a link may be asked for after the discharge). */
  dischargedOn: string | null;
  caseStatus: string;
  /** For the minimum necessary (age band, ward) shown with the link — never the patient's identity. */
  patientBirthDate: string;
  areaCode: string | null;
  areaName: string | null;
  /** Who asked (the hospital's liaison or a Center coordinator): the window calls them back. */
  requesterName: string | null;
  requesterOrganizationId: string | null;
  requesterOrganizationName: string | null;
  requesterOrganizationKind: string | null;
  requesterPhone: string | null;
};

function selectLinks(executor: DbExecutor) {
  return executor
    .select({
      link: welfareLinks,
      organizationName: linked.name,
      organizationKind: linked.kind,
      hospitalOrganizationId: cases.hospitalOrganizationId,
      hospitalName: hospital.name,
      plannedDischargeDate: cases.plannedDischargeDate,
      dischargedOn: cases.dischargedOn,
      caseStatus: cases.status,
      patientBirthDate: cases.birthDate,
      areaCode: cases.areaCode,
      // As everywhere a case's ward is named (the case, referrals, matching, exports): 岡山市南区, not 南区.
      areaName: areas.fullName,
      requesterName: requester.name,
      requesterOrganizationId: requesterOrganization.id,
      requesterOrganizationName: requesterOrganization.name,
      requesterOrganizationKind: requesterOrganization.kind,
      requesterPhone: sql<
        string | null
      >`coalesce(${requesterOrganization.professionalPhone}, ${requesterOrganization.phone})`,
    })
    .from(welfareLinks)
    .innerJoin(linked, eq(linked.id, welfareLinks.organizationId))
    .innerJoin(cases, eq(cases.id, welfareLinks.caseId))
    .innerJoin(hospital, eq(hospital.id, cases.hospitalOrganizationId))
    .leftJoin(areas, eq(areas.code, cases.areaCode))
    .leftJoin(requester, eq(requester.id, welfareLinks.createdByUserId))
    .leftJoin(requesterOrganization, eq(requesterOrganization.id, requester.organizationId));
}

function flatten(
  row: { link: typeof welfareLinks.$inferSelect } & Omit<WelfareLinkRow, keyof typeof welfareLinks.$inferSelect>,
): WelfareLinkRow {
  const { link, ...rest } = row;
  return { ...link, ...rest };
}

export async function findLink(executor: DbExecutor, id: string): Promise<WelfareLinkRow | null> {
  const [row] = await selectLinks(executor).where(eq(welfareLinks.id, id));
  return row ? flatten(row) : null;
}

/** Where the previous page ended: its last link's creation time and id. */
export type LinkPosition = { createdAt: Date; id: string };

/** The case's links, oldest first (then by id); with `page`, `limit` links after `after`. */
export async function linksOfCase(
  executor: DbExecutor,
  caseId: string,
  page?: { after?: LinkPosition | undefined; limit: number },
): Promise<WelfareLinkRow[]> {
  const after = page?.after;
  const query = selectLinks(executor)
    .where(
      and(
        eq(welfareLinks.caseId, caseId),
        after
          ? or(
              gt(welfareLinks.createdAt, after.createdAt),
              and(eq(welfareLinks.createdAt, after.createdAt), gt(welfareLinks.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(welfareLinks.createdAt), asc(welfareLinks.id));
  const rows = page ? await query.limit(page.limit) : await query;
  return rows.map(flatten);
}

/** One page of an organisation's inbox, newest first (then by id): `limit` links after `after`. */
export async function inbox(
  executor: DbExecutor,
  filter: { organizationId: string; statuses?: readonly string[]; after?: LinkPosition | undefined; limit: number },
): Promise<WelfareLinkRow[]> {
  const conditions: SQL[] = [eq(welfareLinks.organizationId, filter.organizationId)];
  if (filter.statuses && filter.statuses.length > 0)
    conditions.push(inArray(welfareLinks.status, [...filter.statuses]));
  if (filter.after) {
    const { createdAt, id } = filter.after;
    conditions.push(
      or(
        lt(welfareLinks.createdAt, createdAt),
        and(eq(welfareLinks.createdAt, createdAt), gt(welfareLinks.id, id)),
      ) as SQL,
    );
  }
  const rows = await selectLinks(executor)
    .where(and(...conditions))
    .orderBy(desc(welfareLinks.createdAt), asc(welfareLinks.id))
    .limit(filter.limit);
  return rows.map(flatten);
}

/** The link of this organisation to this case that is not closed yet, if any. */
export async function openLinkOf(executor: DbExecutor, caseId: string, organizationId: string) {
  const [row] = await executor
    .select({ id: welfareLinks.id })
    .from(welfareLinks)
    .where(
      and(
        eq(welfareLinks.caseId, caseId),
        eq(welfareLinks.organizationId, organizationId),
        ne(welfareLinks.status, 'closed'),
      ),
    );
  return row ?? null;
}

/** The case's links that are not closed yet (requested or acknowledged), oldest first. */
export async function openLinksOfCase(executor: DbExecutor, caseId: string): Promise<WelfareLinkRow[]> {
  const rows = await selectLinks(executor)
    .where(and(eq(welfareLinks.caseId, caseId), ne(welfareLinks.status, 'closed')))
    .orderBy(asc(welfareLinks.createdAt), asc(welfareLinks.id));
  return rows.map(flatten);
}

/**
 * The state of each organisation's link to the case: its open link's status (acknowledged before
 * requested) or, with none open, `closed` when it had one; organisations never linked are absent.
 */
export async function linkStatesOf(
  executor: DbExecutor,
  caseId: string,
  organizationIds: readonly string[],
): Promise<Map<string, 'requested' | 'acknowledged' | 'closed'>> {
  if (organizationIds.length === 0) return new Map();
  const rows = await executor
    .select({ organizationId: welfareLinks.organizationId, status: welfareLinks.status })
    .from(welfareLinks)
    .where(and(eq(welfareLinks.caseId, caseId), inArray(welfareLinks.organizationId, [...organizationIds])));
  const rank = { acknowledged: 0, requested: 1, closed: 2 } as const;
  const states = new Map<string, 'requested' | 'acknowledged' | 'closed'>();
  for (const row of rows) {
    const status = row.status as keyof typeof rank;
    const known = states.get(row.organizationId);
    if (!(status in rank)) continue;
    if (known === undefined || rank[status] < rank[known]) states.set(row.organizationId, status);
  }
  return states;
}

/** The organisations whose link to the case is acknowledged and not closed yet. */
export async function acknowledgedLinkOrganizations(executor: DbExecutor, caseId: string) {
  return executor
    .selectDistinct({ id: organizations.id, name: organizations.name, kind: organizations.kind })
    .from(welfareLinks)
    .innerJoin(organizations, eq(organizations.id, welfareLinks.organizationId))
    .where(and(eq(welfareLinks.caseId, caseId), eq(welfareLinks.status, 'acknowledged')));
}

export async function insertLink(executor: DbExecutor, values: typeof welfareLinks.$inferInsert): Promise<void> {
  await executor.insert(welfareLinks).values(values);
}

export async function updateLink(
  executor: DbExecutor,
  id: string,
  values: Partial<Pick<typeof welfareLinks.$inferInsert, 'status' | 'response' | 'updatedAt'>>,
): Promise<void> {
  await executor.update(welfareLinks).set(values).where(eq(welfareLinks.id, id));
}

export async function findOrganization(executor: DbExecutor, id: string) {
  const [row] = await executor
    .select({
      id: organizations.id,
      name: organizations.name,
      kind: organizations.kind,
      isDisabled: organizations.isDisabled,
    })
    .from(organizations)
    .where(eq(organizations.id, id));
  return row ?? null;
}

/** The Coordination Center's organisations (notified when the case is with the Center). */
export async function centerOrganizationIds(executor: DbExecutor): Promise<string[]> {
  const rows = await executor
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.kind, 'coordination_center'), eq(organizations.isDisabled, false)));
  return rows.map((row) => row.id);
}
