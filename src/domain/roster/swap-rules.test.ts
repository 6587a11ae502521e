import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateRoster } from './generate-roster.js';
import { checkRoster } from './roster-rules.js';
import { addDays } from '../calendar/japanese-calendar.js';
import { applyChanges, swapViolations } from './swap-rules.js';
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

  it('says each broken rule with the dates the Japanese way, and gives its values for other languages', () => {
    const [unavailable] = swapViolations(problem, duties, [
      { date: '2026-11-26', shift: 'weeknight', toOrganizationId: 'b' },
    ]);
    expect(unavailable?.message).toBe('2026年11月26日(木) 平日夜間: bはこの日を担当できません（申告）。');
    expect(unavailable?.params).toEqual({
      date: '2026-11-26',
      shift: 'weeknight',
      name: 'b',
      reason: 'date',
      weekday: 4,
    });
    const [tooClose] = swapViolations(problem, duties, [
      { date: '2026-11-25', shift: 'weeknight', toOrganizationId: 'a' },
    ]);
    expect(tooClose?.message).toBe('aの当番 2026年11月24日(火) と 2026年11月25日(水) の間隔が2日未満です。');
    expect(tooClose?.params).toEqual({ name: 'a', previousDate: '2026-11-24', date: '2026-11-25', minDays: 2 });
    const weekdayOff = swapViolations(
      { ...problem, members: [...problem.members.slice(0, 2), member('c', { unavailableWeekdays: [2] })] },
      duties,
      [{ date: '2026-11-24', shift: 'weeknight', toOrganizationId: 'c' }],
    ).find((violation) => violation.rule === 'unavailable');
    expect(weekdayOff?.message).toBe('2026年11月24日(火) 平日夜間: cは火曜日を担当できません（申告）。');
    for (const violation of checkRoster(problem, duties.slice(1))) expect(violation.message).not.toMatch(/\d{4}-\d{2}/);
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

describe('swaps on random rosters', () => {
  it('accepts exactly the changes after which the roster still keeps every hard rule', () => {
    const draw = fc.record({
      offset: fc.integer({ min: 0, max: 2000 }),
      days: fc.integer({ min: 7, max: 45 }),
      clinics: fc.integer({ min: 6, max: 9 }),
      minDays: fc.integer({ min: 1, max: 2 }),
      blocked: fc.array(fc.record({ clinic: fc.integer({ min: 0, max: 8 }), day: fc.integer({ min: 0, max: 44 }) }), {
        maxLength: 8,
      }),
      pick: fc.nat(),
      receiver: fc.nat(),
      isExchange: fc.boolean(),
      counterPick: fc.nat(),
    });
    fc.assert(
      fc.property(draw, (input) => {
        const from = addDays('2024-01-01', input.offset);
        const members = Array.from({ length: input.clinics }, (_, index) => member(`c${index}`));
        const base: RosterProblem = {
          from,
          to: addDays(from, input.days - 1),
          shifts: ['weeknight', 'holiday_day', 'holiday_night'],
          members,
          unavailability: [],
          settings: { ...defaultRosterSettings, minDaysBetweenDuties: input.minDays, maxDutiesPerMonth: 31 },
          history: [],
          fixedDuties: [],
        };
        const generated = generateRoster(base);
        if (generated.kind !== 'ok') return;
        // Declarations made after the roster was published (they may be broken by a swap, never by the roster).
        const later: RosterProblem = {
          ...base,
          unavailability: input.blocked
            .filter((entry) => entry.clinic < input.clinics && entry.day < input.days)
            .map((entry) => ({ organizationId: `c${entry.clinic}`, date: addDays(from, entry.day) })),
        };
        const before = checkRoster(later, generated.duties);
        const duty = generated.duties[input.pick % generated.duties.length]!;
        const receiver = members.filter((entry) => entry.organizationId !== duty.organizationId)[
          input.receiver % (members.length - 1)
        ]!.organizationId;
        const theirs = generated.duties.filter((entry) => entry.organizationId === receiver);
        const counter = input.isExchange && theirs.length > 0 ? theirs[input.counterPick % theirs.length] : undefined;
        const changes = [
          { date: duty.date, shift: duty.shift, toOrganizationId: receiver },
          ...(counter ? [{ date: counter.date, shift: counter.shift, toOrganizationId: duty.organizationId }] : []),
        ];
        const introduced = swapViolations(later, generated.duties, changes);
        const after = checkRoster(later, applyChanges(generated.duties, changes));
        const key = (violation: (typeof after)[number]) =>
          `${violation.rule}|${violation.date}|${violation.shift ?? ''}|${violation.organizationId ?? ''}`;
        const old = new Set(before.map(key));
        expect(introduced.map(key).sort()).toEqual(
          after
            .map(key)
            .filter((entry) => !old.has(entry))
            .sort(),
        );
        if (before.length === 0) expect(introduced.length === 0).toBe(after.length === 0);
      }),
      { numRuns: 80 },
    );
  });
});
