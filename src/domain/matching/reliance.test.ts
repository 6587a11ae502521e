import { describe, expect, it } from 'vitest';
import { concentration, countsAt, hideAgainstDifferencing, monthEnds, suppressedCount } from './reliance.js';

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
    expect(suppressedCount(9, 10)).toBeNull();
    expect(suppressedCount(10, 10)).toBe(10);
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

describe('hideAgainstDifferencing', () => {
  const area = (areaCode: string, patients: number) => ({ areaCode, ...concentration([patients], 10) });
  it('hides the smallest shown area when exactly one is hidden, so the total cannot reveal it', () => {
    const areas = [area('33101', 30), area('33102', 5), area('33103', 12), area('33104', 40)];
    hideAgainstDifferencing(areas);
    expect(areas.map((entry) => entry.isSuppressed)).toEqual([false, true, true, false]);
    expect(areas[2]).toMatchObject({ patients: null, hhi: null });
  });
  it('leaves areas alone when none or several are hidden', () => {
    const none = [area('33101', 30), area('33102', 15)];
    hideAgainstDifferencing(none);
    expect(none.every((entry) => !entry.isSuppressed)).toBe(true);
    const two = [area('33101', 30), area('33102', 5), area('33103', 3)];
    hideAgainstDifferencing(two);
    expect(two.map((entry) => entry.isSuppressed)).toEqual([false, true, true]);
  });
});
