/** The resource search: where (point, address or area), what (kind, groups, procedures), accepting. */
import type { AppDeps } from '../../platform/context.js';
import { errors } from '../../platform/errors.js';
import { availabilityAgeDays } from '../../domain/freshness.js';
import type { DirectoryIndexService } from './directory-index.service.js';
import type { DirectoryIndex, SearchHit } from '../../domain/directory/search-index.js';
import type { GeocodeService } from '../geocode/geocode.service.js';
import type { AreaShape, LocatedPlace } from '../geocode/geocode.service.js';
import type { RepresentativePoint } from '../areas/representative-point.js';
import type {
  HomeCareSupportClinicSearchValue,
  PublicSearchQuery,
  SearchQuery,
  SearchResponse,
} from './search.schema.js';
import { placeNotFoundError } from './place-not-found.js';
import { unknownAreaError } from '../areas/area.service.js';
import { decodeCursor, encodeCursor } from '../../platform/pagination.js';
import { filtersForNeeds } from '../../domain/directory/citizen-needs.js';
import { admitsPatients } from '../../domain/directory/search-kinds.js';
import {
  homeCareSupportClinicTypes,
  type HomeCareSupportClinicType,
  type OrganizationKind,
} from '../../domain/codes.js';

const dayMs = 24 * 60 * 60 * 1000;
const defaultRadiusKm = 10;

/** 地域包括支援センター: the desk a citizen is always pointed to for a first consultation. */
const supportCenterKind = 'community_support_center';
/** The centres of one ward shown at most (Okayama City has one to three a ward). */
const wardSupportCenterLimit = 5;
/** The nearest centres shown when the place lies in no ward with a centre. */
const nearestSupportCenterLimit = 2;

/**
 * How deep the pages of one search go: the city has a few thousand organisations, and the index
 * gathers every result before the page it is asked for.
 */
export const maxSearchOffset = 10_000;

/**
 * The search's `cursor` (platform/pagination.ts, no key): how many results the pages before held (the answer is
 * ordered, fresh then stale, each nearest first, ties by id). A result that changes between two pages (an
 * availability turning stale, an organisation added) may shift the later pages by one, as in any ranked list.
 */
export function encodeSearchCursor(offset: number): string {
  return encodeCursor({ key: null, id: String(offset) });
}

/** The offset a `cursor` of this search stands for (0 without one); a cursor it did not issue is a 400. */
export function searchOffsetOf(cursor: string | undefined): number {
  const decoded = decodeCursor(cursor, 'none', 'integer');
  if (decoded === null) return 0;
  const offset = Number(decoded.id);
  if (offset > 0 && offset <= maxSearchOffset) return offset;
  throw errors.validation([
    { path: 'cursor', message: 'カーソルの形式が正しくありません（前の検索結果の nextCursor を指定してください）。' },
  ]);
}

/** An area as the search reads it: its shape and, when known, its representative point. */
export type SearchArea = AreaShape & { representativePoint: RepresentativePoint | null };

/**
 * A place located only to a ward or the city, moved to the area's representative point where people live (with that
 * point's town); any finer place as it is. The search starts there, and the place lookup answers it.
 */
function atRepresentativePoint(
  place: LocatedPlace,
  areas: readonly SearchArea[],
): { place: LocatedPlace; town: string | null } {
  if (place.precision !== 'ward') return { place, town: null };
  const point = areas.find((area) => area.code === place.areaCode)?.representativePoint;
  return point ? { place: { ...place, lat: point.lat, lng: point.lng }, town: point.town } : { place, town: null };
}

type Origin = {
  lat: number;
  lng: number;
  areaCode: string | null;
  label: string | null;
  precision: string | null;
  basis: SearchResponse['origin']['basis'];
  town: string | null;
  /** An area search: only organisations serving this area. */
  withinAreaCode: string | null;
};

/** The 在宅療養支援診療所 types a `homeCareSupportClinic` filter asks for (any of them); empty = no condition. */
export function homeCareSupportClinicTypesFor(
  values: readonly HomeCareSupportClinicSearchValue[] | undefined,
): HomeCareSupportClinicType[] {
  const wanted = new Set<HomeCareSupportClinicType>();
  for (const value of values ?? []) {
    if (value === 'any') homeCareSupportClinicTypes.forEach((type) => wanted.add(type));
    else if (value === 'enhanced')
      ['enhanced_single', 'enhanced_network'].forEach((type) => wanted.add(type as HomeCareSupportClinicType));
    else wanted.add(value);
  }
  return homeCareSupportClinicTypes.filter((type) => wanted.has(type));
}

/** An answer's item without what only professionals see (free places, the availability note). */
function publicItem(item: SearchResponse['items'][number]) {
  return {
    ...item,
    availability: item.availability && {
      status: item.availability.status,
      updatedAt: item.availability.updatedAt,
      ageDays: item.availability.ageDays,
      isStale: item.availability.isStale,
    },
  };
}

export function createSearchService(
  deps: AppDeps,
  directory: DirectoryIndexService,
  geocoder: GeocodeService,
  loadAreas: () => Promise<SearchArea[]>,
) {
  const { clock, config } = deps;

  /**
   * Where the search starts. A ward — `areaCode`, or a `near` located no finer than its ward — starts from the
   * ward's representative point (a 町丁目 point where people live, areas/representative-point.ts), not from its
   * geometric centroid, which for 北区 lies in the rural north; the centroid serves only when there is no such point.
   */
  async function resolveOrigin(query: SearchQuery): Promise<Origin> {
    if (query.lat !== undefined && query.lng !== undefined) {
      return {
        lat: query.lat,
        lng: query.lng,
        // A point outside Okayama City is refused (location_outside_city), as a typed place there is.
        areaCode: await geocoder.areaOfPointInCity(query.lat, query.lng),
        label: null,
        precision: null,
        basis: 'point',
        town: null,
        withinAreaCode: null,
      };
    }
    const areas = await loadAreas();
    if (query.near !== undefined) {
      const place = await geocoder.locate(query.near);
      if (!place) throw placeNotFoundError(query.near, 400);
      const { place: start, town } = atRepresentativePoint(place, areas);
      return { ...start, basis: place.precision === 'ward' ? 'area' : 'place', town, withinAreaCode: null };
    }
    const area = areas.find((candidate) => candidate.code === query.areaCode);
    const point = area?.representativePoint ?? area?.centroid;
    if (!area || !point) throw unknownAreaError(query.areaCode ?? '', areas);
    return {
      lat: point.lat,
      lng: point.lng,
      areaCode: area.code,
      label: area.fullName,
      precision: 'area',
      basis: 'area',
      town: area.representativePoint?.town ?? null,
      withinAreaCode: area.code,
    };
  }

  /** One hit as the answer shows it; nothing when the organisation left the index meanwhile. */
  function itemOf(hit: SearchHit, nowDate: Date): SearchResponse['items'] {
    const entry = directory.entry(hit.id);
    const row = directory.row(hit.id);
    if (!entry || !row) return [];
    const updatedAt = row.availabilityUpdatedAt;
    const updatedAtJst = row.availabilityUpdatedAtJst;
    // A consultation window (地域包括支援センター …) takes no patients: whatever status it once declared is not shown.
    const admits = admitsPatients(entry.kind);
    return [
      {
        organization: {
          id: entry.id,
          name: row.name,
          kind: entry.kind,
          address: row.address,
          lat: entry.lat,
          lng: entry.lng,
          areaCode: entry.areaCode,
          phone: row.phone,
          homeCareSupportClinic: entry.homeCareSupportClinic ?? null,
          isHomeVisitOnly: entry.isHomeVisitOnly === true,
        },
        distanceKm: Math.round(hit.distanceKm * 1000) / 1000,
        admitsPatients: admits,
        availability:
          admits && entry.availabilityStatus && updatedAt && updatedAtJst
            ? {
                status: entry.availabilityStatus,
                freeSlots: row.freeSlots,
                note: row.availabilityNote,
                updatedAt: updatedAtJst,
                ageDays: availabilityAgeDays(updatedAt, nowDate),
                isStale: hit.isStale,
              }
            : null,
        capabilities: {
          groups: [...entry.groups],
          procedures: [...entry.procedures],
          available24h: entry.isAvailable24h,
        },
        isDemoProfile: row.isDemoProfile,
        isDemoAvailability: row.isDemoAvailability,
      },
    ];
  }

  /**
   * `indexReady` is the index brought up to date when the request arrived (the route starts it
   * beside the session lookup, platform/guard `startEarly`); without it the search syncs now.
   * `matchesNothing`: the conditions cannot hold together (needs no one kind of organisation provides), so the
   * place is still located (and refused as usual) but nothing is listed.
   */
  async function search(
    query: SearchQuery,
    indexReady?: Promise<DirectoryIndex>,
    options: { matchesNothing?: boolean } = {},
  ): Promise<SearchResponse> {
    const origin = await resolveOrigin(query);
    const index = await (indexReady ?? directory.current());
    const nowDate = clock.now();
    const now = nowDate.getTime();
    const offset = searchOffsetOf(query.cursor);
    const hits = options.matchesNothing
      ? []
      : index.search({
          lat: origin.lat,
          lng: origin.lng,
          radiusKm: origin.withinAreaCode ? (query.radiusKm ?? null) : (query.radiusKm ?? defaultRadiusKm),
          pointAreaCode: origin.areaCode,
          withinAreaCode: origin.withinAreaCode,
          kinds: query.kind ?? [],
          groups: query.group ?? [],
          procedures: query.procedure ?? [],
          requires24h: query.available24h === 'true',
          homeCareSupportClinicTypes: homeCareSupportClinicTypesFor(query.homeCareSupportClinic),
          requiresHomeVisitOnly: query.homeVisitOnly === 'true',
          acceptingOnly: query.accepting === 'true',
          // One more than the page: whether a next page exists.
          limit: offset + query.limit + 1,
          nowMs: now,
          staleAfterMs: config.staleAvailabilityDays * dayMs,
        });
    const page = hits.slice(offset, offset + query.limit);
    const next = offset + query.limit;
    const items = page.flatMap((hit) => itemOf(hit, nowDate));
    return {
      origin: {
        lat: origin.lat,
        lng: origin.lng,
        areaCode: origin.areaCode,
        label: origin.label,
        precision: origin.precision,
        basis: origin.basis,
        town: origin.town,
      },
      items,
      nextCursor: hits.length > next && next < maxSearchOffset ? encodeSearchCursor(next) : null,
      staleAfterDays: config.staleAvailabilityDays,
      unregisteredKinds: unregisteredKinds(index, query.kind ?? []),
    };
  }

  /** The kinds asked for that the `kind` filter finds no organisation under, anywhere: the reason of an empty answer. */
  function unregisteredKinds(index: DirectoryIndex, kinds: readonly OrganizationKind[]): OrganizationKind[] {
    if (kinds.length === 0) return [];
    const counts = index.kindCounts();
    return [...new Set(kinds)].filter((kind) => (counts.get(kind) ?? 0) === 0);
  }

  /** How many organisations the `kind` filter finds under each kind, in the order of the code list. */
  async function kindCounts(
    indexReady?: Promise<DirectoryIndex>,
  ): Promise<{ kind: OrganizationKind; count: number }[]> {
    const counts = (await (indexReady ?? directory.current())).kindCounts();
    return [...counts].map(([kind, count]) => ({ kind, count }));
  }

  /**
   * The 地域包括支援センター for a place, whatever the radius and the other conditions: those serving the
   * place's ward (its own, or declaring the ward in their coverage), nearest first; when the ward has none (or
   * the place is in no ward), the nearest ones of the city. A citizen who asks where to consult first is always
   * given a desk to call.
   */
  function supportCentersFor(
    index: DirectoryIndex,
    origin: { lat: number; lng: number; areaCode: string | null },
    nowDate: Date,
  ): { basis: 'area' | 'nearest'; areaCode: string | null; items: SearchResponse['items'] } {
    const base = {
      lat: origin.lat,
      lng: origin.lng,
      radiusKm: null,
      pointAreaCode: origin.areaCode,
      kinds: [supportCenterKind] as const,
      groups: [],
      procedures: [],
      acceptingOnly: false,
      nowMs: nowDate.getTime(),
      staleAfterMs: config.staleAvailabilityDays * dayMs,
    };
    const byDistance = (hits: SearchHit[]) => [...hits].sort((a, b) => a.distanceKm - b.distanceKm);
    const inArea = origin.areaCode
      ? byDistance(index.search({ ...base, withinAreaCode: origin.areaCode, limit: wardSupportCenterLimit }))
      : [];
    if (inArea.length > 0) {
      return { basis: 'area', areaCode: origin.areaCode, items: inArea.flatMap((hit) => itemOf(hit, nowDate)) };
    }
    const nearest = byDistance(index.search({ ...base, withinAreaCode: null, limit: nearestSupportCenterLimit }));
    return { basis: 'nearest', areaCode: origin.areaCode, items: nearest.flatMap((hit) => itemOf(hit, nowDate)) };
  }

  /**
   * Needs in everyday words (`need`, citizen-needs.ts) as the kinds, groups and procedures one organisation must
   * have to meet them all, on top of any kind, group or procedure given too. `matchesNothing` when no kind is left.
   */
  function withNeeds(query: PublicSearchQuery): {
    query: SearchQuery;
    matchesNothing: boolean;
    asksForCenters: boolean;
  } {
    const { need: needs = [], ...rest } = query;
    if (needs.length === 0) {
      return { query: rest, matchesNothing: false, asksForCenters: (rest.kind ?? []).includes(supportCenterKind) };
    }
    const filters = filtersForNeeds(needs);
    const kinds = rest.kind ? filters.kinds.filter((kind) => rest.kind?.includes(kind)) : filters.kinds;
    return {
      query: {
        ...rest,
        kind: kinds,
        group: [...new Set([...(rest.group ?? []), ...filters.groups])],
        procedure: [...new Set([...(rest.procedure ?? []), ...filters.procedures])],
      },
      matchesNothing: kinds.length === 0,
      asksForCenters: filters.asksForConsultation || kinds.includes(supportCenterKind),
    };
  }

  /**
   * The same search for citizens: public fields only, and the needs in everyday words (`need`, several: one
   * organisation meeting them all). A search for 地域包括支援センター (kind, or the need 「まず相談したい」, alone or
   * beside others) also answers `supportCenters`, the centres for the place regardless of the radius
   * (supportCentersFor); otherwise null.
   */
  async function publicSearch(publicQuery: PublicSearchQuery, indexReady?: Promise<DirectoryIndex>) {
    const { query, matchesNothing, asksForCenters: asksForSupportCenters } = withNeeds(publicQuery);
    const result = await search(query, indexReady, { matchesNothing });
    const supportCenters = asksForSupportCenters
      ? supportCentersFor(await (indexReady ?? directory.current()), result.origin, clock.now())
      : null;
    return {
      ...result,
      items: result.items.map(publicItem),
      supportCenters: supportCenters && { ...supportCenters, items: supportCenters.items.map(publicItem) },
    };
  }

  /**
   * A typed place as the search would start from it: a ward or the city named alone is placed at its representative
   * point where people live (岡山市 → 表町一丁目), not its geometric centroid (5.6 km north of downtown), so a place
   * looked up first and searched around then starts where `near=` would.
   */
  async function locate(text: string, options: { outsideCityStatus?: 400 | 404 } = {}) {
    const place = await geocoder.locate(text, options);
    return place && atRepresentativePoint(place, await loadAreas()).place;
  }

  return {
    search,
    publicSearch,
    kindCounts,
    locate,
    /** The index as of now (see DirectoryIndexService.current). */
    currentIndex: (): Promise<DirectoryIndex> => directory.current(),
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
