import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fairShares } from './fair-shares.js';
import { carryOver, settledBase } from './fairness.js';

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const burden = (row: readonly number[], weights: readonly number[]) =>
  sum(row.map((value, t) => value * (weights[t] ?? 0)));
const column = (base: readonly (readonly number[])[], t: number) => sum(base.map((row) => row[t] ?? 0));

describe('the fair share of each shift (β)', () => {
  it('is share × N(t) when every clinic can take every shift and no limit binds', () => {
    const shares = [0.5, 0.25, 0.25];
    const { base, isCapacityBound } = fairShares({
      shares,
      slotCounts: [20, 11, 11],
      weights: [1, 1.5, 2],
      canTake: shares.map(() => [true, true, true]),
      capacity: shares.map(() => Number.POSITIVE_INFINITY),
    });
    shares.forEach((share, c) =>
      [20, 11, 11].forEach((count, t) => expect(base[c]?.[t]).toBeCloseTo(share * count, 9)),
    );
    expect(isCapacityBound).toEqual([false, false, false]);
  });

  it('gives a shift a clinic cannot take a target of 0 and moves its share of the burden to the shifts it can take', () => {
    // Six clinics of one doctor, December-like counts; clinic 1 declared it cannot take holiday nights.
    const slotCounts = [20, 11, 11];
    const weights = [1, 1.5, 2];
    const { base } = fairShares({
      shares: Array.from({ length: 6 }, () => 1 / 6),
      slotCounts,
      weights,
      canTake: Array.from({ length: 6 }, (_, c) => [true, true, c !== 1]),
      capacity: Array.from({ length: 6 }, () => Number.POSITIVE_INFINITY),
    });
    expect(base[1]?.[2]).toBe(0);
    // Every slot has a fair taker, and each clinic's burden is still one sixth of the whole.
    slotCounts.forEach((count, t) => expect(column(base, t)).toBeCloseTo(count, 9));
    const total = burden(slotCounts, weights);
    for (const row of base) expect(burden(row, weights)).toBeCloseTo(total / 6, 6);
    // It does more weeknights and holiday days than the plain share, the others more holiday nights.
    expect(base[1]?.[0]).toBeGreaterThan(20 / 6);
    expect(base[0]?.[2]).toBeGreaterThan(11 / 6);
  });

  it('lowers a share above what the rules let a clinic take to that, and shares the rest by doctors', () => {
    // A clinic with two of seven doctors, but at most 6 duties in the period by the monthly cap.
    const shares = [2 / 7, 1 / 7, 1 / 7, 1 / 7, 1 / 7, 1 / 7];
    const slotCounts = [20, 11, 11];
    const { base, isCapacityBound } = fairShares({
      shares,
      slotCounts,
      weights: [1, 1.5, 2],
      canTake: shares.map(() => [true, true, true]),
      capacity: [6, 10, 10, 10, 10, 10],
    });
    expect(isCapacityBound).toEqual([true, false, false, false, false, false]);
    expect(sum(base[0] ?? [])).toBeCloseTo(6, 9);
    slotCounts.forEach((count, t) => expect(column(base, t)).toBeCloseTo(count, 9));
    for (const row of base.slice(1)) expect(sum(row)).toBeCloseTo((42 - 6) / 5, 6);
  });

  it('keeps every slot counted, nothing negative, nothing where a clinic cannot take it, no row above its capacity', () => {
    const input = fc
      .record({
        clinics: fc.integer({ min: 1, max: 8 }),
        slotCounts: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 3 }),
        weights: fc.array(fc.constantFrom(1, 1.5, 2, 3), { minLength: 3, maxLength: 3 }),
        doctors: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 8, maxLength: 8 }),
        blocked: fc.array(fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), { minLength: 8, maxLength: 8 }),
        capacities: fc.array(fc.option(fc.integer({ min: 0, max: 30 })), { minLength: 8, maxLength: 8 }),
      })
      .map((draw) => {
        const doctors = draw.doctors.slice(0, draw.clinics);
        const total = sum(doctors);
        return {
          shares: doctors.map((count) => count / total),
          slotCounts: draw.slotCounts,
          weights: draw.weights.slice(0, draw.slotCounts.length),
          // Clinic 0 can take everything without limit: every slot has a taker.
          canTake: doctors.map((_, c) => draw.slotCounts.map((_, t) => c === 0 || !draw.blocked[c]?.[t])),
          capacity: doctors.map((_, c) =>
            c === 0 ? Number.POSITIVE_INFINITY : (draw.capacities[c] ?? Number.POSITIVE_INFINITY),
          ),
        };
      });
    fc.assert(
      fc.property(input, (problem) => {
        const { base } = fairShares(problem);
        problem.slotCounts.forEach((count, t) => expect(column(base, t)).toBeCloseTo(count, 6));
        base.forEach((row, c) => {
          expect(sum(row)).toBeLessThanOrEqual((problem.capacity[c] ?? 0) + 1e-6);
          row.forEach((value, t) => {
            expect(value).toBeGreaterThanOrEqual(0);
            if (!problem.canTake[c]?.[t]) expect(value).toBe(0);
          });
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('the carry-over between periods', () => {
  const member = (index: number) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;

  it('leaves no debt for a shift a clinic declared it cannot take, period after period', () => {
    // Three periods of 10 holiday nights and 20 weeknights: clinic 2 takes no holiday nights (declared), and its
    // weeknights make up its share of the burden.
    const members = [1, 2, 3, 4].map((index) => ({
      organizationId: member(index),
      doctorCount: 1,
      unavailableShifts: index === 2 ? (['holiday_night'] as const) : ([] as const),
    }));
    const period = {
      members,
      weights: { weeknight: 1, holiday_day: 1.5, holiday_night: 2 },
      duties: [
        ...[1, 3, 4, 1, 3, 4, 1, 3, 4, 1].map((index) => ({
          organizationId: member(index),
          shift: 'holiday_night' as const,
        })),
        ...[2, 2, 2, 2, 2, 2, 2, 2, 1, 3, 4, 2, 3, 4, 1, 2, 3, 4, 1, 2].map((index) => ({
          organizationId: member(index),
          shift: 'weeknight' as const,
        })),
      ],
    };
    const carry = carryOver(members, [period, period, period]);
    expect(carry[1]?.holiday_night).toBe(0);
    // Before, the clinic was 2.5 holiday nights short each period: −7.5 after three.
    for (const entry of carry) expect(Math.abs(entry.holiday_night) + Math.abs(entry.weeknight)).toBeLessThan(3.5);
  });

  it('settles a clinic held at its capacity against what it could do, the others taking the rest', () => {
    const targets = {
      base: [
        [4, 2],
        [3, 1],
        [3, 1],
      ],
      canTake: [
        [true, true],
        [true, true],
        [true, true],
      ],
      isCapacityBound: [true, false, false],
    };
    // Clinic 0 was held at 6 duties but could do only 3 (the spacing rule with the others' dates).
    const settled = settledBase(targets, [
      [2, 1],
      [4, 1],
      [4, 1],
    ]);
    expect(settled[0]?.[0]).toBeCloseTo(2, 9);
    expect(settled[0]?.[1]).toBeCloseTo(1, 9);
    expect(column(settled, 0)).toBeCloseTo(10, 9);
    expect(column(settled, 1)).toBeCloseTo(4, 9);
    expect(settled[1]?.[0]).toBeCloseTo(4, 9);
  });
});
