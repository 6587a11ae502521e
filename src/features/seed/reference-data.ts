/**
 * Loads the reference data every installation needs: the areas of Okayama City and its real
 * organisations from public open data. Only what is missing is inserted, so a restart adds no
 * duplicates and never overwrites what providers changed since.
 */
import { randomUUID } from 'node:crypto';
import { isNotNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { areas, organizations } from '../../db/schema.js';
import { normalizeForSearch } from '../../platform/text.js';
import { okayamaFiles, type OrganizationRecord } from './okayama-files.js';
import { officialProcedures } from '../../domain/directory/official-capabilities.js';

const batchSize = 400;

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}

export function organizationValues(record: OrganizationRecord, now: Date): typeof organizations.$inferInsert {
  return {
    id: randomUUID(),
    sourceKey: record.sourceKey,
    kind: record.kind,
    name: record.name,
    nameKana: record.nameKana,
    searchText: normalizeForSearch(`${record.name} ${record.nameKana ?? ''}`),
    medicalInstitutionCode: record.codes.medicalInstitutionCode ?? null,
    careOfficeNumber: record.codes.careOfficeNumber ?? null,
    postalCode: record.postalCode,
    address: record.address,
    areaCode: record.areaCode,
    lat: record.lat,
    lng: record.lng,
    geocodePrecision: record.geocodePrecision,
    phone: record.phone,
    fax: record.fax,
    url: record.url,
    corporationName: record.corporationName,
    corporationNumber: record.corporationNumber,
    kaigoServices: record.kaigoServices,
    procedures: officialProcedures(record.kaigoServices),
    capacity: record.capacity,
    source: record.source,
    createdAt: now,
    updatedAt: now,
  };
}

export async function loadReferenceData(
  database: Database,
  now: Date,
): Promise<{ areas: number; organizations: number }> {
  const areaRecords = okayamaFiles.areas();
  const organizationRecords = okayamaFiles.organizations();
  return database.transaction(async (tx) => {
    // Parents first: the city before its wards.
    const sortedAreas = [...areaRecords].sort((a, b) => Number(a.parentCode !== null) - Number(b.parentCode !== null));
    let insertedAreas = 0;
    for (const record of sortedAreas) {
      const inserted = await tx
        .insert(areas)
        .values({
          code: record.code,
          code6: record.code6,
          name: record.name,
          fullName: record.fullName,
          kind: record.kind,
          parentCode: record.parentCode,
          centroidLat: record.centroid?.lat ?? null,
          centroidLng: record.centroid?.lng ?? null,
          boundary: record.boundary ?? null,
          source: 'geo-boundaries',
        })
        .onConflictDoNothing()
        .returning({ code: areas.code });
      insertedAreas += inserted.length;
    }
    // Insert only what is missing: a restart with the same data writes nothing.
    const existing = new Set(
      (
        await tx
          .select({ sourceKey: organizations.sourceKey })
          .from(organizations)
          .where(isNotNull(organizations.sourceKey))
      ).map((row) => row.sourceKey),
    );
    const missing = organizationRecords.filter((record) => !existing.has(record.sourceKey));
    let insertedOrganizations = 0;
    for (const batch of chunks(missing, batchSize)) {
      const inserted = await tx
        .insert(organizations)
        .values(batch.map((record) => organizationValues(record, now)))
        .onConflictDoNothing()
        .returning({ id: organizations.id });
      insertedOrganizations += inserted.length;
    }
    if (insertedOrganizations > 0) await tx.execute(sql`analyze organizations`);
    return { areas: insertedAreas, organizations: insertedOrganizations };
  });
}
