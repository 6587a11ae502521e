/**
 * The citizens' needs in everyday words and what they mean for the directory search (DESIGN.md §3): the one table
 * that turns 「在宅酸素」 or 「子ども（医療的ケア児）」 into kinds, patient groups and procedures. The public search
 * (`need=`, several allowed) and the web's citizen page both read it; the labels are in the web's
 * i18n/<lang>/public.json under `needs.<id>`. Pure TypeScript with no Node imports (the web bundles it).
 *
 * A need names the kinds of organisation that provide it at home; its groups and procedures must all hold. Several
 * needs are met by one organisation that meets each of them: its kind is one every need allows, and it has every
 * group and procedure any of them asks for. 「まず相談したい」 is not a service of the organisations listed but the
 * desk to ask first (地域包括支援センター): alone it lists the centres; beside other needs it keeps them listed as
 * they are and the centres for the place are answered apart (the public search's `supportCenters`).
 */
import type { OrganizationKind, PatientGroup, Procedure } from '../codes.js';

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

export const citizenNeedIds = citizenNeeds.map((need) => need.id) as [CitizenNeedId, ...CitizenNeedId[]];

/** 「まず相談したい」: the 地域包括支援センター for the place. */
export const consultationNeed = 'consultation' satisfies CitizenNeedId;

export function findNeed(id: string | null | undefined): CitizenNeed | undefined {
  return citizenNeeds.find((need) => need.id === id);
}

export type NeedFilters = {
  kinds: OrganizationKind[];
  groups: PatientGroup[];
  procedures: Procedure[];
  /** 「まず相談したい」 was among the needs: answer the centres for the place too. */
  asksForConsultation: boolean;
  /**
   * Two needs no one kind of organisation provides together (「ケアマネジャー」 and 「在宅酸素」): nothing can meet
   * them all. The first such pair, in the order of the table; null when the needs can be met together.
   */
  conflict: readonly [CitizenNeedId, CitizenNeedId] | null;
};

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

/**
 * What an organisation must be and have to meet every need given (ids in any order, repeated or unknown ones left
 * out): the kinds every need allows, every group and procedure asked for. `conflict` when no kind is left.
 */
export function filtersForNeeds(ids: readonly string[]): NeedFilters {
  const chosen = citizenNeeds.filter((need) => ids.includes(need.id));
  const asksForConsultation = chosen.some((need) => need.id === consultationNeed);
  const services: readonly CitizenNeed[] =
    asksForConsultation && chosen.length > 1 ? chosen.filter((need) => need.id !== consultationNeed) : chosen;
  let kinds: OrganizationKind[] | null = null;
  for (const need of services) kinds = (kinds ?? [...need.kinds]).filter((kind) => need.kinds.includes(kind));
  return {
    kinds: kinds ?? [],
    groups: unique(services.flatMap((need) => need.groups ?? [])),
    procedures: unique(services.flatMap((need) => need.procedures ?? [])),
    asksForConsultation,
    conflict: kinds !== null && kinds.length === 0 ? conflictOf(services) : null,
  };
}

function conflictOf(needs: readonly CitizenNeed[]): readonly [CitizenNeedId, CitizenNeedId] {
  for (const [index, first] of needs.entries()) {
    for (const second of needs.slice(index + 1)) {
      if (!first.kinds.some((kind) => second.kinds.includes(kind))) {
        return [first.id as CitizenNeedId, second.id as CitizenNeedId];
      }
    }
  }
  // Every two of them share a kind but not all of them together (not the case with today's table).
  return [needs[0]?.id as CitizenNeedId, needs[needs.length - 1]?.id as CitizenNeedId];
}
