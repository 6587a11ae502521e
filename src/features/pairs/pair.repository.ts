/** Doctor pairs (主治医・副主治医) and the clinics they can be made of: the only Drizzle code for pairs. */
import { and, asc, eq, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { areas, doctorPairs, organizations } from '../../db/schema.js';
import type { DbExecutor } from '../../db/client.js';

const primary = alias(organizations, 'primary_org');
const secondary = alias(organizations, 'secondary_org');

export type PairRow = {
  id: string;
  areaCode: string;
  areaName: string;
  status: string;
  source: string;
  createdAt: Date;
  endedAt: Date | null;
  primary: PairClinicRow;
  secondary: PairClinicRow;
};

type PairClinicRow = {
  id: string;
  name: string;
  phone: string | null;
  professionalPhone: string | null;
  address: string;
  lat: number | null;
  lng: number | null;
};

function pairSelect(executor: DbExecutor) {
  return executor
    .select({
      id: doctorPairs.id,
      areaCode: doctorPairs.areaCode,
      areaName: areas.fullName,
      status: doctorPairs.status,
      source: doctorPairs.source,
      createdAt: doctorPairs.createdAt,
      endedAt: doctorPairs.endedAt,
      primary: {
        id: primary.id,
        name: primary.name,
        phone: primary.phone,
        professionalPhone: primary.professionalPhone,
        address: primary.address,
        lat: primary.lat,
        lng: primary.lng,
      },
      secondary: {
        id: secondary.id,
        name: secondary.name,
        phone: secondary.phone,
        professionalPhone: secondary.professionalPhone,
        address: secondary.address,
        lat: secondary.lat,
        lng: secondary.lng,
      },
    })
    .from(doctorPairs)
    .innerJoin(areas, eq(areas.code, doctorPairs.areaCode))
    .innerJoin(primary, eq(primary.id, doctorPairs.primaryOrganizationId))
    .innerJoin(secondary, eq(secondary.id, doctorPairs.secondaryOrganizationId));
}

type PairFilter = {
  areaCode?: string;
  organizationId?: string;
  status?: 'active' | 'ended';
  /** Who may see the pair: one of its clinics is this organisation. */
  involving?: string;
  /** Who may see the pair: one of its clinics is a member of this medical association. */
  memberOf?: string;
};

/** A pair one of whose clinics is this organisation. */
const hasClinic = (organizationId: string) =>
  or(
    eq(doctorPairs.primaryOrganizationId, organizationId),
    eq(doctorPairs.secondaryOrganizationId, organizationId),
  ) as SQL;

function pairConditions(filter: PairFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.areaCode) conditions.push(eq(doctorPairs.areaCode, filter.areaCode));
  if (filter.status) conditions.push(eq(doctorPairs.status, filter.status));
  if (filter.organizationId) conditions.push(hasClinic(filter.organizationId));
  if (filter.involving !== undefined) conditions.push(hasClinic(filter.involving));
  if (filter.memberOf !== undefined)
    conditions.push(
      or(eq(primary.associationId, filter.memberOf), eq(secondary.associationId, filter.memberOf)) as SQL,
    );
  return conditions;
}

/** Every pair that matches (for the services that reason over all of them). */
export async function listPairs(executor: DbExecutor, filter: PairFilter): Promise<PairRow[]> {
  const conditions = pairConditions(filter);
  return pairSelect(executor)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(asc(doctorPairs.areaCode), asc(primary.name), asc(doctorPairs.id))
    .limit(2000);
}

/** One page of pairs by area, then the primary clinic's name, then id: `limit` rows after `after`. */
export async function listPairsPage(
  executor: DbExecutor,
  filter: PairFilter & { after?: { areaCode: string; primaryName: string; id: string } | undefined; limit: number },
): Promise<PairRow[]> {
  const conditions = pairConditions(filter);
  if (filter.after) {
    const { areaCode, primaryName, id } = filter.after;
    conditions.push(
      or(
        gt(doctorPairs.areaCode, areaCode),
        and(
          eq(doctorPairs.areaCode, areaCode),
          or(gt(primary.name, primaryName), and(eq(primary.name, primaryName), gt(doctorPairs.id, id))),
        ),
      ) as SQL,
    );
  }
  return pairSelect(executor)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(asc(doctorPairs.areaCode), asc(primary.name), asc(doctorPairs.id))
    .limit(filter.limit);
}

export async function findPair(
  executor: DbExecutor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<PairRow | null> {
  if (options.forUpdate)
    await executor.select({ id: doctorPairs.id }).from(doctorPairs).where(eq(doctorPairs.id, id)).for('update');
  const [row] = await pairSelect(executor).where(eq(doctorPairs.id, id));
  return row ?? null;
}

export async function insertPair(executor: DbExecutor, values: typeof doctorPairs.$inferInsert): Promise<void> {
  await executor.insert(doctorPairs).values(values);
}

export async function endPair(executor: DbExecutor, id: string, at: Date): Promise<void> {
  await executor.update(doctorPairs).set({ status: 'ended', endedAt: at }).where(eq(doctorPairs.id, id));
}

/** An active pair of these two clinics in either orientation. */
export async function activePairBetween(executor: DbExecutor, a: string, b: string): Promise<string | null> {
  const [row] = await executor
    .select({ id: doctorPairs.id })
    .from(doctorPairs)
    .where(
      and(
        eq(doctorPairs.status, 'active'),
        or(
          and(eq(doctorPairs.primaryOrganizationId, a), eq(doctorPairs.secondaryOrganizationId, b)),
          and(eq(doctorPairs.primaryOrganizationId, b), eq(doctorPairs.secondaryOrganizationId, a)),
        ),
      ),
    );
  return row?.id ?? null;
}

export type ClinicRow = {
  id: string;
  name: string;
  address: string;
  kind: string;
  areaCode: string | null;
  lat: number | null;
  lng: number | null;
  groups: string[];
  availabilityStatus: string | null;
  declaredCapacity: number | null;
  associationId: string | null;
  isDisabled: boolean;
};

const clinicColumns = {
  id: organizations.id,
  name: organizations.name,
  address: organizations.address,
  kind: organizations.kind,
  areaCode: organizations.areaCode,
  lat: organizations.lat,
  lng: organizations.lng,
  groups: organizations.groups,
  availabilityStatus: organizations.availabilityStatus,
  declaredCapacity: organizations.declaredCapacity,
  associationId: organizations.associationId,
  isDisabled: organizations.isDisabled,
};

/** Clinics of an area (optionally of one medical association). */
export async function clinicsOfArea(
  executor: DbExecutor,
  areaCode: string,
  associationId: string | null,
): Promise<ClinicRow[]> {
  const conditions: SQL[] = [
    eq(organizations.kind, 'clinic'),
    eq(organizations.areaCode, areaCode),
    eq(organizations.isDisabled, false),
  ];
  if (associationId) conditions.push(eq(organizations.associationId, associationId));
  return executor
    .select(clinicColumns)
    .from(organizations)
    .where(and(...conditions))
    .orderBy(asc(organizations.id));
}

export async function organizationsByIds(executor: DbExecutor, ids: readonly string[]): Promise<ClinicRow[]> {
  if (ids.length === 0) return [];
  return executor
    .select(clinicColumns)
    .from(organizations)
    .where(inArray(organizations.id, [...ids]));
}

/** Active pair count per clinic. */
export async function activePairCounts(executor: DbExecutor, ids: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (ids.length === 0) return counts;
  const rows = await executor
    .select({ primary: doctorPairs.primaryOrganizationId, secondary: doctorPairs.secondaryOrganizationId })
    .from(doctorPairs)
    .where(
      and(
        eq(doctorPairs.status, 'active'),
        isNull(doctorPairs.endedAt),
        sql`(${inArray(doctorPairs.primaryOrganizationId, [...ids])} or ${inArray(doctorPairs.secondaryOrganizationId, [...ids])})`,
      ),
    );
  for (const row of rows) {
    counts.set(row.primary, (counts.get(row.primary) ?? 0) + 1);
    counts.set(row.secondary, (counts.get(row.secondary) ?? 0) + 1);
  }
  return counts;
}

/** Each area's name and parent (wards and districts are few: the whole table is read). */
export async function areaTree(
  executor: DbExecutor,
): Promise<Map<string, { name: string; parentCode: string | null }>> {
  const rows = await executor
    .select({ code: areas.code, name: areas.fullName, parentCode: areas.parentCode })
    .from(areas);
  return new Map(rows.map((row) => [row.code, { name: row.name, parentCode: row.parentCode }]));
}

export async function areaExists(executor: DbExecutor, code: string): Promise<boolean> {
  const [row] = await executor.select({ code: areas.code }).from(areas).where(eq(areas.code, code));
  return row !== undefined;
}
