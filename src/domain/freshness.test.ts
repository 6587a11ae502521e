import { describe, expect, it } from 'vitest';
import { availabilityAgeDays, isAvailabilityStale } from './freshness.js';

const at = (iso: string) => new Date(iso);

describe('availability freshness', () => {
  it('counts calendar days in Asia/Tokyo, not periods of 24 hours', () => {
    // 09:40 yesterday is 「昨日」 at 08:00 today although fewer than 24 hours have passed.
    expect(availabilityAgeDays(at('2026-11-26T09:40:00+09:00'), at('2026-11-27T08:00:00+09:00'))).toBe(1);
    expect(availabilityAgeDays(at('2026-11-26T23:50:00+09:00'), at('2026-11-27T00:10:00+09:00'))).toBe(1);
    // The same Tokyo day, although the UTC dates differ (00:30 JST is the previous day in UTC).
    expect(availabilityAgeDays(at('2026-11-27T00:30:00+09:00'), at('2026-11-27T23:59:00+09:00'))).toBe(0);
    expect(availabilityAgeDays(at('2026-11-20T18:00:00+09:00'), at('2026-11-27T09:00:00+09:00'))).toBe(7);
  });

  it('never says a future declaration is days old', () => {
    expect(availabilityAgeDays(at('2026-11-28T09:00:00+09:00'), at('2026-11-27T09:00:00+09:00'))).toBe(0);
  });

  it('calls an answer stale after the configured age, and a missing one always', () => {
    const now = at('2026-11-27T09:00:00+09:00');
    expect(isAvailabilityStale(at('2026-11-13T10:00:00+09:00'), now, 14)).toBe(false);
    expect(isAvailabilityStale(at('2026-11-13T08:00:00+09:00'), now, 14)).toBe(true);
    expect(isAvailabilityStale(null, now, 14)).toBe(true);
  });
});
