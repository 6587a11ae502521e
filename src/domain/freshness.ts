/** Freshness of declared availability: older than the configured age it is shown as 要確認 and ranks lower. */

const dayMs = 24 * 60 * 60 * 1000;

export function availabilityAgeDays(updatedAt: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - updatedAt.getTime()) / dayMs));
}

export function isAvailabilityStale(updatedAt: Date | null, now: Date, staleAfterDays: number): boolean {
  if (updatedAt === null) return true;
  return now.getTime() - updatedAt.getTime() > staleAfterDays * dayMs;
}
