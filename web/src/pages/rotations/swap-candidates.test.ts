import { describe, expect, it } from 'vitest';
import { isDeclared, swapBlock } from './swap-candidates';
import type { Duty } from '../../api/rotations';

const duty = (id: string, date: string, organizationId: string, shift: Duty['shift'] = 'weeknight'): Duty => ({
  id,
  date,
  shift,
  shiftLabel: '',
  organizationId,
  organizationName: organizationId,
  startsAt: `${date}T18:00:00+09:00`,
  endsAt: `${date}T08:30:00+09:00`,
});
const free = { unavailableShifts: [], unavailableWeekdays: [], unavailableDates: [] };
const settings = { minDaysBetweenDuties: 3, maxDutiesPerMonth: 2 };
// 2026-12-30 is a Wednesday (年末年始: a holiday night).
const offered = duty('d1', '2026-12-30', 'a', 'holiday_night');

describe('who can take a duty offered for a swap', () => {
  it('leaves out a clinic that declared the shift, the weekday or the date, and says which', () => {
    const roster = { duties: [offered], settings };
    expect(swapBlock({ ...free, unavailableShifts: ['holiday_night'] }, 'b', offered, roster)).toEqual({
      kind: 'shift',
      shift: 'holiday_night',
    });
    expect(swapBlock({ ...free, unavailableWeekdays: [3] }, 'b', offered, roster)).toEqual({
      kind: 'weekday',
      weekday: 3,
    });
    expect(swapBlock({ ...free, unavailableDates: ['2026-12-30'] }, 'b', offered, roster)).toEqual({ kind: 'date' });
    expect(isDeclared({ kind: 'weekday', weekday: 3 })).toBe(true);
    expect(swapBlock(free, 'b', offered, roster)).toBeNull();
  });

  it('marks one that would break the spacing rule or the monthly cap, unless it hands that duty over in exchange', () => {
    const roster = {
      duties: [offered, duty('d2', '2026-12-28', 'b'), duty('d3', '2026-12-10', 'c'), duty('d4', '2026-12-14', 'c')],
      settings,
    };
    const spacing = swapBlock(free, 'b', offered, roster);
    expect(spacing).toEqual({ kind: 'spacing', date: '2026-12-28', minDays: 3 });
    expect(isDeclared(spacing)).toBe(false);
    expect(swapBlock(free, 'b', offered, roster, ['d2'])).toBeNull();
    expect(swapBlock(free, 'c', offered, roster)).toEqual({ kind: 'monthly_cap', maxPerMonth: 2 });
    expect(swapBlock(free, 'c', offered, roster, ['d4'])).toBeNull();
  });
});
