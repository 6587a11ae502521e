/** The directory as the public exports see it: enabled organisations, public columns only. */
import { and, asc, count, eq, gt, gte, inArray, like, ne, or, isNotNull, sql, type SQL } from 'drizzle-orm';
import { areas, organizations } from '../../db/schema.js';
import type { DbExecutor } from '../../db/client.js';
import { organizationKindLabels } from '../../domain/labels.js';
import { escapeLike, normalizeForSearch, variantKanji } from '../../platform/text.js';

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

/** How FHIR's string search `name` matches: the start (default), anywhere (`:contains`), the whole (`:exact`). */
export type NameMatch = 'prefix' | 'contains' | 'exact';

/**
 * The FHIR searches' narrowing of the directory: `_id` / `organization` as the ids left (an empty
 * list matches nothing), and `name` — each entry one occurrence of the parameter whose values are
 * alternatives ("or"), the entries all required ("and"). `nameOf` 'service' also matches the
 * HealthcareService's own name (種別（組織名）) besides the organisation's name and reading.
 */
export type DirectoryFilter = {
  ids?: string[] | undefined;
  names?: { match: NameMatch; values: string[] }[] | undefined;
  nameOf?: 'organization' | 'service';
};

const hiragana = Array.from({ length: 0x3096 - 0x3041 + 1 }, (_, index) => String.fromCharCode(0x3041 + index)).join(
  '',
);
const katakana = Array.from(hiragana, (character) => String.fromCharCode(character.charCodeAt(0) + 0x60)).join('');

/** normalizeForSearch (platform/text.ts) in SQL: NFKC, lower case, katakana, no spaces, variant kanji folded. */
function normalizedSql(value: SQL): SQL {
  const folded = sql`translate(lower(normalize(${value}, NFKC)), ${hiragana}, ${katakana})`;
  return sql`translate(regexp_replace(${folded}, ${'\\s+'}, '', 'g'), ${variantKanji.from}, ${variantKanji.to})`;
}

/** The HealthcareService's name as fhir.presenter.ts writes it: 種別（組織名）. */
const serviceNameSql = sql`(case ${organizations.kind} ${sql.join(
  Object.entries(organizationKindLabels).map(([kind, label]) => sql`when ${kind} then ${label}::text`),
  sql` `,
)} else ${organizations.kind} end || ${'（'}::text || ${organizations.name} || ${'）'}::text)`;

function nameCondition(match: NameMatch, value: string, nameOf: 'organization' | 'service'): SQL | undefined {
  if (match === 'exact') {
    // Exact: the name as written, case and width included (FHIR's :exact).
    if (nameOf === 'service') return sql`${serviceNameSql} = ${value}`;
    return or(eq(organizations.name, value), eq(organizations.nameKana, value));
  }
  const text = normalizeForSearch(value);
  const pattern = match === 'prefix' ? `${escapeLike(text)}%` : `%${escapeLike(text)}%`;
  const fields = [
    normalizedSql(sql`${organizations.name}`),
    normalizedSql(sql`coalesce(${organizations.nameKana}, '')`),
    ...(nameOf === 'service' ? [normalizedSql(serviceNameSql)] : []),
  ];
  return or(...fields.map((field) => sql`${field} like ${pattern}`));
}

function filterCondition(filter: DirectoryFilter | undefined): SQL | undefined {
  if (!filter) return undefined;
  const conditions: (SQL | undefined)[] = [];
  if (filter.ids) conditions.push(filter.ids.length > 0 ? inArray(organizations.id, filter.ids) : sql`false`);
  for (const name of filter.names ?? []) {
    const alternatives = name.values.map((value) => nameCondition(name.match, value, filter.nameOf ?? 'organization'));
    conditions.push(alternatives.length > 0 ? or(...alternatives) : sql`false`);
  }
  return and(...conditions);
}

function scopeCondition(scope: ExportScope, search?: string, filter?: DirectoryFilter): SQL | undefined {
  // HSDS `search`: the name or its reading, however typed (the list's own normalisation).
  const text = search ? normalizeForSearch(search) : '';
  const matches = text ? like(organizations.searchText, `%${escapeLike(text)}%`) : undefined;
  const isEnabled = and(eq(organizations.isDisabled, false), matches, filterCondition(filter));
  if (scope === 'all') return isEnabled;
  // A location needs an address or a point.
  return and(isEnabled, or(ne(organizations.address, ''), isNotNull(organizations.lat)));
}

export async function countOrganizations(
  executor: DbExecutor,
  scope: ExportScope,
  search?: string,
  filter?: DirectoryFilter,
): Promise<number> {
  const [row] = await executor
    .select({ total: count() })
    .from(organizations)
    .where(scopeCondition(scope, search, filter));
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
    filter?: DirectoryFilter | undefined;
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
    .where(and(scopeCondition(options.scope, options.search, options.filter), after))
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
