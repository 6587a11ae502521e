import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { areaConcentrations, concentration, countsAt, monthEnds } from './reliance.js';

describe('reliance on particular organisations', () => {
  it('computes the shares of the largest one and three and the HHI', () => {
    const result = concentration([30, 20, 15, 12, 10, 0], 10);
    expect(result).toEqual({
      patients: 87,
      organizations: 5,
      top1Share: Math.round((30 / 87) * 1000) / 1000,
      top3Share: Math.round((65 / 87) * 1000) / 1000,
      hhi: Math.round(((30 / 87) ** 2 + (20 / 87) ** 2 + (15 / 87) ** 2 + (12 / 87) ** 2 + (10 / 87) ** 2) * 10_000),
      isSuppressed: false,
    });
    expect(concentration([12], 10).hhi).toBe(10_000);
  });

  it('withholds a share or the HHI that would give a small count back', () => {
    // 14 patients: the largest has 10, the other two 4 together → no top-1 share; the three hold all → 100 %;
    // three organisations with small counts → the HHI would solve them.
    expect(concentration([10, 3, 1], 10)).toEqual({
      patients: 14,
      organizations: 3,
      top1Share: null,
      top3Share: 1,
      hhi: null,
      isSuppressed: false,
    });
    // 20 patients over 10 organisations of 2: the largest's share would say 2.
    expect(concentration(Array(10).fill(2), 10)).toMatchObject({ top1Share: null, top3Share: null, hhi: 1000 });
  });

  it('never shows a share or HHI from which a count of 1 to 9 follows (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 12 }), (counts) => {
        const result = concentration(counts, 10);
        const small = (count: number) => count > 0 && count < 10;
        const positive = counts.filter((count) => count > 0).sort((a, b) => b - a);
        if (result.patients === null || result.patients === 0) return;
        for (const share of [result.top1Share, result.top3Share]) {
          if (share === null) continue;
          const largest = Math.round(share * result.patients);
          expect(small(largest) || small(result.patients - largest)).toBe(false);
        }
        if (result.hhi !== null) expect(positive.length >= 5 || !positive.some(small)).toBe(true);
      }),
    );
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
