/**
 * The words of the rotation roster (輪番表): shifts, a group's rules, its members and what the
 * generator is asked to solve. Pure data; the calendar, the solver and the checks build on it.
 */

export const shiftKinds = ['weeknight', 'holiday_day', 'holiday_night'] as const;
export type ShiftKind = (typeof shiftKinds)[number];

export const shiftLabels: Record<ShiftKind, string> = {
  weeknight: '平日夜間',
  holiday_day: '休日日中',
  holiday_night: '休日夜間',
};

/** Order of the shifts within one date (day before night). */
export const shiftOrder: Record<ShiftKind, number> = { holiday_day: 0, weeknight: 1, holiday_night: 2 };

export const weekdayLabels = ['日', '月', '火', '水', '木', '金', '土'] as const;

/** HH:MM in Asia/Tokyo. */
export type ShiftTimes = {
  /** Start of a holiday day shift (and end of a night before a 休日). */
  dayStart: string;
  /** Start of every night shift (end of a holiday day shift). */
  nightStart: string;
  /** End of a night before a working day (the clinic opens). */
  workdayMorning: string;
};

export type RosterSettings = {
  /** Two duties of one clinic are at least this many days apart (date difference ≥ N; 0 allows day + night of one date). */
  minDaysBetweenDuties: number;
  /** At most this many duties per clinic per calendar month. */
  maxDutiesPerMonth: number;
  /** Burden of one duty of each shift (holiday nights weigh most). */
  shiftWeights: Record<ShiftKind, number>;
  /** National holidays (祝日・振替休日・国民の休日, from @holiday-jp/holiday_jp) count as 休日. */
  includeNationalHolidays: boolean;
  /** 年末年始 (default 12/29–1/3) counts as 休日. */
  yearEnd: { isEnabled: boolean; fromMonthDay: string; toMonthDay: string };
  times: ShiftTimes;
};

export const defaultRosterSettings: RosterSettings = {
  minDaysBetweenDuties: 3,
  maxDutiesPerMonth: 6,
  shiftWeights: { weeknight: 1, holiday_day: 1.5, holiday_night: 2 },
  includeNationalHolidays: true,
  yearEnd: { isEnabled: true, fromMonthDay: '12-29', toMonthDay: '01-03' },
  times: { dayStart: '09:00', nightStart: '18:00', workdayMorning: '08:30' },
};

/** A member clinic of a rotation group and what it declared. */
export type RosterMember = {
  organizationId: string;
  name: string;
  /** Doctors who take duties: the fair share is proportional to it. */
  doctorCount: number;
  /** 0 = Sunday … 6 = Saturday: weekdays it never takes. */
  unavailableWeekdays: readonly number[];
  /** YYYY-MM-DD dates it never takes (declared once for the group). */
  unavailableDates: readonly string[];
  /** Shifts it never takes (e.g. a clinic without night staff). */
  unavailableShifts: readonly ShiftKind[];
  /** Soft wish: weekdays it prefers. Only breaks ties; never costs fairness. */
  preferredWeekdays: readonly number[];
};

/** A duty that already exists around the period (neighbouring rosters): it counts for spacing and monthly caps. */
export type FixedDuty = { organizationId: string; date: string; shift: ShiftKind };

/** A previous published roster of the group, for the fairness carried over between periods. */
export type PastRoster = {
  members: readonly {
    organizationId: string;
    doctorCount: number;
    /** The shifts it had declared it cannot take then (it had no share of them). */
    unavailableShifts?: readonly ShiftKind[];
    /**
     * Its fair share β of each shift in that roster (fair-shares.ts), as the roster was made: it also knows the
     * slots the clinic could take and its capacity by the rules. Absent: from the doctors and declared shifts.
     */
    baseTargets?: Partial<Record<ShiftKind, number>>;
  }[];
  /** Its duties (the slots per shift in that roster = its duties per shift). */
  duties: readonly { organizationId: string; shift: ShiftKind }[];
  /** The burden weights of that roster (absent: this period's). */
  weights?: Readonly<Record<ShiftKind, number>>;
};

export type RosterProblem = {
  from: string;
  to: string;
  shifts: readonly ShiftKind[];
  members: readonly RosterMember[];
  /** Dates a clinic cannot take in this period (the request's `unavailability`). */
  unavailability: readonly { organizationId: string; date: string }[];
  settings: RosterSettings;
  history: readonly PastRoster[];
  fixedDuties: readonly FixedDuty[];
};

export type RosterDuty = { date: string; shift: ShiftKind; organizationId: string };
