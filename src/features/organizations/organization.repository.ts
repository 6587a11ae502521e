/** Organisations: the only Drizzle code of the directory's organisation records. */
import { and, asc, eq, gt, inArray, isNull, like, lt, or, sql, type SQL } from 'drizzle-orm';
import { areas, organizations, users } from '../../db/schema.js';
import type { DbExecutor } from '../../db/client.js';
import { escapeLike, normalizeForSearch } from '../../platform/text.js';

export type OrganizationRow = typeof organizations.$inferSelect & {
  areaName: string | null;
  availabilityUpdatedByName: string | null;
};

const columns = {
  organization: organizations,
  areaName: areas.name,
  availabilityUpdatedByName: users.name,
};

function flatten(row: {
  organization: typeof organizations.$inferSelect;
  areaName: string | null;
  availabilityUpdatedByName: string | null;
}): OrganizationRow {
  return { ...row.organization, areaName: row.areaName, availabilityUpdatedByName: row.availabilityUpdatedByName };
}

function baseQuery(executor: DbExecutor) {
  return executor
    .select(columns)
    .from(organizations)
    .leftJoin(areas, eq(areas.code, organizations.areaCode))
    .leftJoin(users, eq(users.id, organizations.availabilityUpdatedBy));
}

export async function findOrganization(executor: DbExecutor, id: string): Promise<OrganizationRow | null> {
  const [row] = await baseQuery(executor).where(eq(organizations.id, id));
  return row ? flatten(row) : null;
}

export async function lockOrganization(executor: DbExecutor, id: string) {
  const [row] = await executor.select().from(organizations).where(eq(organizations.id, id)).for('update');
  return row ?? null;
}

export type OrganizationFilter = {
  kinds?: string[];
  areaCode?: string;
  searchText?: string;
  associationId?: string;
  /** 受入状況: never entered, or entered before this instant (要確認). */
  availability?: { kind: 'none' } | { kind: 'stale'; updatedBefore: Date };
  after?: { name: string; id: string };
  limit: number;
};

export async function listOrganizations(executor: DbExecutor, filter: OrganizationFilter): Promise<OrganizationRow[]> {
  const conditions: SQL[] = [eq(organizations.isDisabled, false)];
  if (filter.kinds && filter.kinds.length > 0) conditions.push(inArray(organizations.kind, filter.kinds));
  if (filter.areaCode) conditions.push(eq(organizations.areaCode, filter.areaCode));
  if (filter.associationId) conditions.push(eq(organizations.associationId, filter.associationId));
  if (filter.searchText) conditions.push(like(organizations.searchText, `%${escapeLike(filter.searchText)}%`));
  if (filter.availability?.kind === 'none') conditions.push(isNull(organizations.availabilityUpdatedAt));
  if (filter.availability?.kind === 'stale')
    conditions.push(lt(organizations.availabilityUpdatedAt, filter.availability.updatedBefore));
  if (filter.after) {
    const after = or(
      gt(organizations.name, filter.after.name),
      and(eq(organizations.name, filter.after.name), gt(organizations.id, filter.after.id)),
    );
    if (after) conditions.push(after);
  }
  const rows = await baseQuery(executor)
    .where(and(...conditions))
    .orderBy(asc(organizations.name), asc(organizations.id))
    .limit(filter.limit + 1);
  return rows.map(flatten);
}

export async function insertOrganization(
  executor: DbExecutor,
  values: typeof organizations.$inferInsert,
): Promise<void> {
  await executor.insert(organizations).values(values);
}

export async function updateOrganization(
  executor: DbExecutor,
  id: string,
  values: Partial<typeof organizations.$inferInsert>,
): Promise<void> {
  await executor
    .update(organizations)
    .set({ ...values, version: sql`${organizations.version} + 1` })
    .where(eq(organizations.id, id));
}

export async function existingAreaCodes(executor: DbExecutor, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await executor.select({ code: areas.code }).from(areas).where(inArray(areas.code, codes));
  return new Set(rows.map((row) => row.code));
}

/** The areas as the geocoder reads them (wards' names, centroids and boundaries). */
export async function loadAreaShapes(executor: DbExecutor) {
  const rows = await executor
    .select({
      code: areas.code,
      name: areas.name,
      fullName: areas.fullName,
      centroidLat: areas.centroidLat,
      centroidLng: areas.centroidLng,
      boundary: areas.boundary,
    })
    .from(areas)
    .orderBy(asc(areas.code));
  return rows.map(({ centroidLat, centroidLng, ...area }) => ({
    ...area,
    centroid: centroidLat !== null && centroidLng !== null ? { lat: centroidLat, lng: centroidLng } : null,
  }));
}

/** An organisation already registered that a new one may duplicate: what the client is shown of it. */
export type ExistingOrganization = {
  id: string;
  name: string;
  address: string;
  kind: string;
  medicalInstitutionCode: string | null;
  careOfficeNumber: string | null;
};

const existingColumns = {
  id: organizations.id,
  name: organizations.name,
  address: organizations.address,
  kind: organizations.kind,
  medicalInstitutionCode: organizations.medicalInstitutionCode,
  careOfficeNumber: organizations.careOfficeNumber,
};

export async function findByOfficialCodes(
  executor: DbExecutor,
  codes: { medicalInstitutionCode?: string | null | undefined; careOfficeNumber?: string | null | undefined },
  exceptId?: string,
): Promise<ExistingOrganization[]> {
  const matches: SQL[] = [];
  if (codes.medicalInstitutionCode)
    matches.push(eq(organizations.medicalInstitutionCode, codes.medicalInstitutionCode));
  if (codes.careOfficeNumber) matches.push(eq(organizations.careOfficeNumber, codes.careOfficeNumber));
  if (matches.length === 0) return [];
  const rows = await executor
    .select(existingColumns)
    .from(organizations)
    .where(or(...matches))
    .orderBy(asc(organizations.name), asc(organizations.id));
  return rows.filter((row) => row.id !== exceptId);
}

/**
 * The organisations in use of `kind` whose name, normalised as search normalises it, is `normalizedName`
 * (「岡山大学病院」, 「岡山大学 病院」 and 「岡山大学病院」 in full width are one name). The search text starts with
 * the normalised name (then the カナ), so it narrows the rows the names are compared on.
 */
export async function findSameNamed(
  executor: DbExecutor,
  kind: string,
  normalizedName: string,
): Promise<ExistingOrganization[]> {
  if (normalizedName === '') return [];
  const rows = await executor
    .select(existingColumns)
    .from(organizations)
    .where(
      and(
        eq(organizations.kind, kind),
        eq(organizations.isDisabled, false),
        like(organizations.searchText, `${escapeLike(normalizedName)}%`),
      ),
    )
    .orderBy(asc(organizations.name), asc(organizations.id))
    .limit(200);
  return rows.filter((row) => normalizeForSearch(row.name) === normalizedName);
}

export async function isMedicalAssociation(executor: DbExecutor, id: string): Promise<boolean> {
  const [row] = await executor
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.id, id), eq(organizations.kind, 'medical_association')));
  return row !== undefined;
}
