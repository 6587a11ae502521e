/**
 * "The flow part" of the roster problem: how MANY duties of each shift each clinic takes over the
 * period, ignoring on which dates. It is a transportation network
 *
 *     source ──N(t)──▶ shift t ──a(c,t), cost f(c,t)──▶ clinic c ──cap(c)──▶ sink
 *
 * where a(c,t) counts the slots of t that clinic c may take (declared unavailability removed),
 * cap(c) bounds its duties in the period by the spacing rule and the monthly cap, and
 * f(c,t)(x) = w(t) (x − τ(c,t))² is the clinic's fairness term (fairness.ts). f is convex, so the
 * cost of the k-th unit on an arc, w(t)(2k − 1 − 2τ), increases with k: a min-cost flow with
 * convex separable arc costs. Successive shortest paths (Bellman–Ford on the residual graph, one
 * unit at a time) solve it exactly in integers; its LP relaxation has the same optimum because the
 * network matrix is totally unimodular (lower-bound-model.ts states that LP for HiGHS, which
 * confirms the bound independently).
 *
 * Every feasible roster induces counts that form a feasible flow here, so this optimum is a lower
 * bound of the fairness objective of ANY roster of the period; the date assignment
 * (date-assignment.ts) then tries to realise these counts exactly under the date-level rules.
 */
import { fairnessObjective, type FairnessTargets } from './fairness.js';

export type QuotaFlowProblem = {
  targets: FairnessTargets;
  /** a(c,t). */
  arcCapacity: readonly (readonly number[])[];
  /** cap(c). */
  clinicCapacity: readonly number[];
};

export type QuotaFlowResult = {
  /** Every slot found a clinic (otherwise `shortfall` slots could not be counted in). */
  isFeasible: boolean;
  shortfall: number;
  /** x(c,t), the counts to realise. */
  quotas: number[][];
  /** F of the quotas: the optimum of the flow part. */
  objective: number;
};

const epsilon = 1e-9;
const infinity = Number.POSITIVE_INFINITY;

export function solveQuotaFlow(problem: QuotaFlowProblem): QuotaFlowResult {
  const { targets } = problem;
  const typeCount = targets.shifts.length;
  const clinicCount = targets.shares.length;
  // Flat arrays indexed c * typeCount + t.
  const x = new Int32Array(clinicCount * typeCount);
  const capacity = new Int32Array(clinicCount * typeCount);
  const weight = new Float64Array(typeCount);
  const target = new Float64Array(clinicCount * typeCount);
  for (let t = 0; t < typeCount; t += 1) weight[t] = targets.weights[t] ?? 0;
  for (let c = 0; c < clinicCount; c += 1) {
    for (let t = 0; t < typeCount; t += 1) {
      capacity[c * typeCount + t] = problem.arcCapacity[c]?.[t] ?? 0;
      target[c * typeCount + t] = targets.targets[c]?.[t] ?? 0;
    }
  }
  const clinicCapacity = Int32Array.from(problem.clinicCapacity);
  const totals = new Int32Array(clinicCount);
  const demand = Int32Array.from(targets.slotCounts);
  const sent = new Int32Array(typeCount);
  const units = targets.slotCounts.reduce((sum, value) => sum + value, 0);
  /** Cost of the unit that takes x(c,t) from `count` to `count + 1`. */
  const unitCost = (arc: number, t: number, count: number) =>
    (weight[t] ?? 0) * (2 * count + 1 - 2 * (target[arc] ?? 0));

  // Nodes: shift types 0..T-1, clinics T..T+C-1, sink T+C; the source is implicit.
  const sink = typeCount + clinicCount;
  const nodeCount = sink + 1;
  const dist = new Float64Array(nodeCount);
  const pred = new Int32Array(nodeCount);
  let delivered = 0;

  for (let unit = 0; unit < units; unit += 1) {
    dist.fill(infinity);
    pred.fill(-2);
    for (let t = 0; t < typeCount; t += 1) {
      if ((sent[t] ?? 0) < (demand[t] ?? 0)) {
        dist[t] = 0;
        pred[t] = -1;
      }
    }
    for (let pass = 0; pass < nodeCount; pass += 1) {
      let changed = false;
      for (let t = 0; t < typeCount; t += 1) {
        const from = dist[t] ?? infinity;
        if (from === infinity) continue;
        for (let c = 0; c < clinicCount; c += 1) {
          const arc = c * typeCount + t;
          const count = x[arc] ?? 0;
          if (count >= (capacity[arc] ?? 0)) continue;
          const candidate = from + unitCost(arc, t, count);
          if (candidate < (dist[typeCount + c] ?? infinity) - epsilon) {
            dist[typeCount + c] = candidate;
            pred[typeCount + c] = t;
            changed = true;
          }
        }
      }
      for (let c = 0; c < clinicCount; c += 1) {
        const from = dist[typeCount + c] ?? infinity;
        if (from === infinity) continue;
        for (let t = 0; t < typeCount; t += 1) {
          const arc = c * typeCount + t;
          const count = x[arc] ?? 0;
          if (count <= 0) continue;
          const candidate = from - unitCost(arc, t, count - 1);
          if (candidate < (dist[t] ?? infinity) - epsilon) {
            dist[t] = candidate;
            pred[t] = typeCount + c;
            changed = true;
          }
        }
        if ((totals[c] ?? 0) < (clinicCapacity[c] ?? 0) && from < (dist[sink] ?? infinity) - epsilon) {
          dist[sink] = from;
          pred[sink] = typeCount + c;
          changed = true;
        }
      }
      if (!changed) break;
    }
    if (dist[sink] === infinity) break;
    // Walk back from the sink: a clinic node came from a type (forward arc), a type from a clinic (backward arc).
    let node = pred[sink] ?? -1;
    totals[node - typeCount] = (totals[node - typeCount] ?? 0) + 1;
    for (let guard = 0; node !== -1 && guard <= nodeCount; guard += 1) {
      const previous = pred[node] ?? -1;
      if (node >= typeCount) {
        const arc = (node - typeCount) * typeCount + previous;
        x[arc] = (x[arc] ?? 0) + 1;
      } else if (previous === -1) {
        sent[node] = (sent[node] ?? 0) + 1;
      } else {
        const arc = (previous - typeCount) * typeCount + node;
        x[arc] = (x[arc] ?? 0) - 1;
      }
      node = previous;
    }
    delivered += 1;
  }
  const quotas = Array.from({ length: clinicCount }, (_, c) =>
    Array.from(x.subarray(c * typeCount, (c + 1) * typeCount)),
  );
  balanceBurden(problem, quotas);
  return {
    isFeasible: delivered === units,
    shortfall: units - delivered,
    quotas,
    objective: fairnessObjective(quotas, targets),
  };
}

function weightedGap(targets: FairnessTargets, x: number[][], c: number): number {
  let gap = 0;
  targets.weights.forEach((weight, t) => {
    gap += weight * ((x[c]?.[t] ?? 0) - (targets.targets[c]?.[t] ?? 0));
  });
  return gap * gap;
}

function termOf(targets: FairnessTargets, count: number, c: number, t: number): number {
  const deviation = count - (targets.targets[c]?.[t] ?? 0);
  return (targets.weights[t] ?? 0) * deviation * deviation;
}

/**
 * Among equally fair counts, prefer those whose weighted burden is closest to each clinic's
 * target (F is per shift, so it does not care which clinic takes the odd short share of each
 * shift: one clinic could get it in every shift). Two moves, each taken only when it leaves F
 * unchanged (a tie of the flow) and evens out the burden Σ_c (Σ_t w(t)(x(c,t) − τ(c,t)))²:
 * hand one unit of t from one clinic to another (within a(c,t) and cap(c)), or exchange one
 * unit of t for one unit of t' between two clinics. Never changes F.
 */
function balanceBurden(problem: QuotaFlowProblem, x: number[][]): void {
  const { targets, arcCapacity, clinicCapacity } = problem;
  const typeCount = targets.shifts.length;
  const clinicCount = x.length;
  const get = (c: number, t: number) => x[c]?.[t] ?? 0;
  const set = (c: number, t: number, value: number) => {
    const row = x[c];
    if (row) row[t] = value;
  };
  const totalOf = (c: number) => (x[c] ?? []).reduce((sum, count) => sum + count, 0);
  /** How F changes when clinic `from` hands one unit of t to clinic `to`. */
  const handOverDelta = (from: number, to: number, t: number) =>
    termOf(targets, get(from, t) - 1, from, t) -
    termOf(targets, get(from, t), from, t) +
    termOf(targets, get(to, t) + 1, to, t) -
    termOf(targets, get(to, t), to, t);
  for (let pass = 0; pass < 20; pass += 1) {
    let isImproved = false;
    // Hand one unit of t from a to b.
    for (let a = 0; a < clinicCount; a += 1) {
      for (let b = 0; b < clinicCount; b += 1) {
        for (let t = 0; t < typeCount && a !== b; t += 1) {
          if (get(a, t) < 1 || get(b, t) + 1 > (arcCapacity[b]?.[t] ?? 0)) continue;
          if (totalOf(b) + 1 > (clinicCapacity[b] ?? 0)) continue;
          if (Math.abs(handOverDelta(a, b, t)) > epsilon) continue;
          const before = weightedGap(targets, x, a) + weightedGap(targets, x, b);
          set(a, t, get(a, t) - 1);
          set(b, t, get(b, t) + 1);
          if (weightedGap(targets, x, a) + weightedGap(targets, x, b) < before - epsilon) {
            isImproved = true;
            continue;
          }
          set(a, t, get(a, t) + 1);
          set(b, t, get(b, t) - 1);
        }
      }
    }
    for (let a = 0; a < clinicCount; a += 1) {
      for (let b = 0; b < clinicCount; b += 1) {
        for (let t = 0; t < typeCount && a !== b; t += 1) {
          for (let u = 0; u < typeCount; u += 1) {
            if (t === u || get(a, t) < 1 || get(b, u) < 1) continue;
            if (get(b, t) + 1 > (arcCapacity[b]?.[t] ?? 0) || get(a, u) + 1 > (arcCapacity[a]?.[u] ?? 0)) continue;
            // t ≠ u: the two hand-overs touch different counts, so their changes of F add up.
            if (Math.abs(handOverDelta(a, b, t) + handOverDelta(b, a, u)) > epsilon) continue;
            const before = weightedGap(targets, x, a) + weightedGap(targets, x, b);
            set(a, t, get(a, t) - 1);
            set(b, t, get(b, t) + 1);
            set(b, u, get(b, u) - 1);
            set(a, u, get(a, u) + 1);
            if (weightedGap(targets, x, a) + weightedGap(targets, x, b) < before - epsilon) {
              isImproved = true;
              continue;
            }
            set(a, t, get(a, t) + 1);
            set(b, t, get(b, t) - 1);
            set(b, u, get(b, u) + 1);
            set(a, u, get(a, u) - 1);
          }
        }
      }
    }
    if (!isImproved) break;
  }
}
