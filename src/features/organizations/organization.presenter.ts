/** Organisation row → API object; availability carries its age and whether it is stale (要確認). */
import type { OrganizationRow } from './organization.repository.js';
import type { OrganizationResponse } from './organization.schema.js';
import { dataSource } from '../../platform/data-sources.js';
import { toJstIso } from '../../platform/time.js';
import type {
  AvailabilityStatus,
  HomeCareSupportClinicType,
  HospitalFunction,
  OrganizationKind,
  PatientGroup,
  Procedure,
} from '../../domain/codes.js';
import { availabilityAgeDays, isAvailabilityStale } from '../../domain/freshness.js';

export type PresentOptions = { now: Date; staleAfterDays: number };

export function presentAvailability(
  row: OrganizationRow,
  options: PresentOptions,
): OrganizationResponse['availability'] {
  if (row.availabilityStatus === null || row.availabilityUpdatedAt === null) return null;
  return {
    status: row.availabilityStatus as AvailabilityStatus,
    freeSlots: row.freeSlots,
    note: row.availabilityNote,
    updatedAt: toJstIso(row.availabilityUpdatedAt),
    updatedBy: row.availabilityUpdatedByName,
    ageDays: availabilityAgeDays(row.availabilityUpdatedAt, options.now),
    isStale: isAvailabilityStale(row.availabilityUpdatedAt, options.now, options.staleAfterDays),
  };
}

export function presentOrganization(row: OrganizationRow, options: PresentOptions): OrganizationResponse {
  return {
    id: row.id,
    name: row.name,
    nameKana: row.nameKana,
    kind: row.kind as OrganizationKind,
    codes: {
      medicalInstitutionCode: row.medicalInstitutionCode,
      careOfficeNumber: row.careOfficeNumber,
    },
    postalCode: row.postalCode,
    address: row.address,
    lat: row.lat,
    lng: row.lng,
    geocodePrecision: row.geocodePrecision,
    areaCode: row.areaCode,
    areaName: row.areaName,
    phone: row.phone,
    fax: row.fax,
    professionalPhone: row.professionalPhone,
    url: row.url,
    corporationName: row.corporationName,
    kaigoServices: row.kaigoServices,
    capacity: row.capacity,
    hospitalFunction: row.hospitalFunction as HospitalFunction | null,
    isBackupHospital: row.isBackupHospital,
    homeCareSupportClinic: row.homeCareSupportClinic as HomeCareSupportClinicType | null,
    isHomeVisitOnly: row.isHomeVisitOnly,
    declaredCapacity: row.declaredCapacity,
    backup: {
      areaCodes: row.backupAreaCodes,
      unavailableUntil: row.backupUnavailableUntil ? toJstIso(row.backupUnavailableUntil) : null,
      unavailableNote: row.backupUnavailableNote,
    },
    associationId: row.associationId,
    capabilities: {
      groups: row.groups as PatientGroup[],
      procedures: row.procedures as Procedure[],
      available24h: row.isAvailable24h,
    },
    coverage: { radiusKm: row.coverageRadiusKm, areaCodes: row.coverageAreaCodes },
    availability: presentAvailability(row, options),
    isDemo: row.isDemo,
    isDemoProfile: row.isDemoProfile,
    isDemoAvailability: row.isDemoAvailability,
    version: row.version,
    // The 出典 line; the source's note is for the data page only (platform/data-sources.ts).
    source: (({ id, attribution, license, asOf }) => ({ id, attribution, license, asOf }))(dataSource(row.source)),
  };
}
