import { describe, expect, it } from 'vitest';
import { deadlineWarnings } from './deadline-warnings';

describe('deadlineWarnings', () => {
  it('says nothing of a weekday in working hours before the discharge', () => {
    expect(deadlineWarnings('2026-12-02', '17:00', '2026-12-11')).toEqual([]);
    expect(deadlineWarnings('2026-12-11', '08:30', '2026-12-11')).toEqual([]);
    expect(deadlineWarnings('2026-12-02', '18:00', null)).toEqual([]);
  });

  it('warns of a deadline after the planned discharge, on a day off, or at night', () => {
    expect(deadlineWarnings('2027-01-15', '17:00', '2026-12-11')).toEqual(['afterDischarge']);
    expect(deadlineWarnings('2026-11-28', '05:00', '2026-12-11')).toEqual(['dayOff', 'outsideHours']);
    // 年末年始 and a national holiday (勤労感謝の日 2026-11-23) are days off too.
    expect(deadlineWarnings('2026-12-30', '12:00', '2027-01-10')).toEqual(['dayOff']);
    expect(deadlineWarnings('2026-11-23', '12:00', '2026-12-10')).toEqual(['dayOff']);
    expect(deadlineWarnings('2026-12-03', '22:30', '2026-12-10')).toEqual(['outsideHours']);
  });

  it('waits for a complete date', () => {
    expect(deadlineWarnings('', '17:00', '2026-12-10')).toEqual([]);
  });
});
