/**
 * What a referral deadline typed as a date and time may get wrong without being impossible (the server takes any
 * future time within 60 days): a date after the planned discharge (a month typed wrong, most often), a day off
 * (土日・祝日・年末年始) or an hour outside the working day, when nobody reads the request before it expires.
 * Warnings only: the hospital may have agreed such a deadline by phone.
 */
import { isDayOff } from './business-days';

export type DeadlineWarning = 'afterDischarge' | 'dayOff' | 'outsideHours';

/** The working day the warnings assume: 8:30–18:00 (Tokyo). */
const workingDay = { from: '08:30', to: '18:00' };

export function deadlineWarnings(
  date: string,
  time: string,
  plannedDischargeDate: string | null | undefined,
): DeadlineWarning[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return [];
  const warnings: DeadlineWarning[] = [];
  if (plannedDischargeDate && date > plannedDischargeDate) warnings.push('afterDischarge');
  if (isDayOff(date)) warnings.push('dayOff');
  if (/^\d{2}:\d{2}$/.test(time) && (time < workingDay.from || time > workingDay.to)) warnings.push('outsideHours');
  return warnings;
}
