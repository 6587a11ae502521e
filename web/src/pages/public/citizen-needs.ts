/**
 * The citizens' needs in everyday words and what each means for the directory search: the one table that turns
 * 「在宅酸素」 or 「子ども（医療的ケア児）」 into the API's kind / group / procedure codes (DESIGN.md §3).
 * A need names the kinds of organisation that provide it at home; groups and procedures must all hold.
 * Labels and explanations are in i18n/<lang>/public.json under `needs.<id>`.
 */
import type { OrganizationKind, PatientGroup, Procedure } from '../../codes';
import type { ResourceSearchQuery } from '../../api/directory';

export type CitizenNeed = {
  id: string;
  kinds: readonly OrganizationKind[];
  groups?: readonly PatientGroup[];
  procedures?: readonly Procedure[];
};

/** Medical care at home is given by home-visit clinics and visiting nursing stations. */
const medicalAtHome: readonly OrganizationKind[] = ['clinic', 'visiting_nursing'];

export const citizenNeeds = [
  { id: 'visiting_nursing', kinds: ['visiting_nursing'] },
  { id: 'care_manager', kinds: ['care_management'] },
  // A clinic that cares for patients at home lists the patients it sees; 高齢者 is the group every such clinic has.
  { id: 'home_doctor', kinds: ['clinic'], groups: ['elderly'] },
  { id: 'home_oxygen', kinds: medicalAtHome, procedures: ['home_oxygen'] },
  { id: 'ventilator', kinds: medicalAtHome, procedures: ['ventilator'] },
  { id: 'child', kinds: medicalAtHome, groups: ['pediatric_medical_care'] },
  { id: 'cancer_pain', kinds: medicalAtHome, groups: ['cancer'], procedures: ['opioid_pain_control'] },
  { id: 'dementia', kinds: [...medicalAtHome, 'care_management'], groups: ['dementia'] },
  { id: 'end_of_life', kinds: medicalAtHome, groups: ['terminal_care'] },
  { id: 'rehabilitation', kinds: ['visiting_rehab', 'visiting_nursing'], procedures: ['rehabilitation'] },
  { id: 'consultation', kinds: ['community_support_center'] },
] as const satisfies readonly CitizenNeed[];

export type CitizenNeedId = (typeof citizenNeeds)[number]['id'];

export function findNeed(id: string | null): CitizenNeed | undefined {
  return citizenNeeds.find((need) => need.id === id);
}

/** The public search for a need near a typed place (located by the server) or in a whole ward (区). */
export function publicQueryFor(
  need: CitizenNeed,
  where: { place: string } | { areaCode: string },
  options: { isAcceptingOnly: boolean; radiusKm?: number; limit?: number },
): ResourceSearchQuery {
  return {
    ...('areaCode' in where ? { areaCode: where.areaCode } : { near: where.place, radiusKm: options.radiusKm ?? 5 }),
    kinds: need.kinds,
    groups: need.groups ?? [],
    procedures: need.procedures ?? [],
    isAcceptingOnly: options.isAcceptingOnly,
    limit: options.limit ?? 30,
  };
}
