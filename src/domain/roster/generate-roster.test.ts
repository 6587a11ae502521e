import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateRoster } from './generate-roster.js';
import { checkRoster } from './roster-rules.js';
import { rosterSlots } from './calendar-slots.js';
import { fairnessObjective, fairnessTargets } from './fairness.js';
import { addDays } from '../calendar/japanese-calendar.js';
import {
  defaultRosterSettings,
  shiftKinds,
  type RosterMember,
  type RosterProblem,
  type ShiftKind,
} from './roster-types.js';

function member(index: number, overrides: Partial<RosterMember> = {}): RosterMember {
  return {
    organizationId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    name: `診療所${index}`,
    doctorCount: 1,
    unavailableWeekdays: [],
    unavailableDates: [],
    unavailableShifts: [],
    preferredWeekdays: [],
    ...overrides,
  };
}

function problemOf(overrides: Partial<RosterProblem>): RosterProblem {
  return {
    from: '2026-04-01',
    to: '2026-04-30',
    shifts: [...shiftKinds],
    members: Array.from({ length: 8 }, (_, index) => member(index)),
    unavailability: [],
    settings: defaultRosterSettings,
    history: [],
    fixedDuties: [],
    ...overrides,
  };
}

const startDate = fc.integer({ min: 0, max: 3650 }).map((offset) => addDays('2020-01-01', offset));

/**
 * Inputs that certainly have a roster: K ≥ 2N + 2 clinics without declarations can take the slots
 * round-robin (two slots a day at most, so one clinic's turns are ≥ N + 1 days apart) and the
 * monthly cap leaves room for that; extra clinics carry random declarations.
 */
const feasibleProblem = fc
  .record({
    from: startDate,
    days: fc.integer({ min: 1, max: 120 }),
    minDays: fc.integer({ min: 0, max: 4 }),
    spare: fc.integer({ min: 0, max: 4 }),
    extra: fc.array(
      fc.record({
        doctorCount: fc.integer({ min: 1, max: 4 }),
        weekdays: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 3 }),
        shifts: fc.uniqueArray(fc.constantFrom<ShiftKind>(...shiftKinds), { maxLength: 2 }),
        dayOffsets: fc.uniqueArray(fc.integer({ min: 0, max: 119 }), { maxLength: 10 }),
      }),
      { maxLength: 5 },
    ),
    doctorCounts: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 14, maxLength: 14 }),
    shifts: fc.uniqueArray(fc.constantFrom<ShiftKind>(...shiftKinds), { minLength: 1, maxLength: 3 }),
    weights: fc.record({
      weeknight: fc.constantFrom(1, 1.5),
      holiday_day: fc.constantFrom(1, 1.5, 2),
      holiday_night: fc.constantFrom(2, 3),
    }),
  })
  .map((draw): RosterProblem => {
    const base = 2 * draw.minDays + 2 + draw.spare;
    const to = addDays(draw.from, draw.days - 1);
    const members = [
      ...Array.from({ length: base }, (_, index) => member(index, { doctorCount: draw.doctorCounts[index] ?? 1 })),
      ...draw.extra.map((extra, index) =>
        member(100 + index, {
          doctorCount: extra.doctorCount,
          unavailableWeekdays: extra.weekdays,
          unavailableShifts: extra.shifts,
          unavailableDates: extra.dayOffsets.map((offset) => addDays(draw.from, offset)),
        }),
      ),
    ];
    return problemOf({
      from: draw.from,
      to,
      shifts: draw.shifts,
      members,
      settings: {
        ...defaultRosterSettings,
        minDaysBetweenDuties: draw.minDays,
        maxDutiesPerMonth: Math.ceil(62 / base) + 1,
        shiftWeights: draw.weights,
      },
    });
  });

describe('the roster generator', () => {
  it('covers every slot exactly once and breaks no hard rule on random feasible inputs', () => {
    fc.assert(
      fc.property(feasibleProblem, (problem) => {
        const result = generateRoster(problem);
        if (result.kind !== 'ok')
          throw new Error(`infeasible: ${result.reasons.map((reason) => reason.message).join(' / ')}`);
        expect(checkRoster(problem, result.duties)).toEqual([]);
        expect(result.duties).toHaveLength(
          rosterSlots(problem.from, problem.to, problem.shifts, problem.settings).length,
        );
        // The flow part is a relaxation: no roster is fairer than its optimum.
        expect(result.fairness.objective).toBeGreaterThanOrEqual(result.flow.objective - 1e-6);
      }),
      { numRuns: 60 },
    );
  });

  it('answers any input with a valid roster or an explained refusal, never a partial roster', () => {
    const anyProblem = fc
      .record({
        from: startDate,
        days: fc.integer({ min: 1, max: 60 }),
        clinics: fc.integer({ min: 0, max: 6 }),
        minDays: fc.integer({ min: 0, max: 6 }),
        maxPerMonth: fc.integer({ min: 1, max: 12 }),
        unavailable: fc.array(
          fc.record({ clinic: fc.integer({ min: 0, max: 5 }), offset: fc.integer({ min: 0, max: 59 }) }),
          {
            maxLength: 30,
          },
        ),
      })
      .map((draw) =>
        problemOf({
          from: draw.from,
          to: addDays(draw.from, draw.days - 1),
          members: Array.from({ length: draw.clinics }, (_, index) => member(index)),
          unavailability: draw.unavailable
            .filter((entry) => entry.clinic < draw.clinics && entry.offset < draw.days)
            .map((entry) => ({
              organizationId: member(entry.clinic).organizationId,
              date: addDays(draw.from, entry.offset),
            })),
          settings: {
            ...defaultRosterSettings,
            minDaysBetweenDuties: draw.minDays,
            maxDutiesPerMonth: draw.maxPerMonth,
          },
        }),
      );
    fc.assert(
      fc.property(anyProblem, (problem) => {
        const result = generateRoster(problem);
        if (result.kind === 'ok') expect(checkRoster(problem, result.duties)).toEqual([]);
        else {
          expect(result.reasons.length).toBeGreaterThan(0);
          for (const reason of result.reasons) expect(reason.message).toMatch(/[ぁ-んァ-ヶ一-龠]/);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('is deterministic: the same input, in any member order, gives the same roster', () => {
    fc.assert(
      fc.property(feasibleProblem, fc.integer({ min: 1, max: 1000 }), (problem, rotation) => {
        const first = generateRoster(problem);
        const again = generateRoster(structuredClone(problem));
        const shift = rotation % Math.max(1, problem.members.length);
        const reordered = generateRoster({
          ...problem,
          members: [...problem.members.slice(shift), ...problem.members.slice(0, shift)].reverse(),
        });
        expect(again).toEqual(first);
        if (first.kind === 'ok' && reordered.kind === 'ok') expect(reordered.duties).toEqual(first.duties);
      }),
      { numRuns: 25 },
    );
  });

  it('finds the optimum of the flow part, checked by brute force on small instances', () => {
    const small = fc.record({
      doctors: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 3 }),
      from: startDate,
      days: fc.integer({ min: 3, max: 10 }),
    });
    fc.assert(
      fc.property(small, (draw) => {
        const problem = problemOf({
          from: draw.from,
          to: addDays(draw.from, draw.days - 1),
          members: draw.doctors.map((doctorCount, index) => member(index, { doctorCount })),
          settings: { ...defaultRosterSettings, minDaysBetweenDuties: 0, maxDutiesPerMonth: 31 },
        });
        const result = generateRoster(problem);
        if (result.kind !== 'ok') throw new Error('expected a roster');
        const targets = result.flow.problem.targets;
        const types = targets.shifts.length;
        // Every split of each shift's slots between the clinics (no cap binds: N = 0, M = 31).
        let best = Number.POSITIVE_INFINITY;
        const clinics = draw.doctors.length;
        const counts = Array.from({ length: clinics }, () => new Array<number>(types).fill(0));
        const visit = (t: number, c: number, left: number) => {
          if (t === types) {
            best = Math.min(best, fairnessObjective(counts, targets));
            return;
          }
          if (c === clinics - 1) {
            counts[c]![t] = left;
            visit(t + 1, 0, targets.slotCounts[t + 1] ?? 0);
            return;
          }
          for (let k = 0; k <= left; k += 1) {
            counts[c]![t] = k;
            visit(t, c + 1, left - k);
          }
        };
        visit(0, 0, targets.slotCounts[0] ?? 0);
        expect(result.flow.objective).toBeCloseTo(best, 9);
        expect(result.fairness.objective).toBeCloseTo(best, 6);
      }),
      { numRuns: 40 },
    );
  });

  it('carries fairness over: a clinic that did more holiday nights last period gets fewer now', () => {
    const members = [member(1), member(2)];
    const first = generateRoster(
      problemOf({
        members,
        from: '2026-05-01',
        to: '2026-05-31',
        shifts: ['holiday_night'],
        settings: { ...defaultRosterSettings, minDaysBetweenDuties: 1, maxDutiesPerMonth: 31 },
      }),
    );
    if (first.kind !== 'ok') throw new Error('expected a roster');
    const history = [
      {
        members: members.map((entry) => ({ organizationId: entry.organizationId, doctorCount: 1 })),
        duties: [
          ...Array.from({ length: 9 }, () => ({
            organizationId: member(1).organizationId,
            shift: 'holiday_night' as const,
          })),
          ...Array.from({ length: 5 }, () => ({
            organizationId: member(2).organizationId,
            shift: 'holiday_night' as const,
          })),
        ],
      },
    ];
    const second = generateRoster(
      problemOf({
        members,
        history,
        from: '2026-06-01',
        to: '2026-06-30',
        shifts: ['holiday_night'],
        settings: { ...defaultRosterSettings, minDaysBetweenDuties: 1, maxDutiesPerMonth: 31 },
      }),
    );
    if (second.kind !== 'ok') throw new Error('expected a roster');
    const nights = (id: string) => second.duties.filter((duty) => duty.organizationId === id).length;
    expect(nights(member(1).organizationId)).toBeLessThan(nights(member(2).organizationId));
    const carried = second.fairness.clinics.find((clinic) => clinic.organizationId === member(1).organizationId);
    expect(carried?.carryOver.holiday_night).toBe(2);
  });

  it('breaks the ties of F on the total burden: the short shares of each shift go to different clinics', () => {
    // Six equal clinics, December 2026: 20 weeknights, 11 holiday days and 11 holiday nights. F is per shift, so the
    // clinic with one holiday day could also be the one with one holiday night and no extra weeknight (burden 6.5
    // against 9.75, the others 10–11) at the same F; the tie-break spreads the short shares instead.
    const members = Array.from({ length: 6 }, (_, index) => member(index));
    const result = generateRoster(
      problemOf({
        members,
        from: '2026-12-01',
        to: '2026-12-31',
        settings: { ...defaultRosterSettings, minDaysBetweenDuties: 2, maxDutiesPerMonth: 10 },
      }),
    );
    if (result.kind !== 'ok') throw new Error('expected a roster');
    expect(result.fairness.slotCounts).toEqual({ weeknight: 20, holiday_day: 11, holiday_night: 11 });
    // Still the optimum of F (the flow part's, which bounds every roster).
    expect(result.fairness.objective).toBeCloseTo(4.25, 6);
    expect(result.flow.objective).toBeCloseTo(4.25, 6);
    const burdens = result.fairness.clinics.map((clinic) => clinic.burden);
    expect(Math.max(...burdens) - Math.min(...burdens)).toBeLessThanOrEqual(1);
    expect(result.fairness.maxBurdenDeviation).toBeLessThanOrEqual(0.75);
  });

  it('gives no target for a shift a clinic cannot take and none above what the rules let it take, and carries no debt for either', () => {
    // The exploratory tester's group: a clinic with two doctors (its share is above the monthly cap), one that
    // declared it cannot take holiday nights, one without Wednesdays and New Year's Eve. December, then Q1 with
    // December as history — as the service builds it from the stored report.
    const members = [
      member(1, { doctorCount: 2 }),
      member(2, { unavailableShifts: ['holiday_night'] }),
      member(3, { unavailableWeekdays: [3], unavailableDates: ['2026-12-31'] }),
      member(4, { preferredWeekdays: [2] }),
      member(5),
      member(6),
    ];
    const settings = { ...defaultRosterSettings, maxDutiesPerMonth: 10 };
    const december = generateRoster(problemOf({ members, from: '2026-12-01', to: '2026-12-31', settings }));
    if (december.kind !== 'ok') throw new Error('expected a roster');
    const report = (result: typeof december, index: number) => {
      const found = result.fairness.clinics.find((clinic) => clinic.organizationId === member(index).organizationId);
      if (!found) throw new Error('clinic missing from the report');
      return found;
    };
    const total = (values: Partial<Record<ShiftKind, number>>) =>
      Object.values(values).reduce((sum, value) => sum + (value ?? 0), 0);

    const noNights = report(december, 2);
    expect(noNights.cannotTake).toEqual(['holiday_night']);
    expect(noNights.targets.holiday_night).toBe(0);
    expect(noNights.counts.holiday_night).toBe(0);
    // Its share of the burden moved to the shifts it can take.
    const weights = defaultRosterSettings.shiftWeights;
    const slots = december.fairness.slotCounts;
    const wholeBurden = shiftKinds.reduce((sum, shift) => sum + weights[shift] * (slots[shift] ?? 0), 0);
    expect(noNights.targets.weeknight).toBeGreaterThan(noNights.shareTargets.weeknight ?? 0);
    expect(noNights.targets.holiday_day).toBeGreaterThan(noNights.shareTargets.holiday_day ?? 0);
    const twoDoctors = report(december, 1);
    expect(twoDoctors.isCapacityBound).toBe(true);
    expect(twoDoctors.capacity).toBe(10);
    expect(total(twoDoctors.targets)).toBeCloseTo(10, 6);
    expect(total(twoDoctors.shareTargets)).toBeGreaterThan(10);
    // The burden left over by the two-doctor clinic is shared by the others: each aims at more than its plain share.
    expect(noNights.targetBurden).toBeGreaterThan(wholeBurden / 7);
    expect(december.fairness.objective).toBeGreaterThanOrEqual(december.flow.objective - 1e-6);

    const history = [
      {
        members: members.map((entry) => ({
          organizationId: entry.organizationId,
          doctorCount: entry.doctorCount,
          unavailableShifts: entry.unavailableShifts,
          baseTargets: report(december, Number(entry.organizationId.slice(-2))).baseTargets,
        })),
        duties: december.duties,
      },
    ];
    const quarter = generateRoster(
      problemOf({
        members,
        history,
        from: '2027-01-01',
        to: '2027-03-31',
        settings,
        fixedDuties: december.duties.filter((duty) => duty.date >= '2026-12-20'),
      }),
    );
    if (quarter.kind !== 'ok') throw new Error('expected a roster');
    expect(
      checkRoster(
        { ...problemOf({ members, from: '2027-01-01', to: '2027-03-31', settings }), fixedDuties: december.duties },
        quarter.duties,
      ),
    ).toEqual([]);
    // No debt: not for the holiday nights clinic 2 cannot take, nor for what the rules kept clinic 1 from doing.
    expect(report(quarter, 2).carryOver.holiday_night).toBe(0);
    for (const clinic of quarter.fairness.clinics)
      for (const shift of shiftKinds) expect(Math.abs(clinic.carryOver[shift] ?? 0)).toBeLessThan(1);
    expect(report(quarter, 2).targets.holiday_night).toBe(0);
    expect(total(report(quarter, 1).targets)).toBeLessThanOrEqual((report(quarter, 1).capacity ?? 0) + 1);
  });

  it('spreads duties in proportion to the doctors of each clinic', () => {
    const members = [
      member(1, { doctorCount: 3 }),
      member(2, { doctorCount: 1 }),
      member(3, { doctorCount: 1 }),
      member(4, { doctorCount: 1 }),
    ];
    const result = generateRoster(
      problemOf({
        members,
        from: '2026-04-01',
        to: '2026-09-30',
        settings: { ...defaultRosterSettings, minDaysBetweenDuties: 1, maxDutiesPerMonth: 31 },
      }),
    );
    if (result.kind !== 'ok') throw new Error('expected a roster');
    const big = result.duties.filter((duty) => duty.organizationId === member(1).organizationId).length;
    const small = result.duties.filter((duty) => duty.organizationId === member(2).organizationId).length;
    expect(big / small).toBeGreaterThan(2.7);
    expect(big / small).toBeLessThan(3.3);
    const targets = fairnessTargets({
      members,
      shifts: shiftKinds,
      slotCounts: { weeknight: 0, holiday_day: 0, holiday_night: 0 },
      weights: defaultRosterSettings.shiftWeights,
      history: [],
    });
    expect(targets.shares).toEqual([0.5, 1 / 6, 1 / 6, 1 / 6]);
  });
});

describe('explaining an infeasible input', () => {
  it('finds a roster whenever one exists and proves infeasibility only when none does (exhaustive on tiny inputs)', () => {
    const tiny = fc.record({
      from: startDate,
      days: fc.integer({ min: 1, max: 4 }),
      clinics: fc.integer({ min: 1, max: 4 }),
      minDays: fc.integer({ min: 0, max: 3 }),
      maxPerMonth: fc.integer({ min: 1, max: 4 }),
      unavailable: fc.array(
        fc.record({ clinic: fc.integer({ min: 0, max: 3 }), offset: fc.integer({ min: 0, max: 3 }) }),
        {
          maxLength: 6,
        },
      ),
    });
    fc.assert(
      fc.property(tiny, (draw) => {
        const problem = problemOf({
          from: draw.from,
          to: addDays(draw.from, draw.days - 1),
          members: Array.from({ length: draw.clinics }, (_, index) => member(index)),
          unavailability: draw.unavailable
            .filter((entry) => entry.clinic < draw.clinics && entry.offset < draw.days)
            .map((entry) => ({
              organizationId: member(entry.clinic).organizationId,
              date: addDays(draw.from, entry.offset),
            })),
          settings: {
            ...defaultRosterSettings,
            minDaysBetweenDuties: draw.minDays,
            maxDutiesPerMonth: draw.maxPerMonth,
          },
        });
        const slots = rosterSlots(problem.from, problem.to, problem.shifts, problem.settings);
        const chosen: string[] = [];
        const exists = (index: number): boolean => {
          const slot = slots[index];
          if (!slot)
            return (
              checkRoster(
                problem,
                slots.map((entry, s) => ({ date: entry.date, shift: entry.shift, organizationId: chosen[s] ?? '' })),
              ).length === 0
            );
          for (const candidate of problem.members) {
            chosen[index] = candidate.organizationId;
            const partial = slots
              .slice(0, index + 1)
              .map((entry, s) => ({ date: entry.date, shift: entry.shift, organizationId: chosen[s] ?? '' }));
            const broken = checkRoster({ ...problem, to: slot.date, from: problem.from }, partial).filter(
              (violation) => violation.rule !== 'coverage',
            );
            if (broken.length === 0 && exists(index + 1)) return true;
          }
          return false;
        };
        const isPossible = exists(0);
        const result = generateRoster(problem);
        expect(result.kind === 'ok').toBe(isPossible);
        if (result.kind === 'infeasible') expect(result.isProven).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('names the day nobody can take and why', () => {
    const members = [member(1, { unavailableWeekdays: [0] }), member(2, { unavailableDates: ['2026-05-03'] })];
    const result = generateRoster(
      problemOf({
        members,
        from: '2026-05-01',
        to: '2026-05-10',
        unavailability: [{ organizationId: member(1).organizationId, date: '2026-05-03' }],
        settings: { ...defaultRosterSettings, minDaysBetweenDuties: 0 },
      }),
    );
    expect(result.kind).toBe('infeasible');
    if (result.kind !== 'infeasible') return;
    expect(result.isProven).toBe(true);
    expect(result.reasons[0]).toMatchObject({ kind: 'no_clinic', from: '2026-05-03' });
    expect(result.reasons[0]?.message).toContain('2026年5月3日(日・憲法記念日)');
    expect(result.reasons[0]?.message).toContain('診療所1: 日曜日は担当不可');
    expect(result.reasons[0]?.message).toContain('診療所2: この日は担当不可と申告');
  });

  it('explains that too few clinics cannot keep N days between duties', () => {
    const members = [member(1), member(2), member(3)];
    const result = generateRoster(
      problemOf({
        members,
        from: '2026-05-01',
        to: '2026-05-10',
        settings: { ...defaultRosterSettings, minDaysBetweenDuties: 3 },
      }),
    );
    expect(result).toMatchObject({ kind: 'infeasible', isProven: true });
    if (result.kind !== 'infeasible') return;
    expect(result.reasons[0]?.kind).toBe('spacing_window');
    expect(result.reasons[0]?.message).toMatch(/3日以内に1回しか担当できない/);
  });

  it('explains a month that does not fit under the monthly cap', () => {
    const members = Array.from({ length: 6 }, (_, index) => member(index));
    const result = generateRoster(
      problemOf({
        members,
        from: '2026-05-01',
        to: '2026-05-31',
        settings: { ...defaultRosterSettings, minDaysBetweenDuties: 1, maxDutiesPerMonth: 5 },
      }),
    );
    expect(result).toMatchObject({ kind: 'infeasible', isProven: true });
    if (result.kind !== 'infeasible') return;
    expect(result.reasons[0]).toMatchObject({ kind: 'monthly_capacity', from: '2026-05-01' });
    expect(result.reasons[0]?.message).toContain('2026年5月');
    expect(result.reasons[0]?.message).toContain('月5回');
  });
});
