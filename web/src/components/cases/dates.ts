/**
 * Calendar arithmetic of discharge coordination in Asia/Tokyo, whatever the device's zone: today's date, days left
 * until a date, and the ISO time (+09:00) of a date and time the user typed in Japanese time.
 */

const tokyoDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const tokyoTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Tokyo',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const dayMs = 24 * 60 * 60 * 1000;

/** Today's date in Tokyo as YYYY-MM-DD. */
export function todayInTokyo(now: Date = new Date()): string {
  return tokyoDate.format(now);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD): positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
}

/** YYYY-MM-DD plus a number of calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** The instant of a date and time in Japanese time, as the API wants it: 2026-12-01T14:00:00+09:00. */
export function tokyoDateTimeToIso(date: string, time: string): string {
  return `${date}T${time}:00+09:00`;
}

/** The Tokyo date and time of an instant, for prefilling date and time inputs. */
export function isoToTokyoParts(iso: string): { date: string; time: string } {
  const instant = new Date(iso);
  return { date: tokyoDate.format(instant), time: tokyoTime.format(instant) };
}

/** Whether the text is a real calendar date in YYYY-MM-DD form. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/**
 * The earliest discharge date the server accepts (case.service.ts discharge): the admission date, or without one
 * the day the case was registered (in Tokyo) — the stay began no later than that.
 */
export function earliestDischargeDate(record: { admissionDate: string | null; createdAt: string }): {
  date: string;
  basis: 'admission' | 'registration';
} {
  return record.admissionDate
    ? { date: record.admissionDate, basis: 'admission' }
    : { date: todayInTokyo(new Date(record.createdAt)), basis: 'registration' };
}
