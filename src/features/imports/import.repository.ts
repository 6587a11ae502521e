/**
 * The database side of the directory imports: finding the organisations a file names (locked for
 * the transaction), and writing many of them at once — multi-row INSERT and UPDATE … FROM (VALUES …),
 * never one query per row, so the national files import in seconds on PGlite and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { areas, organizations } from '../../db/schema.js';
import type { DbExecutor } from '../../db/client.js';
import { normalizeForSearch } from '../../platform/text.js';
import type { ExistingOrganization, OrganizationValues } from '../../domain/imports/plan.js';

/** One import at a time: a transaction-scoped advisory lock (released at commit or rollback). */
const importLockKey = 724_692;
const batchSize = 2000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}

export async function lockImports(executor: DbExecutor): Promise<void> {
  await executor.execute(sql`select pg_advisory_xact_lock(${importLockKey})`);
}

export async function loadAreas(executor: DbExecutor) {
  return executor
    .select({
      code: areas.code,
      kind: areas.kind,
      fullName: areas.fullName,
      centroidLat: areas.centroidLat,
      centroidLng: areas.centroidLng,
    })
    .from(areas);
}

const existingColumns = {
  id: organizations.id,
  sourceKey: organizations.sourceKey,
  kind: organizations.kind,
  name: organizations.name,
  nameKana: organizations.nameKana,
  medicalInstitutionCode: organizations.medicalInstitutionCode,
  careOfficeNumber: organizations.careOfficeNumber,
  postalCode: organizations.postalCode,
  address: organizations.address,
  areaCode: organizations.areaCode,
  lat: organizations.lat,
  lng: organizations.lng,
  geocodePrecision: organizations.geocodePrecision,
  phone: organizations.phone,
  fax: organizations.fax,
  url: organizations.url,
  corporationName: organizations.corporationName,
  corporationNumber: organizations.corporationNumber,
  kaigoServices: organizations.kaigoServices,
  capacity: organizations.capacity,
  source: organizations.source,
  groups: organizations.groups,
  procedures: organizations.procedures,
  isAvailable24h: organizations.isAvailable24h,
  coverageRadiusKm: organizations.coverageRadiusKm,
  isDemoProfile: organizations.isDemoProfile,
};

/** `column in (the values)`, with the values as one JSON parameter (tens of thousands of codes). */
function inJsonList(column: PgColumn, values: readonly string[]): SQL | null {
  if (values.length === 0) return null;
  return sql`${column} in (select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
}

export type CandidateKeys = {
  medicalCodes: string[];
  careNumbers: string[];
  sourceKeys: string[];
  /** Also every hospital and clinic (医療情報ネット rows are matched by name and address). */
  includeHospitalsAndClinics: boolean;
};

/** The organisations the file may stand for, locked until the import commits. */
export async function loadCandidates(executor: DbExecutor, keys: CandidateKeys): Promise<ExistingOrganization[]> {
  const conditions = [
    inJsonList(organizations.medicalInstitutionCode, keys.medicalCodes),
    inJsonList(organizations.careOfficeNumber, keys.careNumbers),
    inJsonList(organizations.sourceKey, keys.sourceKeys),
    keys.includeHospitalsAndClinics ? inArray(organizations.kind, ['hospital', 'clinic']) : null,
  ].filter((condition): condition is SQL => condition !== null);
  if (conditions.length === 0) return [];
  const rows = await executor
    .select(existingColumns)
    .from(organizations)
    .where(or(...conditions))
    .for('update');
  return rows;
}

function searchTextOf(values: OrganizationValues): string {
  return normalizeForSearch(`${values.name} ${values.nameKana ?? ''}`);
}

/**
 * The written columns as one JSON record per organisation: a whole batch travels as a single
 * jsonb parameter and is unpacked by jsonb_to_recordset — far cheaper than thousands of bind
 * parameters, above all on PGlite.
 */
function recordOf(values: OrganizationValues) {
  return {
    kind: values.kind,
    name: values.name,
    name_kana: values.nameKana,
    search_text: searchTextOf(values),
    medical_institution_code: values.medicalInstitutionCode,
    care_office_number: values.careOfficeNumber,
    postal_code: values.postalCode,
    address: values.address,
    area_code: values.areaCode,
    lat: values.lat,
    lng: values.lng,
    geocode_precision: values.geocodePrecision,
    phone: values.phone,
    fax: values.fax,
    url: values.url,
    corporation_name: values.corporationName,
    corporation_number: values.corporationNumber,
    kaigo_services: values.kaigoServices,
    capacity: values.capacity,
    source: values.source,
    groups: values.groups,
    procedures: values.procedures,
    is_available_24h: values.isAvailable24h,
    coverage_radius_km: values.coverageRadiusKm,
    is_demo_profile: values.isDemoProfile,
  };
}

/** The record type of jsonb_to_recordset, column by column (the same names as the table). */
const recordColumns = sql.raw(`id uuid, source_key text, kind text, name text, name_kana text, search_text text,
  medical_institution_code text, care_office_number text, postal_code text, address text, area_code text,
  lat double precision, lng double precision, geocode_precision text, phone text, fax text, url text,
  corporation_name text, corporation_number text, kaigo_services jsonb, capacity integer, source text,
  groups text[], procedures text[], is_available_24h boolean, coverage_radius_km double precision,
  is_demo_profile boolean`);
const writtenColumns = [
  'kind',
  'name',
  'name_kana',
  'search_text',
  'medical_institution_code',
  'care_office_number',
  'postal_code',
  'address',
  'area_code',
  'lat',
  'lng',
  'geocode_precision',
  'phone',
  'fax',
  'url',
  'corporation_name',
  'corporation_number',
  'kaigo_services',
  'capacity',
  'source',
  'groups',
  'procedures',
  'is_available_24h',
  'coverage_radius_km',
  'is_demo_profile',
] as const;
const columnList = sql.raw(writtenColumns.join(', '));
const assignments = sql.raw(writtenColumns.map((column) => `${column} = v.${column}`).join(', '));

function rowCount(result: unknown): number {
  return (result as { rows: unknown[] }).rows.length;
}

export type NewOrganization = { sourceKey: string; values: OrganizationValues };

/** Inserts the new organisations; returns how many were written (a concurrent writer makes it fewer). */
export async function insertOrganizations(executor: DbExecutor, rows: readonly NewOrganization[], now: Date) {
  let inserted = 0;
  const at = now.toISOString();
  for (const batch of chunks(rows, batchSize)) {
    const records = batch.map(({ sourceKey, values }) => ({
      id: randomUUID(),
      source_key: sourceKey,
      ...recordOf(values),
    }));
    const result = await executor.execute(sql`
      insert into organizations (id, source_key, ${columnList}, created_at, updated_at)
      select id, source_key, ${columnList}, ${at}::timestamptz, ${at}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(${recordColumns})
      on conflict do nothing
      returning id`);
    inserted += rowCount(result);
  }
  return inserted;
}

export type ChangedOrganization = { id: string; values: OrganizationValues };

/** Updates changed organisations in batches: the version goes up by one and updated_at is now. */
export async function updateOrganizations(executor: DbExecutor, rows: readonly ChangedOrganization[], now: Date) {
  let updated = 0;
  const at = now.toISOString();
  for (const batch of chunks(rows, batchSize)) {
    const records = batch.map(({ id, values }) => ({ id, source_key: null, ...recordOf(values) }));
    const result = await executor.execute(sql`
      update organizations as o
      set ${assignments}, version = o.version + 1, updated_at = ${at}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as v(${recordColumns})
      where o.id = v.id
      returning o.id`);
    updated += rowCount(result);
  }
  return updated;
}

/** Fresh planner statistics after a large import (PostgreSQL otherwise plans with stale ones). */
export async function analyzeOrganizations(executor: DbExecutor): Promise<void> {
  await executor.execute(sql`analyze organizations`);
}

/**
 * The organisations registered by hand without an official code (no source key, no 医療機関コード, no 介護保険事業所番号):
 * an imported row of the same name and kind is likely one of them again, which the import cannot match by code.
 * Few (the public data carries codes), so read at once and compared in memory, by kind and normalised name.
 */
export async function uncodedByName(executor: DbExecutor): Promise<Map<string, { name: string; address: string }[]>> {
  const rows = await executor
    .select({ name: organizations.name, kind: organizations.kind, address: organizations.address })
    .from(organizations)
    .where(
      and(
        isNull(organizations.sourceKey),
        isNull(organizations.medicalInstitutionCode),
        isNull(organizations.careOfficeNumber),
        eq(organizations.isDisabled, false),
      ),
    );
  const byName = new Map<string, { name: string; address: string }[]>();
  for (const row of rows) {
    const key = uncodedKey(row.kind, row.name);
    byName.set(key, [...(byName.get(key) ?? []), { name: row.name, address: row.address }]);
  }
  return byName;
}

/** The key uncodedByName files an organisation under. */
export function uncodedKey(kind: string, name: string): string {
  return `${kind}\u0000${normalizeForSearch(name)}`;
}
