/**
 * The in-memory directory index behind the resource search: organisations as points with
 * capability bit masks, one k-d tree per capability bit (so a filtered search walks only the
 * organisations that can match), a best-first great-circle nearest search with exact
 * (distance, id) ordering, and a linear scan for small candidate lists.
 *
 * Order of results: fresh availability before stale (要確認), then nearest first, ties by id.
 */
import KDBush from 'kdbush';
import type { AvailabilityStatus, OrganizationKind, PatientGroup, Procedure } from '../codes.js';
import { groupMask, kindIndex, kindMask, noStatus, procedureMask, statusIndex } from './capability-mask.js';
import { boxHaverSinDist, cosLatOf, haverSinDist, haverSinToKm, kmToHaverSin } from './geo.js';

export type DirectoryEntry = {
  id: string;
  lat: number;
  lng: number;
  kind: OrganizationKind;
  areaCode: string | null;
  groups: readonly PatientGroup[];
  procedures: readonly Procedure[];
  isAvailable24h: boolean;
  coverageRadiusKm: number | null;
  coverageAreaCodes: readonly string[];
  availabilityStatus: AvailabilityStatus | null;
  /** Epoch milliseconds of the last availability update, null when never declared. */
  availabilityUpdatedAt: number | null;
};

export type SearchQuery = {
  lat: number;
  lng: number;
  /** Maximum distance from the point; null = no limit (area search). */
  radiusKm: number | null;
  /** The area the point lies in: an organisation covering this area reaches the point. */
  pointAreaCode: string | null;
  /** Area search: only organisations located in this area or covering it. */
  withinAreaCode?: string | null;
  kinds: readonly OrganizationKind[];
  groups: readonly PatientGroup[];
  procedures: readonly Procedure[];
  requires24h?: boolean;
  /** Only organisations whose status is accepting or limited. */
  acceptingOnly: boolean;
  /** Leave out organisations that declared themselves full (unknown status stays in). */
  excludeFull?: boolean;
  limit: number;
  nowMs: number;
  staleAfterMs: number;
};

export type SearchHit = { id: string; distanceKm: number; isStale: boolean };

/** Filters compiled once per query. */
type CompiledQuery = {
  lng: number;
  lat: number;
  cosLat: number;
  maxH: number;
  pointArea: number;
  withinArea: number;
  kinds: number;
  groups: number;
  procedures: number;
  requires24h: boolean;
  acceptingOnly: boolean;
  excludeFull: boolean;
  staleBefore: number;
};

type HeapItem = { dist: number; item: number; node: TreeNode | null };
type TreeNode = {
  left: number;
  right: number;
  axis: number;
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
};

/** Min-heap on (dist, node before point, item): points leave in exact (distance, id) order. */
class ItemHeap {
  private readonly data: HeapItem[] = [];

  get size(): number {
    return this.data.length;
  }

  private static less(a: HeapItem, b: HeapItem): boolean {
    if (a.dist !== b.dist) return a.dist < b.dist;
    if ((a.node === null) !== (b.node === null)) return a.node !== null;
    return a.item < b.item;
  }

  push(entry: HeapItem): void {
    const data = this.data;
    data.push(entry);
    let index = data.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentItem = data[parent] as HeapItem;
      if (!ItemHeap.less(entry, parentItem)) break;
      data[index] = parentItem;
      index = parent;
    }
    data[index] = entry;
  }

  pop(): HeapItem | undefined {
    const data = this.data;
    const top = data[0];
    const last = data.pop();
    if (data.length === 0 || last === undefined) return top;
    let index = 0;
    const length = data.length;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      if (right < length && ItemHeap.less(data[right] as HeapItem, data[left] as HeapItem)) child = right;
      const childItem = data[child] as HeapItem;
      if (!ItemHeap.less(childItem, last)) break;
      data[index] = childItem;
      index = child;
    }
    data[index] = last;
    return top;
  }
}

/** A k-d tree over a subset of the index's items (KDBush layout: ids + coords). */
type Tree = { kd: KDBush; size: number };

const treeNodeSize = 16;
/** Below this many candidates a plain scan beats walking a tree. */
const linearScanThreshold = 256;

export class DirectoryIndex {
  readonly size: number;
  private readonly ids: string[];
  private readonly itemById = new Map<string, number>();
  private readonly lat: Float64Array;
  private readonly lng: Float64Array;
  private readonly kindOf: Uint8Array;
  private readonly groupsOf: Uint32Array;
  private readonly proceduresOf: Uint32Array;
  private readonly is24h: Uint8Array;
  private readonly statusOf: Uint8Array;
  private readonly updatedAt: Float64Array;
  private readonly coverageH: Float64Array;
  private readonly areaOf: Int32Array;
  private readonly coverageAreas: (Int32Array | null)[];
  private readonly areaIds = new Map<string, number>();
  /** Trees: 'all', 'g<bit>', 'p<bit>', 'k<kind>'; built lazily, dropped when membership changes. */
  private readonly trees = new Map<string, Tree>();
  private readonly members = new Map<string, Uint32Array>();

  constructor(entries: readonly DirectoryEntry[]) {
    const sorted = [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const size = sorted.length;
    this.size = size;
    this.ids = sorted.map((entry) => entry.id);
    this.lat = new Float64Array(size);
    this.lng = new Float64Array(size);
    this.kindOf = new Uint8Array(size);
    this.groupsOf = new Uint32Array(size);
    this.proceduresOf = new Uint32Array(size);
    this.is24h = new Uint8Array(size);
    this.statusOf = new Uint8Array(size);
    this.updatedAt = new Float64Array(size);
    this.coverageH = new Float64Array(size);
    this.areaOf = new Int32Array(size);
    this.coverageAreas = new Array<Int32Array | null>(size).fill(null);
    sorted.forEach((entry, item) => {
      this.itemById.set(entry.id, item);
      this.lat[item] = entry.lat;
      this.lng[item] = entry.lng;
      this.writeAttributes(item, entry);
    });
  }

  private areaNumber(code: string | null | undefined): number {
    if (!code) return -1;
    let number = this.areaIds.get(code);
    if (number === undefined) {
      number = this.areaIds.size;
      this.areaIds.set(code, number);
    }
    return number;
  }

  private writeAttributes(item: number, entry: DirectoryEntry): void {
    this.kindOf[item] = kindIndex.get(entry.kind) ?? 0;
    this.groupsOf[item] = groupMask(entry.groups);
    this.proceduresOf[item] = procedureMask(entry.procedures);
    this.is24h[item] = entry.isAvailable24h ? 1 : 0;
    this.statusOf[item] = entry.availabilityStatus ? (statusIndex.get(entry.availabilityStatus) ?? noStatus) : noStatus;
    this.updatedAt[item] = entry.availabilityUpdatedAt ?? Number.NaN;
    this.coverageH[item] = entry.coverageRadiusKm === null ? -1 : kmToHaverSin(entry.coverageRadiusKm);
    this.areaOf[item] = this.areaNumber(entry.areaCode);
    this.coverageAreas[item] =
      entry.coverageAreaCodes.length > 0
        ? Int32Array.from(entry.coverageAreaCodes.map((code) => this.areaNumber(code)))
        : null;
  }

  has(id: string): boolean {
    return this.itemById.has(id);
  }

  /**
   * Applies a changed organisation in place. Returns false when it cannot (new organisation or
   * moved location): the caller then builds a new index.
   */
  update(entry: DirectoryEntry): boolean {
    const item = this.itemById.get(entry.id);
    if (item === undefined || this.lat[item] !== entry.lat || this.lng[item] !== entry.lng) return false;
    const before = { kind: this.kindOf[item], groups: this.groupsOf[item], procedures: this.proceduresOf[item] };
    this.writeAttributes(item, entry);
    if (
      before.kind !== this.kindOf[item] ||
      before.groups !== this.groupsOf[item] ||
      before.procedures !== this.proceduresOf[item]
    ) {
      // Tree membership changed: rebuild the subset trees on next use.
      this.trees.clear();
      this.members.clear();
    }
    return true;
  }

  private memberList(key: string): Uint32Array {
    let list = this.members.get(key);
    if (list) return list;
    const selected: number[] = [];
    const type = key.charAt(0);
    const bit = Number(key.slice(1));
    for (let item = 0; item < this.size; item += 1) {
      const isMember =
        key === 'all' ||
        (type === 'g' && ((this.groupsOf[item] ?? 0) >>> bit) & 1) ||
        (type === 'p' && ((this.proceduresOf[item] ?? 0) >>> bit) & 1) ||
        (type === 'k' && this.kindOf[item] === bit);
      if (isMember) selected.push(item);
    }
    list = Uint32Array.from(selected);
    this.members.set(key, list);
    return list;
  }

  private tree(key: string): Tree {
    let tree = this.trees.get(key);
    if (tree) return tree;
    const list = this.memberList(key);
    const kd = new KDBush(Math.max(1, list.length), treeNodeSize, Float64Array, ArrayBuffer);
    for (const item of list) kd.add(this.lng[item] ?? 0, this.lat[item] ?? 0);
    if (list.length === 0) kd.add(0, 0);
    kd.finish();
    // KDBush numbers points in insertion order: map them back to index items.
    const ids = kd.ids;
    for (let position = 0; position < ids.length; position += 1)
      ids[position] = list.length === 0 ? 0 : (list[ids[position] ?? 0] ?? 0);
    tree = { kd, size: list.length };
    this.trees.set(key, tree);
    return tree;
  }

  /** The smallest candidate set the query's filters allow: 'all' or one capability bit. */
  private chooseSubset(query: CompiledQuery): string {
    const keys: string[] = [];
    for (let bit = 0; bit < 32; bit += 1) {
      if ((query.groups >>> bit) & 1) keys.push(`g${bit}`);
      if ((query.procedures >>> bit) & 1) keys.push(`p${bit}`);
    }
    const kindBits = query.kinds;
    if (kindBits !== 0 && (kindBits & (kindBits - 1)) === 0) keys.push(`k${Math.log2(kindBits)}`);
    let best = 'all';
    let bestSize = this.size;
    for (const key of keys) {
      const size = this.memberList(key).length;
      if (size < bestSize) {
        best = key;
        bestSize = size;
      }
    }
    return best;
  }

  private compile(query: SearchQuery): CompiledQuery {
    const pointArea = query.pointAreaCode ? (this.areaIds.get(query.pointAreaCode) ?? -2) : -2;
    const withinArea = query.withinAreaCode ? (this.areaIds.get(query.withinAreaCode) ?? -3) : -1;
    return {
      lng: query.lng,
      lat: query.lat,
      cosLat: cosLatOf(query.lat),
      maxH: query.radiusKm === null ? Number.POSITIVE_INFINITY : kmToHaverSin(query.radiusKm),
      pointArea,
      withinArea,
      kinds: query.kinds.length > 0 ? kindMask(query.kinds) : 0,
      groups: groupMask(query.groups),
      procedures: procedureMask(query.procedures),
      requires24h: query.requires24h === true,
      acceptingOnly: query.acceptingOnly,
      excludeFull: query.excludeFull === true,
      staleBefore: query.nowMs - query.staleAfterMs,
    };
  }

  private coversArea(item: number, area: number): boolean {
    const areas = this.coverageAreas[item];
    if (!areas || area < 0) return false;
    for (const candidate of areas) if (candidate === area) return true;
    return false;
  }

  /** Everything but distance and freshness; `h` is the item's haverSin distance to the point. */
  private matches(item: number, h: number, query: CompiledQuery): boolean {
    if (query.kinds !== 0 && ((query.kinds >>> (this.kindOf[item] ?? 0)) & 1) === 0) return false;
    if (((this.groupsOf[item] ?? 0) & query.groups) !== query.groups) return false;
    if (((this.proceduresOf[item] ?? 0) & query.procedures) !== query.procedures) return false;
    if (query.requires24h && this.is24h[item] !== 1) return false;
    const status = this.statusOf[item] ?? noStatus;
    if (query.acceptingOnly && status !== statusIndex.get('accepting') && status !== statusIndex.get('limited'))
      return false;
    if (query.excludeFull && status === statusIndex.get('full')) return false;
    const coverageH = this.coverageH[item] ?? -1;
    const coverageAreas = this.coverageAreas[item];
    if (query.withinArea !== -1) {
      // Area search: located in the area, covering it, or reaching its centre.
      const isInside = this.areaOf[item] === query.withinArea;
      if (!isInside && !this.coversArea(item, query.withinArea) && !(coverageH >= 0 && h <= coverageH)) return false;
      return true;
    }
    const declaresCoverage = coverageH >= 0 || coverageAreas !== null;
    if (declaresCoverage && !(coverageH >= 0 && h <= coverageH) && !this.coversArea(item, query.pointArea))
      return false;
    return true;
  }

  private isStale(item: number, query: CompiledQuery): boolean {
    const updatedAt = this.updatedAt[item] ?? Number.NaN;
    return Number.isNaN(updatedAt) || updatedAt < query.staleBefore;
  }

  /** Nearest matching organisations: fresh first, then stale; each nearest first, ties by id. */
  search(query: SearchQuery): SearchHit[] {
    if (this.size === 0 || query.limit <= 0) return [];
    const compiled = this.compile(query);
    const subset = this.chooseSubset(compiled);
    const candidates = subset === 'all' ? this.size : this.memberList(subset).length;
    const fresh: number[] = [];
    const freshDist: number[] = [];
    const stale: number[] = [];
    const staleDist: number[] = [];
    const limit = query.limit;
    const accept = (item: number, h: number): boolean => {
      if (!this.matches(item, h, compiled)) return false;
      if (this.isStale(item, compiled)) {
        if (stale.length < limit) {
          stale.push(item);
          staleDist.push(h);
        }
      } else {
        fresh.push(item);
        freshDist.push(h);
      }
      return fresh.length >= limit;
    };
    if (subset !== 'all' && candidates <= linearScanThreshold) {
      this.scanList(this.memberList(subset), compiled, limit, accept);
    } else {
      this.bestFirst(this.tree(subset), compiled, accept);
    }
    const hits: SearchHit[] = [];
    for (let index = 0; index < fresh.length && hits.length < limit; index += 1) {
      const item = fresh[index] ?? 0;
      hits.push({ id: this.ids[item] ?? '', distanceKm: haverSinToKm(freshDist[index] ?? 0), isStale: false });
    }
    for (let index = 0; index < stale.length && hits.length < limit; index += 1) {
      const item = stale[index] ?? 0;
      hits.push({ id: this.ids[item] ?? '', distanceKm: haverSinToKm(staleDist[index] ?? 0), isStale: true });
    }
    return hits;
  }

  /** Candidates of a short list, sorted by (distance, id), fed to `accept` until it says stop. */
  private scanList(
    list: Uint32Array,
    query: CompiledQuery,
    _limit: number,
    accept: (item: number, h: number) => boolean,
  ) {
    const found: { item: number; h: number }[] = [];
    for (const item of list) {
      const h = haverSinDist(query.lng, query.lat, this.lng[item] ?? 0, this.lat[item] ?? 0, query.cosLat);
      if (h <= query.maxH) found.push({ item, h });
    }
    found.sort((a, b) => a.h - b.h || a.item - b.item);
    for (const { item, h } of found) if (accept(item, h)) return;
  }

  /** Best-first walk of a k-d tree: points come out in (distance, id) order. */
  private bestFirst(tree: Tree, query: CompiledQuery, accept: (item: number, h: number) => boolean): void {
    if (tree.size === 0) return;
    const { kd } = tree;
    const ids = kd.ids;
    const coords = kd.coords;
    const heap = new ItemHeap();
    let node: TreeNode | null = {
      left: 0,
      right: ids.length - 1,
      axis: 0,
      minLng: -180,
      minLat: -90,
      maxLng: 180,
      maxLat: 90,
    };
    const { lng, lat, cosLat, maxH } = query;
    while (node) {
      const { left, right } = node;
      if (right - left <= kd.nodeSize) {
        for (let position = left; position <= right; position += 1) {
          const h = haverSinDist(lng, lat, coords[2 * position] ?? 0, coords[2 * position + 1] ?? 0, cosLat);
          if (h <= maxH) heap.push({ dist: h, item: ids[position] ?? 0, node: null });
        }
      } else {
        const middle = (left + right) >> 1;
        const midLng = coords[2 * middle] ?? 0;
        const midLat = coords[2 * middle + 1] ?? 0;
        const h = haverSinDist(lng, lat, midLng, midLat, cosLat);
        if (h <= maxH) heap.push({ dist: h, item: ids[middle] ?? 0, node: null });
        const nextAxis = (node.axis + 1) % 2;
        const leftNode: TreeNode = {
          left,
          right: middle - 1,
          axis: nextAxis,
          minLng: node.minLng,
          minLat: node.minLat,
          maxLng: node.axis === 0 ? midLng : node.maxLng,
          maxLat: node.axis === 1 ? midLat : node.maxLat,
        };
        const rightNode: TreeNode = {
          left: middle + 1,
          right,
          axis: nextAxis,
          minLng: node.axis === 0 ? midLng : node.minLng,
          minLat: node.axis === 1 ? midLat : node.minLat,
          maxLng: node.maxLng,
          maxLat: node.maxLat,
        };
        for (const child of [leftNode, rightNode]) {
          if (child.left > child.right) continue;
          const bound = boxHaverSinDist(lng, lat, cosLat, child.minLng, child.minLat, child.maxLng, child.maxLat);
          if (bound <= maxH) heap.push({ dist: bound, item: -1, node: child });
        }
      }
      node = null;
      for (;;) {
        const next = heap.pop();
        if (!next) return;
        if (next.node) {
          node = next.node;
          break;
        }
        if (accept(next.item, next.dist)) return;
      }
    }
  }
}

/**
 * The reference implementation, written independently of the index from the rules themselves:
 * a full scan and a sort. Tests and benchmarks compare the index against it.
 */
export function bruteForceSearch(entries: readonly DirectoryEntry[], query: SearchQuery): SearchHit[] {
  const cosLat = cosLatOf(query.lat);
  const maxH = query.radiusKm === null ? Number.POSITIVE_INFINITY : kmToHaverSin(query.radiusKm);
  const staleBefore = query.nowMs - query.staleAfterMs;
  const found: { id: string; h: number; isStale: boolean }[] = [];
  for (const entry of entries) {
    const h = haverSinDist(query.lng, query.lat, entry.lng, entry.lat, cosLat);
    if (h > maxH) continue;
    if (query.kinds.length > 0 && !query.kinds.includes(entry.kind)) continue;
    if (!query.groups.every((group) => entry.groups.includes(group))) continue;
    if (!query.procedures.every((procedure) => entry.procedures.includes(procedure))) continue;
    if (query.requires24h && !entry.isAvailable24h) continue;
    if (query.acceptingOnly && entry.availabilityStatus !== 'accepting' && entry.availabilityStatus !== 'limited')
      continue;
    if (query.excludeFull && entry.availabilityStatus === 'full') continue;
    const reachesByRadius = entry.coverageRadiusKm !== null && h <= kmToHaverSin(entry.coverageRadiusKm);
    if (query.withinAreaCode) {
      const isInside = entry.areaCode === query.withinAreaCode;
      if (!isInside && !entry.coverageAreaCodes.includes(query.withinAreaCode) && !reachesByRadius) continue;
    } else {
      const declaresCoverage = entry.coverageRadiusKm !== null || entry.coverageAreaCodes.length > 0;
      const coversPointArea = query.pointAreaCode !== null && entry.coverageAreaCodes.includes(query.pointAreaCode);
      if (declaresCoverage && !reachesByRadius && !coversPointArea) continue;
    }
    const isStale = entry.availabilityUpdatedAt === null || entry.availabilityUpdatedAt < staleBefore;
    found.push({ id: entry.id, h, isStale });
  }
  found.sort((a, b) => Number(a.isStale) - Number(b.isStale) || a.h - b.h || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return found.slice(0, query.limit).map(({ id, h, isStale }) => ({ id, distanceKm: haverSinToKm(h), isStale }));
}
