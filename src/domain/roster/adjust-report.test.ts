import { describe, expect, it } from 'vitest';
import { adjustedReport } from './adjust-report.js';

const report = {
  objective: 2.5,
  lowerBound: 2,
  gap: 0.5,
  ratio: 1.25,
  isRealised: true,
  fairness: {
    objective: 2.5,
    weights: { weeknight: 1, holiday_night: 2 },
    maxBurdenDeviation: 1,
    clinics: [
      {
        organizationId: 'a',
        counts: { weeknight: 3, holiday_night: 2 },
        targets: { weeknight: 3, holiday_night: 1.5 },
        burden: 7,
        targetBurden: 6,
      },
      {
        organizationId: 'b',
        counts: { weeknight: 3, holiday_night: 1 },
        targets: { weeknight: 3, holiday_night: 1.5 },
        burden: 5,
        targetBurden: 6,
      },
    ],
  },
};

describe('the report of a draft adjusted by hand', () => {
  it('follows the duty: counts, burdens, F and its gap to the bound, with the adjustment listed', () => {
    const adjusted = adjustedReport(report, {
      date: '2026-12-30',
      shift: 'holiday_night',
      fromOrganizationId: 'a',
      toOrganizationId: 'b',
    });
    const [a, b] = (adjusted.fairness as typeof report.fairness).clinics;
    expect(a?.counts.holiday_night).toBe(1);
    expect(b?.counts.holiday_night).toBe(2);
    expect(a?.burden).toBe(5);
    expect(b?.burden).toBe(7);
    // 2 × ((1 − 1.5)² − (2 − 1.5)²) + 2 × ((2 − 1.5)² − (1 − 1.5)²) = 0: the same F.
    expect(adjusted.objective).toBe(2.5);
    expect(adjusted).toMatchObject({ gap: 0.5, ratio: 1.25, isRealised: false });
    expect(adjusted.adjustments).toEqual([
      { date: '2026-12-30', shift: 'holiday_night', fromOrganizationId: 'a', toOrganizationId: 'b' },
    ]);
    // The stored report itself is not changed.
    expect(report.fairness.clinics[0]?.counts.holiday_night).toBe(2);
  });

  it('moves F by the two terms the duty touches, and back when undone', () => {
    const there = adjustedReport(report, {
      date: '2026-12-01',
      shift: 'weeknight',
      fromOrganizationId: 'a',
      toOrganizationId: 'b',
    });
    // 1 × ((2 − 3)² − 0) + 1 × ((4 − 3)² − 0) = 2.
    expect(there.objective).toBe(4.5);
    expect(there.gap).toBe(2.5);
    const back = adjustedReport(there, {
      date: '2026-12-01',
      shift: 'weeknight',
      fromOrganizationId: 'b',
      toOrganizationId: 'a',
    });
    expect(back.objective).toBe(2.5);
    expect(back.adjustments).toHaveLength(2);
  });
});
