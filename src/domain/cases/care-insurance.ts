/**
 * 介護保険 covers people from the age of 40 (第2号被保険者 40–64, 第1号 from 65): a younger patient — a child
 * with medical care (医療的ケア児), a young adult with an intractable disease — has no 要介護認定 and no care manager
 * (居宅介護支援 works under 介護保険 only). Their care plan is made under 障害福祉 (計画相談支援, 相談支援専門員),
 * reached through the welfare windows. Age is counted on the planned discharge date: a patient who turns 40
 * before going home may apply. Pure; the server refuses what breaks it and the case form checks it first.
 */
import type { CareLevel } from './case-codes.js';
import type { TeamRole } from '../codes.js';
import { addDays } from '../calendar/japanese-calendar.js';
import { defaultNeededRoles } from './team-roles.js';
import { ageOn } from './minimum-necessary.js';

export const careInsuranceMinimumAge = 40;

/**
 * Age on a date as Japanese law counts it for 介護保険 (年齢計算ニ関スル法律): a year is reached at the end of the
 * day before the birthday, so insurance starts on the day before the 40th birthday (for someone born on
 * 29 February, on 28 February). The everyday age (minimum-necessary.ts ageOn) of the next day.
 */
export function legalAgeOn(birthDate: string, on: string): number {
  return ageOn(birthDate, addDays(on, 1));
}

export type CareInsuranceProblem = {
  path: 'careLevel' | 'neededRoles';
  code: 'care_level_under_insurance_age' | 'care_manager_under_insurance_age';
  message: string;
};

/** What a case asks of 介護保険 that its patient, under 40 on the planned discharge date, cannot have. */
export function careInsuranceProblems(input: {
  birthDate: string;
  plannedDischargeDate: string;
  careLevel: CareLevel;
  neededRoles: readonly TeamRole[];
}): CareInsuranceProblem[] {
  if (legalAgeOn(input.birthDate, input.plannedDischargeDate) >= careInsuranceMinimumAge) return [];
  const problems: CareInsuranceProblem[] = [];
  if (input.careLevel !== 'none')
    problems.push({
      path: 'careLevel',
      code: 'care_level_under_insurance_age',
      message:
        '40歳未満の方は介護保険の対象外のため、要介護認定はありません。介護度は「なし」を選んでください（障害福祉サービスは福祉窓口で相談できます）。',
    });
  if (input.neededRoles.includes('care_manager'))
    problems.push({
      path: 'neededRoles',
      code: 'care_manager_under_insurance_age',
      message:
        '40歳未満の方は介護保険の対象外のため、ケアマネジャーは担当できません。障害福祉サービスの計画（相談支援専門員）は「福祉窓口」の役割で市の窓口につないでください。',
    });
  return problems;
}

/** The roles a case needs when the hospital names none: the usual ones, without a care manager under 40. */
export function defaultNeededRolesFor(birthDate: string, plannedDischargeDate: string): TeamRole[] {
  const isInsured = legalAgeOn(birthDate, plannedDischargeDate) >= careInsuranceMinimumAge;
  return defaultNeededRoles.filter((role) => isInsured || role !== 'care_manager');
}
