/**
 * The resource directory and notifications on the web side: types mirroring src/features/directory/search.schema.ts,
 * freshness.routes.ts and notifications/notification.routes.ts, their calls over the one typed client, and the
 * TanStack Query hooks the pages use.
 */
import { useEffect, useRef } from 'react';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
} from '@tanstack/react-query';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { isApiError, reportSessionEnded, request } from './client';
import { isCaseUpdatedEvent, publishCaseUpdated } from './live';
import { asOkayamaCityPlace, okayamaCityCode } from '../components/directory/place-text';
import type { Area, Page } from './types';
import type {
  AvailabilityStatus,
  HomeCareSupportClinicType,
  OrganizationKind,
  PatientGroup,
  Procedure,
} from '../codes';

// ---------- types ----------

export type GeocodePrecision = 'machiaza' | 'oaza' | 'ward' | 'postal_code';

/** GET public/geocode: where a typed address, postal code or ward name is. */
export type Place = { lat: number; lng: number; precision: GeocodePrecision; areaCode: string | null; label: string };

export type SearchOrigin = {
  lat: number;
  lng: number;
  areaCode: string | null;
  label: string | null;
  precision: string | null;
  /** point: the lat/lng given; place: `near` located to a town or postal code; area: a ward's representative point. */
  basis: 'point' | 'place' | 'area';
  /** With `area`: the 町丁目 of the ward's representative point (where people live, not the ward's centroid). */
  town: string | null;
};

/** What both searches filter by (CONTRACT §3 Directory). Exactly one way of giving the place. */
export type ResourceSearchQuery = {
  lat?: number | undefined;
  lng?: number | undefined;
  near?: string | undefined;
  areaCode?: string | undefined;
  radiusKm?: number | undefined;
  kinds?: readonly OrganizationKind[] | undefined;
  groups?: readonly PatientGroup[] | undefined;
  procedures?: readonly Procedure[] | undefined;
  /** The citizens' search only: needs in everyday words (src/domain/directory/citizen-needs.ts), all to be met. */
  needs?: readonly string[] | undefined;
  isAvailable24hOnly?: boolean | undefined;
  /** 在宅療養支援診療所 of any of these (`any`: of any type, `enhanced`: 機能強化型 単独型・連携型). */
  homeCareSupportClinic?: readonly HomeCareSupportClinicFilter[] | undefined;
  /** 往診専門 only. */
  isHomeVisitOnly?: boolean | undefined;
  isAcceptingOnly?: boolean | undefined;
  limit?: number | undefined;
  /** The `nextCursor` of the page before (the next results, in the same order). */
  cursor?: string | undefined;
};

/** The values of the search's `homeCareSupportClinic` (src/features/directory/search.schema.ts). */
export type HomeCareSupportClinicFilter = 'any' | 'enhanced' | HomeCareSupportClinicType;

export type SearchOrganization = {
  id: string;
  name: string;
  kind: OrganizationKind;
  address: string;
  lat: number;
  lng: number;
  areaCode: string | null;
  phone: string | null;
  /** 在宅療養支援診療所 and its type, or null. */
  homeCareSupportClinic: HomeCareSupportClinicType | null;
  /** 往診専門. */
  isHomeVisitOnly: boolean;
};

export type SearchCapabilities = { groups: PatientGroup[]; procedures: Procedure[]; available24h: boolean };

export type PublicSearchAvailability = {
  status: AvailabilityStatus;
  updatedAt: string;
  ageDays: number;
  isStale: boolean;
};

export type SearchAvailability = PublicSearchAvailability & { freeSlots: number | null; note: string | null };

export type SearchResult<A extends PublicSearchAvailability = SearchAvailability> = {
  organization: SearchOrganization;
  distanceKm: number;
  /** false for the consultation windows (地域包括支援センター …): no acceptance status, `availability` is null. */
  admitsPatients: boolean;
  availability: A | null;
  capabilities: SearchCapabilities;
  isDemoProfile: boolean;
  isDemoAvailability: boolean;
};

export type SearchResponse<A extends PublicSearchAvailability = SearchAvailability> = {
  origin: SearchOrigin;
  items: SearchResult<A>[];
  staleAfterDays: number;
  /** The kinds asked for under which no organisation is registered at all (why an answer may be empty). */
  unregisteredKinds: OrganizationKind[];
  /** Where the next page starts (ask again with `cursor`); null when these were the last. */
  nextCursor?: string | null;
};

/** GET resources/kinds: how many organisations the search finds under each kind, anywhere. */
export type KindCount = { kind: OrganizationKind; count: number };

export type PublicSearchResult = SearchResult<PublicSearchAvailability>;
export type PublicSearchResponse = SearchResponse<PublicSearchAvailability>;

export type WardProperties = { code: string; name: string; fullName: string; attribution: string };
export type WardBoundaries = FeatureCollection<Geometry, WardProperties>;
export type WardFeature = Feature<Geometry, WardProperties>;

/** GET directory/stale: a member whose 受入状況 is older than staleAfterDays (or was never entered). */
export type StaleMember = {
  id: string;
  name: string;
  kind: OrganizationKind;
  areaCode: string | null;
  phone: string | null;
  availabilityStatus: AvailabilityStatus | null;
  availabilityUpdatedAt: string | null;
  ageDays: number | null;
  /** When the daily job last asked it to update its 受入状況 (a notification), null when it never did. */
  lastRemindedAt: string | null;
};
export type StalePage = Page<StaleMember> & { staleAfterDays: number };

/** The orders of the stale list: the oldest answer first (never answered first of all), or by name. */
export const staleSorts = ['oldest', 'name'] as const;
export type StaleSort = (typeof staleSorts)[number];

/** What the stale list is filtered and sorted by (src/features/directory/freshness.schema.ts). */
export type StaleQuery = { sort: StaleSort; kind?: OrganizationKind | undefined; areaCode?: string | undefined };

export type AppNotification = {
  id: string;
  kind: string;
  title: string;
  body: string;
  /** The values of title and body (i18n/server-text.ts); null on older notifications. */
  params?: Record<string, unknown> | null;
  link: string | null;
  entity: string | null;
  entityId: string | null;
  createdAt: string;
  readAt: string | null;
};
export type NotificationPage = Page<AppNotification> & { unreadCount: number };

/** `event: notification` of GET /api/v1/events. */
export type NotificationSignal = Pick<
  AppNotification,
  'id' | 'kind' | 'title' | 'body' | 'params' | 'link' | 'createdAt'
>;

// ---------- calls ----------

/** The query string of a search: repeated parameters for the lists, only what is set. */
export function searchParameters(query: ResourceSearchQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.lat !== undefined && query.lng !== undefined) {
    params.set('lat', query.lat.toFixed(6));
    params.set('lng', query.lng.toFixed(6));
  } else if (query.near) {
    params.set('near', query.near);
  } else if (query.areaCode) {
    params.set('areaCode', query.areaCode);
  }
  if (query.radiusKm !== undefined) params.set('radiusKm', String(query.radiusKm));
  for (const kind of query.kinds ?? []) params.append('kind', kind);
  for (const group of query.groups ?? []) params.append('group', group);
  for (const procedure of query.procedures ?? []) params.append('procedure', procedure);
  for (const need of query.needs ?? []) params.append('need', need);
  if (query.isAvailable24hOnly) params.set('available24h', 'true');
  for (const value of query.homeCareSupportClinic ?? []) params.append('homeCareSupportClinic', value);
  if (query.isHomeVisitOnly) params.set('homeVisitOnly', 'true');
  if (query.isAcceptingOnly) params.set('accepting', 'true');
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.cursor) params.set('cursor', query.cursor);
  return params;
}

/**
 * Asks for a typed place, and when the server cannot locate it, asks once more for it in Okayama City
 * (「北区大供1丁目」 → 「岡山市北区大供1丁目」). The second answer counts only if it found more than the city as a
 * whole; otherwise the first answer's message (「…の位置を特定できませんでした。…」) is what the user sees.
 */
async function locatedInOkayamaCity<T>(
  text: string,
  ask: (text: string) => Promise<T>,
  foundArea: (answer: T) => string | null,
): Promise<T> {
  try {
    return await ask(text);
  } catch (error) {
    const retry = asOkayamaCityPlace(text);
    const isNotLocated =
      isApiError(error) && (error.specificCode === 'not_found' || error.specificCode === 'location_not_found');
    if (!retry || !isNotLocated) throw error;
    let answer: T;
    try {
      answer = await ask(retry);
    } catch {
      throw error;
    }
    if (foundArea(answer) === okayamaCityCode) throw error;
    return answer;
  }
}

export const directoryApi = {
  geocode: (q: string) =>
    locatedInOkayamaCity(
      q,
      (text) => request<Place>('GET', 'public/geocode', { query: { q: text } }),
      (place) => place.areaCode,
    ),
  boundaries: () => request<WardBoundaries>('GET', 'public/areas/boundaries'),
  publicAreas: () => request<{ items: Area[] }>('GET', 'public/areas'),
  search: (query: ResourceSearchQuery) =>
    locatedInOkayamaCity(
      query.near ?? '',
      (near) =>
        request<SearchResponse>(
          'GET',
          `resources/search?${searchParameters(query.near ? { ...query, near } : query).toString()}`,
        ),
      (answer) => answer.origin.areaCode,
    ),
  publicSearch: (query: ResourceSearchQuery) =>
    locatedInOkayamaCity(
      query.near ?? '',
      (near) =>
        request<PublicSearchResponse>(
          'GET',
          `public/resources/search?${searchParameters(query.near ? { ...query, near } : query).toString()}`,
        ),
      (answer) => answer.origin.areaCode,
    ),
  kindCounts: () => request<{ items: KindCount[] }>('GET', 'resources/kinds'),
  stale: (query: StaleQuery & { cursor?: string | undefined; limit?: number }) =>
    request<StalePage>('GET', 'directory/stale', { query }),
  notifications: (query: { cursor?: string | undefined; limit?: number; unread?: 'true' }) =>
    request<NotificationPage>('GET', 'notifications', { query }),
  markNotificationRead: (id: string) =>
    request<{ unreadCount: number }>('POST', `notifications/${encodeURIComponent(id)}/read`),
  markAllNotificationsRead: () => request<{ unreadCount: number }>('POST', 'notifications/read-all'),
};

// ---------- hooks ----------

export const directoryKeys = {
  geocode: (q: string) => ['geocode', q] as const,
  boundaries: ['ward-boundaries'] as const,
  publicAreas: ['public-areas'] as const,
  search: (query: ResourceSearchQuery) => ['resource-search', 'professional', query] as const,
  publicSearch: (query: ResourceSearchQuery) => ['resource-search', 'public', query] as const,
  kindCounts: ['resource-kind-counts'] as const,
  stale: ['directory-stale'] as const,
  notifications: ['notifications'] as const,
  notificationList: (isUnreadOnly: boolean) => ['notifications', 'list', isUnreadOnly] as const,
  unreadCount: ['notifications', 'unread-count'] as const,
};

/** Locates a typed place (住所・郵便番号・区名) offline; disabled while the text is empty. */
export function useGeocode(q: string) {
  return useQuery({
    queryKey: directoryKeys.geocode(q),
    queryFn: () => directoryApi.geocode(q),
    enabled: q.trim() !== '',
    staleTime: Infinity,
  });
}

/** The four ward boundaries (GeoJSON): the map's background when there are no tiles. */
export function useWardBoundaries() {
  return useQuery({ queryKey: directoryKeys.boundaries, queryFn: directoryApi.boundaries, staleTime: Infinity });
}

/** The wards (区) for visitors without a session (GET public/areas). */
export function usePublicWards() {
  return useQuery({
    queryKey: directoryKeys.publicAreas,
    queryFn: directoryApi.publicAreas,
    staleTime: Infinity,
    select: (data) => data.items.filter((area) => area.kind === 'ward'),
  });
}

/** The professional search; runs when `query` is not null (a place is known). */
/** The professionals' search, a page at a time (「さらに表示」 asks for the next with the answer's `nextCursor`). */
export function useResourceSearch(query: ResourceSearchQuery | null) {
  return useInfiniteQuery({
    queryKey: directoryKeys.search(query ?? {}),
    queryFn: ({ pageParam }) => directoryApi.search({ ...(query ?? {}), cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    enabled: query !== null,
    placeholderData: keepPreviousData,
    // Availability changes during the day; a search result is only briefly reused.
    staleTime: 10_000,
  });
}

/** How many organisations each kind finds (the kind select marks those with none). */
export function useKindCounts() {
  return useQuery({
    queryKey: directoryKeys.kindCounts,
    queryFn: directoryApi.kindCounts,
    staleTime: 5 * 60_000,
    select: (data) => new Map(data.items.map((item) => [item.kind, item.count])),
  });
}

/** The citizens' search (no login, public fields only). */
export function usePublicResourceSearch(query: ResourceSearchQuery | null) {
  return useQuery({
    queryKey: directoryKeys.publicSearch(query ?? {}),
    queryFn: () => directoryApi.publicSearch(query ?? {}),
    enabled: query !== null,
    staleTime: 10_000,
  });
}

export function useStaleMembers(query: StaleQuery) {
  return useInfiniteQuery({
    queryKey: [...directoryKeys.stale, query],
    queryFn: ({ pageParam }) => directoryApi.stale({ ...query, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    // Members are updated from their edit pages in between; coming back must show the list as it is now.
    refetchOnMount: 'always',
  });
}

export function useNotifications(isUnreadOnly: boolean) {
  return useInfiniteQuery({
    queryKey: directoryKeys.notificationList(isUnreadOnly),
    queryFn: ({ pageParam }) =>
      directoryApi.notifications({ cursor: pageParam, limit: 30, ...(isUnreadOnly ? { unread: 'true' } : {}) }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** The unread count for the header's bell (one small request; the live stream keeps it current). */
export function useUnreadCount() {
  return useQuery({
    queryKey: directoryKeys.unreadCount,
    queryFn: async () => (await directoryApi.notifications({ limit: 1, unread: 'true' })).unreadCount,
    staleTime: 60_000,
  });
}

/**
 * After a page whose notices the server marks read when it is opened (a case, a referral) has loaded — `loadedAt`,
 * its query's dataUpdatedAt — the unread count and the notification list are read again.
 */
export function useNoticesSeenOn(loadedAt: number) {
  const client = useQueryClient();
  useEffect(() => {
    if (loadedAt === 0) return;
    void client.invalidateQueries({ queryKey: ['notifications'] });
  }, [client, loadedAt]);
}

function useSetUnreadCount() {
  const client = useQueryClient();
  return (unreadCount: number) => {
    client.setQueryData(directoryKeys.unreadCount, unreadCount);
    void client.invalidateQueries({ queryKey: ['notifications', 'list'] });
  };
}

export function useMarkNotificationRead() {
  const setUnreadCount = useSetUnreadCount();
  const client = useQueryClient();
  return useMutation({
    mutationFn: directoryApi.markNotificationRead,
    onMutate: (id) => {
      // The row turns 「既読」 at once; the list is refetched afterwards anyway.
      const now = new Date().toISOString();
      client.setQueriesData<InfiniteData<NotificationPage>>({ queryKey: ['notifications', 'list'] }, (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((page) => ({
                ...page,
                items: page.items.map((item) => (item.id === id && !item.readAt ? { ...item, readAt: now } : item)),
              })),
            }
          : data,
      );
    },
    onSuccess: (result) => setUnreadCount(result.unreadCount),
  });
}

export function useMarkAllNotificationsRead() {
  const setUnreadCount = useSetUnreadCount();
  return useMutation({
    mutationFn: directoryApi.markAllNotificationsRead,
    onSuccess: (result) => setUnreadCount(result.unreadCount),
  });
}

function isSignal(value: unknown): value is NotificationSignal {
  return typeof value === 'object' && value !== null && 'id' in value && 'title' in value;
}

/**
 * Listens to GET /api/v1/events while the signed-in shell is shown: `ready` carries the unread count, each
 * `notification` raises it and is handed to `onNotification`. EventSource reconnects by itself after a drop;
 * each reconnection's `ready` resets the count, so nothing is counted twice. `case_updated` (a case changed: its
 * id and what) goes to the open case pages (live.ts, useLiveCase). `session_ended` closes it and signs out.
 */
export function useNotificationStream(onNotification: (signal: NotificationSignal) => void) {
  const client = useQueryClient();
  const callback = useRef(onNotification);
  useEffect(() => {
    callback.current = onNotification;
  }, [onNotification]);

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/events', { withCredentials: true });
    let isReconnection = false;
    const onReady = (event: MessageEvent<string>) => {
      // Back after a drop: what changed meanwhile was not heard, so open case pages fetch again.
      if (isReconnection) publishCaseUpdated({ type: 'resumed' });
      isReconnection = true;
      try {
        const data = JSON.parse(event.data) as { unreadCount?: unknown };
        if (typeof data.unreadCount === 'number') client.setQueryData(directoryKeys.unreadCount, data.unreadCount);
      } catch {
        // A malformed event changes nothing; the count is fetched again on the next page load.
      }
    };
    const onSignal = (event: MessageEvent<string>) => {
      let signal: unknown;
      try {
        signal = JSON.parse(event.data);
      } catch {
        return;
      }
      if (!isSignal(signal)) return;
      client.setQueryData<number>(directoryKeys.unreadCount, (count) => (count ?? 0) + 1);
      void client.invalidateQueries({ queryKey: ['notifications', 'list'] });
      callback.current(signal);
    };
    const onCaseUpdated = (event: MessageEvent<string>) => {
      try {
        const data: unknown = JSON.parse(event.data);
        if (isCaseUpdatedEvent(data)) publishCaseUpdated(data);
      } catch {
        // A malformed event changes nothing; the case page's slow poll catches up.
      }
    };
    // Logged out elsewhere, disabled, password reset, expired: stop reconnecting and sign in again.
    const onSessionEnded = () => {
      source.close();
      reportSessionEnded();
    };
    source.addEventListener('ready', onReady);
    source.addEventListener('notification', onSignal);
    source.addEventListener('case_updated', onCaseUpdated);
    source.addEventListener('session_ended', onSessionEnded);
    return () => {
      source.removeEventListener('ready', onReady);
      source.removeEventListener('notification', onSignal);
      source.removeEventListener('case_updated', onCaseUpdated);
      source.removeEventListener('session_ended', onSessionEnded);
      source.close();
    };
  }, [client]);
}
