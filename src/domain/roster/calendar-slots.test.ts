import { describe, expect, it } from 'vitest';
import holidayJp from '@holiday-jp/holiday_jp';
import { classifyDay, datesOf, rosterSlots, shiftInterval } from './calendar-slots.js';
import { defaultRosterSettings, type RosterSettings } from './roster-types.js';

const all = ['weeknight', 'holiday_day', 'holiday_night'] as const;

describe('roster slots from the Japanese calendar', () => {
  it('agrees with @holiday-jp/holiday_jp on every date of 2020–2030 (weekends, 祝日, 振替休日, 国民の休日, 年末年始)', () => {
    const slots = rosterSlots('2020-01-01', '2030-12-31', all, defaultRosterSettings);
    const byDate = new Map<string, string[]>();
    for (const slot of slots) byDate.set(slot.date, [...(byDate.get(slot.date) ?? []), slot.shift]);
    let holidayCount = 0;
    const mismatches: string[] = [];
    for (const date of datesOf('2020-01-01', '2030-12-31')) {
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      const isHoliday = holidayJp.isHoliday(new Date(`${date}T12:00:00+09:00`));
      if (isHoliday) holidayCount += 1;
      const monthDay = date.slice(5);
      const isYearEnd = monthDay >= '12-29' || monthDay <= '01-03';
      const isDayOff = weekday === 0 || weekday === 6 || isHoliday || isYearEnd;
      const expected = isDayOff ? 'holiday_day,holiday_night' : 'weeknight';
      if ((byDate.get(date) ?? []).join(',') !== expected) mismatches.push(date);
    }
    expect(mismatches).toEqual([]);
    expect(holidayCount).toBeGreaterThan(160);
  });

  it('names 振替休日 and 国民の休日 as national holidays', () => {
    expect(classifyDay('2026-05-06', defaultRosterSettings)).toMatchObject({
      kind: 'national_holiday',
      isDayOff: true,
    });
    expect(classifyDay('2026-09-22', defaultRosterSettings)).toMatchObject({
      kind: 'national_holiday',
      isDayOff: true,
    });
    // holiday_jp names the 国民の休日 「休日」.
    expect(classifyDay('2026-09-22', defaultRosterSettings).holidayName).toBe('休日');
    expect(classifyDay('2026-05-06', defaultRosterSettings).holidayName).toBe('こどもの日 振替休日');
    expect(classifyDay('2026-11-25', defaultRosterSettings)).toMatchObject({ kind: 'working_day', isDayOff: false });
  });

  it('lets a group turn national holidays off and move 年末年始', () => {
    const settings: RosterSettings = {
      ...defaultRosterSettings,
      includeNationalHolidays: false,
      yearEnd: { isEnabled: true, fromMonthDay: '12-30', toMonthDay: '01-02' },
    };
    expect(classifyDay('2026-05-06', settings).isDayOff).toBe(false);
    expect(classifyDay('2026-12-29', settings).isDayOff).toBe(false);
    expect(classifyDay('2026-12-30', settings).kind).toBe('year_end');
    expect(
      classifyDay('2027-01-04', { ...settings, yearEnd: { ...settings.yearEnd, isEnabled: false } }).isDayOff,
    ).toBe(false);
  });

  it('keeps only the requested shifts, day before night', () => {
    const slots = rosterSlots('2026-05-01', '2026-05-04', ['holiday_night', 'holiday_day'], defaultRosterSettings);
    expect(slots.map((slot) => `${slot.date} ${slot.shift}`)).toEqual([
      '2026-05-02 holiday_day',
      '2026-05-02 holiday_night',
      '2026-05-03 holiday_day',
      '2026-05-03 holiday_night',
      '2026-05-04 holiday_day',
      '2026-05-04 holiday_night',
    ]);
  });

  it('ends a night when the next day begins: 08:30 before a working day, 09:00 before a 休日', () => {
    const friday = shiftInterval('2026-11-27', 'weeknight', defaultRosterSettings);
    expect(friday.startsAt.toISOString()).toBe('2026-11-27T09:00:00.000Z');
    expect(friday.endsAt.toISOString()).toBe('2026-11-28T00:00:00.000Z');
    const sundayNight = shiftInterval('2026-11-29', 'holiday_night', defaultRosterSettings);
    expect(sundayNight.endsAt.toISOString()).toBe('2026-11-29T23:30:00.000Z');
    const saturday = shiftInterval('2026-11-28', 'holiday_day', defaultRosterSettings);
    expect([saturday.startsAt.toISOString(), saturday.endsAt.toISOString()]).toEqual([
      '2026-11-28T00:00:00.000Z',
      '2026-11-28T09:00:00.000Z',
    ]);
  });
});
