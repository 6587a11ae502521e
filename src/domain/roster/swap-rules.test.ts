import { describe, expect, it } from 'vitest';
import { swapViolations } from './swap-rules.js';
import { nextSwapStatus, nextRosterStatus } from './roster-state.js';
import { InvalidTransitionError } from '../cases/state-machine.js';
import { defaultRosterSettings, type RosterMember, type RosterProblem } from './roster-types.js';

const member = (id: string, overrides: Partial<RosterMember> = {}): RosterMember => ({
  organizationId: id,
  name: id,
  doctorCount: 1,
  unavailableWeekdays: [],
  unavailableDates: [],
  unavailableShifts: [],
  preferredWeekdays: [],
  ...overrides,
});

const problem: RosterProblem = {
  from: '2026-11-23',
  to: '2026-11-27',
  shifts: ['weeknight'],
  members: [member('a'), member('b', { unavailableDates: ['2026-11-26'] }), member('c')],
  unavailability: [],
  settings: { ...defaultRosterSettings, minDaysBetweenDuties: 2 },
  history: [],
  fixedDuties: [],
};
// 11-23 is 勤労感謝の日 (no weeknight); nights of 24–27.
const duties = [
  { date: '2026-11-24', shift: 'weeknight' as const, organizationId: 'a' },
  { date: '2026-11-25', shift: 'weeknight' as const, organizationId: 'b' },
  { date: '2026-11-26', shift: 'weeknight' as const, organizationId: 'c' },
  { date: '2026-11-27', shift: 'weeknight' as const, organizationId: 'a' },
];

describe('swaps keep the rules', () => {
  it('accepts an exchange that keeps every rule', () => {
    expect(
      swapViolations(problem, duties, [
        { date: '2026-11-24', shift: 'weeknight', toOrganizationId: 'b' },
        { date: '2026-11-25', shift: 'weeknight', toOrganizationId: 'a' },
      ]),
    ).toEqual([]);
  });

  it('refuses a hand-over onto a declared unavailable day and one that breaks the spacing', () => {
    const unavailable = swapViolations(problem, duties, [
      { date: '2026-11-26', shift: 'weeknight', toOrganizationId: 'b' },
    ]);
    expect(unavailable.map((violation) => violation.rule)).toContain('unavailable');
    const tooClose = swapViolations(problem, duties, [
      { date: '2026-11-25', shift: 'weeknight', toOrganizationId: 'a' },
    ]);
    expect(tooClose.map((violation) => violation.rule)).toEqual(['spacing']);
  });
});

describe('roster and swap states', () => {
  it('follow their tables', () => {
    expect(nextRosterStatus('draft', 'publish')).toBe('published');
    expect(() => nextRosterStatus('published', 'discard')).toThrow(InvalidTransitionError);
    expect(nextSwapStatus('requested', 'accept')).toBe('accepted');
    expect(nextSwapStatus('accepted', 'approve')).toBe('approved');
    expect(() => nextSwapStatus('requested', 'approve')).toThrow(/承認/);
  });
});
