/**
 * The in-memory directory index behind the resource search: organisations as points with
 * capability bit masks, k-d trees over the organisations a query's capability filters allow, a
 * best-first great-circle nearest search with exact (distance, id) ordering, and a linear scan
 * for small candidate lists.
 *
 * Which tree a query walks: the filters on kind, patient groups, procedures and 24 h are a fixed
 * set per query (its "capability key"). One tree per single capability (every organisation
 * with that group, procedure or kind) serves the common keys; when the organisations matching
 * the whole key are fewer than half of the smallest single-capability tree, a tree of exactly
 * those organisations is built and kept (least recently used first out), so a rare combination
 * of filters walks only organisations that match it. Availability (accepting, full) and coverage
 * change often and depend on the patient's place, so they are checked per organisation during
 * the walk, before it enters the queue.
 *
 * Order of results: fresh availability before stale (要確認), then nearest first, ties by id. A kind that admits
 * no patients (search-kinds.ts nonAdmittingKinds: 地域包括支援センター and the other consultation windows) has no
 * acceptance status here: never 要確認, never left out by 「受入可のみ」 or `excludeFull`.
 *
 * `kinds` finds an organisation under each kind it provides (search-kinds.ts searchKindsOf: a clinic that does
 * visiting rehabilitation is found under `visiting_rehab` too). 在宅療養支援診療所 (any of the types asked) and
 * 往診専門 are capabilities like 24 h.
 */
import KDBush from 'kdbush';
import type {
  AvailabilityStatus,
  HomeCareSupportClinicType,
  OrganizationKind,
  PatientGroup,
  Procedure,
} from '../codes.js';
import { homeCareSupportClinicTypes, organizationKinds } from '../codes.js';
import { groupMask, kindIndex, kindMask, noStatus, procedureMask, statusIndex } from './capability-mask.js';
import { admitsPatients, searchKindsOf } from './search-kinds.js';
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
  /** 在宅療養支援診療所 and its type (absent: not one). */
  homeCareSupportClinic?: HomeCareSupportClinicType | null;
  /** 往診専門 (absent: not). */
  isHomeVisitOnly?: boolean;
};

export type SearchQuery = {
  lat: number;
  lng: number;
  /** Maximum distance from the point; null = no limit (area search). */
  radiusKm: number | null;
  /** The area the point lies in: an organisation covering this area reaches the point. */
  pointAreaCode: string | null;
  /**
   * Area search: only organisations serving this area — those covering it (declared coverage
   * areas, or a radius reaching the point), or located in it when they declared no areas.
   */
  withinAreaCode?: string | null;
  kinds: readonly OrganizationKind[];
  groups: readonly PatientGroup[];
  procedures: readonly Procedure[];
  requires24h?: boolean;
  /** 在宅療養支援診療所 of any of these types (empty or absent: no condition). */
  homeCareSupportClinicTypes?: readonly HomeCareSupportClinicType[];
  /** Only 往診専門 organisations. */
  requiresHomeVisitOnly?: boolean;
  /** Only organisations whose status is accepting or limited (a kind that admits no patients stays in). */
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
  /** Bits of the 在宅療養支援診療所 types asked for (clinicTypeBit), 0 = no condition. */
  clinicTypes: number;
  requiresHomeVisitOnly: boolean;
  acceptingOnly: boolean;
  excludeFull: boolean;
  staleBefore: number;
};

/**
 * A k-d tree over a subset of the index's items, flattened for the walk so that a leaf is read
 * from a few contiguous cache lines: position p holds item `items[p]`, and `points` holds per
 * position (lng, lat, cos lat, coverage radius as haverSin or -1, availability updated at,
 * state) — cos lat computed as the distance formula would, so distances stay bit-identical to
 * the brute force; state = availability status, plus `hasAreasFlag` when the organisation
 * covers named areas. Availability changes often: its copies are refreshed from the index when
 * the index's availability version moved on.
 */
type Tree = {
  size: number;
  nodeSize: number;
  items: Uint32Array;
  points: Float64Array;
  availabilityVersion: number;
};

/** What a capability key walks: a short list (scanned) or a tree (exact, or a superset of it). */
type Choice = ({ list: Uint32Array; tree: null; isExact: true } | { list: null; tree: Tree; isExact: boolean }) & {
  /** The tree was built for this choice (not a shared single-capability tree). */
  ownsTree: boolean;
  /** Built from the organisations whose availability allowed the query then (see statusModeOf). */
  hasStatusFilter: boolean;
};

const rad = Math.PI / 180;
const treeNodeSize = 16;
const pointStride = 6;
const updatedAtOffset = 4;
const stateOffset = 5;
const hasAreasFlag = 16;
const statusBits = 15;
/** Below this many candidates a plain scan beats walking a tree. */
const linearScanThreshold = 256;
/**
 * An exact tree is built for a capability key when it has fewer organisations than this share
 * of the smallest single-capability tree (otherwise that tree is walked, at most 1 / share
 * times as many points).
 */
const exactTreeShare = 0.8;
/** Capability keys whose choice is kept; the oldest is dropped first. */
const maxCachedKeys = 256;
/** Exact trees hold at most this many positions per indexed organisation (plus a floor), then supersets serve. */
const exactTreeBudgetPerItem = 8;
const exactTreeBudgetFloor = 100_000;
const acceptingStatus = statusIndex.get('accepting') ?? 1;
const limitedStatus = statusIndex.get('limited') ?? 2;
const fullStatus = statusIndex.get('full') ?? 3;
/** The state of a kind that admits no patients: passes every status filter (after the statuses of statusIndex). */
const notApplicableStatus = statusIndex.size + 1;
/** Clinic flags: one bit per 在宅療養支援診療所 type, in the order of the code list, then 往診専門. */
const clinicTypeBit = new Map<HomeCareSupportClinicType, number>(
  homeCareSupportClinicTypes.map((type, index) => [type, 1 << index]),
);
const homeVisitOnlyBit = 1 << homeCareSupportClinicTypes.length;

function clinicTypeMask(types: readonly HomeCareSupportClinicType[] | undefined): number {
  let mask = 0;
  for (const type of types ?? []) mask |= clinicTypeBit.get(type) ?? 0;
  return mask;
}

function isAcceptingStatus(status: number): boolean {
  return status === acceptingStatus || status === limitedStatus;
}

/**
 * The walk's priority queue and node store, shared by every search (a search runs to the end
 * synchronously): typed arrays that grow by doubling, so a search allocates nothing per step.
 * Queue entries are (distance, value): value ≥ 0 is a position of the tree walked (a point),
 * value < 0 the node ~value. Order: distance, then nodes before points, then id.
 */
let heapDist = new Float64Array(1024);
let heapValue = new Int32Array(1024);
let heapSize = 0;
let nodeRange = new Int32Array(3 * 1024);
let nodeBox = new Float64Array(4 * 1024);
/** The items of the tree being walked and the id rank of each item, for ties. */
let walkItems: Uint32Array = new Uint32Array(0);
let rankOf: Uint32Array = new Uint32Array(0);

function isBefore(distA: number, valueA: number, distB: number, valueB: number): boolean {
  if (distA !== distB) return distA < distB;
  if (valueA < 0) return valueB >= 0;
  if (valueB < 0) return false;
  return (rankOf[walkItems[valueA] ?? 0] ?? 0) < (rankOf[walkItems[valueB] ?? 0] ?? 0);
}

function heapPush(dist: number, value: number): void {
  if (heapSize === heapDist.length) {
    const grownDist = new Float64Array(heapSize * 2);
    grownDist.set(heapDist);
    heapDist = grownDist;
    const grownValue = new Int32Array(heapSize * 2);
    grownValue.set(heapValue);
    heapValue = grownValue;
  }
  let index = heapSize;
  heapSize += 1;
  while (index > 0) {
    const parent = (index - 1) >> 1;
    const parentDist = heapDist[parent] ?? 0;
    const parentValue = heapValue[parent] ?? 0;
    if (!isBefore(dist, value, parentDist, parentValue)) break;
    heapDist[index] = parentDist;
    heapValue[index] = parentValue;
    index = parent;
  }
  heapDist[index] = dist;
  heapValue[index] = value;
}

/** Removes the top (read it from heapDist[0] / heapValue[0] first). */
function heapPop(): void {
  const last = heapSize - 1;
  heapSize = Math.max(0, last);
  if (last <= 0) return;
  const dist = heapDist[last] ?? 0;
  const value = heapValue[last] ?? 0;
  let index = 0;
  for (;;) {
    const left = 2 * index + 1;
    if (left >= last) break;
    const right = left + 1;
    let child = left;
    if (
      right < last &&
      isBefore(heapDist[right] ?? 0, heapValue[right] ?? 0, heapDist[left] ?? 0, heapValue[left] ?? 0)
    )
      child = right;
    if (!isBefore(heapDist[child] ?? 0, heapValue[child] ?? 0, dist, value)) break;
    heapDist[index] = heapDist[child] ?? 0;
    heapValue[index] = heapValue[child] ?? 0;
    index = child;
  }
  heapDist[index] = dist;
  heapValue[index] = value;
}

function addNode(
  count: number,
  left: number,
  right: number,
  axis: number,
  minLng: number,
  minLat: number,
  maxLng: number,
  maxLat: number,
): number {
  if (3 * (count + 1) > nodeRange.length) {
    const grownRange = new Int32Array(nodeRange.length * 2);
    grownRange.set(nodeRange);
    nodeRange = grownRange;
    const grownBox = new Float64Array(nodeBox.length * 2);
    grownBox.set(nodeBox);
    nodeBox = grownBox;
  }
  nodeRange[3 * count] = left;
  nodeRange[3 * count + 1] = right;
  nodeRange[3 * count + 2] = axis;
  nodeBox[4 * count] = minLng;
  nodeBox[4 * count + 1] = minLat;
  nodeBox[4 * count + 2] = maxLng;
  nodeBox[4 * count + 3] = maxLat;
  return count + 1;
}

type Found = { fresh: number[]; freshDist: number[]; stale: number[]; staleDist: number[] };

/**
 * The entries in id order (code-unit order, as `<` compares strings). Comparing long strings
 * with `<` is slow in V8 (about 0.3 s for 200,000 UUIDs), so the first six characters are
 * compared as two numbers first and the strings only when those are equal.
 */
function sortById(entries: readonly DirectoryEntry[]): DirectoryEntry[] {
  const size = entries.length;
  const high = new Float64Array(size);
  const low = new Float64Array(size);
  // Character + 1 (0 = no character, so that a prefix sorts first), 17 bits each, 3 per number.
  const code = (id: string, index: number) => (index < id.length ? id.charCodeAt(index) + 1 : 0);
  entries.forEach((entry, index) => {
    const id = entry.id;
    high[index] = (code(id, 0) * 131072 + code(id, 1)) * 131072 + code(id, 2);
    low[index] = (code(id, 3) * 131072 + code(id, 4)) * 131072 + code(id, 5);
  });
  const order = Array.from({ length: size }, (_, index) => index);
  order.sort((a, b) => {
    const highA = high[a] ?? 0;
    const highB = high[b] ?? 0;
    if (highA !== highB) return highA - highB;
    const lowA = low[a] ?? 0;
    const lowB = low[b] ?? 0;
    if (lowA !== lowB) return lowA - lowB;
    const idA = entries[a]?.id ?? '';
    const idB = entries[b]?.id ?? '';
    return idA < idB ? -1 : idA > idB ? 1 : 0;
  });
  return order.map((index) => entries[index] as DirectoryEntry);
}

function sameAreas(a: Int32Array | null, b: Int32Array | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

export class DirectoryIndex {
  readonly size: number;
  /** Items are numbered in space order (see the constructor); `rank` is each item's place in id order. */
  private readonly ids: string[];
  private readonly rank: Uint32Array;
  private readonly itemById = new Map<string, number>();
  private readonly lat: Float64Array;
  private readonly lng: Float64Array;
  private readonly cosLat: Float64Array;
  /** The kinds each organisation is found under (searchKindsOf), as a kind mask. */
  private readonly kindsOf: Uint32Array;
  /** 在宅療養支援診療所 type and 往診専門 bits (clinicTypeBit, homeVisitOnlyBit). */
  private readonly clinicFlagsOf: Uint8Array;
  private readonly groupsOf: Uint32Array;
  private readonly proceduresOf: Uint32Array;
  private readonly is24h: Uint8Array;
  private readonly statusOf: Uint8Array;
  private readonly updatedAt: Float64Array;
  private readonly coverageH: Float64Array;
  private readonly areaOf: Int32Array;
  private readonly coverageAreas: (Int32Array | null)[];
  private readonly areaIds = new Map<string, number>();
  /** Bumped by every in-place change of availability: trees refresh their copies when they see it. */
  private availabilityVersion = 0;
  /** Members and trees of single capabilities ('all', 'g<bit>', 'p<bit>', 'k<kind>'); dropped when capabilities change. */
  private readonly singleMembers = new Map<string, Uint32Array>();
  private readonly singleTrees = new Map<string, Tree>();
  /** Per capability key: what its searches walk. */
  private readonly choices = new Map<string, Choice>();

  constructor(entries: readonly DirectoryEntry[]) {
    const byId = sortById(entries);
    const size = byId.length;
    this.size = size;
    // Items are numbered in the order of a k-d tree over all organisations, so that organisations
    // near each other have their attributes near each other in memory.
    const order = new Uint32Array(size);
    if (size > 0) {
      const kd = new KDBush(size, treeNodeSize, Float64Array, ArrayBuffer);
      for (const entry of byId) kd.add(entry.lng, entry.lat);
      kd.finish();
      for (let item = 0; item < size; item += 1) order[item] = kd.ids[item] ?? 0;
    }
    this.ids = new Array<string>(size);
    this.rank = order;
    this.lat = new Float64Array(size);
    this.lng = new Float64Array(size);
    this.cosLat = new Float64Array(size);
    this.kindsOf = new Uint32Array(size);
    this.clinicFlagsOf = new Uint8Array(size);
    this.groupsOf = new Uint32Array(size);
    this.proceduresOf = new Uint32Array(size);
    this.is24h = new Uint8Array(size);
    this.statusOf = new Uint8Array(size);
    this.updatedAt = new Float64Array(size);
    this.coverageH = new Float64Array(size);
    this.areaOf = new Int32Array(size);
    this.coverageAreas = new Array<Int32Array | null>(size).fill(null);
    for (let item = 0; item < size; item += 1) {
      const entry = byId[order[item] ?? 0] as DirectoryEntry;
      this.ids[item] = entry.id;
      this.itemById.set(entry.id, item);
      this.lat[item] = entry.lat;
      this.lng[item] = entry.lng;
      this.cosLat[item] = Math.cos(entry.lat * rad);
      this.writeAttributes(item, entry);
    }
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
    this.kindsOf[item] = kindMask(searchKindsOf(entry.kind, entry.procedures));
    this.clinicFlagsOf[item] =
      clinicTypeMask(entry.homeCareSupportClinic ? [entry.homeCareSupportClinic] : []) |
      (entry.isHomeVisitOnly ? homeVisitOnlyBit : 0);
    this.groupsOf[item] = groupMask(entry.groups);
    this.proceduresOf[item] = procedureMask(entry.procedures);
    this.is24h[item] = entry.isAvailable24h ? 1 : 0;
    // A kind that admits no patients: no status to filter by, and always fresh (its status does not rank it).
    const admits = admitsPatients(entry.kind);
    this.statusOf[item] = !admits
      ? notApplicableStatus
      : entry.availabilityStatus
        ? (statusIndex.get(entry.availabilityStatus) ?? noStatus)
        : noStatus;
    this.updatedAt[item] = admits ? (entry.availabilityUpdatedAt ?? Number.NaN) : Number.POSITIVE_INFINITY;
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
    const before = {
      kinds: this.kindsOf[item],
      clinicFlags: this.clinicFlagsOf[item],
      groups: this.groupsOf[item],
      procedures: this.proceduresOf[item],
      is24h: this.is24h[item],
      coverageH: this.coverageH[item],
      coverageAreas: this.coverageAreas[item] ?? null,
      status: this.statusOf[item] ?? noStatus,
    };
    this.writeAttributes(item, entry);
    if (
      before.kinds !== this.kindsOf[item] ||
      before.clinicFlags !== this.clinicFlagsOf[item] ||
      before.groups !== this.groupsOf[item] ||
      before.procedures !== this.proceduresOf[item] ||
      before.is24h !== this.is24h[item] ||
      before.coverageH !== this.coverageH[item] ||
      !sameAreas(before.coverageAreas, this.coverageAreas[item] ?? null)
    ) {
      // Capabilities or coverage changed: member lists and trees are rebuilt on next use.
      this.singleMembers.clear();
      this.singleTrees.clear();
      this.choices.clear();
    } else {
      this.availabilityVersion += 1;
      // Trees of the organisations accepting (or not full) hold those of when they were built: one
      // that enters such a set is missing there, so they are built again on next use. (One that
      // leaves it is skipped by the walk, which reads the current status.)
      const isEntering =
        (!isAcceptingStatus(before.status) && isAcceptingStatus(this.statusOf[item] ?? noStatus)) ||
        (before.status === fullStatus && this.statusOf[item] !== fullStatus);
      if (isEntering) {
        for (const [key, choice] of this.choices) if (choice.hasStatusFilter) this.choices.delete(key);
      }
    }
    return true;
  }

  /** Whether an item has every capability the query asks for (kind, groups, procedures, 24 h, 在支診, 往診専門). */
  private hasCapabilities(item: number, query: CompiledQuery): boolean {
    if (query.kinds !== 0 && ((this.kindsOf[item] ?? 0) & query.kinds) === 0) return false;
    if (((this.groupsOf[item] ?? 0) & query.groups) !== query.groups) return false;
    if (((this.proceduresOf[item] ?? 0) & query.procedures) !== query.procedures) return false;
    if (query.requires24h && this.is24h[item] !== 1) return false;
    const clinicFlags = this.clinicFlagsOf[item] ?? 0;
    if (query.clinicTypes !== 0 && (clinicFlags & query.clinicTypes) === 0) return false;
    if (query.requiresHomeVisitOnly && (clinicFlags & homeVisitOnlyBit) === 0) return false;
    return true;
  }

  /** How many organisations the `kind` filter finds under each kind (searchKindsOf), wherever they are. */
  kindCounts(): Map<OrganizationKind, number> {
    const counts = new Map<OrganizationKind, number>();
    for (const kind of organizationKinds)
      counts.set(kind, this.singleMemberList(`k${kindIndex.get(kind) ?? 0}`).length);
    return counts;
  }

  private singleMemberList(key: string): Uint32Array {
    let list = this.singleMembers.get(key);
    if (list) return list;
    const selected: number[] = [];
    const type = key.charAt(0);
    const bit = Number(key.slice(1));
    for (let item = 0; item < this.size; item += 1) {
      const isMember =
        key === 'all' ||
        (type === 'g' && ((this.groupsOf[item] ?? 0) >>> bit) & 1) ||
        (type === 'p' && ((this.proceduresOf[item] ?? 0) >>> bit) & 1) ||
        (type === 'k' && ((this.kindsOf[item] ?? 0) >>> bit) & 1);
      if (isMember) selected.push(item);
    }
    list = Uint32Array.from(selected);
    this.singleMembers.set(key, list);
    return list;
  }

  private keyMemberList(query: CompiledQuery, withStatus: boolean): Uint32Array {
    const selected: number[] = [];
    for (let item = 0; item < this.size; item += 1) {
      if (!this.hasCapabilities(item, query)) continue;
      if (withStatus && !this.hasStatus(this.statusOf[item] ?? noStatus, query)) continue;
      selected.push(item);
    }
    return Uint32Array.from(selected);
  }

  private buildTree(list: Uint32Array): Tree {
    const size = list.length;
    const kd = new KDBush(Math.max(1, size), treeNodeSize, Float64Array, ArrayBuffer);
    for (const item of list) kd.add(this.lng[item] ?? 0, this.lat[item] ?? 0);
    if (size === 0) kd.add(0, 0);
    kd.finish();
    // KDBush numbers points in insertion order (in a Uint16Array below 65,536 points, so its ids
    // are positions in `list`, never index items): map them back to index items here.
    const items = new Uint32Array(size);
    const points = new Float64Array(pointStride * size);
    for (let position = 0; position < size; position += 1) {
      const item = list[kd.ids[position] ?? 0] ?? 0;
      items[position] = item;
      points[pointStride * position] = kd.coords[2 * position] ?? 0;
      points[pointStride * position + 1] = kd.coords[2 * position + 1] ?? 0;
      points[pointStride * position + 2] = this.cosLat[item] ?? 0;
      points[pointStride * position + 3] = this.coverageH[item] ?? -1;
    }
    const tree: Tree = { size, nodeSize: kd.nodeSize, items, points, availabilityVersion: -1 };
    this.refreshAvailability(tree);
    return tree;
  }

  /** Copies availability into a tree's positions (after in-place changes of the index). */
  private refreshAvailability(tree: Tree): void {
    const { items, points } = tree;
    for (let position = 0; position < tree.size; position += 1) {
      const item = items[position] ?? 0;
      points[pointStride * position + updatedAtOffset] = this.updatedAt[item] ?? Number.NaN;
      points[pointStride * position + stateOffset] =
        (this.statusOf[item] ?? noStatus) | (this.coverageAreas[item] ? hasAreasFlag : 0);
    }
    tree.availabilityVersion = this.availabilityVersion;
  }

  private singleTree(key: string): Tree {
    let tree = this.singleTrees.get(key);
    if (!tree) {
      tree = this.buildTree(this.singleMemberList(key));
      this.singleTrees.set(key, tree);
    }
    return tree;
  }

  /**
   * What the query walks: the organisations with its capabilities as a short list (scanned), an
   * exact tree, or the smallest single-capability tree when that is not much larger (then the
   * other capabilities are checked per organisation). Decided once per capability key.
   */
  private chooseCandidates(query: CompiledQuery): Choice {
    const statusMode = query.acceptingOnly ? 'a' : query.excludeFull ? 'f' : '';
    const key = `${query.kinds},${query.groups},${query.procedures},${query.requires24h ? 1 : 0},${query.clinicTypes},${query.requiresHomeVisitOnly ? 1 : 0},${statusMode}`;
    let choice = this.choices.get(key);
    if (!choice) {
      choice = this.decide(query);
      if (this.choices.size >= maxCachedKeys) this.choices.delete(this.choices.keys().next().value as string);
      this.choices.set(key, choice);
    }
    return choice;
  }

  /** Positions held by exact trees (bounded by the budget). */
  private exactTreePositions(): number {
    let total = 0;
    for (const choice of this.choices.values()) if (choice.ownsTree && choice.tree) total += choice.tree.size;
    return total;
  }

  private decide(query: CompiledQuery): Choice {
    const singles: string[] = [];
    for (let bit = 0; bit < 32; bit += 1) {
      if ((query.groups >>> bit) & 1) singles.push(`g${bit}`);
      if ((query.procedures >>> bit) & 1) singles.push(`p${bit}`);
    }
    const kindBits = query.kinds;
    const isSingleKind = kindBits !== 0 && (kindBits & (kindBits - 1)) === 0;
    if (isSingleKind) singles.push(`k${Math.log2(kindBits)}`);
    const filterCount =
      singles.length +
      (kindBits !== 0 && !isSingleKind ? 1 : 0) +
      (query.requires24h ? 1 : 0) +
      (query.clinicTypes !== 0 ? 1 : 0) +
      (query.requiresHomeVisitOnly ? 1 : 0);
    const hasStatusFilter = query.acceptingOnly || query.excludeFull;
    const shared = (key: string, isExact: boolean): Choice => ({
      list: null,
      tree: this.singleTree(key),
      isExact,
      ownsTree: false,
      hasStatusFilter: false,
    });
    if (!hasStatusFilter && filterCount === 0) return shared('all', true);
    if (!hasStatusFilter && filterCount === 1 && singles.length === 1) {
      const key = singles[0] ?? 'all';
      const list = this.singleMemberList(key);
      if (list.length <= linearScanThreshold)
        return { list, tree: null, isExact: true, ownsTree: false, hasStatusFilter };
      return shared(key, true);
    }
    // The organisations with every capability asked for (and, for accepting-only searches, an
    // availability that allows them now): a short list, an exact tree, or a single-capability tree.
    const members = this.keyMemberList(query, hasStatusFilter);
    if (members.length <= linearScanThreshold)
      return { list: members, tree: null, isExact: true, ownsTree: false, hasStatusFilter };
    let best = 'all';
    let bestSize = this.size;
    for (const single of singles) {
      const size = this.singleMemberList(single).length;
      if (size < bestSize) {
        best = single;
        bestSize = size;
      }
    }
    const budget = exactTreeBudgetPerItem * this.size + exactTreeBudgetFloor;
    if (members.length >= bestSize * exactTreeShare || this.exactTreePositions() + members.length > budget) {
      return shared(best, filterCount === 0 || (filterCount === 1 && singles.length === 1));
    }
    return { list: null, tree: this.buildTree(members), isExact: true, ownsTree: true, hasStatusFilter };
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
      clinicTypes: clinicTypeMask(query.homeCareSupportClinicTypes),
      requiresHomeVisitOnly: query.requiresHomeVisitOnly === true,
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

  private hasStatus(status: number, query: CompiledQuery): boolean {
    if (status === notApplicableStatus) return true;
    if (query.acceptingOnly && status !== acceptingStatus && status !== limitedStatus) return false;
    if (query.excludeFull && status === fullStatus) return false;
    return true;
  }

  /** Coverage and area rules; `h` is the item's haverSin distance to the point. */
  private reaches(item: number, h: number, coverageH: number, hasAreas: boolean, query: CompiledQuery): boolean {
    if (query.withinArea !== -1) {
      // Area search: an organisation that declared coverage areas serves those areas (its own
      // ward may be left out on purpose); one that declared none serves the area it is located
      // in. Either way a declared radius that reaches the area's centre counts too.
      const servesArea = hasAreas ? this.coversArea(item, query.withinArea) : this.areaOf[item] === query.withinArea;
      return servesArea || (coverageH >= 0 && h <= coverageH);
    }
    if (coverageH < 0 && !hasAreas) return true;
    return (coverageH >= 0 && h <= coverageH) || (hasAreas && this.coversArea(item, query.pointArea));
  }

  /** Nearest matching organisations: fresh first, then stale; each nearest first, ties by id. */
  search(query: SearchQuery): SearchHit[] {
    if (this.size === 0 || query.limit <= 0) return [];
    const compiled = this.compile(query);
    const candidates = this.chooseCandidates(compiled);
    const found: Found = { fresh: [], freshDist: [], stale: [], staleDist: [] };
    if (candidates.tree === null) this.scanList(candidates.list, compiled, query.limit, found);
    else this.bestFirst(candidates.tree, candidates.isExact, compiled, query.limit, found);
    const hits: SearchHit[] = [];
    const limit = query.limit;
    for (let index = 0; index < found.fresh.length && hits.length < limit; index += 1) {
      const item = found.fresh[index] ?? 0;
      hits.push({ id: this.ids[item] ?? '', distanceKm: haverSinToKm(found.freshDist[index] ?? 0), isStale: false });
    }
    for (let index = 0; index < found.stale.length && hits.length < limit; index += 1) {
      const item = found.stale[index] ?? 0;
      hits.push({ id: this.ids[item] ?? '', distanceKm: haverSinToKm(found.staleDist[index] ?? 0), isStale: true });
    }
    return hits;
  }

  /** Records a match met in (distance, id) order; true once `limit` fresh ones are known. */
  private collect(item: number, h: number, updatedAt: number, query: CompiledQuery, limit: number, found: Found) {
    if (Number.isNaN(updatedAt) || updatedAt < query.staleBefore) {
      if (found.stale.length < limit) {
        found.stale.push(item);
        found.staleDist.push(h);
      }
      return false;
    }
    found.fresh.push(item);
    found.freshDist.push(h);
    return found.fresh.length >= limit;
  }

  /** Candidates of a short list, sorted by (distance, id). */
  private scanList(list: Uint32Array, query: CompiledQuery, limit: number, found: Found): void {
    // The best `limit` fresh and the best `limit` stale matches, each kept sorted by (distance, id).
    const rank = this.rank;
    const keep = (items: number[], dists: number[], item: number, h: number) => {
      const count = items.length;
      if (count === limit) {
        const last = count - 1;
        const lastH = dists[last] ?? 0;
        if (h > lastH || (h === lastH && (rank[item] ?? 0) > (rank[items[last] ?? 0] ?? 0))) return;
        items.pop();
        dists.pop();
      }
      let position = items.length;
      items.push(item);
      dists.push(h);
      while (position > 0) {
        const previousH = dists[position - 1] ?? 0;
        const previous = items[position - 1] ?? 0;
        if (previousH < h || (previousH === h && (rank[previous] ?? 0) < (rank[item] ?? 0))) break;
        items[position] = previous;
        dists[position] = previousH;
        position -= 1;
      }
      items[position] = item;
      dists[position] = h;
    };
    for (let index = 0; index < list.length; index += 1) {
      const item = list[index] ?? 0;
      if (!this.hasStatus(this.statusOf[item] ?? noStatus, query) || !this.hasCapabilities(item, query)) continue;
      // geo.haverSinDist with the item's cos(lat) precomputed: the same operations, the same double.
      const sinLng = Math.sin(((query.lng - (this.lng[item] ?? 0)) * rad) / 2);
      const sinLat = Math.sin(((query.lat - (this.lat[item] ?? 0)) * rad) / 2);
      const h = query.cosLat * (this.cosLat[item] ?? 0) * (sinLng * sinLng) + sinLat * sinLat;
      if (h > query.maxH) continue;
      const coverageH = this.coverageH[item] ?? -1;
      const hasAreas = this.coverageAreas[item] !== null;
      if ((coverageH >= 0 || hasAreas || query.withinArea !== -1) && !this.reaches(item, h, coverageH, hasAreas, query))
        continue;
      const updatedAt = this.updatedAt[item] ?? Number.NaN;
      if (Number.isNaN(updatedAt) || updatedAt < query.staleBefore) keep(found.stale, found.staleDist, item, h);
      else keep(found.fresh, found.freshDist, item, h);
    }
  }

  /** Queues the point at `position` of `tree` when it matches the query (with its distance). */
  private offer(tree: Tree, position: number, isExact: boolean, query: CompiledQuery): void {
    const base = pointStride * position;
    const points = tree.points;
    const state = points[base + stateOffset] ?? 0;
    if (!this.hasStatus(state & statusBits, query)) return;
    if (!isExact && !this.hasCapabilities(tree.items[position] ?? 0, query)) return;
    // geo.haverSinDist with cos(lat) of the point precomputed: the same operations, the same double.
    const sinLng = Math.sin(((query.lng - (points[base] ?? 0)) * rad) / 2);
    const sinLat = Math.sin(((query.lat - (points[base + 1] ?? 0)) * rad) / 2);
    const h = query.cosLat * (points[base + 2] ?? 0) * (sinLng * sinLng) + sinLat * sinLat;
    if (h > query.maxH) return;
    const coverageH = points[base + 3] ?? -1;
    const hasAreas = (state & hasAreasFlag) !== 0;
    if (
      (coverageH >= 0 || hasAreas || query.withinArea !== -1) &&
      !this.reaches(tree.items[position] ?? 0, h, coverageH, hasAreas, query)
    )
      return;
    heapPush(h, position);
  }

  /**
   * Best-first walk of a k-d tree: only matching points enter the queue (each with its
   * distance), nodes enter with a lower bound of their points' distances, so points leave the
   * queue in exact (distance, id) order.
   */
  private bestFirst(tree: Tree, isExact: boolean, query: CompiledQuery, limit: number, found: Found): void {
    if (tree.size === 0) return;
    if (tree.availabilityVersion !== this.availabilityVersion) this.refreshAvailability(tree);
    const { nodeSize, points } = tree;
    const { lng, lat, cosLat, maxH } = query;
    heapSize = 0;
    walkItems = tree.items;
    rankOf = this.rank;
    let nodeCount = addNode(0, 0, tree.size - 1, 0, -180, -90, 180, 90);
    heapPush(0, -1);
    while (heapSize > 0) {
      const value = heapValue[0] ?? 0;
      if (value >= 0) {
        const dist = heapDist[0] ?? 0;
        heapPop();
        const item = tree.items[value] ?? 0;
        const updatedAt = points[pointStride * value + updatedAtOffset] ?? Number.NaN;
        if (this.collect(item, dist, updatedAt, query, limit, found)) return;
        continue;
      }
      heapPop();
      const node = ~value;
      const left = nodeRange[3 * node] ?? 0;
      const right = nodeRange[3 * node + 1] ?? 0;
      if (right - left <= nodeSize) {
        for (let position = left; position <= right; position += 1) this.offer(tree, position, isExact, query);
        continue;
      }
      const axis = nodeRange[3 * node + 2] ?? 0;
      const minLng = nodeBox[4 * node] ?? 0;
      const minLat = nodeBox[4 * node + 1] ?? 0;
      const maxLng = nodeBox[4 * node + 2] ?? 0;
      const maxLat = nodeBox[4 * node + 3] ?? 0;
      const middle = (left + right) >> 1;
      this.offer(tree, middle, isExact, query);
      const midLng = points[pointStride * middle] ?? 0;
      const midLat = points[pointStride * middle + 1] ?? 0;
      const nextAxis = 1 - axis;
      if (left <= middle - 1) {
        const boxMaxLng = axis === 0 ? midLng : maxLng;
        const boxMaxLat = axis === 1 ? midLat : maxLat;
        const bound = boxHaverSinDist(lng, lat, cosLat, minLng, minLat, boxMaxLng, boxMaxLat);
        if (bound <= maxH) {
          heapPush(bound, ~nodeCount);
          nodeCount = addNode(nodeCount, left, middle - 1, nextAxis, minLng, minLat, boxMaxLng, boxMaxLat);
        }
      }
      if (middle + 1 <= right) {
        const boxMinLng = axis === 0 ? midLng : minLng;
        const boxMinLat = axis === 1 ? midLat : minLat;
        const bound = boxHaverSinDist(lng, lat, cosLat, boxMinLng, boxMinLat, maxLng, maxLat);
        if (bound <= maxH) {
          heapPush(bound, ~nodeCount);
          nodeCount = addNode(nodeCount, middle + 1, right, nextAxis, boxMinLng, boxMinLat, maxLng, maxLat);
        }
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
    if (
      query.kinds.length > 0 &&
      !searchKindsOf(entry.kind, entry.procedures).some((kind) => query.kinds.includes(kind))
    )
      continue;
    if (!query.groups.every((group) => entry.groups.includes(group))) continue;
    if (!query.procedures.every((procedure) => entry.procedures.includes(procedure))) continue;
    if (query.requires24h && !entry.isAvailable24h) continue;
    const clinicTypes = query.homeCareSupportClinicTypes ?? [];
    if (clinicTypes.length > 0 && !clinicTypes.some((type) => entry.homeCareSupportClinic === type)) continue;
    if (query.requiresHomeVisitOnly && entry.isHomeVisitOnly !== true) continue;
    // A kind that admits no patients has no status: no status filter applies to it, and it is never stale.
    const admits = admitsPatients(entry.kind);
    if (
      admits &&
      query.acceptingOnly &&
      entry.availabilityStatus !== 'accepting' &&
      entry.availabilityStatus !== 'limited'
    )
      continue;
    if (admits && query.excludeFull && entry.availabilityStatus === 'full') continue;
    const reachesByRadius = entry.coverageRadiusKm !== null && h <= kmToHaverSin(entry.coverageRadiusKm);
    if (query.withinAreaCode) {
      // Declared coverage areas replace the organisation's own area; without them, where it is counts.
      const servesArea =
        entry.coverageAreaCodes.length > 0
          ? entry.coverageAreaCodes.includes(query.withinAreaCode)
          : entry.areaCode === query.withinAreaCode;
      if (!servesArea && !reachesByRadius) continue;
    } else {
      const declaresCoverage = entry.coverageRadiusKm !== null || entry.coverageAreaCodes.length > 0;
      const coversPointArea = query.pointAreaCode !== null && entry.coverageAreaCodes.includes(query.pointAreaCode);
      if (declaresCoverage && !reachesByRadius && !coversPointArea) continue;
    }
    const isStale = admits && (entry.availabilityUpdatedAt === null || entry.availabilityUpdatedAt < staleBefore);
    found.push({ id: entry.id, h, isStale });
  }
  found.sort((a, b) => Number(a.isStale) - Number(b.isStale) || a.h - b.h || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return found.slice(0, query.limit).map(({ id, h, isStale }) => ({ id, distanceKm: haverSinToKm(h), isStale }));
}
