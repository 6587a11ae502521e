/**
 * ケアマネジャー and the patient's age: long-term care insurance (介護保険) covers people aged 65 and over,
 * and 40–64 only with one of the specified diseases (特定疾病). Under 40 — a child needing medical care
 * (医療的ケア児), a young adult — no care manager is assigned, so the new-case form does not preselect one.
 */
import { defaultNeededRoles, type TeamRole } from '../../api/case-codes';
import { isIsoDate } from '../../components/cases/dates';

export const careInsuranceMinimumAge = 40;

/** Age in whole years on `today` (both YYYY-MM-DD), or null for a date not (yet) complete. */
export function ageOn(birthDate: string, today: string): number | null {
  if (!isIsoDate(birthDate) || !isIsoDate(today) || birthDate > today) return null;
  const [birthYear = 0, birthMonth = 0, birthDay = 0] = birthDate.split('-').map(Number);
  const [year = 0, month = 0, day = 0] = today.split('-').map(Number);
  return year - birthYear - (month < birthMonth || (month === birthMonth && day < birthDay) ? 1 : 0);
}

export function isUnderCareInsuranceAge(birthDate: string, today: string): boolean {
  const age = ageOn(birthDate, today);
  return age !== null && age < careInsuranceMinimumAge;
}

/** The roles the form preselects for this birth date: the defaults, without ケアマネジャー under 40. */
export function preselectedRoles(birthDate: string, today: string): TeamRole[] {
  return isUnderCareInsuranceAge(birthDate, today)
    ? defaultNeededRoles.filter((role) => role !== 'care_manager')
    : [...defaultNeededRoles];
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
