import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import holidayJp from '@holiday-jp/holiday_jp';
import { addBusinessDays, addDays, isDayOff, subtractBusinessDays } from './japanese-calendar.js';

describe('Japanese business days', () => {
  it('skips weekends, national holidays with 振替休日 and 国民の休日, and 年末年始', () => {
    // 2026-05-06 is a 振替休日 (5/3 Sunday); 2026-09-22 a 国民の休日.
    expect(isDayOff('2026-05-06')).toBe(true);
    expect(isDayOff('2026-09-22')).toBe(true);
    expect(isDayOff('2026-12-29')).toBe(true);
    expect(isDayOff('2027-01-04')).toBe(false);
    // Friday 2026-12-25 + 1 business day → Monday 2026-12-28; +2 → 2027-01-04 (year end, then Monday)
    expect(addBusinessDays('2026-12-25', 1)).toBe('2026-12-28');
    expect(addBusinessDays('2026-12-25', 2)).toBe('2027-01-04');
    // Golden week 2026: 4/29 (Wed), 5/3–5/6 off.
    expect(addBusinessDays('2026-05-01', 1)).toBe('2026-05-07');
    expect(subtractBusinessDays('2026-05-07', 1)).toBe('2026-05-01');
  });

  it('agrees with holiday_jp for every day of 2020–2030', () => {
    const holidays = holidayJp.between(new Date('2020-01-01'), new Date('2030-12-31'));
    const holidayDates = new Set(holidays.map((holiday: { date: Date }) => holiday.date.toISOString().slice(0, 10)));
    for (let date = '2020-01-01'; date <= '2030-12-31'; date = addDays(date, 1)) {
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      const monthDay = date.slice(5);
      const expected =
        weekday === 0 || weekday === 6 || holidayDates.has(date) || monthDay >= '12-29' || monthDay <= '01-03';
      expect(isDayOff(date), date).toBe(expected);
    }
  });

  it('never lands on a day off, and counting back undoes counting forward', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2030-06-30'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 30 }),
        (day, count) => {
          const date = day.toISOString().slice(0, 10);
          const later = addBusinessDays(date, count);
          expect(isDayOff(later)).toBe(false);
          expect(later > date).toBe(true);
          if (!isDayOff(date)) expect(subtractBusinessDays(later, count)).toBe(date);
        },
      ),
    );
  });
});
