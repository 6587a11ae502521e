/**
 * The rules checked again when duties change hands (a swap or a hand-over): the roster after the
 * change must not break a hard rule the roster before it kept. Only NEW violations count, so a
 * clinic's later declaration elsewhere in the period does not block an unrelated swap.
 */
import { checkRoster, type RuleViolation } from './roster-rules.js';
import type { RosterDuty, RosterProblem } from './roster-types.js';

export type DutyChange = { date: string; shift: RosterDuty['shift']; toOrganizationId: string };

export function applyChanges(duties: readonly RosterDuty[], changes: readonly DutyChange[]): RosterDuty[] {
  return duties.map((duty) => {
    const change = changes.find((entry) => entry.date === duty.date && entry.shift === duty.shift);
    return change ? { ...duty, organizationId: change.toOrganizationId } : duty;
  });
}

const keyOf = (violation: RuleViolation) =>
  `${violation.rule}|${violation.date}|${violation.shift ?? ''}|${violation.organizationId ?? ''}`;

/** Violations the changes would introduce (empty: the swap keeps every rule). */
export function swapViolations(
  problem: RosterProblem,
  duties: readonly RosterDuty[],
  changes: readonly DutyChange[],
): RuleViolation[] {
  const before = new Set(checkRoster(problem, duties).map(keyOf));
  return checkRoster(problem, applyChanges(duties, changes)).filter((violation) => !before.has(keyOf(violation)));
}
