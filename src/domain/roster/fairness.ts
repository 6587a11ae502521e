/**
 * Fairness of a roster. Each clinic's share is its doctors ÷ all doctors of the group. For every
 * requested shift t the clinic's target this period is
 *     τ(c,t) = share(c) × N(t) − carry(c,t)
 * where N(t) is the number of slots of t and carry(c,t) what the clinic did above (+) or below (−)
 * its share of t in the group's previous published rosters (so fairness holds across periods).
 * The fairness objective is
 *     F = Σ_t w(t) × Σ_c (x(c,t) − τ(c,t))²
 * with x(c,t) the clinic's duties of t and w(t) the shift's burden weight (holiday nights weigh
 * most): a burdensome shift spread unevenly costs more. F depends on the counts only.
 */
import { shiftKinds, type PastRoster, type RosterMember, type ShiftKind } from './roster-types.js';

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
  /** carry(c,t) from previous rosters. */
  carry: number[][];
  /** τ(c,t). */
  targets: number[][];
};

/** What each member did above or below its share in previous rosters, per shift (members absent then: 0). */
export function carryOver(members: readonly Pick<RosterMember, 'organizationId'>[], history: readonly PastRoster[]) {
  const position = new Map(members.map((member, index) => [member.organizationId, index]));
  const carry = members.map(() => zeroCounts());
  for (const past of history) {
    const doctors = past.members.reduce((sum, member) => sum + Math.max(0, member.doctorCount), 0);
    if (doctors <= 0) continue;
    const totals = zeroCounts();
    const done = new Map<string, ShiftCounts>();
    for (const duty of past.duties) {
      totals[duty.shift] += 1;
      const counts = done.get(duty.organizationId) ?? zeroCounts();
      counts[duty.shift] += 1;
      done.set(duty.organizationId, counts);
    }
    for (const member of past.members) {
      const index = position.get(member.organizationId);
      const entry = index === undefined ? undefined : carry[index];
      if (!entry) continue;
      const share = Math.max(0, member.doctorCount) / doctors;
      const counts = done.get(member.organizationId) ?? zeroCounts();
      for (const shift of shiftKinds) entry[shift] += counts[shift] - share * totals[shift];
    }
  }
  return carry;
}

export function fairnessTargets(options: {
  members: readonly Pick<RosterMember, 'organizationId' | 'doctorCount'>[];
  shifts: readonly ShiftKind[];
  slotCounts: Readonly<Record<ShiftKind, number>>;
  weights: Readonly<Record<ShiftKind, number>>;
  history: readonly PastRoster[];
}): FairnessTargets {
  const shifts = shiftKinds.filter((shift) => options.shifts.includes(shift));
  const doctors = options.members.reduce((sum, member) => sum + member.doctorCount, 0);
  const shares = options.members.map((member) =>
    doctors > 0 ? member.doctorCount / doctors : 1 / options.members.length,
  );
  const carryByMember = carryOver(options.members, options.history);
  const carry = carryByMember.map((entry) => shifts.map((shift) => entry[shift]));
  const slotCounts = shifts.map((shift) => options.slotCounts[shift]);
  const targets = shares.map((share, c) => shifts.map((_, t) => share * (slotCounts[t] ?? 0) - (carry[c]?.[t] ?? 0)));
  return { shifts, weights: shifts.map((shift) => options.weights[shift]), slotCounts, shares, carry, targets };
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
