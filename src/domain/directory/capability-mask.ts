/** Bit masks of the directory's code lists, so filters are a few integer operations per organisation. */
import { availabilityStatuses, organizationKinds, patientGroups, procedures } from '../codes.js';
import type { AvailabilityStatus, OrganizationKind, PatientGroup, Procedure } from '../codes.js';

function bitsOf<T extends string>(codes: readonly T[]): Map<T, number> {
  if (codes.length > 31) throw new Error('too many codes for a 32-bit mask');
  return new Map(codes.map((code, index) => [code, 1 << index]));
}

const groupBits = bitsOf(patientGroups);
const procedureBits = bitsOf(procedures);

export const kindIndex = new Map<OrganizationKind, number>(organizationKinds.map((kind, index) => [kind, index]));
export const statusIndex = new Map<AvailabilityStatus, number>(
  availabilityStatuses.map((status, index) => [status, index + 1]),
);
/** 0 = no availability declared. */
export const noStatus = 0;

export function groupMask(groups: readonly PatientGroup[]): number {
  let mask = 0;
  for (const group of groups) mask |= groupBits.get(group) ?? 0;
  return mask >>> 0;
}

export function procedureMask(list: readonly Procedure[]): number {
  let mask = 0;
  for (const procedure of list) mask |= procedureBits.get(procedure) ?? 0;
  return mask >>> 0;
}

export function kindMask(kinds: readonly OrganizationKind[]): number {
  let mask = 0;
  for (const kind of kinds) mask |= 1 << (kindIndex.get(kind) ?? 0);
  return mask >>> 0;
}

export function bitsSet(mask: number): number[] {
  const result: number[] = [];
  for (let bit = 0; bit < 32; bit += 1) if ((mask >>> bit) & 1) result.push(bit);
  return result;
}
