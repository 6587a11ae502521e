/**
 * The baseline of W1's selectivity sweep: a bitmask-prefiltered linear scan. Every organisation's
 * capabilities, kind and availability are packed into typed arrays; a query tests the masks of
 * every organisation first (a few integer operations), computes the great-circle distance only
 * for those that pass, and keeps the best `limit` in a small sorted buffer (fresh before stale,
 * nearest first, ties by id) — the same answer as the index and the brute force, with no tree.
 */
import type { DirectoryEntry, SearchHit, SearchQuery } from '../../src/domain/directory/search-index.js';
import {
  groupMask,
  kindIndex,
  kindMask,
  procedureMask,
  statusIndex,
} from '../../src/domain/directory/capability-mask.js';
import { cosLatOf, haverSinDist, haverSinToKm, kmToHaverSin } from '../../src/domain/directory/geo.js';

const accepting = statusIndex.get('accepting') ?? 1;
const limited = statusIndex.get('limited') ?? 2;
const full = statusIndex.get('full') ?? 3;

export class LinearScan {
  private readonly ids: string[];
  private readonly lat: Float64Array;
  private readonly lng: Float64Array;
  private readonly kind: Uint8Array;
  private readonly groups: Uint32Array;
  private readonly procedures: Uint32Array;
  private readonly is24h: Uint8Array;
  private readonly status: Uint8Array;
  private readonly updatedAt: Float64Array;
  private readonly coverageH: Float64Array;
  private readonly coverageAreas: (readonly string[] | null)[];

  constructor(entries: readonly DirectoryEntry[]) {
    // Item order = id order, so comparing item numbers breaks ties by id.
    const sorted = [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const size = sorted.length;
    this.ids = sorted.map((entry) => entry.id);
    this.lat = Float64Array.from(sorted, (entry) => entry.lat);
    this.lng = Float64Array.from(sorted, (entry) => entry.lng);
    this.kind = Uint8Array.from(sorted, (entry) => kindIndex.get(entry.kind) ?? 0);
    this.groups = Uint32Array.from(sorted, (entry) => groupMask(entry.groups));
    this.procedures = Uint32Array.from(sorted, (entry) => procedureMask(entry.procedures));
    this.is24h = Uint8Array.from(sorted, (entry) => (entry.isAvailable24h ? 1 : 0));
    this.status = Uint8Array.from(sorted, (entry) =>
      entry.availabilityStatus ? (statusIndex.get(entry.availabilityStatus) ?? 0) : 0,
    );
    this.updatedAt = Float64Array.from(sorted, (entry) => entry.availabilityUpdatedAt ?? Number.NaN);
    this.coverageH = Float64Array.from(sorted, (entry) =>
      entry.coverageRadiusKm === null ? -1 : kmToHaverSin(entry.coverageRadiusKm),
    );
    this.coverageAreas = sorted.map((entry) => (entry.coverageAreaCodes.length > 0 ? entry.coverageAreaCodes : null));
    if (this.ids.length !== size) throw new Error('unreachable');
  }

  /** Point-and-radius searches only (what W1 measures); area searches are not implemented. */
  search(query: SearchQuery): SearchHit[] {
    if (query.withinAreaCode) throw new Error('the linear-scan baseline does not do area searches');
    const kinds = query.kinds.length > 0 ? kindMask(query.kinds) : 0;
    const groups = groupMask(query.groups);
    const procedures = procedureMask(query.procedures);
    const requires24h = query.requires24h === true;
    const acceptingOnly = query.acceptingOnly;
    const excludeFull = query.excludeFull === true;
    const cosLat = cosLatOf(query.lat);
    const maxH = query.radiusKm === null ? Number.POSITIVE_INFINITY : kmToHaverSin(query.radiusKm);
    const staleBefore = query.nowMs - query.staleAfterMs;
    const limit = query.limit;
    if (limit <= 0) return [];
    // The best `limit` so far, sorted by (stale, distance, item).
    const bestItem = new Int32Array(limit);
    const bestH = new Float64Array(limit);
    const bestStale = new Uint8Array(limit);
    let count = 0;
    const size = this.ids.length;
    for (let item = 0; item < size; item += 1) {
      // The bitmask prefilter: no distance unless every code matches.
      if ((this.groups[item]! & groups) !== groups) continue;
      if ((this.procedures[item]! & procedures) !== procedures) continue;
      if (kinds !== 0 && ((kinds >>> this.kind[item]!) & 1) === 0) continue;
      if (requires24h && this.is24h[item] !== 1) continue;
      const status = this.status[item]!;
      if (acceptingOnly && status !== accepting && status !== limited) continue;
      if (excludeFull && status === full) continue;
      const h = haverSinDist(query.lng, query.lat, this.lng[item]!, this.lat[item]!, cosLat);
      if (h > maxH) continue;
      const coverageH = this.coverageH[item]!;
      const areas = this.coverageAreas[item] ?? null;
      if (coverageH >= 0 || areas) {
        const byRadius = coverageH >= 0 && h <= coverageH;
        const byArea = areas !== null && query.pointAreaCode !== null && areas.includes(query.pointAreaCode);
        if (!byRadius && !byArea) continue;
      }
      const updatedAt = this.updatedAt[item]!;
      const stale = Number.isNaN(updatedAt) || updatedAt < staleBefore ? 1 : 0;
      // Insert into the sorted buffer when it beats the worst kept (items arrive in id order).
      if (count === limit) {
        const last = limit - 1;
        const worseThanLast = stale > bestStale[last]! || (stale === bestStale[last]! && h >= bestH[last]!);
        if (worseThanLast) continue;
      } else {
        count += 1;
      }
      let position = count - 1;
      while (position > 0) {
        const previous = position - 1;
        const isBefore = stale < bestStale[previous]! || (stale === bestStale[previous]! && h < bestH[previous]!);
        if (!isBefore) break;
        bestItem[position] = bestItem[previous]!;
        bestH[position] = bestH[previous]!;
        bestStale[position] = bestStale[previous]!;
        position = previous;
      }
      bestItem[position] = item;
      bestH[position] = h;
      bestStale[position] = stale;
    }
    const hits: SearchHit[] = [];
    for (let index = 0; index < count; index += 1) {
      hits.push({
        id: this.ids[bestItem[index]!]!,
        distanceKm: haverSinToKm(bestH[index]!),
        isStale: bestStale[index] === 1,
      });
    }
    return hits;
  }
}
