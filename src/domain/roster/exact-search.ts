/**
 * An exhaustive search for small rosters. When the generator's construction cannot fill a slot and no
 * counting argument proves that none can be filled (infeasibility.ts), the answer used to be "not
 * proven". For a small problem the whole space can be searched: slot by slot, each clinic allowed on
 * it, pruned by the rule check of the duties placed so far (every rule but coverage only gets harder
 * as duties are added, so a partial roster that breaks one cannot be completed). Within `budget`
 * rule checks it either finds a roster or proves there is none; beyond it, it does not know.
 */
import type { RosterSlot } from './calendar-slots.js';
import { checkRoster } from './roster-rules.js';
import type { RosterDuty, RosterProblem } from './roster-types.js';

export type ExactSearchResult = { kind: 'found'; assignment: number[] } | { kind: 'none' } | { kind: 'unknown' };

/** Longer periods are not searched: each rule check grows with the duties placed, and the budget would run out anyway. */
const maxSlots = 62;

export function exactRosterSearch(
  problem: RosterProblem,
  slots: readonly RosterSlot[],
  eligibility: readonly Uint8Array[],
  budget = 20_000,
): ExactSearchResult {
  if (slots.length > maxSlots) return { kind: 'unknown' };
  const assignment: number[] = [];
  const duties: RosterDuty[] = [];
  let checks = 0;

  const search = (index: number): 'found' | 'none' | 'unknown' => {
    const slot = slots[index];
    if (!slot) return 'found';
    let isExhausted = true;
    for (let c = 0; c < problem.members.length; c += 1) {
      const member = problem.members[c];
      if (!member || (eligibility[c]?.[slot.index] ?? 0) !== 1) continue;
      if (checks >= budget) return 'unknown';
      checks += 1;
      duties[index] = { date: slot.date, shift: slot.shift, organizationId: member.organizationId };
      assignment[index] = c;
      const partial = duties.slice(0, index + 1);
      const broken = checkRoster({ ...problem, to: slot.date }, partial).some(
        (violation) => violation.rule !== 'coverage',
      );
      if (broken) continue;
      const deeper = search(index + 1);
      if (deeper === 'found') return 'found';
      if (deeper === 'unknown') isExhausted = false;
    }
    duties.length = index;
    assignment.length = index;
    return isExhausted ? 'none' : 'unknown';
  };

  const outcome = search(0);
  return outcome === 'found' ? { kind: 'found', assignment: [...assignment] } : { kind: outcome };
}
