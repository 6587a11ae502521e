/** Small GeoJSON helpers for the data build (planar maths on lng/lat; fine at city scale). */

import type { LatLng } from './address-geocoder.js';

export type Ring = number[][];
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Ring[];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Ring[][];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

function isRing(value: unknown): value is Ring {
  return (
    Array.isArray(value) &&
    value.length >= 4 &&
    value.every((p) => Array.isArray(p) && p.length >= 2 && p.every((n) => typeof n === 'number' && Number.isFinite(n)))
  );
}

function isPolygonRings(value: unknown): value is Ring[] {
  return Array.isArray(value) && value.every(isRing);
}

/** Validates an unknown value as a GeoJSON Polygon or MultiPolygon geometry. */
export function asAreaGeometry(value: unknown): AreaGeometry {
  if (typeof value !== 'object' || value === null) throw new Error('geometry: not an object');
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (type === 'Polygon' && Array.isArray(coordinates) && coordinates.every(isRing)) {
    return { type, coordinates };
  }
  if (type === 'MultiPolygon' && Array.isArray(coordinates) && coordinates.every(isPolygonRings)) {
    return { type, coordinates };
  }
  throw new Error(`geometry: unsupported type ${String(type)}`);
}

export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Same geometry with every coordinate rounded to 6 decimals (≈ 0.1 m). */
export function roundGeometry(geometry: AreaGeometry): AreaGeometry {
  const ring = (r: Ring): Ring => r.map((p) => p.map(round6));
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((polygon) => polygon.map(ring)) };
}

function polygons(geometry: AreaGeometry): Ring[][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Signed shoelace sums of one ring: [area, Σx·cross, Σy·cross]. */
function ringSums(ring: Ring): [number, number, number] {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i + 1 < ring.length; i += 1) {
    const [x0 = 0, y0 = 0] = ring[i] ?? [];
    const [x1 = 0, y1 = 0] = ring[i + 1] ?? [];
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  return [area / 2, cx / 6, cy / 6];
}

/**
 * Area-weighted centroid of one or more Polygon/MultiPolygon geometries (holes subtracted
 * whatever their winding). Returns null for degenerate input.
 */
export function areaCentroid(geometries: readonly AreaGeometry[]): LatLng | null {
  let totalArea = 0;
  let sumX = 0;
  let sumY = 0;
  for (const geometry of geometries) {
    for (const polygon of polygons(geometry)) {
      polygon.forEach((ring, index) => {
        const [area, cx, cy] = ringSums(ring);
        if (area === 0) return;
        // Exterior rings add, holes subtract: normalise the sign of each ring's contribution.
        const sign = (index === 0 ? 1 : -1) * Math.sign(area);
        totalArea += sign * area;
        sumX += sign * cx;
        sumY += sign * cy;
      });
    }
  }
  if (totalArea === 0) return null;
  return { lat: sumY / totalArea, lng: sumX / totalArea };
}

/** Ray-casting point-in-polygon test (holes respected). */
export function containsPoint(geometry: AreaGeometry, point: LatLng): boolean {
  const inRing = (ring: Ring): boolean => {
    let inside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
      const [xi = 0, yi = 0] = ring[i] ?? [];
      const [xj = 0, yj = 0] = ring[j] ?? [];
      if (yi > point.lat !== yj > point.lat && point.lng < ((xj - xi) * (point.lat - yi)) / (yj - yi) + xi) {
        inside = !inside;
      }
    }
    return inside;
  };
  return polygons(geometry).some(
    (polygon) => polygon[0] !== undefined && inRing(polygon[0]) && !polygon.slice(1).some(inRing),
  );
}

export type BoundingBox = { minLng: number; minLat: number; maxLng: number; maxLat: number };

/** The smallest lng/lat box around every ring of the geometry. */
export function boundingBox(geometry: AreaGeometry): BoundingBox {
  const box = { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity };
  for (const polygon of polygons(geometry)) {
    for (const ring of polygon) {
      for (const [lng = 0, lat = 0] of ring) {
        box.minLng = Math.min(box.minLng, lng);
        box.maxLng = Math.max(box.maxLng, lng);
        box.minLat = Math.min(box.minLat, lat);
        box.maxLat = Math.max(box.maxLat, lat);
      }
    }
  }
  return box;
}

export function isInBox(box: BoundingBox, point: LatLng): boolean {
  return point.lng >= box.minLng && point.lng <= box.maxLng && point.lat >= box.minLat && point.lat <= box.maxLat;
}

/**
 * Distance in kilometres from a point to the nearest edge of the geometry (0 inside it is not implied: use
 * containsPoint for that). Planar, with longitudes scaled by cos(latitude): fine for the few kilometres it is
 * used for.
 */
export function distanceToBoundaryKm(geometry: AreaGeometry, point: LatLng): number {
  const kmPerDegree = 111.195;
  const scale = Math.cos((point.lat * Math.PI) / 180);
  const x = (lng: number) => (lng - point.lng) * scale * kmPerDegree;
  const y = (lat: number) => (lat - point.lat) * kmPerDegree;
  let best = Infinity;
  for (const polygon of polygons(geometry)) {
    for (const ring of polygon) {
      for (let i = 0; i + 1 < ring.length; i += 1) {
        const [lng0 = 0, lat0 = 0] = ring[i] ?? [];
        const [lng1 = 0, lat1 = 0] = ring[i + 1] ?? [];
        const ax = x(lng0);
        const ay = y(lat0);
        const dx = x(lng1) - ax;
        const dy = y(lat1) - ay;
        const length2 = dx * dx + dy * dy;
        const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / length2));
        best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
      }
    }
  }
  return best;
}
