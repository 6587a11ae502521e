/**
 * The batch assignment's min-cost flow, solved by successive shortest paths with potentials on a
 * network contracted to the organisations. In the flow network (batch-assignment.ts) a residual
 * path alternates organisation → (a case it holds, backwards) → another organisation; contracting
 * each such step into one arc a → b of cost S[a][b] = min over cases i held by a and eligible for
 * b of (d_ib − d_ia) gives a graph of only the organisations plus the sink, with exits
 *   a → sink by its next capacity unit (marginal load cost m_a(next)), or
 *   a → sink by un-assigning a case i it holds (penalty P − d_ia).
 * Each case is routed in turn by Dijkstra (binary heap) from that case over this small graph,
 * stopping when the sink is settled. Potentials live on the organisations only:
 * a case held by a implicitly has π(i) = π(a) − d_ia (its reverse arc is tight), which keeps every
 * reduced cost of the full network ≥ 0 exactly when it holds for the contracted arcs; convex unit
 * costs keep the next unit's reduced cost ≥ 0 after a unit is used. This is the same algorithm as
 * min-cost-flow.ts (the tests' reference) on the same network, only each search costs
 * O(|orgs|²) instead of O(|arcs| log n): with 1,000 cases and ~130,000 eligible pairs the
 * contracted search is tens of times cheaper, and it stays cheap when free slots run out and every
 * new case needs a chain of displacements (docs/matching.md, benchmark W2).
 */
import type { AssignmentInstance, CostModel } from './batch-assignment.js';

const infinity = Number.POSITIVE_INFINITY;

/**
 * Routes every case; returns the organisation index assigned to each case (−1 = unassigned).
 * Deterministic: ties go to the lowest organisation index and the lowest case index.
 */
export function routeCases(instance: AssignmentInstance, model: CostModel): Int32Array {
  const caseCount = instance.cases.length;
  const organizationCount = instance.organizations.length;
  const penalty = model.penalty;
  // Eligible organisations of each case (only those with capacity in the model), with arc costs.
  const arcStart = new Int32Array(caseCount + 1);
  for (const arc of instance.arcs) {
    if ((model.capacities[arc.organizationIndex] ?? 0) > 0)
      arcStart[arc.caseIndex + 1] = (arcStart[arc.caseIndex + 1] ?? 0) + 1;
  }
  for (let index = 0; index < caseCount; index += 1)
    arcStart[index + 1] = (arcStart[index + 1] ?? 0) + (arcStart[index] ?? 0);
  const arcOrganization = new Int32Array(arcStart[caseCount] ?? 0);
  const arcCostOf = new Float64Array(arcStart[caseCount] ?? 0);
  const fill = arcStart.slice(0, caseCount);
  instance.arcs.forEach((arc, index) => {
    if ((model.capacities[arc.organizationIndex] ?? 0) <= 0) return;
    const position = fill[arc.caseIndex] ?? 0;
    fill[arc.caseIndex] = position + 1;
    arcOrganization[position] = arc.organizationIndex;
    arcCostOf[position] = model.arcCosts[index] ?? 0;
  });
  /** Cost of case i at organisation j (infinite when not eligible), looked up when a case moves. */
  const costAt = (caseIndex: number, organizationIndex: number): number => {
    for (let position = arcStart[caseIndex] ?? 0; position < (arcStart[caseIndex + 1] ?? 0); position += 1)
      if (arcOrganization[position] === organizationIndex) return arcCostOf[position] ?? 0;
    return infinity;
  };

  const assignedTo = new Int32Array(caseCount).fill(-1);
  const held: number[][] = Array.from({ length: organizationCount }, () => []);
  const unitsUsed = new Int32Array(organizationCount);
  // Dense scratch of one row while it is rebuilt; the rows themselves are kept sparse.
  const scratchCost = new Float64Array(organizationCount).fill(infinity);
  const scratchCase = new Int32Array(organizationCount).fill(-1);
  const rowTargets: Int32Array[] = Array.from({ length: organizationCount }, () => new Int32Array(0));
  const rowCosts: Float64Array[] = Array.from({ length: organizationCount }, () => new Float64Array(0));
  const rowCases: Int32Array[] = Array.from({ length: organizationCount }, () => new Int32Array(0));
  const rowLength = new Int32Array(organizationCount);
  const touchedTargets = new Int32Array(organizationCount);
  /** Arc cost of each case at the organisation holding it. */
  const heldCost = new Float64Array(caseCount);
  const exitCost = new Float64Array(organizationCount).fill(infinity);
  const exitCase = new Int32Array(organizationCount).fill(-1);
  const potential = new Float64Array(organizationCount);
  const sinkPotential = 0;

  const rebuildRow = (organization: number) => {
    exitCost[organization] = infinity;
    exitCase[organization] = -1;
    let touched = 0;
    for (const caseIndex of held[organization] ?? []) {
      const own = heldCost[caseIndex] ?? 0;
      const leave = penalty - own;
      if (
        leave < (exitCost[organization] ?? infinity) ||
        (leave === exitCost[organization] && caseIndex < (exitCase[organization] ?? 0))
      ) {
        exitCost[organization] = leave;
        exitCase[organization] = caseIndex;
      }
      for (let position = arcStart[caseIndex] ?? 0; position < (arcStart[caseIndex + 1] ?? 0); position += 1) {
        const other = arcOrganization[position] as number;
        if (other === organization) continue;
        const value = (arcCostOf[position] as number) - own;
        const current = scratchCost[other] as number;
        if (current === infinity) {
          touchedTargets[touched] = other;
          touched += 1;
        }
        if (value < current || (value === current && caseIndex < (scratchCase[other] as number))) {
          scratchCost[other] = value;
          scratchCase[other] = caseIndex;
        }
      }
    }
    if ((rowTargets[organization]?.length ?? 0) < touched) {
      const size = Math.min(organizationCount, Math.max(touched, 2 * (rowTargets[organization]?.length ?? 0)));
      rowTargets[organization] = new Int32Array(size);
      rowCosts[organization] = new Float64Array(size);
      rowCases[organization] = new Int32Array(size);
    }
    const targets = rowTargets[organization] as Int32Array;
    const costs = rowCosts[organization] as Float64Array;
    const cases = rowCases[organization] as Int32Array;
    for (let index = 0; index < touched; index += 1) {
      const other = touchedTargets[index] as number;
      targets[index] = other;
      costs[index] = scratchCost[other] as number;
      cases[index] = scratchCase[other] as number;
      scratchCost[other] = infinity;
      scratchCase[other] = -1;
    }
    rowLength[organization] = touched;
  };
  /** The case that moves along the cheapest step into each organisation (set while searching). */
  const parentCase = new Int32Array(organizationCount);

  const heap = new MinHeap(organizationCount);
  const distance = new Float64Array(organizationCount);
  const parent = new Int32Array(organizationCount);
  const isSettled = new Uint8Array(organizationCount);
  const settledList = new Int32Array(organizationCount);

  for (let source = 0; source < caseCount; source += 1) {
    distance.fill(infinity);
    isSettled.fill(0);
    for (let position = arcStart[source] ?? 0; position < (arcStart[source + 1] ?? 0); position += 1) {
      const organization = arcOrganization[position] ?? 0;
      const value = (arcCostOf[position] ?? 0) - (potential[organization] ?? 0);
      if (value < (distance[organization] ?? infinity)) {
        distance[organization] = value;
        parent[organization] = -1;
      }
    }
    // Leaving the case unassigned: straight to the sink by its penalty arc.
    let sinkDistance = penalty - sinkPotential;
    let sinkVia = -1;
    let sinkByUnit = false;
    let settledCount = 0;
    heap.clear();
    for (let position = arcStart[source] ?? 0; position < (arcStart[source + 1] ?? 0); position += 1) {
      const organization = arcOrganization[position] ?? 0;
      heap.push(distance[organization] ?? infinity, organization);
    }
    while (heap.size > 0) {
      const best = heap.topKey();
      const next = heap.pop();
      if (isSettled[next] !== 0 || best > (distance[next] ?? infinity)) continue;
      if (best >= sinkDistance) break;
      isSettled[next] = 1;
      settledList[settledCount] = next;
      settledCount += 1;
      const base = best + (potential[next] ?? 0);
      const unit = unitsUsed[next] ?? 0;
      const units = model.unitCosts[next] ?? [];
      if (unit < units.length) {
        const value = base + (units[unit] ?? 0) - sinkPotential;
        if (value < sinkDistance) {
          sinkDistance = value;
          sinkVia = next;
          sinkByUnit = true;
        }
      }
      if ((exitCase[next] ?? -1) !== -1) {
        const value = base + (exitCost[next] ?? infinity) - sinkPotential;
        if (value < sinkDistance) {
          sinkDistance = value;
          sinkVia = next;
          sinkByUnit = false;
        }
      }
      const targets = rowTargets[next] as Int32Array;
      const costs = rowCosts[next] as Float64Array;
      const cases = rowCases[next] as Int32Array;
      const length = rowLength[next] as number;
      for (let index = 0; index < length; index += 1) {
        const other = targets[index] as number;
        if (isSettled[other] !== 0) continue;
        const value = base + (costs[index] as number) - (potential[other] as number);
        // Nothing at or beyond the sink's current distance can improve the path.
        if (value < (distance[other] as number) && value < sinkDistance) {
          distance[other] = value;
          parent[other] = next;
          parentCase[other] = cases[index] as number;
          heap.push(value, other);
        }
      }
    }
    for (let index = 0; index < settledCount; index += 1) {
      const organization = settledList[index] ?? 0;
      potential[organization] = (potential[organization] ?? 0) + (distance[organization] ?? 0) - sinkDistance;
    }
    if (sinkVia === -1) continue; // cheapest is to leave this case unassigned
    const touched: number[] = [];
    // The exit: a new unit of the last organisation, or one of its cases goes unassigned.
    if (sinkByUnit) {
      unitsUsed[sinkVia] = (unitsUsed[sinkVia] ?? 0) + 1;
    } else {
      const dropped = exitCase[sinkVia] ?? -1;
      held[sinkVia] = (held[sinkVia] ?? []).filter((caseIndex) => caseIndex !== dropped);
      assignedTo[dropped] = -1;
    }
    // Walk back: each organisation takes the case its predecessor passes on.
    let organization = sinkVia;
    for (;;) {
      touched.push(organization);
      const from = parent[organization] ?? -1;
      const moving = from === -1 ? source : (parentCase[organization] ?? -1);
      (held[organization] ?? []).push(moving);
      assignedTo[moving] = organization;
      heldCost[moving] = costAt(moving, organization);
      if (from === -1) break;
      held[from] = (held[from] ?? []).filter((caseIndex) => caseIndex !== moving);
      organization = from;
    }
    for (const changed of touched) rebuildRow(changed);
  }
  return assignedTo;
}

/** A binary min-heap of (key, organisation) with ties broken by the lower organisation index. */
class MinHeap {
  private keys: Float64Array;
  private values: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(16, capacity));
    this.values = new Int32Array(Math.max(16, capacity));
  }

  clear(): void {
    this.size = 0;
  }

  topKey(): number {
    return this.keys[0] ?? infinity;
  }

  private static isBefore(keyA: number, valueA: number, keyB: number, valueB: number): boolean {
    return keyA < keyB || (keyA === keyB && valueA < valueB);
  }

  push(key: number, value: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      const values = new Int32Array(this.size * 2);
      values.set(this.values);
      this.keys = keys;
      this.values = values;
    }
    let index = this.size;
    this.size += 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentKey = this.keys[parent] as number;
      const parentValue = this.values[parent] as number;
      if (!MinHeap.isBefore(key, value, parentKey, parentValue)) break;
      this.keys[index] = parentKey;
      this.values[index] = parentValue;
      index = parent;
    }
    this.keys[index] = key;
    this.values[index] = value;
  }

  /** Removes the top and returns its value (call only when size > 0). */
  pop(): number {
    const top = this.values[0] as number;
    this.size -= 1;
    const size = this.size;
    if (size === 0) return top;
    const lastKey = this.keys[size] as number;
    const lastValue = this.values[size] as number;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= size) break;
      let child = left;
      const right = left + 1;
      if (
        right < size &&
        MinHeap.isBefore(
          this.keys[right] as number,
          this.values[right] as number,
          this.keys[left] as number,
          this.values[left] as number,
        )
      )
        child = right;
      if (!MinHeap.isBefore(this.keys[child] as number, this.values[child] as number, lastKey, lastValue)) break;
      this.keys[index] = this.keys[child] as number;
      this.values[index] = this.values[child] as number;
      index = child;
    }
    this.keys[index] = lastKey;
    this.values[index] = lastValue;
    return top;
  }
}
