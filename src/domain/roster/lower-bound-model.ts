/**
 * The LP relaxation of the flow part (quota-flow.ts), written for an LP solver (HiGHS in
 * src/features/rotations/lower-bound.ts) so that the fairness objective can be compared with a
 * lower bound computed independently of our own flow code.
 *
 * Variables per arc (c,t): x(c,t) ∈ [0, a(c,t)] and z(c,t) free. Rows: Σ_c x(c,t) = N(t) for each
 * shift, Σ_t x(c,t) ≤ cap(c) for each clinic, and for each k of a window of integers
 * z(c,t) ≥ f(k) + (f(k+1) − f(k)) (x(c,t) − k) — the secant lines of the convex term f(c,t)
 * between consecutive integers. Minimising Σ z gives the LP relaxation of the integer flow with
 * piecewise-linear costs. Any subset of secant lines UNDER-estimates f (f is convex), so the LP
 * optimum is a valid lower bound of F for every window; when the LP solution lies where its
 * windows hold every line (`widenWindows` finds none to widen), it is THE LP optimum of the flow
 * part. Windows start around the flow's own counts only to keep the LP small.
 */
import type { FairnessTargets } from './fairness.js';
import type { QuotaFlowProblem } from './quota-flow.js';

/** Secant lines k = low … high (exact for x in [low, high + 1]). */
export type SecantWindow = { low: number; high: number };

export type LinearModel = {
  numCols: number;
  numRows: number;
  /** Constant added to the objective. */
  offset: number;
  colCost: number[];
  colLower: number[];
  colUpper: number[];
  rowLower: number[];
  rowUpper: number[];
  /** Compressed sparse columns. */
  matrix: { starts: number[]; indices: number[]; values: number[] };
  /** Column of x(c,t) (−1 when a(c,t) = 0). */
  xColumn: number[][];
};

function term(targets: FairnessTargets, c: number, t: number, count: number): number {
  const deviation = count - (targets.targets[c]?.[t] ?? 0);
  return (targets.weights[t] ?? 0) * deviation * deviation;
}

/** Windows of ±3 around given counts (usually the flow's quotas). */
export function initialWindows(problem: QuotaFlowProblem, counts: readonly (readonly number[])[]): SecantWindow[][] {
  return problem.arcCapacity.map((row, c) =>
    row.map((capacity, t) => {
      const count = counts[c]?.[t] ?? 0;
      return { low: Math.max(0, Math.min(count - 3, capacity - 1)), high: Math.min(capacity - 1, count + 2) };
    }),
  );
}

export function lowerBoundModel(problem: QuotaFlowProblem, windows: readonly (readonly SecantWindow[])[]): LinearModel {
  const { targets, arcCapacity, clinicCapacity } = problem;
  const typeCount = targets.shifts.length;
  const clinicCount = targets.shares.length;
  const columns: { cost: number; lower: number; upper: number; entries: [number, number][] }[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  let offset = 0;
  const typeRow = (t: number) => t;
  const clinicRow = (c: number) => typeCount + c;
  for (let t = 0; t < typeCount; t += 1) {
    rowLower.push(targets.slotCounts[t] ?? 0);
    rowUpper.push(targets.slotCounts[t] ?? 0);
  }
  for (let c = 0; c < clinicCount; c += 1) {
    rowLower.push(Number.NEGATIVE_INFINITY);
    rowUpper.push(clinicCapacity[c] ?? 0);
  }
  const xColumn = Array.from({ length: clinicCount }, () => new Array<number>(typeCount).fill(-1));
  for (let c = 0; c < clinicCount; c += 1) {
    for (let t = 0; t < typeCount; t += 1) {
      const capacity = arcCapacity[c]?.[t] ?? 0;
      if (capacity <= 0) {
        offset += term(targets, c, t, 0);
        continue;
      }
      const window = windows[c]?.[t] ?? { low: 0, high: capacity - 1 };
      const x = { cost: 0, lower: 0, upper: capacity, entries: [] as [number, number][] };
      const z = {
        cost: 1,
        lower: Number.NEGATIVE_INFINITY,
        upper: Number.POSITIVE_INFINITY,
        entries: [] as [number, number][],
      };
      x.entries.push([typeRow(t), 1], [clinicRow(c), 1]);
      for (let k = window.low; k <= window.high; k += 1) {
        const slope = term(targets, c, t, k + 1) - term(targets, c, t, k);
        const row = rowLower.length;
        // z − slope·x ≥ f(k) − slope·k
        rowLower.push(term(targets, c, t, k) - slope * k);
        rowUpper.push(Number.POSITIVE_INFINITY);
        z.entries.push([row, 1]);
        x.entries.push([row, -slope]);
      }
      row(xColumn, c)[t] = columns.length;
      columns.push(x, z);
    }
  }
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const column of columns) {
    for (const [rowIndex, value] of column.entries) {
      indices.push(rowIndex);
      values.push(value);
    }
    starts.push(indices.length);
  }
  return {
    numCols: columns.length,
    numRows: rowLower.length,
    offset,
    colCost: columns.map((column) => column.cost),
    colLower: columns.map((column) => column.lower),
    colUpper: columns.map((column) => column.upper),
    rowLower,
    rowUpper,
    matrix: { starts, indices, values },
    xColumn,
  };
}

function row<T>(matrix: T[][], index: number): T[] {
  const found = matrix[index];
  if (!found) throw new Error(`row ${index} out of range`);
  return found;
}

/**
 * Widens the windows where the LP solution left them (x below low or above high + 1, with room
 * to grow); returns whether anything changed. No change means the LP optimum was exact.
 */
export function widenWindows(
  problem: QuotaFlowProblem,
  windows: SecantWindow[][],
  model: LinearModel,
  columnValues: readonly number[],
): boolean {
  let isChanged = false;
  const tolerance = 1e-7;
  problem.arcCapacity.forEach((capacities, c) => {
    capacities.forEach((capacity, t) => {
      const column = model.xColumn[c]?.[t] ?? -1;
      const window = windows[c]?.[t];
      if (column < 0 || !window) return;
      const value = columnValues[column] ?? 0;
      if (value < window.low - tolerance && window.low > 0) {
        window.low = Math.max(0, Math.floor(value) - 2);
        isChanged = true;
      }
      if (value > window.high + 1 + tolerance && window.high < capacity - 1) {
        window.high = Math.min(capacity - 1, Math.ceil(value) + 2);
        isChanged = true;
      }
    });
  });
  return isChanged;
}
