import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { flowLowerBound } from './lower-bound.js';
import { generateRoster } from '../../domain/roster/generate-roster.js';
import { addDays } from '../../domain/calendar/japanese-calendar.js';
import { defaultRosterSettings, shiftKinds, type RosterMember } from '../../domain/roster/roster-types.js';

function member(index: number, doctorCount: number, unavailableWeekdays: number[] = []): RosterMember {
  return {
    organizationId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    name: `診療所${index}`,
    doctorCount,
    unavailableWeekdays,
    unavailableDates: [],
    unavailableShifts: [],
    preferredWeekdays: [],
  };
}

describe('the LP lower bound of the flow part (HiGHS)', () => {
  it('equals the optimum of our own min-cost flow and never exceeds the roster objective', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          offset: fc.integer({ min: 0, max: 2000 }),
          days: fc.integer({ min: 7, max: 200 }),
          doctors: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 6, maxLength: 14 }),
          weekdayOff: fc.array(fc.integer({ min: -3, max: 6 }), { minLength: 14, maxLength: 14 }),
          maxPerMonth: fc.integer({ min: 4, max: 10 }),
        }),
        async (draw) => {
          const from = addDays('2022-01-01', draw.offset);
          const result = generateRoster({
            from,
            to: addDays(from, draw.days - 1),
            shifts: [...shiftKinds],
            members: draw.doctors.map((doctors, index) =>
              member(index, doctors, (draw.weekdayOff[index] ?? -1) >= 0 ? [draw.weekdayOff[index] ?? 0] : []),
            ),
            unavailability: [],
            settings: { ...defaultRosterSettings, minDaysBetweenDuties: 2, maxDutiesPerMonth: draw.maxPerMonth },
            history: [],
            fixedDuties: [],
          });
          if (result.kind !== 'ok') return;
          const bound = await flowLowerBound(result.flow.problem, result.flow.quotas);
          if (bound.status !== 'optimal') throw new Error(bound.reason);
          expect(bound.value).toBeCloseTo(result.flow.objective, 5);
          expect(bound.value).toBeLessThanOrEqual(result.fairness.objective + 1e-6);
        },
      ),
      { numRuns: 20 },
    );
  }, 60_000);

  it('stays a valid bound when the windows start far from the optimum (they widen)', async () => {
    const result = generateRoster({
      from: '2026-04-01',
      to: '2026-06-30',
      shifts: [...shiftKinds],
      members: [
        member(1, 3),
        member(2, 1),
        member(3, 1),
        member(4, 2),
        member(5, 1),
        member(6, 1),
        member(7, 1),
        member(8, 1),
      ],
      unavailability: [],
      settings: defaultRosterSettings,
      history: [],
      fixedDuties: [],
    });
    if (result.kind !== 'ok') throw new Error('expected a roster');
    const farCounts = result.flow.quotas.map((row) => row.map(() => 0));
    const bound = await flowLowerBound(result.flow.problem, farCounts);
    expect(bound.status).toBe('optimal');
    if (bound.status === 'optimal') expect(bound.value).toBeCloseTo(result.flow.objective, 5);
  });
});
