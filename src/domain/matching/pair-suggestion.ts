/**
 * Suggesting primary/secondary pairs (主治医・副主治医) of home-care clinics in an area, so that
 * every clinic that wants a partner gets one, within a travel distance, with no clinic in more
 * than `maxPairsPerClinic` pairs.
 *
 * Two clinics can be paired only when the secondary can see the primary's patients: they share at least one
 * patient group (高齢者, 医療的ケア児, がん, 看取り, 難病, 認知症, 精神, 障害 — what their home-care profiles declare;
 * a women's clinic and a children's clinic share none) and lie within the distance. Among those, the pairs sharing
 * more groups come first, then the shorter ones ("overlap, then distance").
 *
 * How (each step exact or explained):
 * 1. Greedy by overlap, then distance: pair the two clinics that share the most groups (the closest of those) that
 *    both still want a partner, and so on. This gives a maximal matching of well-fitting pairs.
 * 2. Edmonds' blossom algorithm augments it to a MAXIMUM matching (as many clinics paired one to
 *    one as the distance graph allows; odd cycles are contracted as blossoms). Augmenting only
 *    adds pairs, so the short pairs of step 1 mostly stay.
 * 3. Local improvement (2-opt): two pairs (a,b),(c,d) are re-paired as (a,c),(b,d) or (a,d),(b,c)
 *    when both new pairs are allowed and together share more groups, or as many and are shorter in total
 *    — until nothing improves. Overlap and distance are therefore locally, not globally, best (a
 *    maximum-weight matching would need the weighted blossom algorithm; the association reviews every pair anyway).
 * 4. Clinics still alone (odd count, or no free partner in reach) get a second partner when
 *    `maxPairsPerClinic` ≥ 2: the allowed clinic sharing the most groups (then the nearest) that still has room —
 *    including clinics that already have a pair. The most constrained clinic goes first.
 * 5. Whoever is still alone is reported with the reason (`no_shared_group` when clinics lie within the distance
 *    but none shares a patient group with it).
 *
 * In each suggested pair the clinic with more home patients is the primary (it needs the backup
 * most); for a clinic added in step 4 it is the primary and its helper the secondary.
 */
import { distanceKm } from '../directory/geo.js';
import { patientGroups } from '../codes.js';
import type { UnpairedPairReasonCode } from '../server-text.js';

export type PairClinic = {
  id: string;
  lat: number;
  lng: number;
  /** Active home patients. */
  currentLoad: number;
  /** Active pairs it is in now. */
  activePairCount: number;
  /** Home-care clinic without an active pair. */
  wantsPartner: boolean;
  /** The patient groups its home-care profile declares: a partner must share at least one. */
  groups: readonly string[];
};

export type PairOptions = { maxDistanceKm: number; maxPairsPerClinic: number };

/** The codes are listed in domain/server-text.ts, so that the web says each one in English. */
export type UnpairedReason = UnpairedPairReasonCode;

export type PairSuggestion = {
  pairs: {
    primaryId: string;
    secondaryId: string;
    distanceKm: number;
    isSecondPartner: boolean;
    /** The patient groups both clinics declare (in the order of codes.ts patientGroups). */
    sharedGroups: string[];
  }[];
  unpaired: { id: string; reason: UnpairedReason; nearestKm: number | null }[];
};

/** Maximum-cardinality matching on a general graph (Edmonds), starting from `match`. */
export function maximumMatching(
  vertexCount: number,
  neighbours: readonly (readonly number[])[],
  initial?: Int32Array,
): Int32Array {
  const match = initial ? initial.slice() : new Int32Array(vertexCount).fill(-1);
  const parent = new Int32Array(vertexCount);
  const base = new Int32Array(vertexCount);
  const isUsed = new Uint8Array(vertexCount);
  const isBlossom = new Uint8Array(vertexCount);
  const queue = new Int32Array(vertexCount);

  const lowestCommonAncestor = (first: number, second: number): number => {
    const seen = new Uint8Array(vertexCount);
    let a = first;
    for (;;) {
      a = base[a] ?? a;
      seen[a] = 1;
      if ((match[a] ?? -1) === -1) break;
      a = parent[match[a] ?? 0] ?? 0;
    }
    let b = second;
    for (;;) {
      b = base[b] ?? b;
      if (seen[b]) return b;
      b = parent[match[b] ?? 0] ?? 0;
    }
  };

  const markPath = (start: number, blossomBase: number, child: number) => {
    let vertex = start;
    let next = child;
    while ((base[vertex] ?? vertex) !== blossomBase) {
      isBlossom[base[vertex] ?? vertex] = 1;
      isBlossom[base[match[vertex] ?? 0] ?? 0] = 1;
      parent[vertex] = next;
      next = match[vertex] ?? 0;
      vertex = parent[match[vertex] ?? 0] ?? 0;
    }
  };

  const findPath = (root: number): number => {
    isUsed.fill(0);
    parent.fill(-1);
    for (let vertex = 0; vertex < vertexCount; vertex += 1) base[vertex] = vertex;
    isUsed[root] = 1;
    let head = 0;
    let tail = 0;
    queue[tail++] = root;
    while (head < tail) {
      const vertex = queue[head++] ?? 0;
      for (const to of neighbours[vertex] ?? []) {
        if (base[vertex] === base[to] || match[vertex] === to) continue;
        if (to === root || ((match[to] ?? -1) !== -1 && (parent[match[to] ?? 0] ?? -1) !== -1)) {
          const blossomBase = lowestCommonAncestor(vertex, to);
          isBlossom.fill(0);
          markPath(vertex, blossomBase, to);
          markPath(to, blossomBase, vertex);
          for (let other = 0; other < vertexCount; other += 1) {
            if (isBlossom[base[other] ?? other]) {
              base[other] = blossomBase;
              if (!isUsed[other]) {
                isUsed[other] = 1;
                queue[tail++] = other;
              }
            }
          }
        } else if ((parent[to] ?? -1) === -1) {
          parent[to] = vertex;
          if ((match[to] ?? -1) === -1) return to;
          const next = match[to] ?? 0;
          isUsed[next] = 1;
          queue[tail++] = next;
        }
      }
    }
    return -1;
  };

  for (let vertex = 0; vertex < vertexCount; vertex += 1) {
    if ((match[vertex] ?? -1) !== -1) continue;
    let end = findPath(vertex);
    while (end !== -1) {
      const previous = parent[end] ?? -1;
      const following = match[previous] ?? -1;
      match[end] = previous;
      match[previous] = end;
      end = following;
    }
  }
  return match;
}

const groupOrder = new Map<string, number>(patientGroups.map((group, index) => [group, index]));

/** The patient groups two clinics both declare, in the order of codes.ts (unknown codes last, by name). */
export function sharedPatientGroups(a: readonly string[], b: readonly string[]): string[] {
  const other = new Set(b);
  return [...new Set(a)]
    .filter((group) => other.has(group))
    .sort(
      (x, y) =>
        (groupOrder.get(x) ?? patientGroups.length) - (groupOrder.get(y) ?? patientGroups.length) ||
        (x < y ? -1 : x > y ? 1 : 0),
    );
}

/** Proposes pairs; deterministic (ties by id). */
export function suggestPairs(clinics: readonly PairClinic[], options: PairOptions): PairSuggestion {
  const sorted = [...clinics].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const count = sorted.length;
  const km = (a: number, b: number) =>
    distanceKm(sorted[a]?.lng ?? 0, sorted[a]?.lat ?? 0, sorted[b]?.lng ?? 0, sorted[b]?.lat ?? 0);
  const shared = (a: number, b: number) => sharedPatientGroups(sorted[a]?.groups ?? [], sorted[b]?.groups ?? []);
  const overlap = (a: number, b: number) => shared(a, b).length;
  /** Two clinics may be a pair: within the distance and sharing at least one patient group. */
  const isAllowed = (a: number, b: number) => overlap(a, b) > 0 && km(a, b) <= options.maxDistanceKm;
  const wanting = sorted.map((clinic, index) => (clinic.wantsPartner ? index : -1)).filter((index) => index >= 0);
  const pairs: PairSuggestion['pairs'] = [];
  const unpaired: PairSuggestion['unpaired'] = [];
  const nearestOther = (index: number): number | null => {
    let best: number | null = null;
    for (let other = 0; other < count; other += 1)
      if (other !== index) best = Math.min(best ?? Infinity, km(index, other));
    return best === null ? null : Math.round(best * 10) / 10;
  };
  if (options.maxPairsPerClinic < 1) {
    for (const index of wanting)
      unpaired.push({ id: sorted[index]?.id ?? '', reason: 'limit_zero', nearestKm: nearestOther(index) });
    return { pairs, unpaired };
  }

  // 1–2: a maximum matching among the clinics that want a partner, seeded greedily by distance.
  const position = new Map(wanting.map((index, vertex) => [index, vertex]));
  const edges: { a: number; b: number; km: number; overlap: number }[] = [];
  for (let i = 0; i < wanting.length; i += 1)
    for (let j = i + 1; j < wanting.length; j += 1) {
      const a = wanting[i] ?? 0;
      const b = wanting[j] ?? 0;
      if (isAllowed(a, b)) edges.push({ a: i, b: j, km: km(a, b), overlap: overlap(a, b) });
    }
  edges.sort((x, y) => y.overlap - x.overlap || x.km - y.km || x.a - y.a || x.b - y.b);
  const neighbours: number[][] = wanting.map(() => []);
  for (const edge of edges) {
    neighbours[edge.a]?.push(edge.b);
    neighbours[edge.b]?.push(edge.a);
  }
  const seed = new Int32Array(wanting.length).fill(-1);
  for (const edge of edges) {
    if (seed[edge.a] === -1 && seed[edge.b] === -1) {
      seed[edge.a] = edge.b;
      seed[edge.b] = edge.a;
    }
  }
  const match = maximumMatching(wanting.length, neighbours, seed);

  // 3: 2-opt on the matched pairs: more shared groups first, then a shorter total.
  const vertexKm = (a: number, b: number) => km(wanting[a] ?? 0, wanting[b] ?? 0);
  const vertexOverlap = (a: number, b: number) => overlap(wanting[a] ?? 0, wanting[b] ?? 0);
  const vertexAllowed = (a: number, b: number) => isAllowed(wanting[a] ?? 0, wanting[b] ?? 0);
  for (let round = 0; round < 50; round += 1) {
    let improved = false;
    for (let a = 0; a < wanting.length; a += 1) {
      const b = match[a] ?? -1;
      if (b < a) continue;
      for (let c = a + 1; c < wanting.length; c += 1) {
        const d = match[c] ?? -1;
        if (d < c || c === b) continue;
        const now = vertexKm(a, b) + vertexKm(c, d);
        const nowOverlap = vertexOverlap(a, b) + vertexOverlap(c, d);
        const options2 = [
          [c, d],
          [d, c],
        ] as const;
        for (const [x, y] of options2) {
          if (!vertexAllowed(a, x) || !vertexAllowed(b, y)) continue;
          const newOverlap = vertexOverlap(a, x) + vertexOverlap(b, y);
          const newKm = vertexKm(a, x) + vertexKm(b, y);
          if (newOverlap > nowOverlap || (newOverlap === nowOverlap && newKm < now - 1e-9)) {
            match[a] = x;
            match[x] = a;
            match[b] = y;
            match[y] = b;
            improved = true;
            break;
          }
        }
        if (improved) break;
      }
      if (improved) break;
    }
    if (!improved) break;
  }

  const pairCount = sorted.map((clinic) => clinic.activePairCount);
  const orient = (x: number, y: number) => {
    const first = sorted[x];
    const second = sorted[y];
    if (!first || !second) return null;
    const firstIsPrimary =
      first.currentLoad > second.currentLoad || (first.currentLoad === second.currentLoad && first.id < second.id);
    return firstIsPrimary ? { primary: first, secondary: second } : { primary: second, secondary: first };
  };
  for (let vertex = 0; vertex < wanting.length; vertex += 1) {
    const partner = match[vertex] ?? -1;
    if (partner < vertex) continue;
    const a = wanting[vertex] ?? 0;
    const b = wanting[partner] ?? 0;
    const oriented = orient(a, b);
    if (!oriented) continue;
    pairs.push({
      primaryId: oriented.primary.id,
      secondaryId: oriented.secondary.id,
      distanceKm: Math.round(km(a, b) * 100) / 100,
      isSecondPartner: false,
      sharedGroups: shared(a, b),
    });
    pairCount[a] = (pairCount[a] ?? 0) + 1;
    pairCount[b] = (pairCount[b] ?? 0) + 1;
  }

  // 4: clinics still alone take a partner that has room (most constrained first).
  const alone = wanting.filter((index) => (match[position.get(index) ?? -1] ?? -1) === -1);
  const optionsOf = (index: number) => {
    const list: { other: number; km: number; overlap: number }[] = [];
    for (let other = 0; other < count; other += 1) {
      if (other === index || !isAllowed(index, other)) continue;
      list.push({ other, km: km(index, other), overlap: overlap(index, other) });
    }
    return list.sort((x, y) => y.overlap - x.overlap || x.km - y.km || x.other - y.other);
  };
  /** Any other clinic within the distance, whatever it treats (to say why a clinic stays alone). */
  const hasNeighbour = (index: number) =>
    sorted.some((_, other) => other !== index && km(index, other) <= options.maxDistanceKm);
  const withOptions = alone.map((index) => ({ index, options: optionsOf(index) }));
  withOptions.sort((x, y) => x.options.length - y.options.length || x.index - y.index);
  for (const { index, options: reachable } of withOptions) {
    const clinic = sorted[index];
    if (!clinic) continue;
    const helper = reachable.find(({ other }) => (pairCount[other] ?? 0) < options.maxPairsPerClinic);
    if (reachable.length === 0) {
      unpaired.push({
        id: clinic.id,
        reason: count <= 1 ? 'no_other_clinic' : hasNeighbour(index) ? 'no_shared_group' : 'none_within_distance',
        nearestKm: nearestOther(index),
      });
      continue;
    }
    if (!helper) {
      unpaired.push({ id: clinic.id, reason: 'partners_at_limit', nearestKm: nearestOther(index) });
      continue;
    }
    pairs.push({
      primaryId: clinic.id,
      secondaryId: sorted[helper.other]?.id ?? '',
      distanceKm: Math.round(helper.km * 100) / 100,
      isSecondPartner: true,
      sharedGroups: shared(index, helper.other),
    });
    pairCount[index] = (pairCount[index] ?? 0) + 1;
    pairCount[helper.other] = (pairCount[helper.other] ?? 0) + 1;
  }
  pairs.sort((x, y) =>
    x.primaryId < y.primaryId ? -1 : x.primaryId > y.primaryId ? 1 : x.secondaryId < y.secondaryId ? -1 : 1,
  );
  unpaired.sort((x, y) => (x.id < y.id ? -1 : 1));
  return { pairs, unpaired };
}
