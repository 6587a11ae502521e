/**
 * How many cases can be served at all with given per-organisation capacities: a maximum
 * b-matching on the bipartite graph of eligible pairs (each case at most once, organisation j at
 * most cap_j times). Augmenting paths by depth-first search in phases (Kuhn's algorithm with a
 * visited mark shared by one phase, so each phase is linear in the graph), after a greedy start.
 * A matching is kept between calls, so raising capacities (the binary search for the bottleneck
 * goes upwards from a known infeasible limit) only augments what is missing.
 */

export type BipartiteGraph = {
  caseCount: number;
  organizationCount: number;
  /** CSR adjacency: the organisations of case i are organizationOf[start[i] … start[i+1]). */
  start: Int32Array;
  organizationOf: Int32Array;
};

/** Builds the CSR adjacency from eligible pairs. */
export function bipartiteGraph(
  caseCount: number,
  organizationCount: number,
  pairs: readonly { caseIndex: number; organizationIndex: number }[],
): BipartiteGraph {
  const start = new Int32Array(caseCount + 1);
  for (const pair of pairs) start[pair.caseIndex + 1] = (start[pair.caseIndex + 1] ?? 0) + 1;
  for (let index = 0; index < caseCount; index += 1) start[index + 1] = (start[index + 1] ?? 0) + (start[index] ?? 0);
  const organizationOf = new Int32Array(start[caseCount] ?? 0);
  const fill = start.slice(0, caseCount);
  for (const pair of pairs) {
    const position = fill[pair.caseIndex] ?? 0;
    fill[pair.caseIndex] = position + 1;
    organizationOf[position] = pair.organizationIndex;
  }
  return { caseCount, organizationCount, start, organizationOf };
}

/** A b-matching that can be grown as capacities rise. */
export class CapacityMatching {
  private readonly graph: BipartiteGraph;
  /** Organisation of each case, −1 = unmatched. */
  readonly matchOf: Int32Array;
  /** Cases held per organisation (unordered). */
  private readonly held: Int32Array[];
  private readonly heldCount: Int32Array;
  private readonly visited: Int32Array;
  private stamp = 0;
  private capacities: Int32Array;
  size = 0;

  constructor(graph: BipartiteGraph, from?: CapacityMatching) {
    this.graph = graph;
    this.matchOf = from ? from.matchOf.slice() : new Int32Array(graph.caseCount).fill(-1);
    this.heldCount = from ? from.heldCount.slice() : new Int32Array(graph.organizationCount);
    this.held = from
      ? from.held.map((cases) => cases.slice())
      : Array.from({ length: graph.organizationCount }, () => new Int32Array(4));
    this.visited = new Int32Array(graph.organizationCount);
    this.capacities = from ? from.capacities.slice() : new Int32Array(graph.organizationCount);
    this.size = from?.size ?? 0;
  }

  private hold(organization: number, caseIndex: number): void {
    let cases = this.held[organization] as Int32Array;
    const count = this.heldCount[organization] ?? 0;
    if (count === cases.length) {
      const grown = new Int32Array(cases.length * 2);
      grown.set(cases);
      this.held[organization] = grown;
      cases = grown;
    }
    cases[count] = caseIndex;
    this.heldCount[organization] = count + 1;
  }

  private release(organization: number, caseIndex: number): void {
    const cases = this.held[organization] as Int32Array;
    const count = this.heldCount[organization] ?? 0;
    for (let index = 0; index < count; index += 1) {
      if (cases[index] === caseIndex) {
        cases[index] = cases[count - 1] ?? 0;
        this.heldCount[organization] = count - 1;
        return;
      }
    }
  }

  /** Tries to give `caseIndex` an organisation with a free place, directly or by moving others. */
  private augment(caseIndex: number): boolean {
    const { start, organizationOf } = this.graph;
    // A free place among its own organisations first (whatever was explored before).
    for (let position = start[caseIndex] ?? 0; position < (start[caseIndex + 1] ?? 0); position += 1) {
      const organization = organizationOf[position] ?? 0;
      if ((this.heldCount[organization] ?? 0) < (this.capacities[organization] ?? 0)) {
        this.take(organization, caseIndex);
        return true;
      }
    }
    return this.augmentDeep(caseIndex, -1);
  }

  private take(organization: number, caseIndex: number): void {
    this.hold(organization, caseIndex);
    this.matchOf[caseIndex] = organization;
  }

  /**
   * Depth-first search for an augmenting path from `caseIndex` (held by `current`, or −1 when
   * unmatched) through full organisations not yet explored in this phase. An explored organisation
   * is marked for the whole phase: if the search through it failed, it cannot succeed later in the
   * same phase unless the matching changed, and phases repeat until one finds nothing.
   */
  private augmentDeep(caseIndex: number, current: number): boolean {
    const { start, organizationOf } = this.graph;
    for (let position = start[caseIndex] ?? 0; position < (start[caseIndex + 1] ?? 0); position += 1) {
      const organization = organizationOf[position] ?? 0;
      if (organization === current) continue;
      if ((this.heldCount[organization] ?? 0) < (this.capacities[organization] ?? 0)) {
        this.take(organization, caseIndex);
        return true;
      }
      if (this.visited[organization] === this.stamp) continue;
      this.visited[organization] = this.stamp;
      const cases = this.held[organization] as Int32Array;
      const count = this.heldCount[organization] ?? 0;
      for (let index = 0; index < count; index += 1) {
        const other = cases[index] ?? 0;
        if (this.augmentDeep(other, organization)) {
          this.release(organization, other);
          this.take(organization, caseIndex);
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Grows the matching to a maximum one under `capacities` (which must not be below the
   * capacities of the previous call: matched cases stay matched). Returns its size.
   */
  grow(capacities: ArrayLike<number>): number {
    this.capacities = Int32Array.from(capacities);
    for (;;) {
      this.stamp += 1;
      let augmented = 0;
      for (let caseIndex = 0; caseIndex < this.graph.caseCount; caseIndex += 1) {
        if ((this.matchOf[caseIndex] ?? -1) !== -1) continue;
        if ((this.graph.start[caseIndex + 1] ?? 0) === (this.graph.start[caseIndex] ?? 0)) continue;
        if (this.augment(caseIndex)) augmented += 1;
      }
      this.size += augmented;
      if (augmented === 0) return this.size;
    }
  }
}
