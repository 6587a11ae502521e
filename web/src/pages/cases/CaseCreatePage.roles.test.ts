import { describe, expect, it } from 'vitest';
import { needsCareManagerAgeHint, preselectedRoles, rolesAfterBirthDateChange } from './CaseCreatePage.roles';

const today = '2026-11-25';

describe('ケアマネジャー among the needed roles of a new case', () => {
  it('is not preselected for a 3-year-old 医療的ケア児, nor anyone under 40', () => {
    expect(preselectedRoles('2023-05-01', today)).toEqual(['primary_doctor', 'visiting_nurse']);
    expect(preselectedRoles('1986-11-27', today)).not.toContain('care_manager'); // 39
    // 40 and insured from the day before the 40th birthday (年齢計算ニ関スル法律), as the server counts.
    expect(preselectedRoles('1986-11-26', today)).toContain('care_manager');
    expect(preselectedRoles('1986-11-25', today)).toContain('care_manager');
    expect(preselectedRoles('1941-04-02', today)).toContain('care_manager');
    expect(preselectedRoles('', today)).toContain('care_manager'); // no birth date yet
  });

  it('follows the birth date while the preselection is untouched, and keeps a choice the user made', () => {
    const start = preselectedRoles('', today);
    const child = rolesAfterBirthDateChange(start, '', '2023-05-01', today);
    expect(child).not.toContain('care_manager');
    // Corrected to an adult: the care manager comes back.
    expect(rolesAfterBirthDateChange(child, '2023-05-01', '1941-04-02', today)).toContain('care_manager');
    // Chosen by hand for the child: kept, and explained.
    const chosen = [...child, 'care_manager' as const];
    expect(rolesAfterBirthDateChange(chosen, '2023-05-01', '2023-06-01', today)).toContain('care_manager');
    expect(needsCareManagerAgeHint(chosen, '2023-05-01', today)).toBe(true);
    expect(needsCareManagerAgeHint(chosen, '1941-04-02', today)).toBe(false);
    expect(needsCareManagerAgeHint(child, '2023-05-01', today)).toBe(false);
  });
});
