/**
 * The patient's home on the map (issue 5 item 1): 「住所から位置を確認」 asks the offline geocoder
 * (GET public/geocode) and shows where, how precisely (町名・大字・区・郵便番号) and in which ward; the user corrects
 * the point by clicking the map of the ward boundaries (Leaflet, no tiles needed) or by typing latitude and
 * longitude. Without a point the server geocodes the address itself and refuses a ward-only match.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useServerText } from '../../i18n/server-text';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useGeocode, useWardBoundaryShapes } from '../../api/cases';
import { isApiError } from '../../api/client';
import { usePublicConfig, useWards } from '../../api/queries';
import type { WardBoundaryCollection } from '../../api/case-types';
import { Badge } from '../Badge';
import { useBoundaryAttribution, wardLabel, type WardLabelProperties } from '../map/map-labels';
import { wardNameIn } from '../public/ward-names';
import { completedAddress } from './address-completion';

export type PickedLocation = {
  lat: number;
  lng: number;
  /** How the point was found: by the geocoder (with its precision) or placed by hand on the map. */
  source: 'geocoder' | 'map' | 'typed' | 'record';
  precision: string | null;
  areaCode: string | null;
  label: string | null;
  /** The address (trimmed) the point was found or placed for: a point found from an address belongs to it only. */
  address: string;
};

type Props = {
  address: string;
  value: PickedLocation | null;
  onChange: (location: PickedLocation | null) => void;
  /** The location found for the previous address, set aside when the address was edited (case-draft withAddress). */
  setAside?: PickedLocation | null;
  error?: string | undefined;
  /** The message the address field already shows: a failed lookup saying the same is not repeated here. */
  addressError?: string | undefined;
  /** Replaces the address by its completed form (the located point stays): address-completion.ts. */
  onCompleteAddress?: ((address: string) => void) | undefined;
};

const okayamaCenter: L.LatLngTuple = [34.69, 133.92];

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Which ward a point lies in, by the boundaries' polygons (ray casting). */
function wardOf(boundaries: WardBoundaryCollection | undefined, lat: number, lng: number): string | null {
  if (!boundaries) return null;
  const inside = (ring: number[][]) => {
    let isInside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi = 0, yi = 0] = ring[i] ?? [];
      const [xj = 0, yj = 0] = ring[j] ?? [];
      if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) isInside = !isInside;
    }
    return isInside;
  };
  for (const feature of boundaries.features) {
    const geometry = feature.geometry;
    const polygons =
      geometry.type === 'Polygon'
        ? [geometry.coordinates]
        : geometry.type === 'MultiPolygon'
          ? geometry.coordinates
          : [];
    if (polygons.some((polygon) => polygon[0] !== undefined && inside(polygon[0]))) return feature.properties.code;
  }
  return null;
}

function PickerMap({
  boundaries,
  value,
  onPick,
  label,
}: {
  boundaries: WardBoundaryCollection | undefined;
  value: PickedLocation | null;
  onPick: (lat: number, lng: number) => void;
  label: string;
}) {
  const { data: config } = usePublicConfig();
  // Ward names and the 出典 of the boundaries in the language shown (map-labels.ts).
  const { i18n } = useTranslation('public');
  const language = i18n.language;
  const attribution = useBoundaryAttribution(
    (boundaries?.features ?? []).map((feature) => feature.properties.attribution),
  );
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const marker = useRef<L.CircleMarker | null>(null);
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  });

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = L.map(element, { center: okayamaCenter, zoom: 10, minZoom: 8, maxZoom: 18, keyboard: true });
    instance.attributionControl.setPrefix('Leaflet');
    instance.on('click', (event: L.LeafletMouseEvent) => pick.current(event.latlng.lat, event.latlng.lng));
    map.current = instance;
    const observer = new ResizeObserver(() => instance.invalidateSize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.remove();
      map.current = null;
      marker.current = null;
    };
  }, []);

  const tileUrl = config?.mapTileUrl ?? null;
  useEffect(() => {
    const instance = map.current;
    if (!instance || !tileUrl) return;
    const tiles = L.tileLayer(tileUrl, { maxZoom: 18 }).addTo(instance);
    tiles.bringToBack();
    return () => {
      tiles.remove();
    };
  }, [tileUrl]);

  useEffect(() => {
    const instance = map.current;
    if (!instance || !boundaries) return;
    const layer = L.geoJSON(boundaries, {
      interactive: false,
      attribution: escapeHtml(attribution),
      style: () => ({ color: '#1d5c63', weight: 1.5, fillColor: '#1d5c63', fillOpacity: 0.05 }),
      onEachFeature: (feature, featureLayer) => {
        featureLayer.bindTooltip(escapeHtml(wardLabel(i18n, feature.properties as WardLabelProperties)), {
          permanent: true,
          direction: 'center',
          className: 'case-map-ward-label',
          interactive: false,
        });
      },
    }).addTo(instance);
    layer.bringToBack();
    if (!marker.current) instance.fitBounds(layer.getBounds(), { padding: [6, 6] });
    return () => {
      layer.remove();
    };
  }, [boundaries, i18n, language, attribution]);

  const lat = value?.lat;
  const lng = value?.lng;
  useEffect(() => {
    const instance = map.current;
    if (!instance) return;
    marker.current?.remove();
    marker.current = null;
    if (lat === undefined || lng === undefined) return;
    marker.current = L.circleMarker([lat, lng], {
      radius: 9,
      color: '#a61b1b',
      weight: 3,
      fillColor: '#ffffff',
      fillOpacity: 1,
      interactive: false,
    }).addTo(instance);
    instance.setView([lat, lng], Math.max(instance.getZoom(), 14));
  }, [lat, lng]);

  return <div ref={container} className="case-map" role="region" aria-label={label} />;
}

export function LocationPicker({
  address,
  value,
  onChange,
  setAside = null,
  error,
  addressError,
  onCompleteAddress,
}: Props) {
  const { t, i18n } = useTranslation('cases');
  const texts = useServerText();
  const geocode = useGeocode();
  const boundaries = useWardBoundaryShapes();
  const wards = useWards();
  const currentAddress = address.trim();
  // The answer of the geocoder arrives later: it must reach the form as it is then, not as it was when asked.
  const latest = useRef({ address: currentAddress, value, onChange });
  useEffect(() => {
    latest.current = { address: currentAddress, value, onChange };
  });

  /** The ward's name; 「岡山市外または不明」 for no code or a code that is no ward of the city; nothing while loading. */
  const wardName = (code: string | null): string | null => {
    if (!code) return t('location.outsideCity');
    if (!wards.data) return null;
    const found = wards.data.find((ward) => ward.code === code);
    return found ? wardNameIn(i18n, found) : t('location.outsideCity');
  };

  const locate = () => {
    const query = currentAddress;
    if (!query) return;
    geocode.mutate(query, {
      onSuccess: (place) => {
        // The address was edited while it was being located: this point belongs to the earlier text.
        if (latest.current.address !== query) return;
        latest.current.onChange({
          lat: place.lat,
          lng: place.lng,
          source: 'geocoder',
          precision: place.precision,
          areaCode: place.areaCode,
          label: place.label,
          address: query,
        });
      },
      onError: () => {
        // Not found: a point kept for another address (placed by hand before the address was edited) must not
        // be saved with this one. A point for this very address (placed on the map, the saved one) stays.
        const { value: current, address: now } = latest.current;
        if (now === query && current && current.address !== query) latest.current.onChange(null);
      },
    });
  };

  const place = (lat: number, lng: number, source: 'map' | 'typed') => {
    const rounded = { lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6 };
    onChange({
      ...rounded,
      source,
      precision: null,
      areaCode: wardOf(boundaries.data, lat, lng),
      label: null,
      address: currentAddress,
    });
  };

  const isCoarse = value?.source === 'geocoder' && (value.precision === 'ward' || value.precision === 'postal_code');
  // The warning of a failed lookup is about the address it was asked for; once the text changes it no longer applies.
  const hasLookupFailed = geocode.isError && geocode.variables === currentAddress;
  const lookupMessage =
    isApiError(geocode.error) && geocode.error.message ? texts.apiError(geocode.error) : t('location.notFound');
  const isPlacedBeforeAddressChange =
    (value?.source === 'map' || value?.source === 'typed') && value.address !== currentAddress;
  const ward = value ? wardName(value.areaCode) : null;
  const locatedWard = value?.areaCode ? wards.data?.find((candidate) => candidate.code === value.areaCode) : undefined;
  const completion =
    onCompleteAddress && locatedWard && value?.address === currentAddress
      ? completedAddress(currentAddress, locatedWard.fullName)
      : null;

  return (
    <fieldset className="location-picker" aria-describedby={error ? 'location-error' : undefined}>
      <legend>{t('location.legend')}</legend>
      <p className="field-hint">{t('location.hint')}</p>
      <div className="form-actions">
        <button
          type="button"
          className="button button-secondary"
          onClick={locate}
          disabled={!address.trim() || geocode.isPending}
        >
          {geocode.isPending ? t('location.locating') : t('location.locate')}
        </button>
        {value ? (
          <button type="button" className="button button-secondary" onClick={() => onChange(null)}>
            {t('location.clear')}
          </button>
        ) : null}
      </div>
      <div className="status-region" role="status">
        {hasLookupFailed ? (
          <p className="alert alert-warning">
            {lookupMessage === addressError ? t('location.notLocatedSeeAddress') : lookupMessage} {t('location.useMap')}
          </p>
        ) : null}
        {value ? (
          <div className="location-result">
            <p>
              <strong>{t(`location.source.${value.source}`)}</strong> {value.label ? <span>{value.label}</span> : null}{' '}
              {value.precision ? (
                <Badge tone={isCoarse ? 'warning' : 'ok'}>{t(`location.precision.${value.precision}`)}</Badge>
              ) : null}
            </p>
            <p className="small">
              {ward ? `${t('location.ward', { ward })} ・ ` : null}
              {t('location.coordinates', { latitude: value.lat.toFixed(5), longitude: value.lng.toFixed(5) })}
            </p>
            {isCoarse ? <p className="small">{t('location.coarse')}</p> : null}
            {completion ? (
              <p className="small address-completion">
                {t('location.completionHint')}{' '}
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={() => onCompleteAddress?.(completion)}
                >
                  {t('location.complete', { address: completion })}
                </button>
              </p>
            ) : null}
            {isPlacedBeforeAddressChange ? (
              <p className="small alert alert-warning">{t('location.placedBeforeAddressChange')}</p>
            ) : null}
          </div>
        ) : (
          <>
            {setAside ? (
              <p className="small alert alert-info">{t('location.setAside', { address: setAside.address })}</p>
            ) : null}
            <p className="small muted">{t('location.none')}</p>
          </>
        )}
      </div>
      {error ? (
        <p className="field-error" id="location-error">
          {error}
        </p>
      ) : null}
      <PickerMap
        boundaries={boundaries.data}
        value={value}
        onPick={(lat, lng) => place(lat, lng, 'map')}
        label={t('location.mapLabel')}
      />
      <p className="small muted">{t('location.mapHint')}</p>
      <details className="location-manual">
        <summary>{t('location.manual')}</summary>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="location-lat">{t('location.lat')}</label>
            <input
              id="location-lat"
              type="number"
              step="0.000001"
              min={34.4}
              max={35}
              value={value?.lat ?? ''}
              onChange={(event) => {
                const lat = Number(event.target.value);
                if (event.target.value !== '' && Number.isFinite(lat))
                  place(lat, value?.lng ?? okayamaCenter[1], 'typed');
              }}
            />
          </div>
          <div className="field">
            <label htmlFor="location-lng">{t('location.lng')}</label>
            <input
              id="location-lng"
              type="number"
              step="0.000001"
              min={133.6}
              max={134.3}
              value={value?.lng ?? ''}
              onChange={(event) => {
                const lng = Number(event.target.value);
                if (event.target.value !== '' && Number.isFinite(lng))
                  place(value?.lat ?? okayamaCenter[0], lng, 'typed');
              }}
            />
          </div>
        </div>
      </details>
    </fieldset>
  );
}
