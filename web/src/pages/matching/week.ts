/**
 * Weeks for the Center's batch assignment, on YYYY-MM-DD calendar dates in Asia/Tokyo: a week runs from Monday to
 * Sunday (the planned discharge dates the Center assigns together).
 */

const dayMs = 24 * 60 * 60 * 1000;

export function isIsoDate(value: string | null | undefined): value is string {
  return (
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))
  );
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** Today's date in Asia/Tokyo. */
export function todayInTokyo(now: Date = new Date()): string {
  return new Date(now.getTime() + 9 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** The Monday of the week containing `date`. */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, weekday === 0 ? -6 : 1 - weekday);
}

/** The week (Monday…Sunday) containing `date`. */
export function weekOf(date: string): { from: string; to: string } {
  const from = mondayOf(date);
  return { from, to: addDays(from, 6) };
}
