/**
 * Who can take a duty offered for a swap, as far as the page can tell before asking: a clinic that declared it
 * cannot take the duty (its shift, its weekday or its date) never can — the swap form does not offer it, and says
 * why; one that would break the spacing rule or the monthly cap with the duties it holds is marked but stays
 * selectable (an exchange of the duty in the way may settle it). The server checks every rule again (422).
 */
import type { Duty, MemberDeclaration, RosterSettings } from '../../api/rotations';

export type SwapBlock =
  | { kind: 'shift'; shift: Duty['shift'] }
  | { kind: 'weekday'; weekday: number }
  | { kind: 'date' }
  | { kind: 'spacing'; date: string; minDays: number }
  | { kind: 'monthly_cap'; maxPerMonth: number };

/** Declarations no exchange can settle. */
export const isDeclared = (block: SwapBlock | null) =>
  block !== null && (block.kind === 'shift' || block.kind === 'weekday' || block.kind === 'date');

const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * Why `organizationId` cannot take `duty` (null: nothing the page knows of stops it), with the duties it holds in
 * the roster except those it would hand over in the same swap (`handingOver`, duty ids).
 */
export function swapBlock(
  member: Pick<MemberDeclaration, 'unavailableShifts' | 'unavailableWeekdays' | 'unavailableDates'>,
  organizationId: string,
  duty: Pick<Duty, 'id' | 'date' | 'shift'>,
  roster: { duties: readonly Duty[]; settings: Pick<RosterSettings, 'minDaysBetweenDuties' | 'maxDutiesPerMonth'> },
  handingOver: readonly string[] = [],
): SwapBlock | null {
  if (member.unavailableShifts.includes(duty.shift)) return { kind: 'shift', shift: duty.shift };
  const weekday = weekdayOf(duty.date);
  if (member.unavailableWeekdays.includes(weekday)) return { kind: 'weekday', weekday };
  if (member.unavailableDates.includes(duty.date)) return { kind: 'date' };
  const held = roster.duties.filter(
    (entry) => entry.organizationId === organizationId && entry.id !== duty.id && !handingOver.includes(entry.id),
  );
  const minDays = roster.settings.minDaysBetweenDuties;
  const near = held
    .filter((entry) => minDays > 0 && Math.abs(daysBetween(entry.date, duty.date)) < minDays)
    .sort((a, b) => a.date.localeCompare(b.date))[0];
  if (near) return { kind: 'spacing', date: near.date, minDays };
  const inMonth = held.filter((entry) => entry.date.slice(0, 7) === duty.date.slice(0, 7)).length;
  if (inMonth + 1 > roster.settings.maxDutiesPerMonth)
    return { kind: 'monthly_cap', maxPerMonth: roster.settings.maxDutiesPerMonth };
  return null;
}
