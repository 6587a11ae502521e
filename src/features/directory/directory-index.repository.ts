/** Reads what the in-memory directory index needs: organisations with a location, and the revision. */
import { and, eq, gt, isNotNull, sql } from 'drizzle-orm';
import { organizations } from '../../db/schema.js';
import type { DbExecutor } from '../../db/client.js';
import { preparedStatement } from '../../db/prepared.js';

export const indexColumns = {
  id: organizations.id,
  lat: organizations.lat,
  lng: organizations.lng,
  kind: organizations.kind,
  areaCode: organizations.areaCode,
  groups: organizations.groups,
  procedures: organizations.procedures,
  isAvailable24h: organizations.isAvailable24h,
  coverageRadiusKm: organizations.coverageRadiusKm,
  coverageAreaCodes: organizations.coverageAreaCodes,
  availabilityStatus: organizations.availabilityStatus,
  availabilityUpdatedAt: organizations.availabilityUpdatedAt,
  isDisabled: organizations.isDisabled,
  revision: organizations.revision,
  name: organizations.name,
  address: organizations.address,
  phone: organizations.phone,
  freeSlots: organizations.freeSlots,
  availabilityNote: organizations.availabilityNote,
  isDemoProfile: organizations.isDemoProfile,
  isDemoAvailability: organizations.isDemoAvailability,
  homeCareSupportClinic: organizations.homeCareSupportClinic,
  isHomeVisitOnly: organizations.isHomeVisitOnly,
};

export type IndexRow = {
  id: string;
  lat: number | null;
  lng: number | null;
  kind: string;
  areaCode: string | null;
  groups: string[];
  procedures: string[];
  isAvailable24h: boolean;
  coverageRadiusKm: number | null;
  coverageAreaCodes: string[];
  availabilityStatus: string | null;
  availabilityUpdatedAt: Date | null;
  isDisabled: boolean;
  revision: number;
  name: string;
  address: string;
  phone: string | null;
  freeSlots: number | null;
  availabilityNote: string | null;
  isDemoProfile: boolean;
  isDemoAvailability: boolean;
  homeCareSupportClinic: string | null;
  isHomeVisitOnly: boolean;
};

/** Asked before every search (is the index current?): prepared. */
const maxRevision = preparedStatement('renkei_directory_revision', (executor, name) =>
  executor
    .select({ revision: sql<string | null>`max(${organizations.revision})::text` })
    .from(organizations)
    .prepare(name),
);

export async function currentRevision(executor: DbExecutor): Promise<number> {
  const [row] = await maxRevision(executor, {});
  return Number(row?.revision ?? '0');
}

export async function loadAll(executor: DbExecutor): Promise<IndexRow[]> {
  return executor
    .select(indexColumns)
    .from(organizations)
    .where(and(eq(organizations.isDisabled, false), isNotNull(organizations.lat), isNotNull(organizations.lng)));
}

export async function loadChangedSince(executor: DbExecutor, revision: number): Promise<IndexRow[]> {
  return executor.select(indexColumns).from(organizations).where(gt(organizations.revision, revision));
}
