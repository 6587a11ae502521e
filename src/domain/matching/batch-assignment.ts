/**
 * The Center's batch assignment: for a set of cases needing one team role, choose one eligible
 * organisation per case. The model is a min-cost flow
 *
 *   case i ──(1, distance cost d_ij)──▶ organisation j ──(unit k = 1…cap_j, marginal cost m_j(L_j + k))──▶ sink
 *   case i ──(1, penalty P)──▶ sink                        (the case stays unassigned)
 *
 * where L_j is the organisation's current home patients and m_j(t) = a·t + b·max(0, t − D_j) is
 * strictly increasing in t (convex overload: the tenth patient of one clinic costs more than the
 * first of another; D_j the declared capacity). P is larger than any assignment's total real cost,
 * so the optimum serves as many cases as the maximum flow allows and, among those, is cheapest
 * (lexicographic). Capacities are the free slots (or the declared capacity minus the load); with
 * `enforceBottleneck` each is further capped so that no organisation ends above the bottleneck
 * optimum T* = the smallest maximum load (L_j + new patients, over organisations receiving
 * patients) with which the maximum number of cases can still be served (binary search on T with
 * a max-flow check). All costs are integers; see min-cost-flow.ts for the algorithm.
 */
import { bipartiteGraph, CapacityMatching } from './max-flow.js';
import { MinCostFlow } from './min-cost-flow.js';
import { routeCases } from './assignment-flow.js';
import type { AssignmentSettings } from './matching-settings.js';

export type AssignmentInstance = {
  /** The cases, in the order the greedy baseline serves them (e.g. planned discharge date). */
  cases: readonly { id: string }[];
  organizations: readonly {
    id: string;
    /** Patients it can still take in this batch (free slots); 0 = none. */
    capacity: number;
    /** Active home patients now. */
    currentLoad: number;
    declaredCapacity: number | null;
  }[];
  /** Eligible (case, organisation) pairs only; distance from the patient's home. */
  arcs: readonly {
    caseIndex: number;
    organizationIndex: number;
    distanceKm: number;
    /** Travel burden of the patient's area (≥ 1). */
    travelFactor: number;
  }[];
};

export type AssignmentCosts = Pick<
  AssignmentSettings,
  'distancePointsPerKm' | 'loadPointsPerPatient' | 'overCapacityPointsPerPatient' | 'enforceBottleneck'
>;

export type UnassignedReason = 'no_eligible' | 'no_capacity' | 'capacity_exhausted';

export type Assignment = { caseIndex: number; organizationIndex: number; arcIndex: number };

export type AssignmentResult = {
  assignments: Assignment[];
  unassigned: { caseIndex: number; reason: UnassignedReason }[];
  /** The largest number of cases any assignment can serve. */
  maxServable: number;
  /** T*, or null when nothing can be served. */
  bottleneck: number | null;
  /** Real cost of the assignment (distance points + load points), without the penalty. */
  cost: { distance: number; load: number; total: number };
};

/** The model with its numbers: what the min-cost flow and the LP oracle both solve. */
export type CostModel = {
  arcCosts: Float64Array;
  /** Capacity of each organisation in this model (after the bottleneck cap). */
  capacities: Int32Array;
  /** unitCosts[j][k] = marginal cost of the (k+1)-th new patient of organisation j. */
  unitCosts: number[][];
  /** Cost of leaving a case unassigned (larger than any assignment's real cost). */
  penalty: number;
  maxServable: number;
  bottleneck: number | null;
};

/** Marginal cost of an organisation's t-th home patient (t counts the current ones too). */
export function marginalLoadCost(
  t: number,
  declaredCapacity: number | null,
  costs: Pick<AssignmentCosts, 'loadPointsPerPatient' | 'overCapacityPointsPerPatient'>,
): number {
  const over = declaredCapacity !== null && t > declaredCapacity ? t - declaredCapacity : 0;
  return costs.loadPointsPerPatient * t + costs.overCapacityPointsPerPatient * over;
}

export function arcCost(
  arc: AssignmentInstance['arcs'][number],
  costs: Pick<AssignmentCosts, 'distancePointsPerKm'>,
): number {
  return Math.round(arc.distanceKm * arc.travelFactor * costs.distancePointsPerKm);
}

function graphOf(instance: AssignmentInstance) {
  return bipartiteGraph(instance.cases.length, instance.organizations.length, instance.arcs);
}

/** The maximum number of cases served with these per-organisation capacities. */
export function maxServableWith(instance: AssignmentInstance, capacities: ArrayLike<number>): number {
  return new CapacityMatching(graphOf(instance)).grow(capacities);
}

function baseCapacities(instance: AssignmentInstance): Int32Array {
  return Int32Array.from(instance.organizations.map((organization) => Math.max(0, Math.floor(organization.capacity))));
}

/**
 * T*: the smallest T such that capping every organisation at L_j + new ≤ T still serves
 * `maxServable` cases; null when nothing can be served. Binary search upwards: the matching of
 * the largest infeasible T is kept and only grown for the next, higher T.
 */
export function bottleneckLoad(instance: AssignmentInstance, maxServable?: number): number | null {
  const capacities = baseCapacities(instance);
  const graph = graphOf(instance);
  const target = maxServable ?? new CapacityMatching(graph).grow(capacities);
  if (target === 0) return null;
  const capped = new Int32Array(capacities.length);
  const capsAt = (limit: number) => {
    instance.organizations.forEach((organization, index) => {
      capped[index] = Math.max(0, Math.min(capacities[index] ?? 0, limit - organization.currentLoad));
    });
    return capped;
  };
  let low = 1;
  let high = 1;
  instance.organizations.forEach((organization, index) => {
    high = Math.max(high, organization.currentLoad + (capacities[index] ?? 0));
  });
  let infeasible = new CapacityMatching(graph);
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const attempt = new CapacityMatching(graph, infeasible);
    if (attempt.grow(capsAt(middle)) === target) {
      high = middle;
    } else {
      low = middle + 1;
      infeasible = attempt;
    }
  }
  return low;
}

/** Builds the numbers of the model (shared by the solver and the LP oracle in tests and bench). */
export function buildCostModel(instance: AssignmentInstance, costs: AssignmentCosts): CostModel {
  const capacities = baseCapacities(instance);
  const maxServable = maxServableWith(instance, capacities);
  let bottleneck: number | null = null;
  if (costs.enforceBottleneck) {
    bottleneck = bottleneckLoad(instance, maxServable);
    if (bottleneck !== null) {
      const limit = bottleneck;
      instance.organizations.forEach((organization, index) => {
        capacities[index] = Math.max(0, Math.min(capacities[index] ?? 0, limit - organization.currentLoad));
      });
    }
  }
  const arcCosts = Float64Array.from(instance.arcs.map((arc) => arcCost(arc, costs)));
  // Never more units than the cases that could use them.
  const arcsPerOrganization = new Int32Array(instance.organizations.length);
  for (const arc of instance.arcs)
    arcsPerOrganization[arc.organizationIndex] = (arcsPerOrganization[arc.organizationIndex] ?? 0) + 1;
  const unitCosts = instance.organizations.map((organization, index) => {
    const units = Math.min(capacities[index] ?? 0, arcsPerOrganization[index] ?? 0);
    capacities[index] = units;
    return Array.from({ length: units }, (_, k) =>
      marginalLoadCost(organization.currentLoad + k + 1, organization.declaredCapacity, costs),
    );
  });
  let maxArc = 0;
  const maxArcOfCase = new Float64Array(instance.cases.length);
  instance.arcs.forEach((arc, index) => {
    const value = arcCosts[index] ?? 0;
    if (value > (maxArcOfCase[arc.caseIndex] ?? 0)) maxArcOfCase[arc.caseIndex] = value;
    maxArc = Math.max(maxArc, value);
  });
  let maxUnit = 0;
  for (const units of unitCosts) for (const unit of units) maxUnit = Math.max(maxUnit, unit);
  // The penalty must exceed the cost of any augmenting path, so that leaving a case unassigned is
  // never cheaper while it could be served. Two valid bounds, the smaller is taken: any assignment
  // costs at most Σ_i (max arc of i + max unit); and a simple augmenting path has at most
  // min(cases, organisations) forward arcs, backward arcs only subtract, plus one unit.
  let total = 0;
  for (const value of maxArcOfCase) total += value + maxUnit;
  const path = (Math.min(instance.cases.length, instance.organizations.length) + 1) * maxArc + maxUnit;
  return { arcCosts, capacities, unitCosts, penalty: Math.min(total, path) + 1, maxServable, bottleneck };
}

function explainUnassigned(instance: AssignmentInstance, arcsOfCase: readonly number[]): UnassignedReason {
  if (arcsOfCase.length === 0) return 'no_eligible';
  const hasCapacity = arcsOfCase.some(
    (arcIndex) => (instance.organizations[instance.arcs[arcIndex]?.organizationIndex ?? -1]?.capacity ?? 0) > 0,
  );
  return hasCapacity ? 'capacity_exhausted' : 'no_capacity';
}

function arcsByCase(instance: AssignmentInstance): number[][] {
  const lists: number[][] = instance.cases.map(() => []);
  instance.arcs.forEach((arc, index) => lists[arc.caseIndex]?.push(index));
  return lists;
}

/** The real cost (distance and load points) of a set of assignments under the model's costs. */
export function assignmentCost(
  instance: AssignmentInstance,
  assignments: readonly Assignment[],
  costs: AssignmentCosts,
): { distance: number; load: number; total: number } {
  let distance = 0;
  const added = new Int32Array(instance.organizations.length);
  for (const assignment of assignments) {
    const arc = instance.arcs[assignment.arcIndex];
    if (arc) distance += arcCost(arc, costs);
    added[assignment.organizationIndex] = (added[assignment.organizationIndex] ?? 0) + 1;
  }
  let load = 0;
  instance.organizations.forEach((organization, index) => {
    for (let k = 1; k <= (added[index] ?? 0); k += 1)
      load += marginalLoadCost(organization.currentLoad + k, organization.declaredCapacity, costs);
  });
  return { distance, load, total: distance + load };
}

export type FlowSolver = 'contracted' | 'shortest-paths';

/**
 * Solves the model exactly (see the module comment). Deterministic: same instance → same answer.
 * `contracted` (assignment-flow.ts) is the production solver; `shortest-paths` (min-cost-flow.ts,
 * the same algorithm on the uncontracted network) is the simple reference the tests hold it to.
 */
export function solveAssignment(
  instance: AssignmentInstance,
  costs: AssignmentCosts,
  solver: FlowSolver = 'contracted',
): AssignmentResult {
  const caseCount = instance.cases.length;
  const organizationCount = instance.organizations.length;
  const model = buildCostModel(instance, costs);
  if (solver === 'contracted') return resultFrom(instance, costs, model, routeCases(instance, model));
  const sink = caseCount + organizationCount;
  const edgeHint = instance.arcs.length + caseCount * 2 + organizationCount * 4;
  const network = new MinCostFlow(sink + 1, edgeHint);
  const arcEdges = new Int32Array(instance.arcs.length).fill(-1);
  instance.arcs.forEach((arc, index) => {
    if ((model.capacities[arc.organizationIndex] ?? 0) <= 0) return;
    arcEdges[index] = network.addEdge(arc.caseIndex, caseCount + arc.organizationIndex, 1, model.arcCosts[index] ?? 0);
  });
  model.unitCosts.forEach((units, index) => {
    for (const unit of units) network.addEdge(caseCount + index, sink, 1, unit);
  });
  for (let index = 0; index < caseCount; index += 1) network.addEdge(index, sink, 1, model.penalty);
  for (let index = 0; index < caseCount; index += 1) network.augmentOne(index, sink);

  const assignedTo = new Int32Array(caseCount).fill(-1);
  instance.arcs.forEach((arc, index) => {
    const edge = arcEdges[index] ?? -1;
    if (edge >= 0 && network.flow(edge) > 0) assignedTo[arc.caseIndex] = arc.organizationIndex;
  });
  return resultFrom(instance, costs, model, assignedTo);
}

function resultFrom(
  instance: AssignmentInstance,
  costs: AssignmentCosts,
  model: CostModel,
  assignedTo: Int32Array,
): AssignmentResult {
  const caseCount = instance.cases.length;
  const byCase = arcsByCase(instance);
  const assignments: Assignment[] = [];
  const served = new Uint8Array(caseCount);
  for (let caseIndex = 0; caseIndex < caseCount; caseIndex += 1) {
    const organizationIndex = assignedTo[caseIndex] ?? -1;
    if (organizationIndex < 0) continue;
    const arcIndex = (byCase[caseIndex] ?? []).find(
      (index) => instance.arcs[index]?.organizationIndex === organizationIndex,
    );
    if (arcIndex === undefined) throw new Error('assignment to an organisation without an eligible pair');
    assignments.push({ caseIndex, organizationIndex, arcIndex });
    served[caseIndex] = 1;
  }
  const unassigned = [];
  for (let index = 0; index < caseCount; index += 1) {
    if (!served[index]) unassigned.push({ caseIndex: index, reason: explainUnassigned(instance, byCase[index] ?? []) });
  }
  return {
    assignments,
    unassigned,
    maxServable: model.maxServable,
    bottleneck: model.bottleneck,
    cost: assignmentCost(instance, assignments, costs),
  };
}

/**
 * The baseline the Center would do by hand: case by case (in the instance's order), the nearest
 * eligible organisation that still has a free slot. Ties by organisation id.
 */
export function greedyNearest(
  instance: AssignmentInstance,
): Omit<AssignmentResult, 'maxServable' | 'bottleneck' | 'cost'> {
  const remaining = baseCapacities(instance);
  const byCase = arcsByCase(instance);
  const assignments: Assignment[] = [];
  const unassigned: { caseIndex: number; reason: UnassignedReason }[] = [];
  byCase.forEach((arcIndexes, caseIndex) => {
    let best = -1;
    for (const arcIndex of arcIndexes) {
      const arc = instance.arcs[arcIndex];
      if (!arc || (remaining[arc.organizationIndex] ?? 0) <= 0) continue;
      const current = best === -1 ? null : instance.arcs[best];
      if (
        current === null ||
        current === undefined ||
        arc.distanceKm < current.distanceKm ||
        (arc.distanceKm === current.distanceKm &&
          (instance.organizations[arc.organizationIndex]?.id ?? '') <
            (instance.organizations[current.organizationIndex]?.id ?? ''))
      )
        best = arcIndex;
    }
    const chosen = best === -1 ? undefined : instance.arcs[best];
    if (!chosen) {
      unassigned.push({ caseIndex, reason: explainUnassigned(instance, arcIndexes) });
      return;
    }
    remaining[chosen.organizationIndex] = (remaining[chosen.organizationIndex] ?? 0) - 1;
    assignments.push({ caseIndex, organizationIndex: chosen.organizationIndex, arcIndex: best });
  });
  return { assignments, unassigned };
}

/** Gini coefficient of non-negative values (0 = perfectly even, → 1 = all on one). */
export function gini(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  if (total === 0) return 0;
  let weighted = 0;
  sorted.forEach((value, index) => {
    weighted += (index + 1) * value;
  });
  return (2 * weighted) / (n * total) - (n + 1) / n;
}

export type AssignmentMetrics = {
  /** Largest home-patient count (current + new) among organisations receiving patients in this batch. */
  maxLoad: number;
  /** Gini of home patients (current + new) over every organisation eligible for a case of the batch. */
  gini: number;
  totalDistanceKm: number;
  assignedCount: number;
};

export function assignmentMetrics(
  instance: AssignmentInstance,
  assignments: readonly { organizationIndex: number; arcIndex: number }[],
): AssignmentMetrics {
  const added = new Int32Array(instance.organizations.length);
  let totalDistanceKm = 0;
  for (const assignment of assignments) {
    added[assignment.organizationIndex] = (added[assignment.organizationIndex] ?? 0) + 1;
    totalDistanceKm += instance.arcs[assignment.arcIndex]?.distanceKm ?? 0;
  }
  const inPool = new Uint8Array(instance.organizations.length);
  for (const arc of instance.arcs) inPool[arc.organizationIndex] = 1;
  let maxLoad = 0;
  const loads: number[] = [];
  instance.organizations.forEach((organization, index) => {
    const total = organization.currentLoad + (added[index] ?? 0);
    if ((added[index] ?? 0) > 0) maxLoad = Math.max(maxLoad, total);
    if (inPool[index]) loads.push(total);
  });
  return {
    maxLoad,
    gini: Math.round(gini(loads) * 1000) / 1000,
    totalDistanceKm: Math.round(totalDistanceKm * 100) / 100,
    assignedCount: assignments.length,
  };
}

/**
 * Assignments decided before the optimisation (e.g. the secondary doctor defaulting to the pair
 * partner of the primary): the rest of the instance — the other cases, each organisation's
 * remaining capacity, its load including the fixed patients — is what the solver and the greedy
 * baseline then work on. Returns the reduced instance and a way to map its answer back.
 */
export function fixAssignments(instance: AssignmentInstance, fixed: readonly Assignment[]) {
  const isFixed = new Uint8Array(instance.cases.length);
  const taken = new Int32Array(instance.organizations.length);
  for (const assignment of fixed) {
    isFixed[assignment.caseIndex] = 1;
    taken[assignment.organizationIndex] = (taken[assignment.organizationIndex] ?? 0) + 1;
  }
  const caseMap: number[] = [];
  const newCaseIndex = new Int32Array(instance.cases.length).fill(-1);
  instance.cases.forEach((_, index) => {
    if (isFixed[index]) return;
    newCaseIndex[index] = caseMap.length;
    caseMap.push(index);
  });
  const arcMap: number[] = [];
  const arcs: AssignmentInstance['arcs'][number][] = [];
  instance.arcs.forEach((arc, index) => {
    const caseIndex = newCaseIndex[arc.caseIndex] ?? -1;
    if (caseIndex < 0) return;
    arcMap.push(index);
    arcs.push({ ...arc, caseIndex });
  });
  const reduced: AssignmentInstance = {
    cases: caseMap.map((index) => instance.cases[index] as { id: string }),
    organizations: instance.organizations.map((organization, index) => ({
      ...organization,
      capacity: Math.max(0, organization.capacity - (taken[index] ?? 0)),
      currentLoad: organization.currentLoad + (taken[index] ?? 0),
    })),
    arcs,
  };
  const expand = (assignments: readonly Assignment[]): Assignment[] =>
    [
      ...fixed,
      ...assignments.map((assignment) => ({
        caseIndex: caseMap[assignment.caseIndex] ?? -1,
        organizationIndex: assignment.organizationIndex,
        arcIndex: arcMap[assignment.arcIndex] ?? -1,
      })),
    ].sort((a, b) => a.caseIndex - b.caseIndex);
  const expandUnassigned = (unassigned: readonly { caseIndex: number; reason: UnassignedReason }[]) =>
    unassigned.map((entry) => ({ caseIndex: caseMap[entry.caseIndex] ?? -1, reason: entry.reason }));
  return { reduced, expand, expandUnassigned };
}

/** solveAssignment with some assignments fixed beforehand (they count against capacity and load). */
export function solveAssignmentWithFixed(
  instance: AssignmentInstance,
  fixed: readonly Assignment[],
  costs: AssignmentCosts,
): AssignmentResult {
  if (fixed.length === 0) return solveAssignment(instance, costs);
  const { reduced, expand, expandUnassigned } = fixAssignments(instance, fixed);
  const result = solveAssignment(reduced, costs);
  const assignments = expand(result.assignments);
  return {
    assignments,
    unassigned: expandUnassigned(result.unassigned),
    maxServable: fixed.length + result.maxServable,
    bottleneck: result.bottleneck,
    cost: assignmentCost(instance, assignments, costs),
  };
}

/** greedyNearest with the same fixed assignments. */
export function greedyNearestWithFixed(instance: AssignmentInstance, fixed: readonly Assignment[]) {
  if (fixed.length === 0) return greedyNearest(instance);
  const { reduced, expand, expandUnassigned } = fixAssignments(instance, fixed);
  const result = greedyNearest(reduced);
  return { assignments: expand(result.assignments), unassigned: expandUnassigned(result.unassigned) };
}
