import { describe, expect, it } from 'vitest';
import { addMonths, monthsOf, periodOf, todayInTokyo } from './calendar';

describe('roster calendar arithmetic', () => {
  it('derives month, quarter and year periods and the months of a period', () => {
    expect(periodOf('month', '2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodOf('month', '2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodOf('quarter', '2026-11')).toEqual({ from: '2026-11-01', to: '2027-01-31' });
    expect(periodOf('year', '2026-04')).toEqual({ from: '2026-04-01', to: '2027-03-31' });
    expect(monthsOf('2026-11-01', '2027-01-31')).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(monthsOf('2026-05-10', '2026-05-20')).toEqual(['2026-05']);
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
  });

  it('tells today’s date in Asia/Tokyo whatever the machine’s zone', () => {
    expect(todayInTokyo(new Date('2026-05-31T15:30:00Z'))).toBe('2026-06-01');
    expect(todayInTokyo(new Date('2026-05-31T14:59:00Z'))).toBe('2026-05-31');
  });
});
