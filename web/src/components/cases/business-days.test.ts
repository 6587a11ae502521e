/** The web's business days are the server's (the referral deadline of 「営業日数で指定」). */
import { describe, expect, it } from 'vitest';
import * as server from '../../../../src/domain/calendar/japanese-calendar';
import { addDays } from './dates';
import { addBusinessDays, isDayOff } from './business-days';

describe('business days (web)', () => {
  it('agrees with the server on every day of 2025–2028', () => {
    for (let date = '2025-01-01'; date < '2029-01-01'; date = addDays(date, 1)) {
      expect(isDayOff(date), date).toBe(server.isDayOff(date));
      expect(addBusinessDays(date, 2), date).toBe(server.addBusinessDays(date, 2));
    }
  });

  it('skips weekends, holidays and 年末年始', () => {
    // Friday → Tuesday (two business days later).
    expect(addBusinessDays('2026-11-27', 2)).toBe('2026-12-01');
    // Friday 2026-12-25 → 12/28 (Mon), then 12/29–1/3 off and 1/4 (Mon): the second business day.
    expect(addBusinessDays('2026-12-25', 2)).toBe('2027-01-04');
    // 2026-05-01 (Fri) → 5/2–5/6 are the weekend and Golden Week: 5/7, 5/8.
    expect(addBusinessDays('2026-05-01', 2)).toBe('2026-05-08');
  });
});
