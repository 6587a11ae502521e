/**
 * Business days (営業日) the way the server counts a referral's deadline (src/domain/calendar/japanese-calendar.ts,
 * which the web build cannot import): Saturdays, Sundays, national holidays (祝日・振替休日・国民の休日, from
 * @holiday-jp/holiday_jp) and 年末年始 (12/29–1/3) are days off. Dates are YYYY-MM-DD in Asia/Tokyo.
 */
import holidayJp from '@holiday-jp/holiday_jp';
import { addDays } from './dates';

const holidays = holidayJp.holidays as Readonly<Record<string, unknown>>;

function isYearEnd(date: string): boolean {
  const monthDay = date.slice(5);
  return monthDay >= '12-29' || monthDay <= '01-03';
}

/** 休日: Saturday, Sunday, a national holiday or 年末年始. */
export function isDayOff(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6 || holidays[date] !== undefined || isYearEnd(date);
}

/** The n-th business day after `date` (n ≥ 1); `date` itself never counts. */
export function addBusinessDays(date: string, businessDays: number): string {
  let current = date;
  let remaining = businessDays;
  while (remaining > 0) {
    current = addDays(current, 1);
    if (!isDayOff(current)) remaining -= 1;
  }
  return current;
}
