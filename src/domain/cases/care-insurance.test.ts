import { describe, expect, it } from 'vitest';
import { legalAgeOn, careInsuranceProblems } from './care-insurance.js';

describe('legalAgeOn (年齢計算ニ関スル法律)', () => {
  it('reaches an age on the day before the birthday', () => {
    expect(legalAgeOn('1986-12-01', '2026-11-29')).toBe(39);
    expect(legalAgeOn('1986-12-01', '2026-11-30')).toBe(40);
    expect(legalAgeOn('1986-12-01', '2026-12-01')).toBe(40);
  });

  it('counts a birthday on 29 February from 28 February, in leap and other years', () => {
    expect(legalAgeOn('1988-02-29', '2028-02-27')).toBe(39);
    expect(legalAgeOn('1988-02-29', '2028-02-28')).toBe(40);
    expect(legalAgeOn('1988-02-29', '2027-02-28')).toBe(39);
    expect(legalAgeOn('1988-02-29', '2027-02-27')).toBe(38);
  });

  it('counts a newborn as 0 and the year end correctly', () => {
    expect(legalAgeOn('2026-11-20', '2026-12-10')).toBe(0);
    expect(legalAgeOn('1986-01-01', '2025-12-30')).toBe(39);
    expect(legalAgeOn('1986-01-01', '2025-12-31')).toBe(40);
  });
});

describe('careInsuranceProblems', () => {
  const child = {
    birthDate: '2021-05-05',
    plannedDischargeDate: '2026-12-10',
    careLevel: 'none' as const,
    neededRoles: ['primary_doctor', 'visiting_nurse', 'welfare_contact'] as const,
  };

  it('accepts a child without care level or care manager', () => {
    expect(careInsuranceProblems({ ...child, neededRoles: [...child.neededRoles] })).toEqual([]);
  });

  it('refuses a care level and a care manager for a patient under 40 on the discharge date, naming each field', () => {
    const problems = careInsuranceProblems({
      ...child,
      careLevel: 'care_3',
      neededRoles: ['primary_doctor', 'care_manager'],
    });
    expect(problems.map((problem) => [problem.path, problem.code])).toEqual([
      ['careLevel', 'care_level_under_insurance_age'],
      ['neededRoles', 'care_manager_under_insurance_age'],
    ]);
    expect(problems[0]?.message).toMatch(/40歳未満/);
    // 申請中 is an application for 要介護認定, which needs 介護保険 too.
    expect(careInsuranceProblems({ ...child, careLevel: 'applying', neededRoles: [] })).toHaveLength(1);
  });

  it('counts the age on the planned discharge date: who turns 40 before going home may have both', () => {
    const turning = { birthDate: '1986-12-11', careLevel: 'care_1' as const, neededRoles: ['care_manager' as const] };
    expect(careInsuranceProblems({ ...turning, plannedDischargeDate: '2026-12-10' })).toEqual([]);
    expect(careInsuranceProblems({ ...turning, plannedDischargeDate: '2026-12-09' })).toHaveLength(2);
    expect(careInsuranceProblems({ ...turning, birthDate: '1940-01-01', plannedDischargeDate: '2026-12-01' })).toEqual(
      [],
    );
  });
});
