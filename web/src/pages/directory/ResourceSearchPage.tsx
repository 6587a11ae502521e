/**
 * 資源検索 (/directory/search): filters, then the results as a numbered list beside a map drawn from our own data
 * (stacked on narrow screens). The place is located offline (GET public/geocode) or picked on the map; the list
 * is the primary content and everything on the map is also in it.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { usePublicConfig, useWards } from '../../api/queries';
import {
  useGeocode,
  useResourceSearch,
  useWardBoundaries,
  type GeocodePrecision,
  type SearchResult,
} from '../../api/directory';
import { usePageTitle } from '../../usePageTitle';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SourceLines } from '../../components/SourceLines';
import { LoadMore } from '../../components/LoadMore';
import { ResourceMap, type MapOrigin, type MapPoint } from '../../components/map/ResourceMap';
import { MapLegend } from '../../components/map/MapLegend';
import { SearchFilterForm } from '../../components/directory/SearchFilterForm';
import { ResultList, resultElementId } from '../../components/directory/ResultList';
import {
  filtersFromParams,
  paramsFromFilters,
  searchQueryFor,
  wardNamed,
  type SearchFilters,
} from '../../components/directory/search-filters';
import { publicDataSources } from '../../components/directory/sources';
import { placeErrorInLanguage } from '../public/search-error';
import '../../components/directory/directory.css';
import { useWardName } from '../../components/public/ward-names';

const noResults: SearchResult[] = [];
const pageSize = 50;
const precisions: readonly GeocodePrecision[] = ['machiaza', 'oaza', 'ward', 'postal_code'];
/** Okayama City as a whole (岡山市 typed alone is located at its centre, with precision `ward`). */
const cityAreaCode = '33100';

export function ResourceSearchPage() {
  const { t, i18n } = useTranslation('directory');
  const wardNameOf = useWardName();
  usePageTitle(t('search.title'));
  const [params, setParams] = useSearchParams();
  const wards = useWards();
  const parsed = useMemo(() => filtersFromParams(params), [params]);
  // A ward typed as the place (北区, 岡山市北区 — in a link too) searches the whole ward, as its button does; until the
  // wards are known nothing is searched, so that the search does not start around the ward's centre first.
  const isTypedPlace = !parsed.point && !parsed.areaCode && parsed.place.trim() !== '';
  const filters = useMemo(() => {
    const ward = isTypedPlace ? wardNamed(parsed.place, wards.data ?? []) : undefined;
    return ward ? { ...parsed, place: ward.fullName, areaCode: ward.code } : parsed;
  }, [parsed, isTypedPlace, wards.data]);
  const isWardListPending = isTypedPlace && wards.isPending;
  const config = usePublicConfig();
  const boundaries = useWardBoundaries();
  const geocode = useGeocode(filters.point || filters.areaCode || isWardListPending ? '' : filters.place);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [isPicking, setIsPicking] = useState(false);
  const draft = useRef<SearchFilters>(filters);
  const mapPanel = useRef<HTMLElement>(null);

  const point = filters.point ?? (geocode.data ? { lat: geocode.data.lat, lng: geocode.data.lng } : null);
  // A page at a time: the server says whether more follow (nextCursor), and 「さらに表示」 adds them in the same order.
  const query = isWardListPending ? null : searchQueryFor(filters, point, pageSize);
  const search = useResourceSearch(query);
  const firstPage = query ? search.data?.pages[0] : undefined;
  const items = useMemo(
    () => (query && search.data?.pages.flatMap((page) => page.items)) || noResults,
    [query, search.data],
  );
  const hasMore = Boolean(query) && search.hasNextPage;

  const searchOrigin = firstPage?.origin;
  const origin = useMemo<MapOrigin | null>(() => {
    if (filters.point) return { ...filters.point, label: t('search.pickedPoint') };
    if (filters.areaCode) {
      return searchOrigin ? { lat: searchOrigin.lat, lng: searchOrigin.lng, label: searchOrigin.label ?? '' } : null;
    }
    if (geocode.data) return { lat: geocode.data.lat, lng: geocode.data.lng, label: geocode.data.label };
    return null;
  }, [filters.point, filters.areaCode, searchOrigin, geocode.data, t]);

  const points = useMemo<MapPoint[]>(
    () =>
      items.map((item, index) => ({
        id: item.organization.id,
        number: index + 1,
        lat: item.organization.lat,
        lng: item.organization.lng,
        status: item.availability?.status ?? 'unknown',
        title: t('map.markerTitle', {
          number: index + 1,
          name: item.organization.name,
          // A consultation window (地域包括支援センター …) has no acceptance status: what it is instead.
          status: !item.admitsPatients
            ? t('badges.consultationWindow')
            : t(`status.${item.availability?.status ?? 'unknown'}`),
        }),
      })),
    [items, t],
  );

  const apply = (next: SearchFilters) => {
    setSelectedId(null);
    setIsPicking(false);
    setParams(paramsFromFilters(next));
  };

  const onDraftChange = useCallback((next: SearchFilters) => {
    draft.current = next;
  }, []);

  const onPick = useCallback(
    (picked: { lat: number; lng: number }) => {
      setIsPicking(false);
      setSelectedId(null);
      setParams(paramsFromFilters({ ...draft.current, place: '', point: picked }));
    },
    [setParams],
  );

  // A marker was clicked: the result is highlighted in the list and brought into view there.
  const selectFromMap = useCallback((id: string) => {
    setSelectedId(id);
    document.getElementById(resultElementId(id))?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, []);

  // 「地図で見る」 in the list: the marker is highlighted; on a phone the map (above the list) scrolls into view.
  const selectFromList = (id: string) => {
    setSelectedId(id);
    mapPanel.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  };

  const found = geocode.data ? precisions.find((code) => code === geocode.data.precision) : undefined;
  // The city named alone (岡山市) is placed at its centre where people live, not a ward's.
  const precision = found === 'ward' && geocode.data?.areaCode === cityAreaCode ? 'city' : found;
  const searchedWard = wards.data?.find((ward) => ward.code === filters.areaCode);
  const wardName = searchedWard ? wardNameOf(searchedWard, 'fullName') : filters.place;
  const originText = filters.point
    ? t('search.origin', {
        place: t('search.originPicked', {
          // Not `lat`/`lng`: i18next reads an option named `lng` as the language to say it in.
          latitude: filters.point.lat.toFixed(4),
          longitude: filters.point.lng.toFixed(4),
        }),
        km: filters.radiusKm,
      })
    : filters.areaCode
      ? t('search.originWard', { ward: wardName })
      : geocode.data
        ? t('search.origin', {
            place: `${geocode.data.label}${precision ? t(`search.precision.${precision}`) : ''}`,
            km: filters.radiusKm,
          })
        : null;
  // A typed address whose town was not found is located at its ward's centre: say so, it may be kilometres away.
  const isWardOnly = !filters.point && !filters.areaCode && geocode.data?.precision === 'ward';
  const isLocating = !filters.point && !filters.areaCode && filters.place !== '' && geocode.isPending;
  const hasNoPlace = !filters.point && !filters.areaCode && filters.place === '';
  const hasDemoValues = items.some((item) => item.isDemoProfile || (item.isDemoAvailability && item.admitsPatients));
  // Only consultation windows (地域包括支援センター …): no acceptance status ranks them, nearest first.
  const isWindowsOnly = items.length > 0 && items.every((item) => !item.admitsPatients);
  const countKey = isWindowsOnly
    ? hasMore
      ? 'search.countMoreNearest'
      : 'search.countNearest'
    : hasMore
      ? 'search.countMore'
      : 'search.count';
  // An empty answer because nobody is registered under the kind chosen at all (訪問歯科 …): say so, not "widen".
  const unregisteredKinds = firstPage?.unregisteredKinds ?? [];
  const unregisteredKindNames = unregisteredKinds
    .map((kind) => t(`search.kindOption.${kind}`, { defaultValue: t(`codes.kind.${kind}`) }))
    .join(t('common.listSeparator'));
  // 訪問リハビリテーション finds the organisations that do rehabilitation: mark it on their cards.
  const wantedProcedures =
    filters.kind === 'visiting_rehab' && !filters.procedures.includes('rehabilitation')
      ? [...filters.procedures, 'rehabilitation' as const]
      : filters.procedures;
  // A place that could not be located is explained by the server in Japanese; other languages use their own words.
  // A point picked on the map outside the city is refused too (location_outside_city): name the point, not the
  // (empty) typed place.
  const placeText = filters.point
    ? t('search.originPicked', {
        // Not `lat`/`lng`: i18next reads an option named `lng` as the language to say it in.
        latitude: filters.point.lat.toFixed(4),
        longitude: filters.point.lng.toFixed(4),
      })
    : filters.place;
  const placeError = placeErrorInLanguage(geocode.error ?? search.error, i18n.language, (kind) =>
    kind === 'outsideCity'
      ? t('search.errors.outsideCity', { place: placeText })
      : t('search.errors.notFound', { place: placeText }),
  );

  return (
    <>
      <h1>{t('search.title')}</h1>
      <p className="lead">{t('search.lead')}</p>
      <SearchFilterForm
        key={params.toString()}
        initial={filters}
        wards={wards.data ?? []}
        onSearch={apply}
        onDraftChange={onDraftChange}
        isPicking={isPicking}
        onTogglePicking={() => setIsPicking((value) => !value)}
      />

      <div className="directory-results">
        <section className="directory-list" aria-labelledby="results-heading">
          <h2 id="results-heading">{t('search.resultsTitle')}</h2>
          {originText ? <p className="search-origin">{originText}</p> : null}
          {isWardOnly && geocode.data ? (
            <p className="alert alert-info">
              {t('search.wardOnly', { place: filters.place, ward: geocode.data.label })}
            </p>
          ) : null}
          <ErrorAlert error={placeError} />
          <div className="status-region" role="status">
            {hasNoPlace ? <p>{t('search.noPlace')}</p> : null}
            {isLocating ? <p>{t('search.locating')}</p> : null}
            {query && (search.isPending || search.isPlaceholderData) ? <p>{t('search.searching')}</p> : null}
            {query && search.isSuccess && !search.isPlaceholderData ? (
              <p className="result-count">
                {items.length === 0
                  ? unregisteredKinds.length > 0
                    ? t('search.kindNotRegistered', { kinds: unregisteredKindNames })
                    : t(filters.areaCode ? 'search.noResultsInWard' : 'search.noResults')
                  : t(countKey, {
                      count: items.length,
                      days: firstPage?.staleAfterDays,
                    })}
                {/* The English texts begin with their own space; Japanese needs none before （. */}
                {hasMore ? t(filters.areaCode ? 'search.limitedInWard' : 'search.limited') : null}
              </p>
            ) : null}
          </div>
          {items.length > 0 ? (
            <ResultList
              items={items}
              selectedId={selectedId}
              onSelect={selectFromList}
              wanted={{ groups: filters.groups, procedures: wantedProcedures }}
              isOutdated={search.isPlaceholderData}
            />
          ) : null}
          {items.length > 0 ? (
            <LoadMore
              hasNextPage={hasMore}
              isFetchingNextPage={search.isFetchingNextPage}
              onLoadMore={() => void search.fetchNextPage()}
            />
          ) : null}
          {hasDemoValues ? <p className="small muted">{t('search.demoNote')}</p> : null}
        </section>

        <section className="directory-map-panel" aria-labelledby="map-heading" ref={mapPanel}>
          <h2 id="map-heading" className="visually-hidden">
            {t('map.title')}
          </h2>
          <div className="status-region" role="status">
            {isPicking ? <p className="alert alert-info picking-notice">{t('map.pickNotice')}</p> : null}
          </div>
          <div className="map-frame">
            <ResourceMap
              label={t('map.label')}
              boundaries={boundaries.data}
              origin={origin}
              radiusKm={origin && !(filters.areaCode && !filters.point) ? filters.radiusKm : null}
              points={points}
              selectedId={selectedId}
              onSelect={selectFromMap}
              onPick={onPick}
              isPicking={isPicking}
              tileUrl={config.data?.mapTileUrl ?? null}
              tileAttribution={null}
            />
          </div>
          <MapLegend
            title={t('map.legend')}
            statuses={(['accepting', 'limited', 'full', 'unknown'] as const).map((status) => ({
              status,
              label: t(`map.legendStatus.${status}`),
            }))}
            originLabel={t('map.legendOrigin')}
            radiusLabel={
              origin && !(filters.areaCode && !filters.point) ? t('map.legendRadius', { km: filters.radiusKm }) : null
            }
          />
          <ErrorAlert error={boundaries.error} />
        </section>
      </div>

      <SourceLines sources={publicDataSources(config.data?.sources ?? [])} />
    </>
  );
}
