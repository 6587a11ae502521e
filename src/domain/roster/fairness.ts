/**
 * Fairness of a roster. Each clinic's share is its doctors ÷ all doctors of the group. For every
 * requested shift t the clinic's target this period is
 *     τ(c,t) = β(c,t) − carry(c,t)
 * where β(c,t) is its fair share of the period's N(t) slots of t (fair-shares.ts: share(c) × N(t),
 * except that a shift it cannot take gets 0 — its share of the burden moving to the shifts it can
 * take — and a share above what the rules let it take is lowered to that) and carry(c,t) what the
 * clinic did above (+) or below (−) its β in the group's previous published rosters (so fairness
 * holds across periods). A shift the clinic cannot take now has τ = 0 whatever it carries.
 * The fairness objective is
 *     F = Σ_t w(t) × Σ_c (x(c,t) − τ(c,t))²
 * with x(c,t) the clinic's duties of t and w(t) the shift's burden weight (holiday nights weigh
 * most): a burdensome shift spread unevenly costs more. F depends on the counts only.
 */
import { fairShares } from './fair-shares.js';
import {
  defaultRosterSettings,
  shiftKinds,
  type PastRoster,
  type RosterMember,
  type ShiftKind,
} from './roster-types.js';

export type ShiftCounts = Record<ShiftKind, number>;

export function zeroCounts(): ShiftCounts {
  return { weeknight: 0, holiday_day: 0, holiday_night: 0 };
}

export type FairnessTargets = {
  /** The requested shifts, in canonical order; index t below refers to this list. */
  shifts: ShiftKind[];
  weights: number[];
  /** N(t). */
  slotCounts: number[];
  /** share(c), Σ = 1. */
  shares: number[];
  /** β(c,t): the fair share of the period (fair-shares.ts). */
  base: number[][];
  /** Whether clinic c can take shift t in the period at all. */
  canTake: boolean[][];
  /** cap(c): the most duties it can take in the period by the rules (Infinity: no limit given). */
  capacity: number[];
  /** Whether β(c,·) was lowered to cap(c). */
  isCapacityBound: boolean[];
  /** carry(c,t) from previous rosters. */
  carry: number[][];
  /** τ(c,t). */
  targets: number[][];
};

const sharesOf = (doctorCounts: readonly number[]) => {
  const doctors = doctorCounts.reduce((sum, count) => sum + Math.max(0, count), 0);
  return doctorCounts.map((count) =>
    doctors > 0 ? Math.max(0, count) / doctors : 1 / Math.max(1, doctorCounts.length),
  );
};

/** β of a previous roster for each of its members: as stored with it, else from its doctors and declared shifts. */
function pastBase(past: PastRoster, totals: ShiftCounts, weights: Readonly<Record<ShiftKind, number>>) {
  if (past.members.every((member) => member.baseTargets !== undefined))
    return past.members.map((member) =>
      Object.fromEntries(shiftKinds.map((shift) => [shift, member.baseTargets?.[shift] ?? 0])),
    ) as ShiftCounts[];
  const shifts = shiftKinds.filter((shift) => totals[shift] > 0);
  const { base } = fairShares({
    shares: sharesOf(past.members.map((member) => member.doctorCount)),
    slotCounts: shifts.map((shift) => totals[shift]),
    weights: shifts.map((shift) => (past.weights ?? weights)[shift]),
    canTake: past.members.map((member) => shifts.map((shift) => !(member.unavailableShifts ?? []).includes(shift))),
    capacity: past.members.map(() => Number.POSITIVE_INFINITY),
  });
  return base.map((row) => {
    const counts = zeroCounts();
    shifts.forEach((shift, t) => (counts[shift] = row[t] ?? 0));
    return counts;
  });
}

/**
 * What each member did above or below its fair share β in previous rosters, per shift (members absent
 * then: 0). A shift a clinic could not take then had β = 0, so not taking it leaves no debt.
 */
export function carryOver(
  members: readonly Pick<RosterMember, 'organizationId'>[],
  history: readonly PastRoster[],
  weights: Readonly<Record<ShiftKind, number>> = defaultRosterSettings.shiftWeights,
) {
  const position = new Map(members.map((member, index) => [member.organizationId, index]));
  const carry = members.map(() => zeroCounts());
  for (const past of history) {
    if (past.members.length === 0) continue;
    const totals = zeroCounts();
    const done = new Map<string, ShiftCounts>();
    for (const duty of past.duties) {
      totals[duty.shift] += 1;
      const counts = done.get(duty.organizationId) ?? zeroCounts();
      counts[duty.shift] += 1;
      done.set(duty.organizationId, counts);
    }
    const base = pastBase(past, totals, weights);
    past.members.forEach((member, m) => {
      const index = position.get(member.organizationId);
      const entry = index === undefined ? undefined : carry[index];
      if (!entry) return;
      const counts = done.get(member.organizationId) ?? zeroCounts();
      for (const shift of shiftKinds) entry[shift] += counts[shift] - (base[m]?.[shift] ?? 0);
    });
  }
  return carry;
}

export function fairnessTargets(options: {
  members: readonly (Pick<RosterMember, 'organizationId' | 'doctorCount'> &
    Partial<Pick<RosterMember, 'unavailableShifts'>>)[];
  shifts: readonly ShiftKind[];
  slotCounts: Readonly<Record<ShiftKind, number>>;
  weights: Readonly<Record<ShiftKind, number>>;
  history: readonly PastRoster[];
  /** Whether clinic c can take shift t (index t of the canonical requested shifts) in the period; absent: every shift it did not declare. */
  canTake?: readonly (readonly boolean[])[];
  /** cap(c); absent: no limit. */
  capacity?: readonly number[];
}): FairnessTargets {
  const shifts = shiftKinds.filter((shift) => options.shifts.includes(shift));
  const shares = sharesOf(options.members.map((member) => member.doctorCount));
  const canTake = options.members.map((member, c) =>
    shifts.map((shift, t) =>
      options.canTake ? Boolean(options.canTake[c]?.[t]) : !(member.unavailableShifts ?? []).includes(shift),
    ),
  );
  const capacity = options.members.map((_, c) => options.capacity?.[c] ?? Number.POSITIVE_INFINITY);
  const slotCounts = shifts.map((shift) => options.slotCounts[shift]);
  const weights = shifts.map((shift) => options.weights[shift]);
  const { base, isCapacityBound } = fairShares({ shares, slotCounts, weights, canTake, capacity });
  const carryByMember = carryOver(options.members, options.history, options.weights);
  const carry = carryByMember.map((entry) => shifts.map((shift) => entry[shift]));
  const targets = base.map((row, c) => row.map((value, t) => (canTake[c]?.[t] ? value - (carry[c]?.[t] ?? 0) : 0)));
  return { shifts, weights, slotCounts, shares, base, canTake, capacity, isCapacityBound, carry, targets };
}

/**
 * The fair shares a roster is settled against once made (what later rosters carry over from): a clinic whose
 * share was lowered to its capacity and that still did fewer duties in all has its β scaled down to what it did —
 * the rules, not the clinic, kept it there, and a debt it cannot pay would only grow — and the difference of each
 * shift goes to the other clinics that can take it, in proportion to their β (each shift's total stays N(t)).
 */
export function settledBase(
  targets: Pick<FairnessTargets, 'base' | 'canTake' | 'isCapacityBound'>,
  counts: readonly (readonly number[])[],
): number[][] {
  const settled = targets.base.map((row) => [...row]);
  const typeCount = targets.base[0]?.length ?? 0;
  const deficit = new Array<number>(typeCount).fill(0);
  settled.forEach((row, c) => {
    if (!targets.isCapacityBound[c]) return;
    const planned = row.reduce((sum, value) => sum + value, 0);
    const done = (counts[c] ?? []).reduce((sum, value) => sum + value, 0);
    if (planned <= 0 || done >= planned) return;
    row.forEach((value, t) => {
      row[t] = (value * done) / planned;
      deficit[t] = (deficit[t] ?? 0) + value - (row[t] ?? 0);
    });
  });
  deficit.forEach((amount, t) => {
    if (amount <= 0) return;
    const takers = settled.flatMap((_, c) => (!targets.isCapacityBound[c] && targets.canTake[c]?.[t] ? [c] : []));
    const total = takers.reduce((sum, c) => sum + (targets.base[c]?.[t] ?? 0), 0);
    for (const c of takers) {
      const row = settled[c];
      if (row)
        row[t] = (row[t] ?? 0) + (total > 0 ? ((targets.base[c]?.[t] ?? 0) / total) * amount : amount / takers.length);
    }
  });
  return settled;
}

/** F for counts x[c][t] (same indexing as the targets). */
export function fairnessObjective(counts: readonly (readonly number[])[], targets: FairnessTargets): number {
  let total = 0;
  targets.targets.forEach((row, c) => {
    row.forEach((target, t) => {
      const deviation = (counts[c]?.[t] ?? 0) - target;
      total += (targets.weights[t] ?? 0) * deviation * deviation;
    });
  });
  return total;
}

/** The change of F when clinic c gets `delta` more duties of shift t. */
export function objectiveDelta(
  counts: readonly (readonly number[])[],
  targets: FairnessTargets,
  c: number,
  t: number,
  delta: number,
): number {
  const before = (counts[c]?.[t] ?? 0) - (targets.targets[c]?.[t] ?? 0);
  const after = before + delta;
  return (targets.weights[t] ?? 0) * (after * after - before * before);
}

export type ClinicFairness = {
  organizationId: string;
  doctorCount: number;
  share: number;
  counts: Partial<ShiftCounts>;
  targets: Partial<ShiftCounts>;
  carryOver: Partial<ShiftCounts>;
  /**
   * β(c,t) as settled (settledBase): the fair share of this period the next periods' carry-over measures its duties
   * against (6 decimals).
   */
  baseTargets: Partial<ShiftCounts>;
  /** share(c) × N(t): the share by doctors alone, before declarations and the rules' limits. */
  shareTargets: Partial<ShiftCounts>;
  /** Requested shifts it cannot take in this period (declared, or no slot it may take): target 0. */
  cannotTake: ShiftKind[];
  /** The most duties the rules (spacing, monthly cap) and its declarations let it take in the period (null: no limit). */
  capacity: number | null;
  /** Its share was above `capacity`: its targets were lowered to it and the rest shared by the others. */
  isCapacityBound: boolean;
  /** Σ w(t) × duties: the weighted burden this period. */
  burden: number;
  /** Σ w(t) × τ(c,t). */
  targetBurden: number;
};

export type FairnessReport = {
  /** F of this roster (see the module header). */
  objective: number;
  shifts: ShiftKind[];
  weights: Partial<Record<ShiftKind, number>>;
  slotCounts: Partial<Record<ShiftKind, number>>;
  clinics: ClinicFairness[];
  /** The largest |burden − target burden| over the clinics. */
  maxBurdenDeviation: number;
};

const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits;

export function fairnessReport(
  members: readonly Pick<RosterMember, 'organizationId' | 'doctorCount'>[],
  counts: readonly (readonly number[])[],
  targets: FairnessTargets,
): FairnessReport {
  const byShift = <T>(values: readonly T[]) =>
    Object.fromEntries(targets.shifts.map((shift, t) => [shift, values[t]])) as Partial<Record<ShiftKind, T>>;
  const settled = settledBase(targets, counts);
  const clinics = members.map((member, c) => {
    const row = counts[c] ?? [];
    const target = targets.targets[c] ?? [];
    const burden = targets.weights.reduce((sum, weight, t) => sum + weight * (row[t] ?? 0), 0);
    const targetBurden = targets.weights.reduce((sum, weight, t) => sum + weight * (target[t] ?? 0), 0);
    return {
      organizationId: member.organizationId,
      doctorCount: member.doctorCount,
      share: round(targets.shares[c] ?? 0),
      counts: byShift(row.map((value) => value)),
      targets: byShift(target.map((value) => round(value, 2))),
      carryOver: byShift((targets.carry[c] ?? []).map((value) => round(value, 2))),
      baseTargets: byShift((settled[c] ?? []).map((value) => round(value, 6))),
      shareTargets: byShift(targets.slotCounts.map((count) => round((targets.shares[c] ?? 0) * count, 2))),
      cannotTake: targets.shifts.filter((_, t) => !targets.canTake[c]?.[t]),
      capacity: Number.isFinite(targets.capacity[c]) ? (targets.capacity[c] ?? null) : null,
      isCapacityBound: targets.isCapacityBound[c] ?? false,
      burden: round(burden, 2),
      targetBurden: round(targetBurden, 2),
    };
  });
  return {
    objective: round(fairnessObjective(counts, targets), 6),
    shifts: targets.shifts,
    weights: byShift(targets.weights),
    slotCounts: byShift(targets.slotCounts),
    clinics,
    maxBurdenDeviation: round(
      clinics.reduce((max, clinic) => Math.max(max, Math.abs(clinic.burden - clinic.targetBurden)), 0),
      2,
    ),
  };
}
