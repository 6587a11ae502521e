/** Freshness of declared availability: older than the configured age it is shown as 要確認 and ranks lower. */

const dayMs = 24 * 60 * 60 * 1000;

/** Japan has one offset all year (no summer time). */
const jstOffsetMs = 9 * 60 * 60 * 1000;

/**
 * How many calendar days ago (Asia/Tokyo) the availability was declared: 0 today, 1 yesterday —
 * what 「今日更新」「昨日更新」 say, so an answer of 23:50 is 「昨日」 at 00:10 the next day.
 */
export function availabilityAgeDays(updatedAt: Date, now: Date): number {
  const day = (instant: Date) => Math.floor((instant.getTime() + jstOffsetMs) / dayMs);
  return Math.max(0, day(now) - day(updatedAt));
}

export function isAvailabilityStale(updatedAt: Date | null, now: Date, staleAfterDays: number): boolean {
  if (updatedAt === null) return true;
  return now.getTime() - updatedAt.getTime() > staleAfterDays * dayMs;
}
