/**
 * The slots of a period: a `weeknight` is the night after a working day; `holiday_day` and
 * `holiday_night` are the day and the night of a 休日 — Saturday, Sunday, a national holiday
 * (祝日, 振替休日 and 国民の休日, from @holiday-jp/holiday_jp through japanese-calendar.ts) and
 * 年末年始 — the last two configurable per group. Times are Asia/Tokyo.
 */
import { addDays, dayOfWeek, holidayName, isYearEnd, jstInstant } from '../calendar/japanese-calendar.js';
import { shiftOrder, weekdayLabels, type RosterSettings, type ShiftKind } from './roster-types.js';

export type DayKind = 'working_day' | 'saturday' | 'sunday' | 'national_holiday' | 'year_end';

export type DayClass = { kind: DayKind; isDayOff: boolean; holidayName: string | null };

type CalendarRules = Pick<RosterSettings, 'includeNationalHolidays' | 'yearEnd'>;

/** Whether a date is a 休日 under the group's rules, and why. */
export function classifyDay(date: string, rules: CalendarRules): DayClass {
  const name = rules.includeNationalHolidays ? holidayName(date) : null;
  if (name) return { kind: 'national_holiday', isDayOff: true, holidayName: name };
  if (
    rules.yearEnd.isEnabled &&
    isYearEnd(date, { fromMonthDay: rules.yearEnd.fromMonthDay, toMonthDay: rules.yearEnd.toMonthDay })
  )
    return { kind: 'year_end', isDayOff: true, holidayName: '年末年始' };
  const weekday = dayOfWeek(date);
  if (weekday === 0) return { kind: 'sunday', isDayOff: true, holidayName: null };
  if (weekday === 6) return { kind: 'saturday', isDayOff: true, holidayName: null };
  return { kind: 'working_day', isDayOff: false, holidayName: null };
}

export type RosterSlot = {
  index: number;
  date: string;
  shift: ShiftKind;
  /** Days since the period's first date. */
  dayIndex: number;
  /** YYYY-MM of the date (monthly caps count by it). */
  month: string;
  weekday: number;
  day: DayClass;
};

/** 2026年5月3日(日・憲法記念日): a date as the rotation's messages say it (the holiday's name when given). */
export function dateLabel(date: string, holidayName?: string | null): string {
  const [year, month, day] = date.split('-').map(Number);
  const weekday = weekdayLabels[dayOfWeek(date)] ?? '';
  return `${year}年${month}月${day}日(${weekday}${holidayName ? `・${holidayName}` : ''})`;
}

/** Whole days from `from` to `to` (0 when equal). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The dates from `from` to `to`, both included. */
export function datesOf(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  return dates;
}

/** Every slot of the period for the requested shifts, by date then day before night. */
export function rosterSlots(
  from: string,
  to: string,
  shifts: readonly ShiftKind[],
  rules: CalendarRules,
): RosterSlot[] {
  const wanted = new Set(shifts);
  const slots: RosterSlot[] = [];
  let dayIndex = 0;
  for (const date of datesOf(from, to)) {
    const day = classifyDay(date, rules);
    const kinds: ShiftKind[] = day.isDayOff ? ['holiday_day', 'holiday_night'] : ['weeknight'];
    for (const shift of kinds.filter((kind) => wanted.has(kind)).sort((a, b) => shiftOrder[a] - shiftOrder[b])) {
      slots.push({
        index: slots.length,
        date,
        shift,
        dayIndex,
        month: date.slice(0, 7),
        weekday: dayOfWeek(date),
        day,
      });
    }
    dayIndex += 1;
  }
  return slots;
}

/** When a duty starts and ends: nights end when the next day's work begins (a 休日's day shift or the clinic's morning). */
export function shiftInterval(
  date: string,
  shift: ShiftKind,
  settings: Pick<RosterSettings, 'times' | 'includeNationalHolidays' | 'yearEnd'>,
): { startsAt: Date; endsAt: Date } {
  const { times } = settings;
  if (shift === 'holiday_day')
    return { startsAt: jstInstant(date, times.dayStart), endsAt: jstInstant(date, times.nightStart) };
  const next = addDays(date, 1);
  const morning = classifyDay(next, settings).isDayOff ? times.dayStart : times.workdayMorning;
  return { startsAt: jstInstant(date, times.nightStart), endsAt: jstInstant(next, morning) };
}
