/**
 * Each clinic's fair share of each shift in one period, before anything is carried over: the base
 * target β(c,t) of fairness.ts.
 *
 * Plainly, a clinic's share of the duties is its doctors ÷ all doctors, the same in every shift:
 * β(c,t) = share(c) × N(t). Two things the clinic cannot help change that:
 *
 *   - A shift it cannot take in the period (declared 「担当できない当番」, or no slot of that kind it
 *     may take): its target there is 0, and its share of the BURDEN moves to the shifts it can take
 *     (a clinic without holiday nights does more weeknights and holiday days, the others more
 *     holiday nights). The targets are the matrix with the clinic's support, the shifts' slot
 *     counts as column sums and burdens Σ_t w(t) β(c,t) in proportion to the doctors as row sums,
 *     found by iterative proportional fitting (Sinkhorn), columns made exact at the end.
 *   - The most duties it can take in the period by the rules (cap(c): the spacing rule and the
 *     monthly cap, which count per clinic, not per doctor): a clinic whose share is above it gets
 *     its capacity (its row scaled down), and the rest goes to the others in proportion to their
 *     doctors (water-filling), until no clinic is above its capacity.
 *
 * So a target is always one a roster can meet, and what a clinic does below it carries over
 * (fairness.ts) as a debt it can pay — never one its declarations or the rules make impossible.
 * Deterministic: plain arithmetic in the members' order.
 */

export type FairShareInput = {
  /** share(c), Σ = 1. */
  shares: readonly number[];
  /** N(t). */
  slotCounts: readonly number[];
  /** w(t) > 0. */
  weights: readonly number[];
  /** Whether clinic c can take shift t in the period at all. */
  canTake: readonly (readonly boolean[])[];
  /** cap(c), the most duties clinic c can take in the period (Infinity: no limit). */
  capacity: readonly number[];
};

export type FairShares = {
  /** β(c,t). */
  base: number[][];
  /** Whether β(c,·) was lowered to the clinic's capacity. */
  isCapacityBound: boolean[];
};

const tolerance = 1e-10;
const maxIterations = 2000;

/** Scales `rows` (free clinics) of y to burden R(c) and columns to N'(t), alternately, until both hold. */
function fit(
  y: number[][],
  rows: readonly number[],
  rowBurden: ReadonlyMap<number, number>,
  columns: readonly number[],
  weights: readonly number[],
): void {
  const typeCount = columns.length;
  const rowBurdenOf = (c: number) => (y[c] ?? []).reduce((sum, value, t) => sum + (weights[t] ?? 0) * value, 0);
  const columnScale = () => {
    for (let t = 0; t < typeCount; t += 1) {
      let sum = 0;
      for (const c of rows) sum += y[c]?.[t] ?? 0;
      if (sum <= 0) continue;
      const factor = (columns[t] ?? 0) / sum;
      for (const c of rows) {
        const row = y[c];
        if (row) row[t] = (row[t] ?? 0) * factor;
      }
    }
  };
  for (let iteration = 0; iteration < maxIterations; iteration += 1) {
    for (const c of rows) {
      const burden = rowBurdenOf(c);
      const row = y[c];
      if (!row || burden <= 0) continue;
      const factor = (rowBurden.get(c) ?? 0) / burden;
      for (let t = 0; t < typeCount; t += 1) row[t] = (row[t] ?? 0) * factor;
    }
    columnScale();
    let error = 0;
    for (const c of rows) {
      const wanted = rowBurden.get(c) ?? 0;
      error = Math.max(error, Math.abs(rowBurdenOf(c) - wanted) / Math.max(wanted, 1));
    }
    if (error < tolerance) return;
  }
}

export function fairShares(input: FairShareInput): FairShares {
  const { shares, slotCounts, weights, canTake, capacity } = input;
  const clinicCount = shares.length;
  const typeCount = slotCounts.length;
  const base = Array.from({ length: clinicCount }, () => new Array<number>(typeCount).fill(0));
  const isCapacityBound = new Array<boolean>(clinicCount).fill(false);
  // A clinic that can take nothing, or nothing at all by the rules, has no share to carry.
  const fixed = Array.from(
    { length: clinicCount },
    (_, c) => !(canTake[c] ?? []).some(Boolean) || (capacity[c] ?? Number.POSITIVE_INFINITY) <= 0,
  );
  for (let c = 0; c < clinicCount; c += 1)
    if (fixed[c] && (canTake[c] ?? []).some(Boolean) && (shares[c] ?? 0) > 0) isCapacityBound[c] = true;

  for (let round = 0; round <= clinicCount; round += 1) {
    const free = Array.from({ length: clinicCount }, (_, c) => c).filter((c) => !fixed[c]);
    if (free.length === 0) break;
    const remaining = slotCounts.map((count, t) =>
      Math.max(0, count - base.reduce((sum, row, c) => sum + (fixed[c] ? (row[t] ?? 0) : 0), 0)),
    );
    const remainingBurden = remaining.reduce((sum, count, t) => sum + (weights[t] ?? 0) * count, 0);
    const freeShare = free.reduce((sum, c) => sum + (shares[c] ?? 0), 0);
    const rowBurden = new Map(
      free.map((c) => [c, (freeShare > 0 ? (shares[c] ?? 0) / freeShare : 1 / free.length) * remainingBurden]),
    );
    const y: number[][] = Array.from({ length: clinicCount }, (_, c) =>
      Array.from({ length: typeCount }, (_, t): number => (!fixed[c] && canTake[c]?.[t] ? 1 : 0)),
    );
    fit(y, free, rowBurden, remaining, weights);
    const over = free.filter(
      (c) => (y[c] ?? []).reduce((sum, value) => sum + value, 0) > (capacity[c] ?? Number.POSITIVE_INFINITY) + 1e-9,
    );
    if (over.length === 0) {
      for (const c of free) base[c] = y[c] ?? base[c] ?? [];
      break;
    }
    for (const c of over) {
      const row = y[c] ?? [];
      const total = row.reduce((sum, value) => sum + value, 0);
      const limit = capacity[c] ?? 0;
      base[c] = row.map((value) => (total > 0 ? (value * limit) / total : 0));
      fixed[c] = true;
      isCapacityBound[c] = true;
    }
  }
  return { base, isCapacityBound };
}
