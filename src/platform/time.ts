/** Times in responses are ISO 8601 with +09:00; dates are YYYY-MM-DD in Asia/Tokyo (CONTRACT §2). */

const jstOffsetMs = 9 * 60 * 60 * 1000;

/** 2026-11-25T10:00:00.000Z → 2026-11-25T19:00:00.000+09:00 */
export function toJstIso(date: Date): string {
  return `${new Date(date.getTime() + jstOffsetMs).toISOString().slice(0, 23)}+09:00`;
}

export function toJstIsoOrNull(date: Date | null | undefined): string | null {
  return date ? toJstIso(date) : null;
}

/** The calendar date in Asia/Tokyo of an instant: YYYY-MM-DD. */
export function jstDate(date: Date): string {
  return new Date(date.getTime() + jstOffsetMs).toISOString().slice(0, 10);
}

const weekdays = ['日', '月', '火', '水', '木', '金', '土'];

/** 2026-12-10 → 2026年12月10日(木) (or without the weekday, for birth dates). */
export function japaneseDate(date: string | null | undefined, options: { withWeekday?: boolean } = {}): string {
  if (!date) return '';
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  if (options.withWeekday === false) return `${year}年${month}月${day}日`;
  const weekday = weekdays[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] ?? '';
  return `${year}年${month}月${day}日(${weekday})`;
}

/** An instant → 2026年11月25日(水) 10:00 in Asia/Tokyo. */
export function japaneseDateTime(instant: Date): string {
  const shifted = new Date(instant.getTime() + jstOffsetMs).toISOString();
  return `${japaneseDate(shifted.slice(0, 10))} ${shifted.slice(11, 16)}`;
}
