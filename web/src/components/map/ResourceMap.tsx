/**
 * The directory map, drawn from our own data so that it works offline: the ward boundaries (国土数値情報) with
 * their names, the search origin and radius, and one numbered marker per result whose shape and colour say its
 * 受入状況 (the legend, MapLegend, explains both). A tile layer is added only when the deployment configures one.
 * The map is a companion to the result list, which stays the primary content for keyboard and screen reader users.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './map.css';
import type { WardBoundaries, WardProperties } from '../../api/directory';
import type { AvailabilityStatus } from '../../codes';
import { markerSize, spreadOffsets } from './spread';
import { useBoundaryAttribution, wardLabel } from './map-labels';

export type MapMarkerStatus = AvailabilityStatus | 'unknown';

export type MapPoint = {
  id: string;
  /** The result's number in the list, printed inside the marker. */
  number: number;
  lat: number;
  lng: number;
  /** Shown as the marker's tooltip: 「1. ○○訪問看護ステーション（受入可）」. */
  title: string;
  status: MapMarkerStatus;
};

export type MapOrigin = { lat: number; lng: number; label: string };

type Props = {
  /** The map's accessible name (「検索結果の地図」). */
  label: string;
  boundaries: WardBoundaries | undefined;
  origin: MapOrigin | null;
  radiusKm: number | null;
  points: MapPoint[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** When set, the next click on the map picks a place instead of doing nothing. */
  onPick?: ((point: { lat: number; lng: number }) => void) | undefined;
  isPicking?: boolean;
  tileUrl: string | null;
  tileAttribution: string | null;
};

/** Okayama City as a whole, before the boundaries have arrived. */
const cityCenter: L.LatLngTuple = [34.72, 133.93];

/** The marker's HTML: a shape per status (circle, diamond, square, dashed circle) with the list number in it. */
export function markerHtml(number: number, status: MapMarkerStatus): string {
  return `<span class="resource-marker-shape resource-marker-${status}"><span class="resource-marker-number">${number}</span></span>`;
}

/** A z-index step larger than any latitude-based difference on screen, so that rank decides the stacking. */
function rankOffset(rank: number): number {
  return rank * 10_000;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

export function ResourceMap(props: Props) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const boundaryLayer = useRef<L.GeoJSON | null>(null);
  const searchLayer = useRef<L.LayerGroup | null>(null);
  const markers = useRef(new Map<string, L.Marker>());
  const hasFitted = useRef(false);
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  // The map itself: created once, removed when the page goes.
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = L.map(element, {
      center: cityCenter,
      zoom: 10,
      minZoom: 8,
      maxZoom: 18,
      zoomSnap: 0.5,
      attributionControl: true,
    });
    instance.attributionControl.setPrefix('Leaflet');
    // Ward names lie under the markers (Leaflet's tooltip pane would put them on top and hide results).
    const wardLabelPane = instance.createPane('wardLabels');
    wardLabelPane.style.zIndex = '450';
    wardLabelPane.style.pointerEvents = 'none';
    instance.on('click', (event: L.LeafletMouseEvent) => {
      const { onPick, isPicking } = latest.current;
      if (isPicking && onPick) onPick({ lat: event.latlng.lat, lng: event.latlng.lng });
    });
    searchLayer.current = L.layerGroup().addTo(instance);
    map.current = instance;
    // The list and the map share the width; when the layout changes Leaflet must measure again.
    const observer = new ResizeObserver(() => instance.invalidateSize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.remove();
      map.current = null;
      boundaryLayer.current = null;
      searchLayer.current = null;
      markers.current.clear();
      hasFitted.current = false;
    };
  }, []);

  // Optional background tiles (RENKEI_MAP_TILE_URL); without them the boundaries are the whole background.
  const { tileUrl, tileAttribution } = props;
  useEffect(() => {
    const instance = map.current;
    if (!instance || !tileUrl) return;
    const tiles = L.tileLayer(tileUrl, {
      maxZoom: 18,
      attribution: escapeHtml(tileAttribution ?? new URL(tileUrl.replace(/\{[a-z]\}/g, 'a')).hostname),
    }).addTo(instance);
    tiles.bringToBack();
    return () => {
      tiles.remove();
    };
  }, [tileUrl, tileAttribution]);

  // The wards: light fill, outline, name in the middle, 出典 in the attribution.
  const { boundaries } = props;
  const { i18n } = useTranslation('public');
  const language = i18n.language;
  // The 出典 in the licence's Japanese words; in English an English lead-in, the publisher and the official title.
  const attribution = useBoundaryAttribution(
    (boundaries?.features ?? []).map((feature) => feature.properties.attribution),
  );
  useEffect(() => {
    const instance = map.current;
    if (!instance || !boundaries) return;
    const layer = L.geoJSON(boundaries, {
      interactive: false,
      attribution: escapeHtml(attribution),
      style: () => ({
        className: 'ward-boundary',
        color: '#1d5c63',
        weight: 1.5,
        opacity: 0.9,
        fillColor: '#1d5c63',
        fillOpacity: 0.05,
      }),
      onEachFeature: (feature, featureLayer) => {
        const name = wardLabel(i18n, feature.properties as Partial<WardProperties>);
        featureLayer.bindTooltip(escapeHtml(name), {
          permanent: true,
          direction: 'center',
          // Below the ward's centre, so that a search from that centre (区で探す) keeps its marker in sight.
          offset: [0, 24],
          pane: 'wardLabels',
          className: 'ward-label',
          interactive: false,
        });
      },
    }).addTo(instance);
    layer.bringToBack();
    boundaryLayer.current = layer;
    if (!hasFitted.current && !latest.current.origin)
      instance.fitBounds(layer.getBounds(), { padding: [8, 8], animate: false });
    return () => {
      layer.remove();
      boundaryLayer.current = null;
    };
  }, [boundaries, i18n, language, attribution]);

  // The search: origin, radius and the numbered markers. Redrawn whenever the results change.
  const { origin, radiusKm, points, onSelect } = props;
  useEffect(() => {
    const instance = map.current;
    const group = searchLayer.current;
    if (!instance || !group) return;
    group.clearLayers();
    markers.current.clear();
    if (origin) {
      if (radiusKm) {
        L.circle([origin.lat, origin.lng], {
          radius: radiusKm * 1000,
          className: 'search-radius',
          interactive: false,
          color: '#0b5394',
          weight: 1.5,
          dashArray: '6 6',
          fillOpacity: 0.03,
        }).addTo(group);
      }
      L.marker([origin.lat, origin.lng], {
        icon: L.divIcon({
          className: 'origin-marker',
          html: '<span class="origin-marker-shape"></span>',
          iconSize: [26, 26],
          iconAnchor: [13, 13],
        }),
        keyboard: false,
        interactive: false,
        zIndexOffset: -100,
      })
        .bindTooltip(escapeHtml(origin.label), { direction: 'top', offset: [0, -12], className: 'origin-label' })
        .addTo(group);
    }
    const offsets = spreadOffsets(points);
    points.forEach((point, index) => {
      const [dx, dy] = offsets[index] ?? [0, 0];
      const marker = L.marker([point.lat, point.lng], {
        icon: L.divIcon({
          className: 'resource-marker',
          html: markerHtml(point.number, point.status),
          iconSize: [markerSize, markerSize],
          iconAnchor: [markerSize / 2 - dx, markerSize / 2 - dy],
        }),
        // The list offers the same choice by keyboard; 50 more tab stops on the map would only get in the way.
        keyboard: false,
        title: point.title,
        // Where markers overlap, the better-ranked (lower number) lies on top; hovering raises any of them.
        zIndexOffset: rankOffset(points.length - index),
        riseOnHover: true,
        riseOffset: rankOffset(points.length + 1),
      });
      marker.on('click', () => onSelect(point.id));
      marker.addTo(group);
      markers.current.set(point.id, marker);
    });
    // Show the whole search: the radius when there is one, otherwise (a ward) every result and the origin. Without
    // animation: Leaflet drops a zoom asked for while another zoom animation (e.g. the wards' fit) is running.
    if (origin && radiusKm) {
      instance.fitBounds(L.latLng(origin.lat, origin.lng).toBounds(radiusKm * 2000), {
        padding: [12, 12],
        animate: false,
      });
      hasFitted.current = true;
    } else if (origin) {
      const bounds = L.latLngBounds([
        [origin.lat, origin.lng],
        ...points.map((point): L.LatLngTuple => [point.lat, point.lng]),
      ]);
      instance.fitBounds(bounds.pad(0.05), { padding: [16, 16], maxZoom: 14, animate: false });
      hasFitted.current = true;
    }
  }, [origin, radiusKm, points, onSelect]);

  // The chosen result: its marker stands out and comes into view.
  const { selectedId } = props;
  useEffect(() => {
    const instance = map.current;
    if (!instance) return;
    // Map keeps insertion order: the list's order.
    let order = 0;
    for (const [id, marker] of markers.current) {
      const isSelected = id === selectedId;
      marker.getElement()?.classList.toggle('is-selected', isSelected);
      marker.setZIndexOffset(
        isSelected ? rankOffset(markers.current.size + 2) : rankOffset(markers.current.size - order),
      );
      order += 1;
      if (isSelected && !instance.getBounds().contains(marker.getLatLng())) instance.panTo(marker.getLatLng());
    }
  }, [selectedId, points]);

  const { isPicking, label } = props;
  // Leaflet adds its own classes to the container (leaflet-container …): a className that React
  // re-renders would drop them and the map's panes would escape the frame. Toggle ours instead.
  useEffect(() => {
    container.current?.classList.toggle('is-picking', isPicking === true);
  }, [isPicking]);
  return <div ref={container} className="resource-map" role="region" aria-label={label} />;
}
