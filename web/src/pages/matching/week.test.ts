import { describe, expect, it } from 'vitest';
import { addDays, isIsoDate, mondayOf, todayInTokyo, weekOf } from './week';

describe('weeks of the batch assignment', () => {
  it('runs from Monday to Sunday', () => {
    expect(weekOf('2026-11-25')).toEqual({ from: '2026-11-23', to: '2026-11-29' }); // Wednesday
    expect(weekOf('2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' }); // Sunday
    expect(weekOf('2026-11-23')).toEqual({ from: '2026-11-23', to: '2026-11-29' }); // Monday
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
  });

  it('takes today in Asia/Tokyo and checks dates', () => {
    expect(todayInTokyo(new Date('2026-11-25T15:30:00Z'))).toBe('2026-11-26');
    expect(todayInTokyo(new Date('2026-11-25T14:59:00Z'))).toBe('2026-11-25');
    expect(isIsoDate('2026-11-25')).toBe(true);
    expect(isIsoDate('2026-13-45')).toBe(false);
    expect(isIsoDate('next week')).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });
});
