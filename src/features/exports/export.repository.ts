/** The directory as the public exports see it: enabled organisations, public columns only. */
import { and, asc, count, eq, gt, gte, like, ne, or, isNotNull, type SQL } from 'drizzle-orm';
import { areas, organizations } from '../../db/schema.js';
import type { DbExecutor } from '../../db/client.js';
import { escapeLike, normalizeForSearch } from '../../platform/text.js';

/** Deliberately no professional_phone, availability note or free slots: these are never public. */
const publicColumns = {
  id: organizations.id,
  kind: organizations.kind,
  name: organizations.name,
  nameKana: organizations.nameKana,
  medicalInstitutionCode: organizations.medicalInstitutionCode,
  careOfficeNumber: organizations.careOfficeNumber,
  postalCode: organizations.postalCode,
  address: organizations.address,
  areaCode: organizations.areaCode,
  areaName: areas.fullName,
  lat: organizations.lat,
  lng: organizations.lng,
  phone: organizations.phone,
  fax: organizations.fax,
  url: organizations.url,
  corporationName: organizations.corporationName,
  corporationNumber: organizations.corporationNumber,
  kaigoServices: organizations.kaigoServices,
  groups: organizations.groups,
  procedures: organizations.procedures,
  isAvailable24h: organizations.isAvailable24h,
  coverageRadiusKm: organizations.coverageRadiusKm,
  availabilityStatus: organizations.availabilityStatus,
  availabilityUpdatedAt: organizations.availabilityUpdatedAt,
  isDemo: organizations.isDemo,
  isDemoProfile: organizations.isDemoProfile,
  isDemoAvailability: organizations.isDemoAvailability,
  source: organizations.source,
  updatedAt: organizations.updatedAt,
};

export type ExportScope = 'all' | 'located';

function scopeCondition(scope: ExportScope, search?: string): SQL | undefined {
  // HSDS `search`: the name or its reading, however typed (the list's own normalisation).
  const text = search ? normalizeForSearch(search) : '';
  const matches = text ? like(organizations.searchText, `%${escapeLike(text)}%`) : undefined;
  const isEnabled = and(eq(organizations.isDisabled, false), matches);
  if (scope === 'all') return isEnabled;
  // A location needs an address or a point.
  return and(isEnabled, or(ne(organizations.address, ''), isNotNull(organizations.lat)));
}

export async function countOrganizations(executor: DbExecutor, scope: ExportScope, search?: string): Promise<number> {
  const [row] = await executor.select({ total: count() }).from(organizations).where(scopeCondition(scope, search));
  return row?.total ?? 0;
}

/**
 * One page, in a stable order (name, then id): by offset (the HTTP pages), or after a given row
 * (keyset: reading the whole directory for the export files).
 */
export async function listOrganizations(
  executor: DbExecutor,
  options: {
    scope: ExportScope;
    offset?: number;
    after?: { name: string; id: string };
    limit: number;
    search?: string | undefined;
  },
) {
  const after = options.after
    ? or(
        gt(organizations.name, options.after.name),
        and(eq(organizations.name, options.after.name), gt(organizations.id, options.after.id)),
      )
    : undefined;
  return executor
    .select(publicColumns)
    .from(organizations)
    .leftJoin(areas, eq(areas.code, organizations.areaCode))
    .where(and(scopeCondition(options.scope, options.search), after))
    .orderBy(asc(organizations.name), asc(organizations.id))
    .offset(options.offset ?? 0)
    .limit(options.limit);
}

export type ExportRow = Awaited<ReturnType<typeof listOrganizations>>[number];

export async function findOrganization(
  executor: DbExecutor,
  id: string,
  scope: ExportScope,
): Promise<ExportRow | null> {
  const [row] = await executor
    .select(publicColumns)
    .from(organizations)
    .leftJoin(areas, eq(areas.code, organizations.areaCode))
    .where(and(eq(organizations.id, id), scopeCondition(scope)));
  return row ?? null;
}

/**
 * The ids of every organisation (enabled or not) registered at or after `since` (all when null),
 * with the latest registration time seen: what the HSDS by-id reads derive their service and
 * location ids from.
 */
export async function listOrganizationIdsSince(
  executor: DbExecutor,
  since: Date | null,
): Promise<{ id: string; createdAt: Date }[]> {
  return executor
    .select({ id: organizations.id, createdAt: organizations.createdAt })
    .from(organizations)
    .where(since ? gte(organizations.createdAt, since) : undefined);
}
