import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { formatDate, formatDateTime, formatFreshness, formatMonth, formatTime, formatTimeRange } from './format';

describe('format', () => {
  it('writes dates the Japanese way in Asia/Tokyo whatever the instant’s offset', () => {
    expect(formatDate('2026-11-25T10:05:00+09:00')).toBe('2026年11月25日(水)');
    // 2026-11-25 16:30 UTC is already the 26th in Tokyo.
    expect(formatDate('2026-11-25T16:30:00Z')).toBe('2026年11月26日(木)');
    expect(formatDate('2026-11-25T10:05:00+09:00', 'en')).toBe('Wed, 25 Nov 2026');
  });

  it('writes times as HH:mm on a 24-hour clock in Asia/Tokyo', () => {
    expect(formatTime('2026-11-25T00:05:00+09:00')).toBe('00:05');
    expect(formatTime('2026-11-25T14:00:00Z')).toBe('23:00');
    expect(formatDateTime('2026-11-25T09:05:00+09:00')).toBe('2026年11月25日(水) 09:05');
  });

  it('writes a month (YYYY-MM) as 2025年12月 in Japanese and "Dec 2025" in English, and anything else as given', () => {
    expect(formatMonth('2025-12')).toBe('2025年12月');
    expect(formatMonth('2025-12', 'ja')).toBe('2025年12月');
    expect(formatMonth('2025-12', 'en')).toBe('Dec 2025');
    expect(formatMonth('2026-01', 'en')).toBe('Jan 2026');
    expect(formatMonth('2025-13', 'en')).toBe('2025-13');
    expect(formatMonth('令和5年度末', 'en')).toBe('令和5年度末');
  });

  it('returns an empty string for an unreadable date instead of "Invalid Date"', () => {
    expect(formatDate('not a date')).toBe('');
    expect(formatDateTime('')).toBe('');
  });

  it('marks the end of a time range that runs past midnight in Tokyo as the next day', () => {
    const t = ((key: string, options?: { from?: string; to?: string }) =>
      key === 'common.timeRangeNextDay'
        ? `${options?.from}〜翌${options?.to}`
        : `${options?.from}〜${options?.to}`) as unknown as TFunction;
    expect(formatTimeRange('2026-12-01T14:00:00+09:00', '2026-12-01T15:00:00+09:00', t)).toBe('14:00〜15:00');
    expect(formatTimeRange('2026-12-29T23:30:00+09:00', '2026-12-30T01:00:00+09:00', t)).toBe('23:30〜翌01:00');
    // 23:30–24:00 in UTC terms is 08:30–09:00 of the same day in Tokyo.
    expect(formatTimeRange('2026-12-29T23:30:00Z', '2026-12-30T00:00:00Z', t)).toBe('08:30〜09:00');
    expect(formatTimeRange('2026-12-01T14:00:00+09:00', '2026-12-03T10:00:00+09:00', t)).toBe(
      '14:00〜2026年12月3日(木) 10:00',
    );
    expect(formatTimeRange('', '2026-12-01T15:00:00+09:00', t)).toBe('');
  });

  it('says 今日更新 for today and 「N日前に更新」 otherwise', () => {
    const t = ((key: string, options?: { count?: number }) =>
      key === 'freshness.today' ? '今日更新' : `${options?.count ?? '?'}日前に更新`) as unknown as TFunction;
    expect(formatFreshness(0, t)).toBe('今日更新');
    expect(formatFreshness(3, t)).toBe('3日前に更新');
  });
});
