/**
 * Min-cost flow by successive shortest paths with node potentials (Johnson reweighting) and
 * Dijkstra on a binary heap: each call sends one unit from a node with supply to the sink along a
 * cheapest path of the residual network. Costs are integers (exact in float64 up to 2^53); all
 * initial costs must be non-negative, so zero potentials are valid at the start.
 *
 * This is the plain textbook form on the whole network: the tests' reference for the batch
 * assignment (the production solver, assignment-flow.ts, runs the same algorithm on a network
 * contracted to the organisations). In the batch assignment every case supplies exactly one unit,
 * and SSP stays optimal whatever the order in which supplies are routed (the invariant is "no
 * negative reduced cost in the residual network", kept by the potential update).
 *
 * Potential update after an early-stopped search with sink distance D: π(v) += d(v) − D for each
 * settled node (d(v) ≤ D), unchanged otherwise. For a residual arc (u,v) with reduced cost c ≥ 0,
 * min(d(v),D) ≤ min(d(u),D) + c, so reduced costs stay ≥ 0, and arcs on the path become 0.
 */

export class MinCostFlow {
  readonly nodeCount: number;
  private edgeCount = 0;
  private readonly head: Int32Array;
  private nextEdge: Int32Array;
  private target: Int32Array;
  private capacity: Int32Array;
  private cost: Float64Array;
  private readonly potential: Float64Array;
  // Search workspace, reused between calls.
  private readonly distance: Float64Array;
  private readonly settledAt: Int32Array;
  private readonly reachedAt: Int32Array;
  private readonly parentEdge: Int32Array;
  private readonly settledList: Int32Array;
  private searchId = 0;
  private heapDist: Float64Array;
  private heapNode: Int32Array;
  private heapSize = 0;

  constructor(nodeCount: number, edgeCapacityHint = 16) {
    this.nodeCount = nodeCount;
    this.head = new Int32Array(nodeCount).fill(-1);
    const edges = Math.max(2, edgeCapacityHint * 2);
    this.nextEdge = new Int32Array(edges);
    this.target = new Int32Array(edges);
    this.capacity = new Int32Array(edges);
    this.cost = new Float64Array(edges);
    this.potential = new Float64Array(nodeCount);
    this.distance = new Float64Array(nodeCount);
    this.settledAt = new Int32Array(nodeCount);
    this.reachedAt = new Int32Array(nodeCount);
    this.parentEdge = new Int32Array(nodeCount);
    this.settledList = new Int32Array(nodeCount);
    this.heapDist = new Float64Array(Math.max(16, nodeCount));
    this.heapNode = new Int32Array(Math.max(16, nodeCount));
  }

  private grow(): void {
    const size = this.nextEdge.length * 2;
    const copy = <T extends Int32Array | Float64Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.nextEdge = copy(this.nextEdge, new Int32Array(size));
    this.target = copy(this.target, new Int32Array(size));
    this.capacity = copy(this.capacity, new Int32Array(size));
    this.cost = copy(this.cost, new Float64Array(size));
  }

  /** Adds an arc and its residual twin; returns the arc's id (the twin is id ^ 1). */
  addEdge(from: number, to: number, capacity: number, cost: number): number {
    if (cost < 0) throw new Error('MinCostFlow needs non-negative costs');
    if (this.edgeCount + 2 > this.nextEdge.length) this.grow();
    const id = this.edgeCount;
    this.target[id] = to;
    this.capacity[id] = capacity;
    this.cost[id] = cost;
    this.nextEdge[id] = this.head[from] ?? -1;
    this.head[from] = id;
    this.target[id + 1] = from;
    this.capacity[id + 1] = 0;
    this.cost[id + 1] = -cost;
    this.nextEdge[id + 1] = this.head[to] ?? -1;
    this.head[to] = id + 1;
    this.edgeCount += 2;
    return id;
  }

  /** Units of flow on an arc. */
  flow(edge: number): number {
    return this.capacity[edge ^ 1] ?? 0;
  }

  private heapPush(dist: number, node: number): void {
    if (this.heapSize === this.heapDist.length) {
      const dists = new Float64Array(this.heapSize * 2);
      dists.set(this.heapDist);
      const nodes = new Int32Array(this.heapSize * 2);
      nodes.set(this.heapNode);
      this.heapDist = dists;
      this.heapNode = nodes;
    }
    const dists = this.heapDist;
    const nodes = this.heapNode;
    let index = this.heapSize;
    this.heapSize += 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentDist = dists[parent] ?? 0;
      const parentNode = nodes[parent] ?? 0;
      if (parentDist < dist || (parentDist === dist && parentNode <= node)) break;
      dists[index] = parentDist;
      nodes[index] = parentNode;
      index = parent;
    }
    dists[index] = dist;
    nodes[index] = node;
  }

  /** Pops the smallest (dist, node) into `popped`; false when empty. */
  private heapPop(popped: { dist: number; node: number }): boolean {
    if (this.heapSize === 0) return false;
    const dists = this.heapDist;
    const nodes = this.heapNode;
    popped.dist = dists[0] ?? 0;
    popped.node = nodes[0] ?? 0;
    this.heapSize -= 1;
    const size = this.heapSize;
    if (size === 0) return true;
    const lastDist = dists[size] ?? 0;
    const lastNode = nodes[size] ?? 0;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= size) break;
      let child = left;
      const right = left + 1;
      if (right < size) {
        const leftDist = dists[left] ?? 0;
        const rightDist = dists[right] ?? 0;
        if (rightDist < leftDist || (rightDist === leftDist && (nodes[right] ?? 0) < (nodes[left] ?? 0))) child = right;
      }
      const childDist = dists[child] ?? 0;
      const childNode = nodes[child] ?? 0;
      if (lastDist < childDist || (lastDist === childDist && lastNode <= childNode)) break;
      dists[index] = childDist;
      nodes[index] = childNode;
      index = child;
    }
    dists[index] = lastDist;
    nodes[index] = lastNode;
    return true;
  }

  /**
   * Sends one unit from `source` to `sink` along a cheapest residual path. Returns the path's
   * cost, or null when the sink cannot be reached (nothing changes then).
   */
  augmentOne(source: number, sink: number): number | null {
    this.searchId += 1;
    const stamp = this.searchId;
    const { distance, settledAt, reachedAt, parentEdge, potential, settledList } = this;
    const capacity = this.capacity;
    const cost = this.cost;
    const target = this.target;
    const nextEdge = this.nextEdge;
    const head = this.head;
    this.heapSize = 0;
    distance[source] = 0;
    reachedAt[source] = stamp;
    parentEdge[source] = -1;
    this.heapPush(0, source);
    let settledCount = 0;
    const popped = { dist: 0, node: 0 };
    let sinkDistance = -1;
    while (this.heapPop(popped)) {
      const node = popped.node;
      if (settledAt[node] === stamp) continue;
      if (popped.dist > (distance[node] ?? 0)) continue;
      settledAt[node] = stamp;
      settledList[settledCount] = node;
      settledCount += 1;
      if (node === sink) {
        sinkDistance = popped.dist;
        break;
      }
      const base = popped.dist + (potential[node] ?? 0);
      for (let edge = head[node] ?? -1; edge !== -1; edge = nextEdge[edge] ?? -1) {
        if ((capacity[edge] ?? 0) <= 0) continue;
        const to = target[edge] ?? 0;
        if (settledAt[to] === stamp) continue;
        const candidate = base + (cost[edge] ?? 0) - (potential[to] ?? 0);
        if (reachedAt[to] !== stamp || candidate < (distance[to] ?? 0)) {
          reachedAt[to] = stamp;
          distance[to] = candidate;
          parentEdge[to] = edge;
          this.heapPush(candidate, to);
        }
      }
    }
    if (sinkDistance < 0) return null;
    for (let index = 0; index < settledCount; index += 1) {
      const node = settledList[index] ?? 0;
      potential[node] = (potential[node] ?? 0) + (distance[node] ?? 0) - sinkDistance;
    }
    let pathCost = 0;
    for (let node = sink; node !== source;) {
      const edge = parentEdge[node] ?? -1;
      capacity[edge] = (capacity[edge] ?? 0) - 1;
      capacity[edge ^ 1] = (capacity[edge ^ 1] ?? 0) + 1;
      pathCost += cost[edge] ?? 0;
      node = target[edge ^ 1] ?? 0;
    }
    return pathCost;
  }
}
