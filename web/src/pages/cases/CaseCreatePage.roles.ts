/**
 * ケアマネジャー and the patient's age: long-term care insurance (介護保険) covers people aged 65 and over,
 * and 40–64 only with one of the specified diseases (特定疾病). Under 40 — a child needing medical care
 * (医療的ケア児), a young adult — no care manager is assigned (the server refuses one: care-insurance.ts), so the
 * new-case form does not preselect one and says why when it is chosen.
 */
import { defaultNeededRoles, type TeamRole } from '../../api/case-codes';
import { isIsoDate } from '../../components/cases/dates';
import {
  careInsuranceMinimumAge,
  defaultNeededRolesFor,
  legalAgeOn,
} from '../../../../src/domain/cases/care-insurance';

/** Under 40 on `today` (both YYYY-MM-DD); false for a birth date not (yet) complete or in the future. */
export function isUnderCareInsuranceAge(birthDate: string, today: string): boolean {
  if (!isIsoDate(birthDate) || !isIsoDate(today) || birthDate > today) return false;
  return legalAgeOn(birthDate, today) < careInsuranceMinimumAge;
}

/** The roles the form preselects for this birth date: the defaults, without ケアマネジャー under 40. */
export function preselectedRoles(birthDate: string, today: string): TeamRole[] {
  return isIsoDate(birthDate) && birthDate <= today ? defaultNeededRolesFor(birthDate, today) : [...defaultNeededRoles];
}

const sameRoles = (a: readonly TeamRole[], b: readonly TeamRole[]) =>
  a.length === b.length && a.every((role) => b.includes(role));

/**
 * The needed roles after the birth date changed: while the user has not changed the preselection
 * (the roles are still what the previous birth date preselected), they follow the new birth date;
 * a choice the user made is kept.
 */
export function rolesAfterBirthDateChange(
  roles: readonly TeamRole[],
  previousBirthDate: string,
  birthDate: string,
  today: string,
): TeamRole[] {
  return sameRoles(roles, preselectedRoles(previousBirthDate, today)) ? preselectedRoles(birthDate, today) : [...roles];
}

/** Whether to explain that ケアマネジャー does not usually apply (under 40 with it chosen). */
export function needsCareManagerAgeHint(roles: readonly TeamRole[], birthDate: string, today: string): boolean {
  return roles.includes('care_manager') && isUnderCareInsuranceAge(birthDate, today);
}
