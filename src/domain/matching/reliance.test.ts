import { describe, expect, it } from 'vitest';
import { areaConcentrations, concentration, countsAt, monthEnds } from './reliance.js';

describe('reliance on particular organisations', () => {
  it('computes the shares of the largest one and three and the HHI', () => {
    const result = concentration([10, 5, 3, 2, 0], 10);
    expect(result).toEqual({
      patients: 20,
      organizations: 4,
      top1Share: 0.5,
      top3Share: 0.9,
      hhi: Math.round((0.25 + 0.0625 + 0.0225 + 0.01) * 10_000),
      isSuppressed: false,
    });
    expect(concentration([12], 10).hhi).toBe(10_000);
  });

  it('suppresses groups of fewer than 10 patients entirely (count, shares and index)', () => {
    expect(concentration([5, 4], 10)).toEqual({
      patients: null,
      organizations: null,
      top1Share: null,
      top3Share: null,
      hhi: null,
      isSuppressed: true,
    });
  });

  it('shows an area with no patient as 0, with no share or index to give', () => {
    expect(concentration([], 10)).toEqual({
      patients: 0,
      organizations: 0,
      top1Share: null,
      top3Share: null,
      hhi: null,
      isSuppressed: false,
    });
    expect(concentration([0, 0], 10)).toMatchObject({ patients: 0, isSuppressed: false });
  });

  it('counts memberships active at a moment by area', () => {
    const at = new Date('2026-06-30T00:00:00+09:00');
    const counts = countsAt(
      [
        { organizationId: 'a', areaCode: '33101', since: new Date('2026-01-01'), until: null },
        { organizationId: 'a', areaCode: '33101', since: new Date('2026-01-01'), until: new Date('2026-03-01') },
        { organizationId: 'b', areaCode: '33101', since: new Date('2026-07-01'), until: null },
        { organizationId: 'b', areaCode: '33102', since: new Date('2026-02-01'), until: null },
      ],
      at,
    );
    expect(Object.fromEntries([...counts].map(([area, map]) => [area, Object.fromEntries(map)]))).toEqual({
      '33101': { a: 1 },
      '33102': { b: 1 },
    });
  });

  it('lists month ends in Asia/Tokyo, the current month up to now', () => {
    const now = new Date('2026-11-25T10:00:00+09:00');
    const months = monthEnds(now, 3);
    expect(months.map((entry) => entry.month)).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(months[0]?.at.toISOString()).toBe('2026-09-30T14:59:59.999Z');
    expect(months[2]?.at).toEqual(now);
    expect(monthEnds(new Date('2027-01-05T00:00:00+09:00'), 2).map((entry) => entry.month)).toEqual([
      '2026-12',
      '2027-01',
    ]);
  });
});

describe('wards beside the whole city (areaConcentrations)', () => {
  const byArea = (counts: Record<string, number[]>) =>
    new Map(
      Object.entries(counts).map(([area, perOrganization]) => [
        area,
        new Map(perOrganization.map((count, index) => [`${area}-${index}`, count])),
      ]),
    );
  const wards = ['33101', '33102', '33103', '33104'];
  const shown = (result: ReturnType<typeof areaConcentrations>) =>
    Object.fromEntries([...result.wards].map(([code, figure]) => [code, figure.patients]));

  it('lists every ward, 0 as 0', () => {
    const result = areaConcentrations(byArea({ '33101': [10, 5], '33102': [12] }), wards, {
      suppressBelow: 10,
      withTotal: true,
    });
    expect(shown(result)).toEqual({ '33101': 15, '33102': 12, '33103': 0, '33104': 0 });
    expect(result.total).toMatchObject({ patients: 27, organizations: 3, isSuppressed: false });
  });

  it('hides the smallest shown ward when the city minus the shown ones would give a small one back', () => {
    const result = areaConcentrations(byArea({ '33101': [10, 3, 1], '33102': [5] }), wards, {
      suppressBelow: 10,
      withTotal: true,
    });
    // 19 − 14 would be 中区's 5: 北区 is hidden too; 東区 and 南区 have nobody and show 0.
    expect(shown(result)).toEqual({ '33101': null, '33102': null, '33103': 0, '33104': 0 });
    expect(result.total).toMatchObject({ patients: 19, isSuppressed: false });
  });

  it('never lets a few patients placed in no ward be worked out from the city', () => {
    const result = areaConcentrations(byArea({ '33101': [12], '33102': [15], unknown: [2] }), wards, {
      suppressBelow: 10,
      withTotal: true,
    });
    expect(shown(result)).toEqual({ '33101': null, '33102': 15, '33103': 0, '33104': 0 });
    expect(result.total).toMatchObject({ patients: 29 });
  });

  it('suppresses only small wards when no total is shown', () => {
    const result = areaConcentrations(byArea({ '33101': [5] }), ['33101'], { suppressBelow: 10, withTotal: false });
    expect(shown(result)).toEqual({ '33101': null });
    expect(result.total).toBeNull();
  });
});
