/**
 * Dates, times and freshness the Japanese way, always in Asia/Tokyo whatever the device's zone:
 * 2026年11月25日(水), 09:05, 「3日前に更新」.
 */
import type { TFunction } from 'i18next';

const timeZone = 'Asia/Tokyo';

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormat = new Intl.DateTimeFormat('ja-JP', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

function dateFormat(language: string): Intl.DateTimeFormat {
  const locale = language.startsWith('en') ? 'en-GB' : 'ja-JP';
  let format = dateFormats.get(locale);
  if (!format) {
    const month = locale === 'ja-JP' ? 'long' : 'short';
    format = new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month, day: 'numeric', weekday: 'short' });
    dateFormats.set(locale, format);
  }
  return format;
}

function toDate(value: string | Date): Date | null {
  const date = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? null : date;
}

/** 2026年11月25日(水) (Japanese) or "Wed, 25 Nov 2026" (English), the date in Asia/Tokyo. */
export function formatDate(value: string | Date, language = 'ja'): string {
  const date = toDate(value);
  return date ? dateFormat(language).format(date) : '';
}

const monthFormats = {
  ja: new Intl.DateTimeFormat('ja-JP', { timeZone: 'UTC', year: 'numeric', month: 'long' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric', month: 'short' }),
};

/** A calendar month (YYYY-MM) the way of the language: 2025年12月 (Japanese) or "Dec 2025" (English); else as given. */
export function formatMonth(month: string, language = 'ja'): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const monthNumber = Number(match?.[2]);
  if (!match || monthNumber < 1 || monthNumber > 12) return month;
  const date = new Date(Date.UTC(Number(match[1]), monthNumber - 1, 1));
  return monthFormats[language.startsWith('en') ? 'en' : 'ja'].format(date);
}

/** HH:mm in Asia/Tokyo (24-hour clock). */
export function formatTime(value: string | Date): string {
  const date = toDate(value);
  return date ? timeFormat.format(date) : '';
}

/** 2026年11月25日(水) 09:05 */
export function formatDateTime(value: string | Date, language = 'ja'): string {
  const date = toDate(value);
  return date ? `${formatDate(date, language)} ${formatTime(date)}` : '';
}

const tokyoDayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Whole calendar days in Asia/Tokyo from the day of `from` to the day of `to`. */
function tokyoDaysBetween(from: Date, to: Date): number {
  const dayOf = (date: Date) => Date.parse(`${tokyoDayFormat.format(date)}T00:00:00Z`);
  return Math.round((dayOf(to) - dayOf(from)) / 86_400_000);
}

/**
 * A time range in Asia/Tokyo: 「14:00〜15:00」, and 「23:30〜翌01:00」 ("23:30–01:00 next day") when it ends on the
 * next day; an end further away shows its date. Empty when either instant is unreadable.
 */
export function formatTimeRange(start: string | Date, end: string | Date, t: TFunction, language = 'ja'): string {
  const from = toDate(start);
  const to = toDate(end);
  if (!from || !to) return '';
  const days = tokyoDaysBetween(from, to);
  if (days === 0) return t('common.timeRange', { from: formatTime(from), to: formatTime(to) });
  if (days === 1) return t('common.timeRangeNextDay', { from: formatTime(from), to: formatTime(to) });
  return t('common.timeRange', { from: formatTime(from), to: formatDateTime(to, language) });
}

/** 「今日更新」「3日前に更新」 from the age in whole days the server computed. */
export function formatFreshness(ageDays: number, t: TFunction): string {
  if (ageDays <= 0) return t('freshness.today');
  return t('freshness.daysAgo', { count: ageDays });
}
