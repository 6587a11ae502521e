/**
 * Supply per area (pure): organisations by kind and by capability, and the free capacity they
 * declared — with how much of it is stale. Organisations are public directory entries, not
 * people, so their counts are shown as they are; an organisation counts in its area and every
 * area above it.
 *
 * Three figures answer different questions and differ on purpose: `organizationsByKind` counts each organisation once
 * under the kind the public data gives it (visiting rehabilitation run by a clinic, a hospital or a 介護老人保健施設
 * counts under that kind, so `visiting_rehab` holds only stand-alone offices); `capabilities.procedures` counts every
 * organisation, of any kind, that holds a procedure (rehabilitation: declared, or recorded for official kaigo service
 * 140); `roles` counts the organisations that can be candidates for a team role by the matching's own rule.
 */
import {
  organizationKinds,
  patientGroups,
  procedures,
  teamRoles,
  type OrganizationKind,
  type PatientGroup,
  type Procedure,
  type TeamRole,
} from '../../domain/codes.js';
import { canFillRole } from '../../domain/cases/team-roles.js';
import { isAvailabilityStale } from '../../domain/freshness.js';
import type { AreaTree } from './area-tree.js';

/** The kinds whose acceptance capacity is broken out (those that take patients home). */
export const capacityKinds = [
  'clinic',
  'hospital',
  'visiting_nursing',
  'visiting_rehab',
  'care_management',
  'home_dental',
  'home_pharmacy',
] as const satisfies readonly OrganizationKind[];
export type CapacityKind = (typeof capacityKinds)[number];

export type SupplyInput = {
  areaCode: string | null;
  kind: string;
  homeCareSupportClinic: string | null;
  isHomeVisitOnly: boolean;
  isAvailable24h: boolean;
  groups: readonly string[];
  procedures: readonly string[];
  availabilityStatus: string | null;
  freeSlots: number | null;
  availabilityUpdatedAt: Date | null;
};

export type Capacity = {
  organizations: number;
  /** Organisations that declared an acceptance status. */
  reporting: number;
  accepting: number;
  limited: number;
  full: number;
  /** Free slots declared, fresh or not. */
  freeSlots: number;
  /** Free slots declared within the freshness window. */
  freeSlotsFresh: number;
  stale: number;
  /** stale / reporting (0–1), null when nobody reports. */
  staleShare: number | null;
};

export type Supply = {
  organizationsByKind: Record<OrganizationKind, number>;
  capabilities: {
    homeVisitClinics: number;
    homeCareSupportClinics: number;
    homeVisitOnlyClinics: number;
    available24h: number;
    clinics24h: number;
    visitingNursing24h: number;
    procedures: Record<Procedure, number>;
    groups: Record<PatientGroup, number>;
  };
  capacity: Capacity;
  capacityByKind: Record<CapacityKind, Capacity>;
  /**
   * Per team role: the organisations the matching would take as candidates for it (team-roles.ts canFillRole: the kind,
   * the procedures the role always needs, a declared profile for the doctors and the nurse — not yet the patient's own
   * groups, procedures and home, nor 受入不可), those accepting now (fresh, not full), their fresh free slots.
   */
  roles: Record<TeamRole, { organizations: number; accepting: number; freeSlotsFresh: number }>;
};

const zeros = <Key extends string>(keys: readonly Key[]) =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<Key, number>;

function emptyCapacity(): Capacity {
  return {
    organizations: 0,
    reporting: 0,
    accepting: 0,
    limited: 0,
    full: 0,
    freeSlots: 0,
    freeSlotsFresh: 0,
    stale: 0,
    staleShare: null,
  };
}

function emptySupply(): Supply {
  return {
    organizationsByKind: zeros(organizationKinds),
    capabilities: {
      homeVisitClinics: 0,
      homeCareSupportClinics: 0,
      homeVisitOnlyClinics: 0,
      available24h: 0,
      clinics24h: 0,
      visitingNursing24h: 0,
      procedures: zeros(procedures),
      groups: zeros(patientGroups),
    },
    capacity: emptyCapacity(),
    capacityByKind: Object.fromEntries(capacityKinds.map((kind) => [kind, emptyCapacity()])) as Record<
      CapacityKind,
      Capacity
    >,
    roles: Object.fromEntries(
      teamRoles.map((role) => [role, { organizations: 0, accepting: 0, freeSlotsFresh: 0 }]),
    ) as Supply['roles'],
  };
}

type Availability = { isReporting: boolean; isStale: boolean; isAccepting: boolean; freeSlots: number };

function addCapacity(capacity: Capacity, availability: Availability, status: string | null) {
  capacity.organizations += 1;
  if (!availability.isReporting) return;
  capacity.reporting += 1;
  if (status === 'accepting') capacity.accepting += 1;
  if (status === 'limited') capacity.limited += 1;
  if (status === 'full') capacity.full += 1;
  capacity.freeSlots += availability.freeSlots;
  if (availability.isStale) capacity.stale += 1;
  else capacity.freeSlotsFresh += availability.freeSlots;
}

function addOrganization(supply: Supply, row: SupplyInput, availability: Availability) {
  const kind = row.kind as OrganizationKind;
  if (kind in supply.organizationsByKind) supply.organizationsByKind[kind] += 1;
  const capabilities = supply.capabilities;
  if (kind === 'clinic' && (row.homeCareSupportClinic !== null || row.isHomeVisitOnly))
    capabilities.homeVisitClinics += 1;
  if (kind === 'clinic' && row.homeCareSupportClinic !== null) capabilities.homeCareSupportClinics += 1;
  if (kind === 'clinic' && row.isHomeVisitOnly) capabilities.homeVisitOnlyClinics += 1;
  if (row.isAvailable24h) {
    capabilities.available24h += 1;
    if (kind === 'clinic') capabilities.clinics24h += 1;
    if (kind === 'visiting_nursing') capabilities.visitingNursing24h += 1;
  }
  for (const procedure of new Set(row.procedures))
    if (procedure in capabilities.procedures) capabilities.procedures[procedure as Procedure] += 1;
  for (const group of new Set(row.groups))
    if (group in capabilities.groups) capabilities.groups[group as PatientGroup] += 1;
  addCapacity(supply.capacity, availability, row.availabilityStatus);
  if ((capacityKinds as readonly string[]).includes(kind))
    addCapacity(supply.capacityByKind[kind as CapacityKind], availability, row.availabilityStatus);
  for (const role of teamRoles) {
    if (!canFillRole(role, row)) continue;
    const figures = supply.roles[role];
    figures.organizations += 1;
    if (availability.isAccepting) {
      figures.accepting += 1;
      figures.freeSlotsFresh += availability.freeSlots;
    }
  }
}

/** Supply of every area, organisations counted in their area and the areas above it. */
export function supplyByArea(
  rows: readonly SupplyInput[],
  options: { tree: AreaTree; areaCodes: readonly string[]; now: Date; staleAfterDays: number },
): Map<string, Supply> {
  const result = new Map(options.areaCodes.map((code) => [code, emptySupply()]));
  for (const row of rows) {
    const isReporting = row.availabilityStatus !== null;
    const isStale = isReporting && isAvailabilityStale(row.availabilityUpdatedAt, options.now, options.staleAfterDays);
    const availability: Availability = {
      isReporting,
      isStale,
      isAccepting: isReporting && !isStale && row.availabilityStatus !== 'full',
      freeSlots: Math.max(0, row.freeSlots ?? 0),
    };
    for (const code of options.tree.ancestorsOf(row.areaCode)) {
      const supply = result.get(code);
      if (supply) addOrganization(supply, row, availability);
    }
  }
  for (const supply of result.values()) {
    for (const capacity of [supply.capacity, ...Object.values(supply.capacityByKind)]) {
      capacity.staleShare =
        capacity.reporting > 0 ? Math.round((capacity.stale / capacity.reporting) * 1000) / 1000 : null;
    }
  }
  return result;
}
