import { describe, expect, it } from 'vitest';
import { generateRoster } from './generate-roster.js';
import { checkRoster } from './roster-rules.js';
import { defaultRosterSettings, shiftKinds, type RosterMember, type RosterProblem } from './roster-types.js';

const member = (index: number): RosterMember => ({
  organizationId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
  name: `診療所${index}`,
  doctorCount: 1,
  unavailableWeekdays: [],
  unavailableDates: [],
  unavailableShifts: [],
  preferredWeekdays: [],
});

describe('a small problem the construction cannot fill', () => {
  // Mon–Thu weeknights, two clinics at least two days apart, clinic 0 not on Tuesday, clinic 1 not on
  // Thursday: Tuesday forces clinic 1, so Monday and Wednesday are clinic 0's and Thursday nobody's.
  // No counting argument shows it; only trying every combination does (found by fast-check).
  const problem: RosterProblem = {
    from: '2023-03-13',
    to: '2023-03-16',
    shifts: [...shiftKinds],
    members: [member(0), member(1)],
    unavailability: [
      { organizationId: member(1).organizationId, date: '2023-03-16' },
      { organizationId: member(0).organizationId, date: '2023-03-14' },
    ],
    settings: { ...defaultRosterSettings, minDaysBetweenDuties: 2, maxDutiesPerMonth: 2 },
    history: [],
    fixedDuties: [],
  };

  it('is proven infeasible, and says so', () => {
    const result = generateRoster(problem);
    if (result.kind !== 'infeasible') throw new Error('expected no roster');
    expect(result.isProven).toBe(true);
    expect(result.reasons[0]?.message).toContain('すべての組み合わせを調べました');
  });

  it('is solved when one day is freed', () => {
    const freed = { ...problem, unavailability: problem.unavailability.slice(1) };
    const result = generateRoster(freed);
    if (result.kind !== 'ok') throw new Error('expected a roster');
    expect(checkRoster(freed, result.duties)).toEqual([]);
  });
});
