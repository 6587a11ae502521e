import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  earliestDischargeDate,
  isIsoDate,
  isoToTokyoParts,
  todayInTokyo,
  tokyoDateTimeToIso,
} from './dates';

describe('dates in Asia/Tokyo', () => {
  it('takes today from Tokyo, not from UTC', () => {
    expect(todayInTokyo(new Date('2026-11-25T16:30:00Z'))).toBe('2026-11-26');
    expect(todayInTokyo(new Date('2026-11-25T14:59:00Z'))).toBe('2026-11-25');
  });

  it('counts days between dates, across month ends', () => {
    expect(daysBetween('2026-11-25', '2026-12-02')).toBe(7);
    expect(daysBetween('2026-12-02', '2026-11-25')).toBe(-7);
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
  });

  it('turns a Japanese date and time into an ISO instant with +09:00 and back', () => {
    const iso = tokyoDateTimeToIso('2026-12-01', '14:00');
    expect(iso).toBe('2026-12-01T14:00:00+09:00');
    expect(new Date(iso).toISOString()).toBe('2026-12-01T05:00:00.000Z');
    expect(isoToTokyoParts('2026-12-01T05:00:00.000Z')).toEqual({ date: '2026-12-01', time: '14:00' });
  });

  it('accepts only real dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026/02/01')).toBe(false);
  });

  it('finds the earliest discharge date: the admission, else the day of registration in Tokyo', () => {
    expect(earliestDischargeDate({ admissionDate: '2026-11-10', createdAt: '2026-11-20T01:00:00Z' })).toEqual({
      date: '2026-11-10',
      basis: 'admission',
    });
    // Registered at 00:30 in Tokyo on the 21st (15:30 UTC on the 20th).
    expect(earliestDischargeDate({ admissionDate: null, createdAt: '2026-11-20T15:30:00Z' })).toEqual({
      date: '2026-11-21',
      basis: 'registration',
    });
  });
});
