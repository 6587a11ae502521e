/**
 * The hard rules of a roster and the bookkeeping that checks them quickly: every slot covered by
 * exactly one member clinic; no duty on a declared unavailable day (dates, weekdays, shifts, the
 * request's unavailability); two duties of one clinic at least N days apart; at most M duties per
 * clinic per calendar month. Duties of neighbouring rosters (`fixedDuties`) count for spacing and
 * monthly caps too. `checkRoster` is the independent checker run on every result.
 */
import { addDays, dayOfWeek } from '../calendar/japanese-calendar.js';
import { dateLabel, daysBetween, rosterSlots, type RosterSlot } from './calendar-slots.js';
import {
  shiftLabels,
  weekdayLabels,
  type RosterDuty,
  type RosterMember,
  type RosterProblem,
  type ShiftKind,
} from './roster-types.js';

/** Which declaration keeps a member from a slot: the shift, the weekday or the date. */
export type UnavailabilityKind = 'shift' | 'weekday' | 'date';

export function unavailabilityKind(
  member: RosterMember,
  slot: Pick<RosterSlot, 'date' | 'shift' | 'weekday'>,
  requestDates: ReadonlySet<string>,
): UnavailabilityKind | null {
  if (member.unavailableShifts.includes(slot.shift)) return 'shift';
  if (member.unavailableWeekdays.includes(slot.weekday)) return 'weekday';
  if (member.unavailableDates.includes(slot.date) || requestDates.has(`${member.organizationId}|${slot.date}`))
    return 'date';
  return null;
}

/** Why a member may not take a slot (null: it may), in Japanese for explanations. */
export function unavailabilityReason(
  member: RosterMember,
  slot: Pick<RosterSlot, 'date' | 'shift' | 'weekday'>,
  requestDates: ReadonlySet<string>,
): string | null {
  switch (unavailabilityKind(member, slot, requestDates)) {
    case 'shift':
      return `${shiftLabels[slot.shift]}は担当不可`;
    case 'weekday':
      return `${weekdayLabels[slot.weekday] ?? ''}曜日は担当不可`;
    case 'date':
      return 'この日は担当不可と申告';
    case null:
      return null;
  }
}

export function requestUnavailability(problem: Pick<RosterProblem, 'unavailability'>): Set<string> {
  return new Set(problem.unavailability.map((entry) => `${entry.organizationId}|${entry.date}`));
}

/** eligible[c][s] = 1 when member c may take slot s by its declarations. */
export function eligibilityOf(problem: RosterProblem, slots: readonly RosterSlot[]): Uint8Array[] {
  const requestDates = requestUnavailability(problem);
  return problem.members.map((member) => {
    const row = new Uint8Array(slots.length);
    slots.forEach((slot, s) => {
      row[s] = unavailabilityReason(member, slot, requestDates) === null ? 1 : 0;
    });
    return row;
  });
}

/**
 * Duties per clinic per day and per month, for O(N) rule checks. Days are counted from `from`
 * with a margin before and after, so duties of neighbouring rosters fit in.
 */
export class DutyLedger {
  readonly margin: number;
  private readonly dayLoad: Int16Array[];
  private readonly monthLoad: Int16Array[];
  private readonly firstMonth: number;
  private readonly dayCache = new Map<string, number | null>();

  constructor(
    private readonly from: string,
    to: string,
    clinicCount: number,
    private readonly minDays: number,
    private readonly maxPerMonth: number,
  ) {
    this.margin = Math.max(minDays, 31) + 1;
    const days = daysBetween(from, to) + 1 + 2 * this.margin;
    this.firstMonth = monthNumber(addDays(from, -this.margin));
    const months = monthNumber(addDays(to, this.margin)) - this.firstMonth + 1;
    this.dayLoad = Array.from({ length: clinicCount }, () => new Int16Array(days));
    this.monthLoad = Array.from({ length: clinicCount }, () => new Int16Array(months));
  }

  /** Position of a date in the day arrays (null when outside the margins). */
  dayOf(date: string): number | null {
    const cached = this.dayCache.get(date);
    if (cached !== undefined) return cached;
    const day = daysBetween(this.from, date) + this.margin;
    const position = day >= 0 && day < (this.dayLoad[0]?.length ?? 0) ? day : null;
    this.dayCache.set(date, position);
    return position;
  }

  monthOf(date: string): number {
    return monthNumber(date) - this.firstMonth;
  }

  add(c: number, date: string, delta: 1 | -1): void {
    const day = this.dayOf(date);
    const days = this.dayLoad[c];
    const months = this.monthLoad[c];
    if (day === null || !days || !months) return;
    days[day] = (days[day] ?? 0) + delta;
    const month = this.monthOf(date);
    months[month] = (months[month] ?? 0) + delta;
  }

  /**
   * Whether clinic c may take one more duty on `date` given its current duties, as if the duties
   * on `exceptDates` (one entry per duty given away) were not there.
   */
  allows(c: number, date: string, exceptDates: readonly string[] = []): boolean {
    const days = this.dayLoad[c];
    const months = this.monthLoad[c];
    const day = this.dayOf(date);
    if (!days || !months || day === null) return false;
    const month = this.monthOf(date);
    let monthCount = months[month] ?? 0;
    for (const except of exceptDates) if (this.monthOf(except) === month) monthCount -= 1;
    if (monthCount + 1 > this.maxPerMonth) return false;
    if (this.minDays <= 0) return true;
    const low = Math.max(0, day - this.minDays + 1);
    const high = Math.min(days.length - 1, day + this.minDays - 1);
    for (let d = low; d <= high; d += 1) {
      let load = days[d] ?? 0;
      if (load === 0) continue;
      for (const except of exceptDates) if (this.dayOf(except) === d) load -= 1;
      if (load > 0) return false;
    }
    return true;
  }

  monthCount(c: number, date: string): number {
    return this.monthLoad[c]?.[this.monthOf(date)] ?? 0;
  }

  /** Dates (as day positions) of clinic c's duties within the spacing window around `date`. */
  conflictingDays(c: number, date: string): number[] {
    const days = this.dayLoad[c];
    const day = this.dayOf(date);
    if (!days || day === null || this.minDays <= 0) return [];
    const found: number[] = [];
    const low = Math.max(0, day - this.minDays + 1);
    const high = Math.min(days.length - 1, day + this.minDays - 1);
    for (let d = low; d <= high; d += 1) if ((days[d] ?? 0) > 0) found.push(d);
    return found;
  }

  dateOfDay(day: number): string {
    return addDays(this.from, day - this.margin);
  }
}

function monthNumber(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

/** What a clinic declared it cannot take, as the object of 「…を担当できません」. */
const declaredText: Record<UnavailabilityKind, (slot: { shift: ShiftKind; weekday: number }) => string> = {
  shift: (slot) => shiftLabels[slot.shift],
  weekday: (slot) => `${weekdayLabels[slot.weekday] ?? ''}曜日`,
  date: () => 'この日',
};

export type RuleViolation = {
  rule: 'coverage' | 'member' | 'unavailable' | 'spacing' | 'monthly_cap';
  date: string;
  shift: ShiftKind | null;
  organizationId: string | null;
  /** In Japanese, dates the Japanese way (2026年12月30日(水)). */
  message: string;
  /**
   * The values of `message`, for saying it in another language (the web's rotations `violation.<rule>`): `date`,
   * `shift`, `name`; `count` (coverage); `reason` shift | weekday | date and `weekday` (unavailable);
   * `previousDate`, `minDays` (spacing); `month`, `count`, `maxPerMonth` (monthly cap); `variant` where the
   * message has another form.
   */
  params: Record<string, string | number>;
};

/** Every broken hard rule of a complete roster (empty when it is valid). */
export function checkRoster(problem: RosterProblem, duties: readonly RosterDuty[]): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const slots = rosterSlots(problem.from, problem.to, problem.shifts, problem.settings);
  const memberIndex = new Map(problem.members.map((member, index) => [member.organizationId, index]));
  const nameOf = (id: string) => problem.members.find((member) => member.organizationId === id)?.name ?? id;
  const bySlot = new Map<string, RosterDuty[]>();
  for (const duty of duties) {
    const key = `${duty.date}|${duty.shift}`;
    bySlot.set(key, [...(bySlot.get(key) ?? []), duty]);
  }
  const slotKeys = new Set(slots.map((slot) => `${slot.date}|${slot.shift}`));
  const holidayNames = new Map(slots.map((slot) => [slot.date, slot.day.holidayName]));
  for (const slot of slots) {
    const covering = bySlot.get(`${slot.date}|${slot.shift}`) ?? [];
    if (covering.length !== 1)
      violations.push({
        rule: 'coverage',
        date: slot.date,
        shift: slot.shift,
        organizationId: null,
        message: `${dateLabel(slot.date, slot.day.holidayName)} ${shiftLabels[slot.shift]}の担当が${covering.length}件です（1件であるべき）。`,
        params: { date: slot.date, shift: slot.shift, count: covering.length },
      });
  }
  for (const duty of duties) {
    if (!slotKeys.has(`${duty.date}|${duty.shift}`))
      violations.push({
        rule: 'coverage',
        date: duty.date,
        shift: duty.shift,
        organizationId: duty.organizationId,
        message: `${dateLabel(duty.date)} ${shiftLabels[duty.shift]}はこの期間の当番枠ではありません。`,
        params: { date: duty.date, shift: duty.shift, variant: 'not_a_slot' },
      });
  }
  const requestDates = requestUnavailability(problem);
  const { minDaysBetweenDuties: minDays, maxDutiesPerMonth: maxPerMonth } = problem.settings;
  const byClinic = new Map<string, { date: string; shift: ShiftKind; isFixed: boolean }[]>();
  for (const duty of duties) {
    const index = memberIndex.get(duty.organizationId);
    const member = index === undefined ? undefined : problem.members[index];
    if (!member) {
      violations.push({
        rule: 'member',
        date: duty.date,
        shift: duty.shift,
        organizationId: duty.organizationId,
        message: `${dateLabel(duty.date)} ${shiftLabels[duty.shift]}の担当はこのグループの会員ではありません。`,
        params: { date: duty.date, shift: duty.shift },
      });
      continue;
    }
    const place = { date: duty.date, shift: duty.shift, weekday: dayOfWeek(duty.date) };
    const kind = unavailabilityKind(member, place, requestDates);
    if (kind)
      violations.push({
        rule: 'unavailable',
        date: duty.date,
        shift: duty.shift,
        organizationId: duty.organizationId,
        message: `${dateLabel(duty.date, holidayNames.get(duty.date))} ${shiftLabels[duty.shift]}: ${member.name}は${declaredText[kind](place)}を担当できません（申告）。`,
        params: { date: duty.date, shift: duty.shift, name: member.name, reason: kind, weekday: place.weekday },
      });
    byClinic.set(duty.organizationId, [
      ...(byClinic.get(duty.organizationId) ?? []),
      { date: duty.date, shift: duty.shift, isFixed: false },
    ]);
  }
  for (const fixed of problem.fixedDuties) {
    if (!memberIndex.has(fixed.organizationId)) continue;
    byClinic.set(fixed.organizationId, [
      ...(byClinic.get(fixed.organizationId) ?? []),
      { date: fixed.date, shift: fixed.shift, isFixed: true },
    ]);
  }
  for (const [organizationId, list] of byClinic) {
    const sorted = [...list].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    for (let index = 1; index < sorted.length; index += 1) {
      const previous = sorted[index - 1];
      const current = sorted[index];
      if (!previous || !current || (previous.isFixed && current.isFixed)) continue;
      const gap = daysBetween(previous.date, current.date);
      if (minDays > 0 && gap < minDays)
        violations.push({
          rule: 'spacing',
          date: current.date,
          shift: current.shift,
          organizationId,
          message: `${nameOf(organizationId)}の当番 ${dateLabel(previous.date)} と ${dateLabel(current.date)} の間隔が${minDays}日未満です。`,
          params: { name: nameOf(organizationId), previousDate: previous.date, date: current.date, minDays },
        });
    }
    const perMonth = new Map<string, number>();
    for (const entry of list) perMonth.set(entry.date.slice(0, 7), (perMonth.get(entry.date.slice(0, 7)) ?? 0) + 1);
    for (const [month, count] of perMonth) {
      if (count > maxPerMonth && list.some((entry) => !entry.isFixed && entry.date.startsWith(month)))
        violations.push({
          rule: 'monthly_cap',
          date: `${month}-01`,
          shift: null,
          organizationId,
          message: `${nameOf(organizationId)}の${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月の当番が${count}回で、上限${maxPerMonth}回を超えています。`,
          params: { name: nameOf(organizationId), month, count, maxPerMonth },
        });
    }
  }
  return violations;
}
