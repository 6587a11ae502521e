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
