/**
 * The Japanese working calendar: weekends, national holidays (祝日, 振替休日, 国民の休日 — from
 * @holiday-jp/holiday_jp, not a hand-written list) and 年末年始 (12/29–1/3 by default).
 * Dates are calendar dates in Asia/Tokyo written YYYY-MM-DD.
 */
import holidayJp from '@holiday-jp/holiday_jp';

export type YearEndRange = { fromMonthDay: string; toMonthDay: string };
export const defaultYearEnd: YearEndRange = { fromMonthDay: '12-29', toMonthDay: '01-03' };

const dayMs = 24 * 60 * 60 * 1000;

/** Midnight UTC of a YYYY-MM-DD date: date arithmetic without time zones. */
function toUtc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function addDays(date: string, days: number): string {
  return new Date(toUtc(date).getTime() + days * dayMs).toISOString().slice(0, 10);
}

export function dayOfWeek(date: string): number {
  return toUtc(date).getUTCDay();
}

const holidays = holidayJp.holidays as Readonly<Record<string, { name: string } | undefined>>;

export function holidayName(date: string): string | null {
  return holidays[date]?.name ?? null;
}

export function isYearEnd(date: string, range: YearEndRange = defaultYearEnd): boolean {
  const monthDay = date.slice(5);
  return range.fromMonthDay <= range.toMonthDay
    ? monthDay >= range.fromMonthDay && monthDay <= range.toMonthDay
    : monthDay >= range.fromMonthDay || monthDay <= range.toMonthDay;
}

/** 休日: Saturday, Sunday, a national holiday (incl. 振替休日・国民の休日) or 年末年始. */
export function isDayOff(date: string, range: YearEndRange = defaultYearEnd): boolean {
  const weekday = dayOfWeek(date);
  return weekday === 0 || weekday === 6 || holidayName(date) !== null || isYearEnd(date, range);
}

/** The n-th business day after `date` (n ≥ 1); `date` itself never counts. */
export function addBusinessDays(date: string, businessDays: number, range: YearEndRange = defaultYearEnd): string {
  let current = date;
  let remaining = businessDays;
  while (remaining > 0) {
    current = addDays(current, 1);
    if (!isDayOff(current, range)) remaining -= 1;
  }
  return current;
}

/** The n-th business day before `date`. */
export function subtractBusinessDays(date: string, businessDays: number, range: YearEndRange = defaultYearEnd): string {
  let current = date;
  let remaining = businessDays;
  while (remaining > 0) {
    current = addDays(current, -1);
    if (!isDayOff(current, range)) remaining -= 1;
  }
  return current;
}

/** An instant on a date at HH:MM in Asia/Tokyo. */
export function jstInstant(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+09:00`);
}
