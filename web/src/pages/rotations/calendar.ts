/**
 * The calendar arithmetic of the roster pages, on YYYY-MM-DD strings (calendar dates in Asia/Tokyo, no time zones
 * involved): the months of a period and the period of a month / quarter / year. Which days are 休日 and their
 * names come from the server (GET rosters/:id/calendar), under the group's own rules.
 */

const dayMs = 24 * 60 * 60 * 1000;

function toUtc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function addDays(date: string, days: number): string {
  return new Date(toUtc(date).getTime() + days * dayMs).toISOString().slice(0, 10);
}

/** YYYY-MM plus n months. */
export function addMonths(month: string, months: number): string {
  const [year = 1970, monthNumber = 1] = month.split('-').map(Number);
  const index = year * 12 + (monthNumber - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function lastDayOfMonth(month: string): string {
  return addDays(`${addMonths(month, 1)}-01`, -1);
}

export type PeriodKind = 'month' | 'quarter' | 'year';

/** A month, three months or twelve months starting with `startMonth` (YYYY-MM). */
export function periodOf(kind: PeriodKind, startMonth: string): { from: string; to: string } {
  const months = kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12;
  return { from: `${startMonth}-01`, to: lastDayOfMonth(addMonths(startMonth, months - 1)) };
}

/** The months (YYYY-MM) a period touches, in order. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = addMonths(month, 1)) months.push(month);
  return months;
}

/** Today's date in Asia/Tokyo (YYYY-MM-DD). */
export function todayInTokyo(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(now)
    .slice(0, 10);
}
