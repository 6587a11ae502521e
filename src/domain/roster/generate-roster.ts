/**
 * The roster generator (輪番表の自動作成). Deterministic: the same problem gives the same roster.
 *
 *   1. Slots from the Japanese calendar (calendar-slots.ts).
 *   2. Proofs of infeasibility (infeasibility.ts): a slot nobody may take, too few clinics within
 *      any N days, too little room under a monthly cap → 'infeasible' with the dates and reasons.
 *   3. The flow part (quota-flow.ts): how many duties of each shift each clinic takes — an exact
 *      convex min-cost flow, whose optimum is a lower bound of the fairness objective F of any
 *      roster (the same bound HiGHS computes from lower-bound-model.ts, independently).
 *   4. The date assignment (date-assignment.ts): construction + ejection chains + count repair +
 *      local search, every step keeping the hard rules.
 *   5. The independent rule check (roster-rules.ts `checkRoster`) and the fairness report.
 * When step 4 cannot fill a slot, a small problem is searched exhaustively (exact-search.ts): the
 * roster it finds is returned, or the answer is 'infeasible' with `isProven: true`; a problem too
 * large to search gives 'infeasible' with `isProven: false` and what blocked the slot. A
 * half-covered roster is never returned.
 */
import { rosterSlots, type RosterSlot } from './calendar-slots.js';
import { fairnessReport, fairnessTargets, settledBase, type FairnessReport } from './fairness.js';
import { solveQuotaFlow, type QuotaFlowProblem } from './quota-flow.js';
import { assignDates, type AssignmentStats } from './date-assignment.js';
import { exactRosterSearch } from './exact-search.js';
import { checkRoster, eligibilityOf } from './roster-rules.js';
import { provenReasons, searchFailure, totalCapacityReason, type InfeasibilityReason } from './infeasibility.js';
import { shiftKinds, type RosterDuty, type RosterProblem, type ShiftKind } from './roster-types.js';

export type GeneratedRoster = {
  kind: 'ok';
  slots: RosterSlot[];
  duties: RosterDuty[];
  fairness: FairnessReport;
  /** The flow part, its optimum and the counts it chose (for the LP bound and the report). */
  flow: { problem: QuotaFlowProblem; objective: number; quotas: number[][]; isRealised: boolean };
  stats: AssignmentStats;
};

export type InfeasibleRoster = { kind: 'infeasible'; isProven: boolean; reasons: InfeasibilityReason[] };

/** FNV-1a of a string: the seed of the solver's tie-break noise, from the input itself. */
export function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Members sorted by id: the roster does not depend on the order the input lists them in. */
export function canonicalProblem(problem: RosterProblem): RosterProblem {
  const byId = (a: { organizationId: string }, b: { organizationId: string }) =>
    a.organizationId < b.organizationId ? -1 : a.organizationId > b.organizationId ? 1 : 0;
  return {
    ...problem,
    shifts: shiftKinds.filter((shift) => problem.shifts.includes(shift)),
    members: [...problem.members].sort(byId).map((member) => ({
      ...member,
      unavailableWeekdays: [...new Set(member.unavailableWeekdays)].sort(),
      unavailableDates: [...new Set(member.unavailableDates)].sort(),
      unavailableShifts: shiftKinds.filter((shift) => member.unavailableShifts.includes(shift)),
      preferredWeekdays: [...new Set(member.preferredWeekdays)].sort(),
    })),
    unavailability: [...problem.unavailability].sort((a, b) =>
      `${a.organizationId}|${a.date}` < `${b.organizationId}|${b.date}` ? -1 : 1,
    ),
  };
}

/** cap(c): duties clinic c can take in the period at most, by spacing and monthly caps. */
function clinicCapacities(problem: RosterProblem, slots: readonly RosterSlot[], eligibility: readonly Uint8Array[]) {
  const { minDaysBetweenDuties: minDays, maxDutiesPerMonth: maxPerMonth } = problem.settings;
  const spacingLimit = (days: number) =>
    minDays >= 1 ? Math.floor((days - 1) / minDays) + 1 : Number.POSITIVE_INFINITY;
  const periodDays = slots.length === 0 ? 0 : (slots[slots.length - 1]?.dayIndex ?? 0) + 1;
  return problem.members.map((member, c) => {
    const row = eligibility[c];
    const byMonth = new Map<string, { dates: Set<string>; slots: number; firstDay: number; lastDay: number }>();
    for (const slot of slots) {
      if ((row?.[slot.index] ?? 0) !== 1) continue;
      const entry = byMonth.get(slot.month) ?? {
        dates: new Set(),
        slots: 0,
        firstDay: slot.dayIndex,
        lastDay: slot.dayIndex,
      };
      entry.dates.add(slot.date);
      entry.slots += 1;
      entry.lastDay = slot.dayIndex;
      byMonth.set(slot.month, entry);
    }
    let monthly = 0;
    for (const [month, entry] of byMonth) {
      const fixed = problem.fixedDuties.filter(
        (duty) => duty.organizationId === member.organizationId && duty.date.startsWith(month),
      ).length;
      const perDay = minDays >= 1 ? entry.dates.size : entry.slots;
      monthly += Math.max(0, Math.min(maxPerMonth - fixed, perDay, spacingLimit(entry.lastDay - entry.firstDay + 1)));
    }
    return Math.min(monthly, spacingLimit(periodDays));
  });
}

/**
 * The fairness targets of a period (fairness.ts): a(c,t) and cap(c) first, for a clinic's share leaves out the
 * shifts it cannot take and stays within what the rules let it take (fair-shares.ts).
 */
function targetsOf(problem: RosterProblem, slots: readonly RosterSlot[], eligibility: readonly Uint8Array[]) {
  const shifts = shiftKinds.filter((shift) => problem.shifts.includes(shift));
  const slotCounts = Object.fromEntries(shiftKinds.map((shift) => [shift, 0])) as Record<ShiftKind, number>;
  for (const slot of slots) slotCounts[slot.shift] += 1;
  const arcCapacity = problem.members.map((_, c) =>
    shifts.map(
      (shift) => slots.filter((slot) => slot.shift === shift && (eligibility[c]?.[slot.index] ?? 0) === 1).length,
    ),
  );
  const clinicCapacity = clinicCapacities(problem, slots, eligibility);
  const targets = fairnessTargets({
    members: problem.members,
    shifts,
    slotCounts,
    weights: problem.settings.shiftWeights,
    history: problem.history,
    canTake: arcCapacity.map((row) => row.map((count) => count > 0)),
    capacity: clinicCapacity,
  });
  return { targets, arcCapacity, clinicCapacity };
}

/**
 * Each member's fair share β of each shift in a period (before any carry-over) as `generateRoster` computes it,
 * settled against the duties the roster holds (fairness.ts settledBase): what a later roster's carry-over measures
 * this one against when its report does not hold it (rosters made before the report did).
 */
export function baseTargetsOf(
  input: RosterProblem,
  duties: readonly Pick<RosterDuty, 'organizationId' | 'shift'>[],
): Map<string, Partial<Record<ShiftKind, number>>> {
  const problem = canonicalProblem(input);
  const slots = rosterSlots(problem.from, problem.to, problem.shifts, problem.settings);
  const { targets } = targetsOf(problem, slots, eligibilityOf(problem, slots));
  const counts = problem.members.map((member) =>
    targets.shifts.map(
      (shift) => duties.filter((duty) => duty.organizationId === member.organizationId && duty.shift === shift).length,
    ),
  );
  const settled = settledBase(targets, counts);
  return new Map(
    problem.members.map((member, c) => [
      member.organizationId,
      Object.fromEntries(targets.shifts.map((shift, t) => [shift, settled[c]?.[t] ?? 0])),
    ]),
  );
}

export function generateRoster(input: RosterProblem): GeneratedRoster | InfeasibleRoster {
  const problem = canonicalProblem(input);
  const slots = rosterSlots(problem.from, problem.to, problem.shifts, problem.settings);
  const eligibility = eligibilityOf(problem, slots);
  if (problem.members.length === 0 && slots.length > 0)
    return {
      kind: 'infeasible',
      isProven: true,
      reasons: [
        {
          kind: 'no_clinic',
          from: problem.from,
          to: problem.to,
          shift: null,
          params: { variant: 'no_members' },
          message: 'このグループには診療所がありません。',
        },
      ],
    };
  const proven = provenReasons(problem, slots, eligibility);
  if (proven.length > 0) return { kind: 'infeasible', isProven: true, reasons: proven };

  const { targets, arcCapacity, clinicCapacity } = targetsOf(problem, slots, eligibility);
  const flowProblem: QuotaFlowProblem = { targets, arcCapacity, clinicCapacity };
  const flow = solveQuotaFlow(flowProblem);
  if (!flow.isFeasible)
    return {
      kind: 'infeasible',
      isProven: true,
      reasons: [totalCapacityReason(problem, slots.length, flow.shortfall)],
    };

  const assigned = assignDates({
    problem,
    slots,
    eligibility,
    targets,
    quotas: flow.quotas,
    seed: hashSeed(JSON.stringify(problem)),
  });
  let complete: { assignment: ArrayLike<number>; counts: number[][]; stats: AssignmentStats };
  if (assigned.isComplete) {
    complete = assigned;
  } else {
    const slot = slots[assigned.uncoveredSlot];
    if (!slot) throw new Error('uncovered slot out of range');
    // A small problem is searched exhaustively: it finds the roster the construction missed, or
    // proves there is none.
    const exact = exactRosterSearch(problem, slots, eligibility);
    if (exact.kind !== 'found') {
      return {
        kind: 'infeasible',
        isProven: exact.kind === 'none',
        reasons: [searchFailure(problem, slot, eligibility, assigned.ledger, { isProven: exact.kind === 'none' })],
      };
    }
    const counts = problem.members.map(() => targets.shifts.map(() => 0));
    for (const slotOf of slots) {
      const row = counts[exact.assignment[slotOf.index] ?? -1];
      const shift = targets.shifts.indexOf(slotOf.shift);
      if (row && shift >= 0) row[shift] = (row[shift] ?? 0) + 1;
    }
    complete = { assignment: exact.assignment, counts, stats: assigned.stats };
  }
  const duties: RosterDuty[] = slots.map((slot) => {
    const member = problem.members[complete.assignment[slot.index] ?? -1];
    if (!member) throw new Error(`slot ${slot.date} ${slot.shift} left unassigned`);
    return { date: slot.date, shift: slot.shift, organizationId: member.organizationId };
  });
  const violations = checkRoster(problem, duties);
  if (violations.length > 0) throw new Error(`roster generator broke a rule: ${violations[0]?.message ?? ''}`);
  const isRealised = complete.counts.every((row, c) => row.every((count, t) => count === flow.quotas[c]?.[t]));
  return {
    kind: 'ok',
    slots,
    duties,
    fairness: fairnessReport(problem.members, complete.counts, targets),
    flow: { problem: flowProblem, objective: flow.objective, quotas: flow.quotas, isRealised },
    stats: complete.stats,
  };
}
